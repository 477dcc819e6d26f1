/* procedure.h — the procedure catalogue (TTHC / DVC), dossiers.md.
 * Loaded by code or id into an arena; the e-form and workflow are JSON
 * documents interpreted by eform.h and workflow.h.
 *
 * JSON format (import, export, HTTP bodies). A file is either a list of
 * procedure objects or {"format": "motcua-procedures/1", "procedures": [...]}.
 * One procedure:
 *   {"code": "1.001193",                      national code: 1–64 of A–Z a–z 0–9 . _ -
 *    "name": "Thủ tục đăng ký khai sinh",     1–500 characters
 *    "field_code": "ho_tich", "field_name": "Hộ tịch",       lĩnh vực
 *    "level": "commune",                      province | department | district | commune
 *    "unit_kinds": ["commune"],               kinds of the units that handle it (unit.h)
 *    "time_amount": 1, "time_unit": "working_days",
 *                                             working_days | working_hours | days | same_day;
 *                                             same_day needs no amount (stored as 1)
 *    "rule_1500": false,                      after 15:00 counts from the next working day
 *    "online_level": "full",                  full (toàn trình) | partial (một phần) | none
 *    "full_eligible": true,                   default: online_level == full (which requires it)
 *    "result_type": "both",                   paper | electronic | both
 *    "citizen_kind": "citizen",               citizen | business | both
 *    "decided_on": "2024-03-01",              announcement decision (YYYY-MM-DD or null)
 *    "effective_on": "2024-03-15",            legal basis takes effect
 *    "published_on": "2024-03-05",            published in the national database (≥ decided_on)
 *    "payment_integrated": true,              fees payable online (default false)
 *    "active": true,                          default true
 *    "fees": [{"code": "le_phi", "name": "Lệ phí đăng ký khai sinh", "amount": 8000,
 *              "kind": "le_phi"}],            kind: phi | le_phi; amount in VND, ≥ 0
 *    "components": [{"code": "to_khai", "name": "Tờ khai đăng ký khai sinh",
 *                    "required": true, "from_store": false}],   required defaults to true
 *    "eform": {"fields": [...]},              eform.h, or null
 *    "workflow": {"steps": [...]}}            workflow.h, or null (the default workflow)
 * Unknown members are refused; "id", "time_label", "created_at" and "updated_at"
 * (added on output) are ignored, so what GET returns can be PUT back.
 *
 * CSV format (UTF-8, RFC 4180, optional BOM, header line required, columns in
 * any order): the same members as columns, empty cell = absent:
 *   code,name,field_code,field_name,level,unit_kinds,time_amount,time_unit,rule_1500,
 *   online_level,full_eligible,result_type,citizen_kind,decided_on,effective_on,
 *   published_on,payment_integrated,active,fees,components,eform,workflow
 * unit_kinds: "commune,district". Booleans: true/false, 1/0, yes/no.
 * fees: "code:name:amount:kind|code:name:amount:kind" (kind phi | le_phi);
 * components: "code:name:required:from_store|…" (booleans as above);
 * inside these two, "\:" "\|" "\\" stand for a literal ':' '|' '\'.
 * eform, workflow: the JSON document as text.
 *
 * Import is all or nothing (one transaction; inside the caller's transaction
 * when one is open), idempotent by code (an existing code is updated; codes
 * not in the file are left as they are). Errors name the item (1-based) or
 * CSV line and the field: `item 17 (1.001234): time_unit "weeks" is not one
 * of working_days, working_hours, days, same_day`; err->detail has "item" or
 * "line" and "procedure". Export writes every procedure (active or not) in a
 * form that imports back to the same data. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/calendar.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct mc_fee {
  const char *code, *name;
  int64_t amount;          /* VND */
  int kind;                /* 1 = phí, 2 = lệ phí */
} mc_fee;

typedef struct mc_component {
  const char *code, *name;
  bool required;
  bool from_store;         /* may be taken from the citizen's document store */
} mc_component;

typedef struct mc_procedure {
  int64_t id;
  const char *code;        /* national code, e.g. "1.001234" */
  const char *name;
  const char *field_code, *field_name;   /* lĩnh vực */
  const char *level;       /* "province" | "district" | "commune" | "department" … (handling level) */
  const char *unit_kinds;  /* comma-separated unit kinds that handle it: "commune,district" */
  int64_t time_amount;
  mc_time_unit time_unit;
  bool rule_1500;          /* received after 15:00 counts from the next working day */
  const char *online_level;  /* "full" (toàn trình) | "partial" (một phần) | "none" */
  bool full_eligible;      /* eligible for toàn trình */
  const char *result_type; /* "paper" | "electronic" | "both" */
  const char *citizen_kind;  /* "citizen" | "business" | "both" */
  int32_t decided_on, effective_on, published_on;  /* day numbers; 0 = unknown */
  bool payment_integrated;   /* fees payable online (766 indicator 4.1) */
  bool active;
  mc_fee *fees; int nfees;
  mc_component *components; int ncomponents;
  json_t *eform;           /* see eform.h; owned by the arena */
  json_t *workflow;        /* see workflow.h; owned by the arena */
} mc_procedure;

/* Limits on catalogue input. */
enum {
  MC_PROC_CODE_MAX = 64, MC_PROC_NAME_MAX = 500,
  MC_FIELD_CODE_MAX = 40, MC_FIELD_NAME_MAX = 200,
  MC_PROC_FEES_MAX = 20, MC_PROC_COMPONENTS_MAX = 60, MC_PROC_LINE_NAME_MAX = 500,
  MC_PROC_DOC_MAX = 256 * 1024,                  /* e-form / workflow JSON text */
  MC_PROC_IMPORT_MAX = 32 * 1024 * 1024,         /* bytes of one import */
  MC_PROC_IMPORT_ITEMS_MAX = 10000,
  MC_PROC_QUERY_MAX = 200,                       /* characters of a search text */
  MC_PROC_PAGE_MAX = 200,
};

#define MC_PROC_FEE_MAX INT64_C(10000000000)      /* VND, per fee line */

mc_rc mc_procedure_get(mc_db *db, mc_arena *a, const char *code, mc_procedure **out, mc_err *err);
mc_rc mc_procedure_get_id(mc_db *db, mc_arena *a, int64_t id, mc_procedure **out, mc_err *err);

/* Import (all or none; errors name the line or item) and export, "csv" or "json". */
mc_rc mc_procedures_import(mc_db *db, const char *format, const char *text, size_t len,
                           int *count, mc_err *err);
mc_rc mc_procedures_export(mc_db *db, const char *format, mc_buf *out, mc_err *err);

/* Check one procedure document (the JSON format above) and build *out in the
 * arena (strings point into doc, which must outlive *out). Errors name the
 * field ("fees[2].amount") in err->field and start the message with it. */
mc_rc mc_procedure_from_json(mc_arena *a, const json_t *doc, mc_procedure **out, mc_err *err);
/* The JSON format of p; full adds fees, components, eform and workflow.
 * Output also has "id" and "time_label" (Vietnamese, e.g. "5 ngày làm việc"). */
json_t *mc_procedure_to_json(const mc_procedure *p, bool full);
/* "5 ngày làm việc", "Trong ngày", "8 giờ làm việc", "30 ngày" (arena). */
const char *mc_procedure_time_label(mc_arena *a, const mc_procedure *p);

/* Create (procedure.exists if the code is taken) or update (procedure.not_found
 * if `code` is unknown; the document's code, if given, must equal `code`) one
 * procedure from its JSON document, with the same checks as the import. */
typedef enum mc_save_mode { MC_SAVE_CREATE, MC_SAVE_UPDATE } mc_save_mode;
mc_rc mc_procedure_save(mc_db *db, const json_t *doc, mc_save_mode mode, const char *code,
                        int64_t *id, mc_err *err);

/* Search. q is folded (util/fold.h: case, diacritics and đ ignored) and
 * matched against the code and the name: a code or name starting with q
 * ranks first, then q at the start of a word, then q anywhere, then names
 * holding every word of q in any order. Without q: by name. Items carry the
 * summary members (no fees, components, e-form or workflow). */
typedef struct mc_procedure_filter {
  const char *q;             /* NULL/"" = everything */
  const char *field_code;    /* NULL = any */
  const char *unit_kind;     /* NULL = any; else one of unit.h's kinds */
  const char *online;        /* NULL = any; full | partial | none | online (= full or partial) */
  bool include_inactive;
  int64_t limit, offset;     /* limit 1…MC_PROC_PAGE_MAX */
} mc_procedure_filter;

typedef struct mc_procedure_page {
  mc_procedure *items;
  int n;
  int64_t total;             /* matches over all pages */
} mc_procedure_page;

mc_rc mc_procedures_search(mc_db *db, mc_arena *a, const mc_procedure_filter *f,
                           mc_procedure_page *out, mc_err *err);

/* Lĩnh vực with the number of active procedures and of those offered online. */
typedef struct mc_field_info {
  const char *code, *name;
  int64_t procedures, online;
} mc_field_info;
mc_rc mc_fields_list(mc_db *db, mc_arena *a, mc_field_info **out, int *n, mc_err *err);
