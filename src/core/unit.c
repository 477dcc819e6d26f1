/* unit.c — reading administrative units: by code or id, the within() test,
 * lists, one unit with its history, and the nested tree (see unit.h).
 * Writing (import, export, create, update) is in unit_import.c. */
#include "core/unit.h"
#include "util/fold.h"
#include "util/str.h"
#include "util/time.h"
#include <string.h>

static int32_t day_or_open(mc_stmt *st, int col) {
  int32_t d = 0;
  if (!mc_col_null(st, col) && !mc_date_parse(mc_col_text(st, col), &d)) d = 0;
  return d;
}

/* Columns: id, code, name, kind, parent_id, valid_from, valid_to. */
static mc_rc fetch_one(mc_stmt *st, mc_arena *a, const char *what, mc_unit **out, mc_err *err) {
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r == 0) return mc_fail(err, MC_ENOTFOUND, "unit.not_found", NULL, "No unit %s.", what);
  mc_unit *u = mc_arena_alloc(a, sizeof *u);
  if (!u) { while (mc_stmt_next(st, err) > 0) {} return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  u->id = mc_col_i64(st, 0);
  u->code = mc_arena_strdup(a, mc_col_text(st, 1));
  u->name = mc_arena_strdup(a, mc_col_text(st, 2));
  u->kind = mc_arena_strdup(a, mc_col_text(st, 3));
  u->parent_id = mc_col_null(st, 4) ? 0 : mc_col_i64(st, 4);
  u->valid_from = day_or_open(st, 5);
  u->valid_to = day_or_open(st, 6);
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err ? err->rc : MC_EDB;
  if (!u->code || !u->name || !u->kind) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  *out = u;
  return MC_OK;
}

mc_rc mc_unit_get(mc_db *db, mc_arena *a, const char *code, mc_unit **out, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "units.by_code", err, "s", code ? code : "");
  if (!st) return err ? err->rc : MC_EDB;
  char what[MC_UNIT_CODE_MAX + 16];
  snprintf(what, sizeof what, "\"%.*s\"", MC_UNIT_CODE_MAX, code ? code : "");
  return fetch_one(st, a, what, out, err);
}

mc_rc mc_unit_get_id(mc_db *db, mc_arena *a, int64_t id, mc_unit **out, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "units.by_id", err, "i", id);
  if (!st) return err ? err->rc : MC_EDB;
  char what[32];
  snprintf(what, sizeof what, "with id %lld", (long long)id);
  return fetch_one(st, a, what, out, err);
}

mc_rc mc_unit_within(mc_db *db, int64_t inner, int64_t outer, bool *yes, mc_err *err) {
  int64_t one;
  mc_err e = {0};
  mc_rc rc = mc_db_i64(db, "units.within", &one, &e, "ii", outer, inner);
  if (rc == MC_ENOTFOUND) { mc_err_clear(&e); *yes = false; return MC_OK; }
  if (rc) {
    mc_fail(err, rc, e.code, NULL, "%s", e.message);
    mc_err_clear(&e);
    return rc;
  }
  *yes = true;
  return MC_OK;
}

bool mc_unit_valid_on(const mc_unit *u, int32_t day) {
  return (!u->valid_from || u->valid_from <= day) && (!u->valid_to || day < u->valid_to);
}

/* Text or JSON null for a nullable column. */
static json_t *opt_text(mc_stmt *st, int col) {
  return mc_col_null(st, col) ? json_null() : json_string(mc_col_text(st, col));
}

static mc_rc oom(mc_err *err) { return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }

/* "%<folded q, with % _ \ escaped>%" for LIKE … ESCAPE '\'. */
static const char *like_pattern(mc_arena *a, const char *q, mc_err *err, mc_rc *rc) {
  *rc = MC_OK;
  if (mc_str_empty(q)) return NULL;
  if (mc_utf8_len(q) > MC_UNIT_QUERY_MAX) {
    *rc = mc_fail(err, MC_EINVAL, "query.too_long", "q", "The search text has more than %d characters.",
                  MC_UNIT_QUERY_MAX);
    return NULL;
  }
  char *f = mc_fold(a, q);
  if (!f) {
    *rc = mc_fail(err, MC_EINVAL, "query.bad_text", "q", "The search text is not valid UTF-8.");
    return NULL;
  }
  size_t n = strlen(f);
  char *p = mc_arena_alloc(a, 2 * n + 3);
  if (!p) { *rc = oom(err); return NULL; }
  size_t k = 0;
  p[k++] = '%';
  for (size_t i = 0; i < n; i++) {
    if (f[i] == '%' || f[i] == '_' || f[i] == '\\') p[k++] = '\\';
    p[k++] = f[i];
  }
  p[k++] = '%';
  p[k] = 0;
  return p;
}

static const char *day_text(mc_arena *a, int32_t day) {
  if (day == MC_UNIT_ANY_DAY) return NULL;
  char *s = mc_arena_alloc(a, 11);
  if (s) mc_date_format(day, s, 11);
  return s;
}

mc_rc mc_units_list(mc_db *db, mc_arena *a, const mc_unit_query *q, json_t **items,
                    int64_t *total, mc_err *err) {
  mc_rc rc;
  const char *pat = like_pattern(a, q->q, err, &rc);
  if (rc) return rc;
  const char *kind = mc_str_empty(q->kind) ? NULL : q->kind;
  const char *parent = mc_str_empty(q->parent_code) ? NULL : q->parent_code;
  const char *at = day_text(a, q->at);
  if ((rc = mc_db_i64(db, "units.list_count", total, err, "ssss", pat, kind, parent, at))) return rc;
  mc_stmt *st = mc_db_prep(db, "units.list", err, "ssssii", pat, kind, parent, at, q->limit, q->offset);
  if (!st) return err ? err->rc : MC_EDB;
  json_t *arr = json_array();
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "code", mc_col_text(st, 0),
                          "name", mc_col_text(st, 1), "kind", mc_col_text(st, 2),
                          "parent_code", opt_text(st, 3), "valid_from", opt_text(st, 4),
                          "valid_to", opt_text(st, 5));
    if (!o || json_array_append_new(arr, o)) { while (mc_stmt_next(st, err) > 0) {} json_decref(arr); return oom(err); }
  }
  if (r < 0) { json_decref(arr); return err ? err->rc : MC_EDB; }
  *items = arr;
  return MC_OK;
}

static mc_rc links(mc_db *db, const char *query, int64_t id, json_t **out, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, query, err, "i", id);
  if (!st) return err ? err->rc : MC_EDB;
  json_t *arr = json_array();
  int r;
  while ((r = mc_stmt_next(st, err)) > 0)
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "code", mc_col_text(st, 0),
                                         "name", mc_col_text(st, 1), "kind", mc_col_text(st, 2),
                                         "effective", mc_col_text(st, 3)));
  if (r < 0) { json_decref(arr); return err ? err->rc : MC_EDB; }
  *out = arr;
  return MC_OK;
}

mc_rc mc_unit_describe(mc_db *db, const char *code, json_t **out, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "units.describe", err, "s", code ? code : "");
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r == 0)
    return mc_fail(err, MC_ENOTFOUND, "unit.not_found", "code", "No unit \"%.*s\".", MC_UNIT_CODE_MAX,
                   code ? code : "");
  int64_t id = mc_col_i64(st, 0);
  json_t *parent = mc_col_null(st, 6) ? json_null()
      : json_pack("{s:s, s:s, s:s}", "code", mc_col_text(st, 6), "name", mc_col_text(st, 7),
                  "kind", mc_col_text(st, 8));
  json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:I}", "code", mc_col_text(st, 1),
                        "name", mc_col_text(st, 2), "kind", mc_col_text(st, 3),
                        "valid_from", opt_text(st, 4), "valid_to", opt_text(st, 5),
                        "parent", parent, "children_count", (json_int_t)mc_col_i64(st, 9));
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (!o) return oom(err);
  json_t *pred = NULL, *succ = NULL;
  mc_rc rc;
  if ((rc = links(db, "units.predecessors", id, &pred, err)) ||
      (rc = links(db, "units.successors", id, &succ, err))) {
    json_decref(pred);
    json_decref(o);
    return rc;
  }
  json_object_set_new(o, "predecessors", pred);
  json_object_set_new(o, "successors", succ);
  *out = o;
  return MC_OK;
}

/* One node of the tree being built: its JSON and its parent's id. */
typedef struct tnode { int64_t id, parent; json_t *j; } tnode;

static int cmp_tnode(const void *x, const void *y) {
  int64_t a = ((const tnode *)x)->id, b = ((const tnode *)y)->id;
  return a < b ? -1 : a > b;
}

static tnode *find_node(tnode *sorted, size_t n, int64_t id) {
  tnode key = {.id = id};
  return bsearch(&key, sorted, n, sizeof *sorted, cmp_tnode);
}

mc_rc mc_units_tree(mc_db *db, mc_arena *a, int32_t at, const char *root_code, json_t **out,
                    mc_err *err) {
  const char *day = day_text(a, at);
  mc_stmt *st = mc_db_prep(db, "units.tree", err, "s", day);
  if (!st) return err ? err->rc : MC_EDB;
  size_t n = 0, cap = 256;
  tnode *nodes = mc_arena_alloc(a, cap * sizeof *nodes);
  int r;
  int64_t root_id = 0;
  json_t *keep = json_array();   /* owns every node until attached */
  while (nodes && (r = mc_stmt_next(st, err)) > 0) {
    if (n == cap) {
      if (cap >= MC_UNITS_ROWS_MAX) { nodes = NULL; break; }
      tnode *bigger = mc_arena_alloc(a, 2 * cap * sizeof *nodes);
      if (bigger) memcpy(bigger, nodes, n * sizeof *nodes);
      nodes = bigger;
      cap *= 2;
      if (!nodes) break;
    }
    tnode *t = &nodes[n++];
    t->id = mc_col_i64(st, 0);
    t->parent = mc_col_null(st, 4) ? 0 : mc_col_i64(st, 4);
    t->j = json_pack("{s:s, s:s, s:s, s:o, s:o, s:[]}", "code", mc_col_text(st, 1),
                     "name", mc_col_text(st, 2), "kind", mc_col_text(st, 3),
                     "valid_from", opt_text(st, 5), "valid_to", opt_text(st, 6), "children");
    json_array_append_new(keep, t->j);
    if (root_code && strcmp(root_code, mc_col_text(st, 1)) == 0) root_id = t->id;
  }
  if (!nodes) { while (mc_stmt_next(st, err) > 0) {} json_decref(keep); return oom(err); }
  if (r < 0) { json_decref(keep); return err ? err->rc : MC_EDB; }
  if (root_code && !root_id) {
    json_decref(keep);
    return mc_fail(err, MC_ENOTFOUND, "unit.not_found", "root",
                   "No unit \"%.*s\" valid on that date.", MC_UNIT_CODE_MAX, root_code);
  }
  /* Keep the query's order for siblings: attach in row order, look parents up by id. */
  tnode *sorted = mc_arena_alloc(a, (n ? n : 1) * sizeof *sorted);
  if (!sorted) { json_decref(keep); return oom(err); }
  memcpy(sorted, nodes, n * sizeof *nodes);
  qsort(sorted, n, sizeof *sorted, cmp_tnode);
  json_t *roots = json_array();
  for (size_t i = 0; i < n; i++) {
    tnode *p = nodes[i].parent ? find_node(sorted, n, nodes[i].parent) : NULL;
    bool is_root = root_id ? nodes[i].id == root_id : !p;
    if (is_root) json_array_append(roots, nodes[i].j);
    else if (p) json_array_append(json_object_get(p->j, "children"), nodes[i].j);
  }
  json_decref(keep);
  *out = roots;
  return MC_OK;
}
