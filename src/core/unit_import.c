/* unit_import.c — writing administrative units: import (CSV, JSON), create and
 * update, all through one checker that sees the stored units and the new rows
 * together and writes nothing until every row passed (see unit.h). */
#include "core/unit.h"
#include "core/unit_int.h"
#include "util/csv.h"
#include "util/fold.h"
#include "util/json.h"
#include "util/str.h"
#include "util/time.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"province", "department", "district", "commune", "other", NULL};

/* A unit as the checker sees it: stored, given in this import, or both. */
typedef struct node {
  const char *code;
  int64_t id;                     /* 0 = not stored yet */
  const char *name, *kind;        /* stored values (for "did it change?") */
  const char *from_s, *to_s;      /* stored dates, NULL = open */
  int64_t stored_parent;          /* stored parent id, 0 = none */
  const char *stored_succ;        /* stored successors, canonical "A|B@2025-07-01" */
  int parent;                     /* node index of the parent (after this import), -1 = root */
  int32_t from, to;               /* validity after this import; INT32_MIN / INT32_MAX = open */
  const mc_unit_in *in;           /* the row of this import, or NULL */
  int state, stamp;               /* cycle search */
} node;

typedef struct checker {
  mc_arena *a;
  node *nodes;
  int n, cap;
  int *slots;                     /* open addressing: node index + 1, 0 = empty */
  unsigned nslots;
} checker;

static mc_rc oom(mc_err *err) { return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }

mc_rc mc_unit_row_fail(mc_err *err, const mc_unit_in *in, mc_rc rc, const char *code,
                       const char *column, const char *fmt, ...) {
  char msg[MC_ERR_MSG_MAX - 96];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mc_rc out;
  if (!in || in->item <= 0) {
    out = mc_fail(err, rc, code, column, "%s", msg);
  } else {
    const char *where = in->json ? "item" : "line";
    const char *col = in->json ? "field" : "column";
    if (column) out = mc_fail(err, rc, code, column, "%s %d, %s \"%s\": %s", where, in->item, col, column, msg);
    else out = mc_fail(err, rc, code, NULL, "%s %d: %s", where, in->item, msg);
    mc_err_detail(err, where, json_integer(in->item));
  }
  if (column) mc_err_detail(err, "column", json_string(column));
  return out;
}
#define row_fail mc_unit_row_fail

static unsigned hash_code(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static int lookup(const checker *c, const char *code) {
  for (unsigned i = hash_code(code) & (c->nslots - 1);; i = (i + 1) & (c->nslots - 1)) {
    int k = c->slots[i];
    if (!k) return -1;
    if (strcmp(c->nodes[k - 1].code, code) == 0) return k - 1;
  }
}

static int add_node(checker *c, const char *code) {
  if (c->n >= c->cap) return -1;
  int k = c->n++;
  memset(&c->nodes[k], 0, sizeof c->nodes[k]);
  c->nodes[k].code = code;
  c->nodes[k].parent = -1;
  c->nodes[k].from = INT32_MIN;
  c->nodes[k].to = INT32_MAX;
  unsigned i = hash_code(code) & (c->nslots - 1);
  while (c->slots[i]) i = (i + 1) & (c->nslots - 1);
  c->slots[i] = k + 1;
  return k;
}

static int cmp_id(const void *key, const void *elem) {
  int64_t a = *(const int64_t *)key, b = ((const node *)elem)->id;
  return a < b ? -1 : a > b;
}

/* Stored nodes are loaded in id order, so ids can be searched in nodes[0..nstored). */
static int by_id(const checker *c, int nstored, int64_t id) {
  node *p = bsearch(&id, c->nodes, (size_t)nstored, sizeof *c->nodes, cmp_id);
  return p ? (int)(p - c->nodes) : -1;
}

static int32_t parse_day_or(const char *s, int32_t open) {
  int32_t d;
  return s && mc_date_parse(s, &d) ? d : open;
}

static mc_rc load_stored(mc_db *db, checker *c, int extra, int *nstored, mc_err *err) {
  int64_t count = 0;
  mc_rc rc = mc_db_i64(db, "units.count_all", &count, err, NULL);
  if (rc) return rc;
  if (count + extra > MC_UNITS_ROWS_MAX)
    return mc_fail(err, MC_ETOOBIG, "unit.too_many", NULL,
                   "This would make more than %d units.", MC_UNITS_ROWS_MAX);
  c->cap = (int)count + extra;
  c->nodes = mc_arena_alloc(c->a, sizeof *c->nodes * (size_t)(c->cap ? c->cap : 1));
  c->nslots = 16;
  while (c->nslots < 2u * (unsigned)c->cap) c->nslots *= 2;
  c->slots = mc_arena_alloc(c->a, sizeof *c->slots * c->nslots);
  if (!c->nodes || !c->slots) return oom(err);
  mc_stmt *st = mc_db_prep(db, "units.load_all", err, NULL);
  if (!st) return err ? err->rc : MC_EDB;
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    char *code = mc_arena_strdup(c->a, mc_col_text(st, 1));
    int k = code ? add_node(c, code) : -1;
    if (k < 0) { while (mc_stmt_next(st, err) > 0) {} return oom(err); }
    node *nd = &c->nodes[k];
    nd->id = mc_col_i64(st, 0);
    nd->name = mc_arena_strdup(c->a, mc_col_text(st, 2));
    nd->kind = mc_arena_strdup(c->a, mc_col_text(st, 3));
    nd->stored_parent = mc_col_null(st, 4) ? 0 : mc_col_i64(st, 4);
    nd->from_s = mc_col_null(st, 5) ? NULL : mc_arena_strdup(c->a, mc_col_text(st, 5));
    nd->to_s = mc_col_null(st, 6) ? NULL : mc_arena_strdup(c->a, mc_col_text(st, 6));
    nd->from = parse_day_or(nd->from_s, INT32_MIN);
    nd->to = parse_day_or(nd->to_s, INT32_MAX);
  }
  if (r < 0) return err ? err->rc : MC_EDB;
  *nstored = c->n;
  for (int i = 0; i < c->n; i++)
    c->nodes[i].parent = c->nodes[i].stored_parent ? by_id(c, c->n, c->nodes[i].stored_parent) : -1;
  /* Stored successor lists, canonical: codes sorted, '|'-joined, "@effective". */
  if (!(st = mc_db_prep(db, "units.load_successors", err, NULL))) return err ? err->rc : MC_EDB;
  mc_buf b;
  mc_buf_init(&b, 0);
  int cur = -1;
  rc = MC_OK;
  while ((r = mc_stmt_next(st, err)) > 0) {
    int k = by_id(c, c->n, mc_col_i64(st, 0));
    if (k != cur) {
      if (cur >= 0 && !(c->nodes[cur].stored_succ = mc_arena_strdup(c->a, b.data ? b.data : ""))) rc = MC_ENOMEM;
      b.len = 0;
      cur = k;
    }
    if (!rc) rc = mc_buf_printf(&b, "%s%s@%s", b.len ? "|" : "", mc_col_text(st, 1), mc_col_text(st, 2));
  }
  if (!rc && cur >= 0 && !(c->nodes[cur].stored_succ = mc_arena_strdup(c->a, b.data ? b.data : ""))) rc = MC_ENOMEM;
  mc_buf_release(&b);
  if (r < 0) return err ? err->rc : MC_EDB;
  return rc ? oom(err) : MC_OK;
}

static bool code_ok(const char *s) {
  size_t n = strlen(s);
  if (!n || n > MC_UNIT_CODE_MAX) return false;
  for (; *s; s++)
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
          *s == '.' || *s == '_' || *s == '-'))
      return false;
  return true;
}

static bool kind_ok(const char *s) {
  for (int i = 0; kinds[i]; i++) if (strcmp(kinds[i], s) == 0) return true;
  return false;
}

static const char *show_day(int32_t d, char *buf, size_t n) {
  if (d == INT32_MIN || d == INT32_MAX) return "(open)";
  mc_date_format(d, buf, n);
  return buf;
}

/* Check one row on its own: code, name, kind, dates. */
static mc_rc check_fields(const mc_unit_in *in, int32_t *from, int32_t *to, mc_err *err) {
  if (mc_str_empty(in->code))
    return row_fail(err, in, MC_EINVAL, "unit.bad_code", "code", "a code is required");
  if (!code_ok(in->code))
    return row_fail(err, in, MC_EINVAL, "unit.bad_code", "code",
                    "code \"%.*s\" must have 1 to %d of A-Z a-z 0-9 . _ -", MC_UNIT_CODE_MAX + 1,
                    in->code, MC_UNIT_CODE_MAX);
  if (mc_str_empty(in->name))
    return row_fail(err, in, MC_EINVAL, "unit.bad_name", "name", "a name is required");
  if (mc_utf8_len(in->name) > MC_UNIT_NAME_MAX)
    return row_fail(err, in, MC_EINVAL, "unit.bad_name", "name", "the name has more than %d characters",
                    MC_UNIT_NAME_MAX);
  if (mc_str_empty(in->kind) || !kind_ok(in->kind))
    return row_fail(err, in, MC_EINVAL, "unit.bad_kind", "kind",
                    "kind \"%.*s\" is not one of province, department, district, commune, other", 40,
                    in->kind ? in->kind : "");
  *from = INT32_MIN;
  *to = INT32_MAX;
  if (!mc_str_empty(in->valid_from) && !mc_date_parse(in->valid_from, from))
    return row_fail(err, in, MC_EINVAL, "unit.bad_date", "valid_from",
                    "\"%.*s\" is not a date (YYYY-MM-DD)", 40, in->valid_from);
  if (!mc_str_empty(in->valid_to) && !mc_date_parse(in->valid_to, to))
    return row_fail(err, in, MC_EINVAL, "unit.bad_date", "valid_to",
                    "\"%.*s\" is not a date (YYYY-MM-DD)", 40, in->valid_to);
  if (*to <= *from)
    return row_fail(err, in, MC_EINVAL, "unit.bad_validity", "valid_to",
                    "valid_to %s must be after valid_from %s", in->valid_to, in->valid_from);
  if (in->nsuccessors > MC_UNIT_SUCCESSORS_MAX)
    return row_fail(err, in, MC_EINVAL, "unit.bad_successor", "successor_codes",
                    "more than %d successors", MC_UNIT_SUCCESSORS_MAX);
  return MC_OK;
}

typedef enum { MODE_IMPORT, MODE_CREATE, MODE_UPDATE } apply_mode;

/* Follow parents from every row; a walk that meets itself is a cycle. */
static mc_rc check_cycles(checker *c, mc_err *err) {
  for (int i = 0; i < c->n; i++) {
    if (!c->nodes[i].in) continue;
    int cur = i;
    while (cur >= 0 && c->nodes[cur].state == 0) {
      c->nodes[cur].state = 1;
      c->nodes[cur].stamp = i;
      cur = c->nodes[cur].parent;
    }
    if (cur >= 0 && c->nodes[cur].state == 1 && c->nodes[cur].stamp == i) {
      /* Name the loop, starting from a unit of this import on it. */
      int start = cur;
      for (int k = c->nodes[cur].parent, guard = 0; k != cur && guard < c->n; k = c->nodes[k].parent, guard++)
        if (c->nodes[k].in && (!c->nodes[start].in || c->nodes[k].in->item < c->nodes[start].in->item)) start = k;
      char chain[256];
      size_t len = (size_t)snprintf(chain, sizeof chain, "%s", c->nodes[start].code);
      int k = c->nodes[start].parent;
      for (int guard = 0; guard < c->n && len < sizeof chain; guard++, k = c->nodes[k].parent) {
        len += (size_t)snprintf(chain + len, sizeof chain - len, " → %s", c->nodes[k].code);
        if (k == start) break;
      }
      return row_fail(err, c->nodes[start].in, MC_EINVAL, "unit.cycle", "parent_code",
                      "the parents of \"%s\" loop back to it (%s)", c->nodes[start].code, chain);
    }
    for (cur = i; cur >= 0 && c->nodes[cur].state == 1 && c->nodes[cur].stamp == i; cur = c->nodes[cur].parent)
      c->nodes[cur].state = 2;
  }
  return MC_OK;
}

/* A child's validity lies within its parent's. */
static mc_rc check_nesting(checker *c, mc_err *err) {
  for (int i = 0; i < c->n; i++) {
    node *ch = &c->nodes[i];
    if (ch->parent < 0) continue;
    node *p = &c->nodes[ch->parent];
    if (!ch->in && !p->in) continue;
    bool early = ch->from < p->from, late = ch->to > p->to;
    if (!early && !late) continue;
    char a1[11], a2[11], b1[11], b2[11];
    const char *col = early ? "valid_from" : "valid_to";
    if (ch->in)
      return row_fail(err, ch->in, MC_EINVAL, "unit.outside_parent", col,
                      "\"%s\" is valid %s to %s, outside its parent \"%s\" (%s to %s)", ch->code,
                      show_day(ch->from, a1, 11), show_day(ch->to, a2, 11), p->code,
                      show_day(p->from, b1, 11), show_day(p->to, b2, 11));
    return row_fail(err, p->in, MC_EINVAL, "unit.outside_parent", col,
                    "the stored unit \"%s\" (%s to %s) would fall outside \"%s\" (%s to %s)", ch->code,
                    show_day(ch->from, a1, 11), show_day(ch->to, a2, 11), p->code,
                    show_day(p->from, b1, 11), show_day(p->to, b2, 11));
  }
  return MC_OK;
}

static int cmp_str(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

/* Resolve and check a row's successors; *canon gets the canonical list. */
static mc_rc check_successors(checker *c, int k, const char **canon, mc_err *err) {
  node *nd = &c->nodes[k];
  const mc_unit_in *in = nd->in;
  *canon = NULL;
  if (in->nsuccessors == 0) return MC_OK;
  if (nd->to == INT32_MAX)
    return row_fail(err, in, MC_EINVAL, "unit.bad_successor", "valid_to",
                    "a unit with successors needs valid_to (the day they took over)");
  const char **sorted = mc_arena_alloc(c->a, sizeof *sorted * (size_t)in->nsuccessors);
  if (!sorted) return oom(err);
  size_t len = 0;
  char day[11], a1[11], a2[11];
  mc_date_format(nd->to, day, sizeof day);
  for (int i = 0; i < in->nsuccessors; i++) {
    const char *s = in->successors[i];
    int sk = mc_str_empty(s) ? -1 : lookup(c, s);
    if (mc_str_empty(s))
      return row_fail(err, in, MC_EINVAL, "unit.bad_successor", "successor_codes",
                      "an empty successor code (separate codes by a single '|')");
    if (sk < 0)
      return row_fail(err, in, MC_EINVAL, "unit.unknown_successor", "successor_codes",
                      "successor \"%.*s\" is unknown", MC_UNIT_CODE_MAX + 1, s);
    if (sk == k)
      return row_fail(err, in, MC_EINVAL, "unit.bad_successor", "successor_codes",
                      "\"%s\" cannot be its own successor", s);
    node *su = &c->nodes[sk];
    if (!(su->from <= nd->to && nd->to < su->to))
      return row_fail(err, in, MC_EINVAL, "unit.bad_successor", "successor_codes",
                      "successor \"%s\" (valid %s to %s) is not valid on %s, when \"%s\" ends", s,
                      show_day(su->from, a1, 11), show_day(su->to, a2, 11), day, nd->code);
    sorted[i] = s;
    len += strlen(s) + 1;
  }
  qsort(sorted, (size_t)in->nsuccessors, sizeof *sorted, cmp_str);
  for (int i = 1; i < in->nsuccessors; i++)
    if (strcmp(sorted[i], sorted[i - 1]) == 0)
      return row_fail(err, in, MC_EINVAL, "unit.bad_successor", "successor_codes",
                      "successor \"%s\" is listed twice", sorted[i]);
  size_t cap = len + (size_t)in->nsuccessors * 12 + 1, w = 0;
  char *out = mc_arena_alloc(c->a, cap);
  if (!out) return oom(err);
  for (int i = 0; i < in->nsuccessors && w < cap; i++)
    w += (size_t)snprintf(out + w, cap - w, "%s%s@%s", i ? "|" : "", sorted[i], day);
  *canon = out;
  return MC_OK;
}

static bool same(const char *a, const char *b) {
  return mc_str_empty(a) ? mc_str_empty(b) : (b && strcmp(a, b) == 0);
}

static const char *or_null(const char *s) { return mc_str_empty(s) ? NULL : s; }

/* Write the checked rows: inserts and changed rows, then parents, successors
 * and — when the tree changed — the closure. */
static mc_rc write_rows(mc_db *db, checker *c, const char **canon, mc_err *err) {
  char now[32];
  mc_time_format(mc_now(), now, sizeof now);
  mc_rc rc = MC_OK;
  bool tree_changed = false;
  for (int i = 0; i < c->n && !rc; i++) {
    node *nd = &c->nodes[i];
    if (!nd->in) continue;
    const mc_unit_in *in = nd->in;
    char *fold = mc_fold(c->a, in->name);
    if (!fold) return oom(err);
    if (!nd->id) {
      rc = mc_db_i64(db, "units.insert", &nd->id, err, "sssssss", in->code, in->name, fold, in->kind,
                     or_null(in->valid_from), or_null(in->valid_to), now);
      tree_changed = true;
    } else if (!same(in->name, nd->name) || !same(in->kind, nd->kind) ||
               !same(in->valid_from, nd->from_s) || !same(in->valid_to, nd->to_s)) {
      rc = mc_db_exec(db, "units.update", err, "issssss", nd->id, in->name, fold, in->kind,
                      or_null(in->valid_from), or_null(in->valid_to), now);
    }
  }
  for (int i = 0; i < c->n && !rc; i++) {
    node *nd = &c->nodes[i];
    if (!nd->in) continue;
    int64_t want = nd->parent >= 0 ? c->nodes[nd->parent].id : 0;
    if (want != nd->stored_parent) {
      rc = mc_db_exec(db, "units.set_parent", err, "iI", nd->id, want);
      tree_changed = true;
    }
  }
  for (int i = 0; i < c->n && !rc; i++) {
    node *nd = &c->nodes[i];
    if (!nd->in || same(canon[i], nd->stored_succ)) continue;
    rc = mc_db_exec(db, "units.successors_clear", err, "i", nd->id);
    for (int s = 0; s < nd->in->nsuccessors && !rc; s++)
      rc = mc_db_exec(db, "units.successor_add", err, "iis", nd->id,
                      c->nodes[lookup(c, nd->in->successors[s])].id, nd->in->valid_to);
  }
  if (!rc && tree_changed &&
      !(rc = mc_db_exec(db, "units.closure_clear", err, NULL)))
    rc = mc_db_exec(db, "units.closure_build", err, NULL);
  return rc;
}

/* Check rows[0..n) against the stored units and each other, then write them. */
static mc_rc apply(mc_db *db, const mc_unit_in *rows, int n, apply_mode mode, mc_err *err) {
  if (n > MC_UNITS_ROWS_MAX)
    return mc_fail(err, MC_ETOOBIG, "unit.too_many", NULL, "More than %d rows.", MC_UNITS_ROWS_MAX);
  mc_arena *a = mc_arena_new(0);
  if (!a) return oom(err);
  checker c = {.a = a};
  bool own = !mc_db_in_tx(db);
  mc_rc rc = own ? mc_db_begin(db, err) : MC_OK;
  int nstored = 0;
  if (!rc) rc = load_stored(db, &c, n, &nstored, err);
  /* Each row alone, then duplicates and the stored/new split. */
  for (int i = 0; i < n && !rc; i++) {
    const mc_unit_in *in = &rows[i];
    int32_t from, to;
    if ((rc = check_fields(in, &from, &to, err))) break;
    int k = lookup(&c, in->code);
    if (k >= 0 && c.nodes[k].in) {
      const mc_unit_in *first = c.nodes[k].in;
      rc = row_fail(err, in, MC_EINVAL, "unit.duplicate_code", "code",
                    "code \"%s\" already appears in %s %d", in->code, first->json ? "item" : "line", first->item);
      break;
    }
    if (mode == MODE_CREATE && k >= 0) {
      rc = row_fail(err, in, MC_ECONFLICT, "unit.exists", "code", "a unit \"%s\" already exists", in->code);
      break;
    }
    if (mode == MODE_UPDATE && k < 0) {
      rc = row_fail(err, in, MC_ENOTFOUND, "unit.not_found", "code", "no unit \"%s\"", in->code);
      break;
    }
    if (k < 0 && (k = add_node(&c, in->code)) < 0) { rc = oom(err); break; }
    c.nodes[k].in = in;
    c.nodes[k].from = from;
    c.nodes[k].to = to;
  }
  /* Parents, now that every code of the file is known. */
  for (int i = 0; i < c.n && !rc; i++) {
    node *nd = &c.nodes[i];
    if (!nd->in) continue;
    if (mc_str_empty(nd->in->parent_code)) { nd->parent = -1; continue; }
    int p = lookup(&c, nd->in->parent_code);
    if (p < 0)
      rc = row_fail(err, nd->in, MC_EINVAL, "unit.unknown_parent", "parent_code",
                    "parent \"%.*s\" is unknown", MC_UNIT_CODE_MAX + 1, nd->in->parent_code);
    nd->parent = p;
  }
  if (!rc) rc = check_cycles(&c, err);
  if (!rc) rc = check_nesting(&c, err);
  const char **canon = NULL;
  if (!rc && !(canon = mc_arena_alloc(a, sizeof *canon * (size_t)(c.n ? c.n : 1)))) rc = oom(err);
  for (int i = 0; i < c.n && !rc; i++)
    if (c.nodes[i].in) rc = check_successors(&c, i, &canon[i], err);
  if (!rc) rc = write_rows(db, &c, canon, err);
  if (own) {
    if (rc) mc_db_rollback(db);
    else rc = mc_db_commit(db, err);
  }
  mc_arena_free(a);
  return rc;
}

/* ---- parsing the two formats ------------------------------------------- */

/* Split "A|B| C" into trimmed codes (arena). */
static mc_rc split_codes(mc_arena *a, const char *s, const char ***out, int *n, mc_err *err) {
  *out = NULL;
  *n = 0;
  if (mc_str_empty(s)) return MC_OK;
  int count = 1;
  for (const char *p = s; *p; p++) if (*p == '|') count++;
  if (count > MC_UNIT_SUCCESSORS_MAX + 1) count = MC_UNIT_SUCCESSORS_MAX + 1;
  const char **v = mc_arena_alloc(a, sizeof *v * (size_t)count);
  if (!v) return oom(err);
  const char *p = s;
  while (*n < count) {
    const char *e = strchr(p, '|');
    if (!e) e = p + strlen(p);
    const char *b = p;
    while (b < e && *b == ' ') b++;
    const char *t = e;
    while (t > b && t[-1] == ' ') t--;
    if (!(v[(*n)++] = mc_arena_strndup(a, b, (size_t)(t - b)))) return oom(err);
    if (!*e) break;
    p = e + 1;
  }
  *out = v;
  return MC_OK;
}

enum { COL_CODE, COL_NAME, COL_KIND, COL_PARENT, COL_FROM, COL_TO, COL_SUCC, NCOLS };
static const mc_csv_col csv_cols[NCOLS] = {
  {"code", true}, {"name", true}, {"kind", true}, {"parent_code", false},
  {"valid_from", false}, {"valid_to", false}, {"successor_codes", false},
};

static mc_rc parse_csv(mc_arena *a, const char *text, size_t len, mc_unit_in **rows, int *n,
                       mc_err *err) {
  mc_csv r;
  mc_csv_opts o = {.comments = true, .rows_max = MC_UNITS_ROWS_MAX, .cols_max = NCOLS,
                   .field_max = 4 * 1024};
  int idx[NCOLS];
  mc_rc rc;
  if ((rc = mc_csv_open(&r, a, text, len, &o, err)) || (rc = mc_csv_header(&r, csv_cols, NCOLS, idx, err)))
    return rc;
  int cap = 256, k = 0, got;
  mc_unit_in *v = mc_arena_alloc(a, sizeof *v * (size_t)cap);
  while (v && (got = mc_csv_next(&r, err)) > 0) {
    if (k == cap) {
      mc_unit_in *w = mc_arena_alloc(a, sizeof *v * (size_t)cap * 2);
      if (!w) return oom(err);
      memcpy(w, v, sizeof *v * (size_t)k);
      v = w;
      cap *= 2;
    }
    mc_unit_in *u = &v[k++];
    memset(u, 0, sizeof *u);
    u->item = r.line;
    u->code = mc_csv_field(&r, idx[COL_CODE]);
    u->name = mc_csv_field(&r, idx[COL_NAME]);
    u->kind = mc_csv_field(&r, idx[COL_KIND]);
    u->parent_code = mc_csv_field(&r, idx[COL_PARENT]);
    u->valid_from = mc_csv_field(&r, idx[COL_FROM]);
    u->valid_to = mc_csv_field(&r, idx[COL_TO]);
    if ((rc = split_codes(a, mc_csv_field(&r, idx[COL_SUCC]), &u->successors, &u->nsuccessors, err)))
      return rc;
  }
  if (!v) return oom(err);
  if (got < 0) return err ? err->rc : MC_EINVAL;
  *rows = v;
  *n = k;
  return MC_OK;
}

static mc_rc parse_json(mc_arena *a, const char *text, size_t len, mc_unit_in **rows, int *n,
                        mc_err *err) {
  json_t *doc;
  mc_rc rc = mc_json_parse(a, text, len, MC_UNITS_IMPORT_MAX, &doc, err);
  if (rc) return rc;
  if (!json_is_array(doc))
    return mc_fail(err, MC_EINVAL, "unit.bad_format", NULL,
                   "A JSON import of units is an array of unit objects.");
  size_t count = json_array_size(doc);
  if (count > MC_UNITS_ROWS_MAX)
    return mc_fail(err, MC_ETOOBIG, "unit.too_many", NULL, "More than %d units.", MC_UNITS_ROWS_MAX);
  mc_unit_in *v = mc_arena_alloc(a, sizeof *v * (count ? count : 1));
  if (!v) return oom(err);
  for (size_t i = 0; i < count; i++)
    if ((rc = mc_unit_from_json(json_array_get(doc, i), a, (int)i + 1, &v[i], err))) return rc;
  *rows = v;
  *n = (int)count;
  return MC_OK;
}

mc_rc mc_units_import(mc_db *db, const char *format, const char *text, size_t len, int *count,
                      mc_err *err) {
  if (len > MC_UNITS_IMPORT_MAX)
    return mc_fail(err, MC_ETOOBIG, "unit.too_many", NULL, "An import of units is limited to %d bytes.",
                   MC_UNITS_IMPORT_MAX);
  bool csv = mc_str_eq(format, "csv"), json = mc_str_eq(format, "json");
  if (!csv && !json)
    return mc_fail(err, MC_EINVAL, "unit.bad_format", "format", "Unknown format \"%s\" (csv or json).",
                   format ? format : "");
  mc_arena *a = mc_arena_new(0);
  if (!a) return oom(err);
  mc_unit_in *rows = NULL;
  int n = 0;
  mc_rc rc = csv ? parse_csv(a, text, len, &rows, &n, err) : parse_json(a, text, len, &rows, &n, err);
  if (!rc) rc = apply(db, rows, n, MODE_IMPORT, err);
  if (!rc && count) *count = n;
  mc_arena_free(a);
  return rc;
}

mc_rc mc_unit_create(mc_db *db, const mc_unit_in *in, mc_err *err) {
  return apply(db, in, 1, MODE_CREATE, err);
}

mc_rc mc_unit_update(mc_db *db, const char *code, const mc_unit_in *in, mc_err *err) {
  if (!mc_str_empty(in->code) && !mc_str_eq(in->code, code))
    return row_fail(err, in, MC_EINVAL, "unit.bad_code", "code",
                    "the code in the body (\"%.*s\") differs from the one in the address", MC_UNIT_CODE_MAX,
                    in->code);
  mc_unit_in copy = *in;
  copy.code = code;
  return apply(db, &copy, 1, MODE_UPDATE, err);
}
