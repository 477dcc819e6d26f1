/* unit_export.c — units out (CSV, JSON export) and one unit in from JSON
 * (the import items and the API bodies share mc_unit_from_json). */
#include "core/unit.h"
#include "core/unit_int.h"
#include "util/csv.h"
#include "util/json.h"
#include "util/str.h"
#include <stdlib.h>
#include <string.h>

static mc_rc oom(mc_err *err) { return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }

static const char *const fields[] = {"code", "name", "kind", "parent_code", "valid_from", "valid_to",
                                     "successor_codes", NULL};

mc_rc mc_unit_from_json(const json_t *obj, mc_arena *a, int item, mc_unit_in *out, mc_err *err) {
  memset(out, 0, sizeof *out);
  out->item = item;
  out->json = true;
  if (!json_is_object(obj))
    return mc_unit_row_fail(err, out, MC_EINVAL, "json.wrong_type", NULL, "a unit must be a JSON object");
  mc_err e = {0};
  mc_rc rc;
  const char **str[6] = {&out->code, &out->name, &out->kind, &out->parent_code, &out->valid_from,
                         &out->valid_to};
  static const size_t maxlen[6] = {MC_UNIT_CODE_MAX + 1, MC_UNIT_NAME_MAX + 1, 40, MC_UNIT_CODE_MAX + 1, 40, 40};
  if ((rc = mc_json_only(obj, fields, NULL, &e))) goto wrap;
  for (int i = 0; i < 6; i++)
    if ((rc = mc_json_str(obj, fields[i], false, maxlen[i], str[i], NULL, &e))) goto wrap;
  json_t *succ = NULL;
  if ((rc = mc_json_arr(obj, "successor_codes", false, MC_UNIT_SUCCESSORS_MAX, &succ, NULL, &e))) goto wrap;
  if (succ && json_array_size(succ)) {
    out->nsuccessors = (int)json_array_size(succ);
    out->successors = mc_arena_alloc(a, sizeof *out->successors * (size_t)out->nsuccessors);
    if (!out->successors) return oom(err);
    for (int i = 0; i < out->nsuccessors; i++) {
      json_t *s = json_array_get(succ, (size_t)i);
      if (!json_is_string(s))
        return mc_unit_row_fail(err, out, MC_EINVAL, "json.wrong_type", "successor_codes",
                                "successor_codes must be an array of unit codes");
      out->successors[i] = json_string_value(s);
    }
  }
  return MC_OK;
wrap:
  rc = mc_unit_row_fail(err, out, rc, e.code, e.field[0] ? e.field : NULL, "%s", e.message);
  mc_err_clear(&e);
  return rc;
}

/* Successor codes of every unit, in the order of units.load_successors. */
typedef struct link { int64_t unit; const char *code; } link;

static mc_rc load_links(mc_db *db, mc_arena *a, link **out, size_t *n, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "units.load_successors", err, NULL);
  if (!st) return err ? err->rc : MC_EDB;
  size_t cap = 64, k = 0;
  link *v = mc_arena_alloc(a, sizeof *v * cap);
  int r;
  while (v && (r = mc_stmt_next(st, err)) > 0) {
    if (k == cap) {
      link *w = mc_arena_alloc(a, sizeof *v * cap * 2);
      if (w) memcpy(w, v, sizeof *v * k);
      v = w;
      cap *= 2;
      if (!v) break;
    }
    v[k].unit = mc_col_i64(st, 0);
    v[k].code = mc_arena_strdup(a, mc_col_text(st, 1));
    if (!v[k++].code) { v = NULL; break; }
  }
  if (!v) { while (mc_stmt_next(st, err) > 0) {} return oom(err); }
  if (r < 0) return err ? err->rc : MC_EDB;
  *out = v;
  *n = k;
  return MC_OK;
}

mc_rc mc_units_export(mc_db *db, const char *format, mc_buf *out, mc_err *err) {
  bool csv = mc_str_eq(format, "csv"), json = mc_str_eq(format, "json");
  if (!csv && !json)
    return mc_fail(err, MC_EINVAL, "unit.bad_format", "format", "Unknown format \"%s\" (csv or json).",
                   format ? format : "");
  mc_arena *a = mc_arena_new(0);
  if (!a) return oom(err);
  link *links = NULL;
  size_t nlinks = 0, li = 0;
  mc_rc rc = load_links(db, a, &links, &nlinks, err);
  mc_stmt *st = rc ? NULL : mc_db_prep(db, "units.export", err, NULL);
  if (!rc && !st) rc = err ? err->rc : MC_EDB;
  json_t *arr = json ? json_array() : NULL;
  mc_buf succ;
  mc_buf_init(&succ, 0);
  if (!rc && csv) rc = mc_csv_write_row(out, fields, 7);
  int r = 0;
  while (!rc && (r = mc_stmt_next(st, err)) > 0) {
    int64_t id = mc_col_i64(st, 0);
    while (li < nlinks && links[li].unit < id) li++;
    json_t *codes = json ? json_array() : NULL;
    succ.len = 0;
    if (succ.data) succ.data[0] = 0;
    for (; li < nlinks && links[li].unit == id && !rc; li++) {
      if (codes) json_array_append_new(codes, json_string(links[li].code));
      else rc = mc_buf_printf(&succ, "%s%s", succ.len ? "|" : "", links[li].code);
    }
    const char *col[7];
    for (int i = 0; i < 6; i++) col[i] = mc_col_null(st, i + 1) ? NULL : mc_col_text(st, i + 1);
    if (csv) {
      col[6] = succ.data ? succ.data : "";
      if (!rc) rc = mc_csv_write_row(out, col, 7);
    } else {
      json_t *o = json_object();
      for (int i = 0; i < 6; i++) json_object_set_new(o, fields[i], col[i] ? json_string(col[i]) : json_null());
      json_object_set_new(o, "successor_codes", codes);
      json_array_append_new(arr, o);
    }
  }
  if (!rc && r < 0) rc = err ? err->rc : MC_EDB;
  if (rc && st) while (mc_stmt_next(st, NULL) > 0) {}
  if (!rc && json) {
    char *text = json_dumps(arr, JSON_INDENT(1));
    rc = text ? mc_buf_puts(out, text) : MC_ENOMEM;
    if (!rc) rc = mc_buf_puts(out, "\n");
    free(text);
    if (rc) rc = mc_fail(err, rc, rc == MC_ETOOBIG ? "unit.too_many" : "internal.no_memory", NULL,
                         "The export does not fit in memory.");
  }
  json_decref(arr);
  mc_buf_release(&succ);
  mc_arena_free(a);
  return rc;
}
