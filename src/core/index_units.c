/* index_units.c — the unit tree as the index reads it: every unit with its
 * validity and successor links, loaded once per query (a province has a few
 * hundred units, past ones included). A unit's figures include its whole
 * subtree. Historic units are shown either under the tree of the period
 * ("as_of": a district abolished in 2025 is still a child of its province
 * for 2024) or rolled up into the units that took over their work
 * ("successor": a new commune's 2024 figures include its predecessors'). */
#include "core/index_int.h"
#include <stdlib.h>
#include <string.h>

typedef struct pair { int64_t id; int group; } pair;

static int cmp_pair(const void *a, const void *b) {
  const pair *x = a, *y = b;
  if (x->id != y->id) return (x->id > y->id) - (x->id < y->id);
  return (x->group > y->group) - (x->group < y->group);
}

static int32_t text_day(mc_stmt *st, int col, int32_t open) {
  int32_t d;
  if (mc_col_null(st, col) || !mc_date_parse(mc_col_text(st, col), &d)) return open;
  return d;
}

mc_rc mc_itree_load(mc_db *db, mc_arena *a, mc_itree *t, mc_err *err) {
  memset(t, 0, sizeof *t);
  int cap = 0, r;
  mc_stmt *st = mc_db_prep(db, "index.units", err, NULL);
  if (!st) return err ? err->rc : MC_EDB;
  while ((r = mc_stmt_next(st, err)) > 0) {
    if (t->n == cap) {
      int ncap = cap ? cap * 2 : 256;
      mc_iunit *nu = mc_arena_alloc(a, sizeof *nu * (size_t)ncap);
      if (!nu) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
      if (t->n) memcpy(nu, t->u, sizeof *nu * (size_t)t->n);
      t->u = nu;
      cap = ncap;
    }
    mc_iunit *u = &t->u[t->n++];
    u->id = mc_col_i64(st, 0);
    u->code = mc_arena_strdup(a, mc_col_text(st, 1));
    u->name = mc_arena_strdup(a, mc_col_text(st, 2));
    u->kind_name = mc_arena_strdup(a, mc_col_text(st, 3));
    u->kind = mc_index_kind(u->kind_name);
    u->parent_id = mc_col_null(st, 4) ? 0 : mc_col_i64(st, 4);
    u->from = text_day(st, 5, INT32_MIN);
    u->to = text_day(st, 6, INT32_MAX);
    if (!u->code || !u->name || !u->kind_name) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  if (r < 0) return err && err->rc ? err->rc : MC_EDB;
  for (int i = 0; i < t->n; i++) t->u[i].parent = t->u[i].parent_id ? mc_itree_find_id(t, t->u[i].parent_id) : -1;
  cap = 0;
  st = mc_db_prep(db, "index.unit_successors", err, NULL);
  if (!st) return err ? err->rc : MC_EDB;
  while ((r = mc_stmt_next(st, err)) > 0) {
    if (t->nsucc == cap) {
      int ncap = cap ? cap * 2 : 64;
      int64_t *f = mc_arena_alloc(a, sizeof *f * (size_t)ncap), *to = mc_arena_alloc(a, sizeof *to * (size_t)ncap);
      if (!f || !to) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
      if (t->nsucc) {
        memcpy(f, t->succ_from, sizeof *f * (size_t)t->nsucc);
        memcpy(to, t->succ_to, sizeof *to * (size_t)t->nsucc);
      }
      t->succ_from = f;
      t->succ_to = to;
      cap = ncap;
    }
    t->succ_from[t->nsucc] = mc_col_i64(st, 0);
    t->succ_to[t->nsucc] = mc_col_i64(st, 1);
    t->nsucc++;
  }
  return r < 0 ? (err && err->rc ? err->rc : MC_EDB) : MC_OK;
}

int mc_itree_find_id(const mc_itree *t, int64_t id) {
  const mc_iunit *lo = t->u;
  size_t n = (size_t)t->n;
  while (n > 0) {   /* units are sorted by id */
    size_t half = n / 2;
    if (lo[half].id < id) { lo += half + 1; n -= half + 1; }
    else n = half;
  }
  return lo < t->u + t->n && lo->id == id ? (int)(lo - t->u) : -1;
}

bool mc_itree_valid_during(const mc_iunit *u, int32_t lo, int32_t hi) {
  return u->from < hi && lo < u->to;
}

mc_rc mc_itree_find(const mc_itree *t, const char *code, int32_t day, int *out, mc_err *err) {
  if (code) {
    for (int i = 0; i < t->n; i++)
      if (strcmp(t->u[i].code, code) == 0) { *out = i; return MC_OK; }
    return mc_fail(err, MC_ENOTFOUND, "unit.not_found", "unit", "There is no unit with code \"%.64s\".", code);
  }
  int first = -1;
  for (int i = 0; i < t->n; i++) {
    if (t->u[i].parent >= 0) continue;
    if (first < 0) first = i;
    if (day >= t->u[i].from && day < t->u[i].to) { *out = i; return MC_OK; }
  }
  if (first < 0) return mc_fail(err, MC_ENOTFOUND, "unit.not_found", "unit", "There are no units yet.");
  *out = first;
  return MC_OK;
}

static bool has_successor(const mc_itree *t, int64_t id) {
  for (int i = 0; i < t->nsucc; i++)
    if (t->succ_from[i] == id) return true;
  return false;
}

/* Add ix's subtree to the mark set; with skip_own, descendants (not ix itself)
 * that have successors of their own are left to those. */
static void mark_subtree(const mc_itree *t, int ix, bool skip_own, char *mark) {
  mark[ix] = 1;
  bool changed = true;
  while (changed) {        /* trees are shallow: a few passes */
    changed = false;
    for (int i = 0; i < t->n; i++) {
      int p = t->u[i].parent;
      if (mark[i] || p < 0 || !mark[p]) continue;
      if (skip_own && has_successor(t, t->u[i].id)) continue;
      mark[i] = 1;
      changed = true;
    }
  }
}

int mc_itree_scope(const mc_itree *t, int ix, bool successor, int *out) {
  char *mark = calloc((size_t)t->n, 1), *pred = calloc((size_t)t->n, 1);
  if (!mark || !pred) { free(mark); free(pred); return 0; }
  mark_subtree(t, ix, false, mark);
  if (successor) {
    /* Predecessors of anything in the set, transitively. */
    bool changed = true;
    while (changed) {
      changed = false;
      for (int s = 0; s < t->nsucc; s++) {
        int from = mc_itree_find_id(t, t->succ_from[s]), to = mc_itree_find_id(t, t->succ_to[s]);
        if (from < 0 || to < 0 || !mark[to] || pred[from]) continue;
        pred[from] = 1;
        mark_subtree(t, from, true, mark);
        changed = true;
      }
    }
  }
  int n = 0;
  for (int i = 0; i < t->n; i++)
    if (mark[i]) out[n++] = i;
  free(mark);
  free(pred);
  return n;
}

int mc_itree_children(const mc_itree *t, int ix, bool successor, int32_t lo, int32_t hi, int32_t today,
                      int *out) {
  int n = 0;
  for (int i = 0; i < t->n; i++) {
    if (t->u[i].parent != ix) continue;
    bool show = successor ? (today >= t->u[i].from && today < t->u[i].to) : mc_itree_valid_during(&t->u[i], lo, hi);
    if (show) out[n++] = i;
  }
  return n;
}

void mc_iscope_add(mc_arena *a, mc_iscope_b *b, int64_t unit_id, int group) {
  if (b->n == b->cap) {
    int ncap = b->cap ? b->cap * 2 : 256;
    int64_t *ids = mc_arena_alloc(a, sizeof *ids * (size_t)ncap);
    int *g = mc_arena_alloc(a, sizeof *g * (size_t)ncap);
    if (!ids || !g) return;   /* the arena is capped: the caller's scope stays as it was */
    if (b->n) {
      memcpy(ids, b->ids, sizeof *ids * (size_t)b->n);
      memcpy(g, b->group, sizeof *g * (size_t)b->n);
    }
    b->ids = ids;
    b->group = g;
    b->cap = ncap;
  }
  b->ids[b->n] = unit_id;
  b->group[b->n] = group;
  b->n++;
}

void mc_iscope_finish(mc_iscope_b *b, int ngroups, mc_iscope *out) {
  pair *p = b->n ? malloc(sizeof *p * (size_t)b->n) : NULL;
  if (p) {
    for (int i = 0; i < b->n; i++) p[i] = (pair){b->ids[i], b->group[i]};
    qsort(p, (size_t)b->n, sizeof *p, cmp_pair);
    for (int i = 0; i < b->n; i++) { b->ids[i] = p[i].id; b->group[i] = p[i].group; }
    free(p);
  } else {
    b->n = 0;   /* out of memory: an empty scope rather than an unsorted one */
  }
  out->n = b->n;
  out->unit_ids = b->ids;
  out->group = b->group;
  out->ngroups = ngroups;
}
