/* db_copy.c — copy a whole motcua database into another one, whatever the two
 * drivers (SQLite → PostgreSQL for a province that outgrows one machine, or
 * back), then verify. The target must be migrated and hold no province yet.
 *
 * Tables are copied in creation order (each after the tables it references),
 * in pages, inside ONE target transaction: a failure leaves the target as it
 * was. A column that references its own table (units.parent_id) is copied as
 * NULL and filled in a second pass, so row order never breaks a foreign key.
 * Identity sequences (PostgreSQL) are moved past the copied ids.
 *
 * SQL text here is built only from table and column names read from the
 * source's own catalog and checked to be plain identifiers; values are bound. */
#include "store/db.h"
#include "store/db_int.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COPY_PAGE = 5000, COPY_TABLES_MAX = 200, COPY_COLS_MAX = 64 };

typedef struct table {
  char *name;
  char *cols[COPY_COLS_MAX];
  int ncols;
  char *self[4];
  int nself;
  bool has_id;
} table;

static bool ident_ok(const char *s) {
  if (!s || !*s || strlen(s) > 63 || !((*s >= 'a' && *s <= 'z') || *s == '_')) return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return false;
  return true;
}

static void free_tables(table *t, int n) {
  for (int i = 0; i < n; i++) {
    free(t[i].name);
    for (int k = 0; k < t[i].ncols; k++) free(t[i].cols[k]);
    for (int k = 0; k < t[i].nself; k++) free(t[i].self[k]);
  }
  free(t);
}

static mc_rc bad_ident(const char *what, mc_err *err) {
  return mc_fail(err, MC_EINTERNAL, "copy.bad_identifier", NULL,
                 "The source database has an unexpected %s name.", what);
}

/* The tables of db, with their columns, self-references and whether they have an id. */
static mc_rc describe(mc_db *db, table **out, int *n, mc_err *err) {
  table *t = calloc(COPY_TABLES_MAX, sizeof *t);
  if (!t) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  int k = 0, r;
  mc_stmt *st = mc_db_prep(db, "copy.tables", err, NULL);
  while (st && (r = mc_stmt_next(st, err)) > 0) {
    if (k == COPY_TABLES_MAX) { while (mc_stmt_next(st, err) > 0) {} free_tables(t, k); return bad_ident("table", err); }
    t[k++].name = strdup(mc_col_text(st, 0));
  }
  if (!st || (err && err->rc)) { free_tables(t, k); return err ? err->rc : MC_EDB; }
  mc_rc rc = MC_OK;
  for (int i = 0; i < k && !rc; i++) {
    if (!ident_ok(t[i].name)) { rc = bad_ident("table", err); break; }
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s LIMIT 0", t[i].name);
    mc_stmt *q = mc_db_raw_prep(db, sql, err);
    if (!q) { rc = err ? err->rc : MC_EDB; break; }
    if (mc_stmt_step_raw(q, err) < 0) rc = err ? err->rc : MC_EDB;
    int nc = rc ? 0 : mc_col_count(q);
    for (int c = 0; c < nc && !rc; c++) {
      const char *name = mc_col_name(q, c);
      if (!ident_ok(name) || t[i].ncols == COPY_COLS_MAX) rc = bad_ident("column", err);
      else t[i].cols[t[i].ncols++] = strdup(name);
    }
    mc_db_raw_free(q);
    int64_t has_id = 0;
    if (!rc) rc = mc_db_i64(db, "copy.has_id", &has_id, err, "s", t[i].name);
    t[i].has_id = has_id > 0;
    mc_stmt *s = rc ? NULL : mc_db_prep(db, "copy.self_refs", err, "s", t[i].name);
    while (s && (r = mc_stmt_next(s, err)) > 0)
      if (t[i].nself < 4 && ident_ok(mc_col_text(s, 0))) t[i].self[t[i].nself++] = strdup(mc_col_text(s, 0));
    if (!rc && (!s || (err && err->rc))) rc = err ? err->rc : MC_EDB;
    if (!rc && t[i].nself && !t[i].has_id)
      rc = mc_fail(err, MC_EINTERNAL, "copy.self_reference", NULL,
                   "Table %s references itself but has no id column.", t[i].name);
  }
  if (rc) { free_tables(t, k); return rc; }
  *out = t;
  *n = k;
  return MC_OK;
}

static bool is_self(const table *t, const char *col) {
  for (int i = 0; i < t->nself; i++) if (strcmp(t->self[i], col) == 0) return true;
  return false;
}

static mc_rc count_rows(mc_db *db, const char *name, int64_t *n, mc_err *err) {
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", name);
  mc_stmt *q = mc_db_raw_prep(db, sql, err);
  if (!q) return err ? err->rc : MC_EDB;
  int r = mc_stmt_step_raw(q, err);
  *n = r > 0 ? mc_col_i64(q, 0) : 0;
  mc_db_raw_free(q);
  return r < 0 ? (err ? err->rc : MC_EDB) : MC_OK;
}

static mc_rc exec_raw(mc_db *db, const char *sql, mc_err *err) {
  mc_stmt *q = mc_db_raw_prep(db, sql, err);
  if (!q) return err ? err->rc : MC_EDB;
  int r;
  while ((r = mc_stmt_step_raw(q, err)) > 0) {}
  mc_db_raw_free(q);
  return r < 0 ? (err ? err->rc : MC_EDB) : MC_OK;
}

/* Build "a, b, c" or "$1, $2, $3". */
static mc_rc list(mc_buf *b, const table *t, bool params) {
  mc_rc rc = MC_OK;
  for (int c = 0; c < t->ncols && !rc; c++) {
    if (params) rc = mc_buf_printf(b, "%s$%d", c ? ", " : "", c + 1);
    else rc = mc_buf_printf(b, "%s%s", c ? ", " : "", t->cols[c]);
  }
  return rc;
}

static mc_rc copy_rows(mc_db *from, mc_db *to, const table *t, mc_copy_progress cb, void *ctx,
                       int64_t *copied, mc_err *err) {
  mc_buf sel, ins;
  mc_buf_init(&sel, 0);
  mc_buf_init(&ins, 0);
  mc_rc rc = mc_buf_puts(&sel, "SELECT ");
  if (!rc) rc = list(&sel, t, false);
  if (!rc) rc = t->has_id ? mc_buf_printf(&sel, " FROM %s WHERE id > $1 ORDER BY id LIMIT $2", t->name)
                          : mc_buf_printf(&sel, " FROM %s ORDER BY %s LIMIT $1 OFFSET $2", t->name, t->cols[0]);
  if (!rc) rc = mc_buf_printf(&ins, "INSERT INTO %s (", t->name);
  if (!rc) rc = list(&ins, t, false);
  if (!rc) rc = mc_buf_puts(&ins, ") VALUES (");
  if (!rc) rc = list(&ins, t, true);
  if (!rc) rc = mc_buf_puts(&ins, ")");
  mc_stmt *s = rc ? NULL : mc_db_raw_prep(from, sel.data, err);
  mc_stmt *w = s ? mc_db_raw_prep(to, ins.data, err) : NULL;
  if (!rc && (!s || !w)) rc = err ? err->rc : MC_EDB;
  int id_col = -1;
  for (int c = 0; c < t->ncols; c++) if (strcmp(t->cols[c], "id") == 0) id_col = c;
  int64_t last_id = INT64_MIN, offset = 0, n = 0;
  bool more = !rc;
  while (more && !rc) {
    mc_stmt_reset(s);
    if (t->has_id) { mc_stmt_bind_i64(s, 1, last_id); mc_stmt_bind_i64(s, 2, COPY_PAGE); }
    else { mc_stmt_bind_i64(s, 1, COPY_PAGE); mc_stmt_bind_i64(s, 2, offset); }
    int r, got = 0;
    while (!rc && (r = mc_stmt_step_raw(s, err)) > 0) {
      mc_stmt_reset(w);
      for (int c = 0; c < t->ncols && !rc; c++)
        rc = is_self(t, t->cols[c]) ? mc_stmt_bind_null(w, c + 1) : mc_stmt_bind_col(w, c + 1, s, c);
      int wr = 0;
      while (!rc && (wr = mc_stmt_step_raw(w, err)) > 0) {}
      if (!rc && wr < 0) rc = err ? err->rc : MC_EDB;
      if (id_col >= 0) last_id = mc_col_i64(s, id_col);
      got++;
    }
    if (!rc && r < 0) rc = err ? err->rc : MC_EDB;
    n += got;
    offset += got;
    more = got == COPY_PAGE;
    if (cb && !rc) cb(t->name, n, ctx);
  }
  mc_db_raw_free(s);
  mc_db_raw_free(w);
  mc_buf_release(&sel);
  mc_buf_release(&ins);
  *copied = n;
  return rc;
}

/* Second pass: self-references, now that every row exists. */
static mc_rc copy_self_refs(mc_db *from, mc_db *to, const table *t, mc_err *err) {
  mc_rc rc = MC_OK;
  for (int i = 0; i < t->nself && !rc; i++) {
    char sel[256], upd[256];
    snprintf(sel, sizeof sel, "SELECT id, %s FROM %s WHERE %s IS NOT NULL", t->self[i], t->name, t->self[i]);
    snprintf(upd, sizeof upd, "UPDATE %s SET %s = $1 WHERE id = $2", t->name, t->self[i]);
    mc_stmt *s = mc_db_raw_prep(from, sel, err), *w = s ? mc_db_raw_prep(to, upd, err) : NULL;
    if (!s || !w) rc = err ? err->rc : MC_EDB;
    int r = 0;
    while (!rc && (r = mc_stmt_step_raw(s, err)) > 0) {
      mc_stmt_reset(w);
      rc = mc_stmt_bind_col(w, 1, s, 1);
      if (!rc) rc = mc_stmt_bind_col(w, 2, s, 0);
      int wr = 0;
      while (!rc && (wr = mc_stmt_step_raw(w, err)) > 0) {}
      if (!rc && wr < 0) rc = err ? err->rc : MC_EDB;
    }
    if (!rc && r < 0) rc = err ? err->rc : MC_EDB;
    mc_db_raw_free(s);
    mc_db_raw_free(w);
  }
  return rc;
}

static mc_rc move_sequence(mc_db *to, const table *t, mc_err *err) {
  if (!t->has_id) return MC_OK;
  mc_stmt *st = mc_db_prep(to, "copy.identity_sequence", err, "s", t->name);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  char seq[160] = "";
  if (r > 0 && !mc_col_null(st, 0)) snprintf(seq, sizeof seq, "%s", mc_col_text(st, 0));
  while (r > 0 && (r = mc_stmt_next(st, err)) > 0) {}
  if (!seq[0]) return MC_OK;
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT MAX(id) FROM %s", t->name);
  mc_stmt *q = mc_db_raw_prep(to, sql, err);
  if (!q) return err ? err->rc : MC_EDB;
  r = mc_stmt_step_raw(q, err);
  int64_t max = r > 0 && !mc_col_null(q, 0) ? mc_col_i64(q, 0) : 0;
  mc_db_raw_free(q);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (max < 1) return MC_OK;
  return mc_db_exec(to, "copy.set_sequence", err, "si", seq, max);
}

mc_rc mc_db_copy(mc_db *from, mc_db *to, mc_copy_progress cb, void *ctx, mc_err *err) {
  if (mc_db_schema_version(from) != mc_db_schema_version(to))
    return mc_fail(err, MC_ECONFLICT, "copy.schema_mismatch", NULL,
                   "The two databases are at different schema versions (%d and %d); migrate both first.",
                   mc_db_schema_version(from), mc_db_schema_version(to));
  table *t;
  int n;
  mc_rc rc = describe(from, &t, &n, err);
  if (rc) return rc;
  static const char *const must_be_empty[] = {"units", "users", "dossiers", "procedures", NULL};
  for (int i = 0; must_be_empty[i] && !rc; i++) {
    int64_t rows = 0;
    rc = count_rows(to, must_be_empty[i], &rows, err);
    if (!rc && rows > 0)
      rc = mc_fail(err, MC_ECONFLICT, "copy.target_not_empty", NULL,
                   "The target already holds data (%s has %lld rows); copy into a fresh database.",
                   must_be_empty[i], (long long)rows);
  }
  if (!rc) rc = mc_db_begin(to, err);
  /* Rows the migrations seeded (e.g. the audit chain's head) are replaced by the source's. */
  for (int i = n - 1; i >= 0 && !rc; i--) {
    int64_t rows = 0;
    rc = count_rows(to, t[i].name, &rows, err);
    if (!rc && rows > 0) {
      char sql[128];
      snprintf(sql, sizeof sql, "DELETE FROM %s", t[i].name);
      rc = exec_raw(to, sql, err);
    }
  }
  for (int i = 0; i < n && !rc; i++) {
    int64_t copied;
    rc = copy_rows(from, to, &t[i], cb, ctx, &copied, err);
    if (!rc) rc = copy_self_refs(from, to, &t[i], err);
    if (!rc) rc = move_sequence(to, &t[i], err);
  }
  if (!rc) rc = mc_db_commit(to, err);
  else mc_db_rollback(to);
  free_tables(t, n);
  return rc;
}

mc_rc mc_db_table_counts(mc_db *db, json_t **out, mc_err *err) {
  table *t;
  int n;
  mc_rc rc = describe(db, &t, &n, err);
  if (rc) return rc;
  json_t *o = json_object();
  for (int i = 0; i < n && !rc; i++) {
    int64_t rows;
    rc = count_rows(db, t[i].name, &rows, err);
    if (!rc) json_object_set_new(o, t[i].name, json_integer(rows));
  }
  free_tables(t, n);
  if (rc) { json_decref(o); return rc; }
  *out = o;
  return MC_OK;
}
