/* unit.h — administrative units: a tree with history (dossiers.md).
 *
 * A unit has a code (unique, 1–64 of A–Z a–z 0–9 . _ -), a name, a kind
 * (province | department | district | commune | other), a parent, a validity
 * [valid_from, valid_to) (either end open) and, when it was merged or split,
 * successor units (many-to-many; the link takes effect on the predecessor's
 * valid_to). A child's validity lies within its parent's. Historical records
 * keep the unit they were handled by; successors say where its work went.
 *
 * CSV format (UTF-8, RFC 4180, optional BOM; a header line names the columns,
 * in any order; lines starting with '#' are comments; empty cell = absent):
 *   code,name,kind,parent_code,valid_from,valid_to,successor_codes
 *   BDG,Tỉnh Bình Dương,province,,,2025-07-01,HCM
 *   BDG.TDM,Thành phố Thủ Dầu Một,district,BDG,,2025-07-01,HCM.THUDAUMOT|HCM.PHULOI
 * code, name and kind are required; dates are YYYY-MM-DD; successor codes are
 * separated by '|'. A unit with successors needs valid_to (the day they took
 * over), and each successor must be valid on that day.
 * JSON format: an array of objects with the same members (successor_codes is
 * an array of strings; null = absent):
 *   [{"code":"BDG.TDM","name":"Thành phố Thủ Dầu Một","kind":"district",
 *     "parent_code":"BDG","valid_from":null,"valid_to":"2025-07-01",
 *     "successor_codes":["HCM.THUDAUMOT","HCM.PHULOI"]}]
 *
 * Import is all or nothing: every row is checked before anything is written
 * (one transaction; inside the caller's when one is open). Parents and
 * successors may be defined later in the same file or already be stored.
 * Rows are matched by code: an existing code is updated (only when something
 * changed), new codes are inserted, stored units not in the file are left as
 * they are; re-importing a file changes nothing. A row's successor list
 * replaces the stored one. Errors name where they are, with detail members
 * "line"/"item" and "column":
 *   line 12, column "parent_code": parent "X" is unknown
 * Codes: unit.bad_code, unit.bad_name, unit.bad_kind, unit.bad_date,
 * unit.bad_validity, unit.duplicate_code, unit.unknown_parent, unit.cycle,
 * unit.outside_parent, unit.unknown_successor, unit.bad_successor,
 * unit.too_many, unit.bad_format (plus csv.* and json.* from the readers).
 * Export writes every unit (oldest id first, successors sorted by code) in a
 * form that imports back to the same data.
 *
 * The tree is also stored as its transitive closure, table unit_closure
 * (ancestor_id, descendant_id, depth; each unit is its own ancestor at depth
 * 0), kept in step by every write here: SQL elsewhere may join it to select a
 * subtree ("dossiers of units within my unit").                            */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

enum {
  MC_UNIT_CODE_MAX = 64,                  /* bytes */
  MC_UNIT_NAME_MAX = 200,                 /* characters */
  MC_UNIT_SUCCESSORS_MAX = 64,            /* successors of one unit */
  MC_UNITS_IMPORT_MAX = 16 * 1024 * 1024, /* bytes of one import text */
  MC_UNITS_ROWS_MAX = 100000,             /* rows of one import, and units in a database */
  MC_UNITS_PAGE_MAX = 500,                /* items of one list page */
  MC_UNIT_QUERY_MAX = 100,                /* characters of a name search */
};

/* "Any date" for the at-filters below. */
#define MC_UNIT_ANY_DAY INT32_MIN

typedef struct mc_unit {
  int64_t id;
  const char *code, *name, *kind;     /* kind: province | department | district | commune | other */
  int64_t parent_id;                  /* 0 = root */
  int32_t valid_from, valid_to;       /* day numbers; 0 = open */
} mc_unit;

mc_rc mc_unit_get(mc_db *db, mc_arena *a, const char *code, mc_unit **out, mc_err *err);
mc_rc mc_unit_get_id(mc_db *db, mc_arena *a, int64_t id, mc_unit **out, mc_err *err);
/* Is unit `inner` equal to or below `outer` in the tree? (One index probe of
 * unit_closure; unknown ids are simply not within anything.) The tree is the
 * parent relation only: successors do not make a unit "within" another. */
mc_rc mc_unit_within(mc_db *db, int64_t inner, int64_t outer, bool *yes, mc_err *err);
/* Is the unit valid on day (a day number)? */
bool mc_unit_valid_on(const mc_unit *u, int32_t day);

/* Import (all rows or none; errors name the line) and export, "csv" or "json". */
mc_rc mc_units_import(mc_db *db, const char *format, const char *text, size_t len, int *count, mc_err *err);
mc_rc mc_units_export(mc_db *db, const char *format, mc_buf *out, mc_err *err);

/* One unit as written by a person: an import row or an API body. Strings are
 * as given (NULL or "" = absent); item is the CSV line or JSON item number
 * used in messages (0 = a single API body: messages name only the field). */
typedef struct mc_unit_in {
  const char *code, *name, *kind, *parent_code, *valid_from, *valid_to;
  const char **successors;
  int nsuccessors;
  int item;
  bool json;           /* messages say "item N, field" instead of "line N, column" */
} mc_unit_in;

/* Read one unit object (the JSON format above; unknown members refused). */
mc_rc mc_unit_from_json(const json_t *obj, mc_arena *a, int item, mc_unit_in *out, mc_err *err);
/* Create one unit (MC_ECONFLICT unit.exists when the code is taken) or replace
 * one (MC_ENOTFOUND unit.not_found; in->code, when set, must equal code),
 * with the same checks as import. */
mc_rc mc_unit_create(mc_db *db, const mc_unit_in *in, mc_err *err);
mc_rc mc_unit_update(mc_db *db, const char *code, const mc_unit_in *in, mc_err *err);

/* Reading for the API and the front end. Dates in the JSON are "YYYY-MM-DD" or null. */
typedef struct mc_unit_query {
  const char *q;            /* diacritic-insensitive name search, or NULL */
  const char *kind;         /* or NULL */
  const char *parent_code;  /* direct children of this unit, or NULL */
  int32_t at;               /* valid on this day, or MC_UNIT_ANY_DAY */
  int64_t limit, offset;
} mc_unit_query;

/* Items: {code, name, kind, parent_code, valid_from, valid_to}, provinces
 * first, then departments, districts, communes, others, each by name. */
mc_rc mc_units_list(mc_db *db, mc_arena *a, const mc_unit_query *q, json_t **items,
                    int64_t *total, mc_err *err);
/* {code, name, kind, valid_from, valid_to, parent: {code, name, kind} | null,
 *  children_count (all dates), predecessors: [{code, name, kind, effective}],
 *  successors: [...]} */
mc_rc mc_unit_describe(mc_db *db, const char *code, json_t **out, mc_err *err);
/* The roots valid on `at` (or the subtree of root_code), nested:
 * [{code, name, kind, valid_from, valid_to, children: [...]}]. */
mc_rc mc_units_tree(mc_db *db, mc_arena *a, int32_t at, const char *root_code, json_t **out,
                    mc_err *err);
