/* unit.h — administrative units: a tree with history (dossiers.md). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct mc_unit {
  int64_t id;
  const char *code, *name, *kind;     /* kind: province | department | district | commune | other */
  int64_t parent_id;                  /* 0 = root */
  int32_t valid_from, valid_to;       /* day numbers; 0 = open */
} mc_unit;

mc_rc mc_unit_get(mc_db *db, mc_arena *a, const char *code, mc_unit **out, mc_err *err);
mc_rc mc_unit_get_id(mc_db *db, mc_arena *a, int64_t id, mc_unit **out, mc_err *err);
/* Is unit `inner` equal to or below `outer` in the tree? */
mc_rc mc_unit_within(mc_db *db, int64_t inner, int64_t outer, bool *yes, mc_err *err);

/* Import (all rows or none; errors name the line) and export, "csv" or "json". */
mc_rc mc_units_import(mc_db *db, const char *format, const char *text, size_t len, int *count, mc_err *err);
mc_rc mc_units_export(mc_db *db, const char *format, mc_buf *out, mc_err *err);
