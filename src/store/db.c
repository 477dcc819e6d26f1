/* db.c — driver-independent half of the storage interface: the named-query
 * registry (parsed from the embedded .sql files), per-connection statement
 * cache, bind helpers, migrations and the connection pool. */
#include "store/db.h"
#include "store/db_int.h"
#include "store/driver.h"
#include "store/sql_files.h"
#include "util/log.h"
#include "util/str.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct query { char *name; char *sql; char *dialect_sql[2]; } query;

static query *queries;
static int nqueries;
static pthread_once_t registry_once = PTHREAD_ONCE_INIT;

struct mc_stmt { mc_db *db; void *s; const char *name; };
struct mc_db { const mc_db_driver *drv; void *conn; bool in_tx; mc_stmt *stmts; };

static int dialect_slot(const char *d) { return strcmp(d, "pg") == 0 ? 1 : 0; }

static int cmp_query(const void *a, const void *b) {
  return strcmp(((const query *)a)->name, ((const query *)b)->name);
}

/* Split one file into "-- name: X" blocks. prefix = file name without .sql. */
static void parse_file(const char *path, const char *text) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  int dialect = -1;
  if (strncmp(path, "sqlite/", 7) == 0) dialect = 0;
  else if (strncmp(path, "pg/", 3) == 0) dialect = 1;
  size_t plen = strlen(base) - 4;   /* drop ".sql" */
  const char *p = text;
  while ((p = strstr(p, "-- name:"))) {
    p += 8;
    while (*p == ' ') p++;
    const char *ne = p;
    while (*ne && *ne != '\n' && *ne != ' ' && *ne != '\r') ne++;
    const char *body = strchr(ne, '\n');
    if (!body) break;
    body++;
    const char *end = strstr(body, "-- name:");
    if (!end) end = body + strlen(body);
    char name[160];
    snprintf(name, sizeof name, "%.*s.%.*s", (int)plen, base, (int)(ne - p), p);
    char *sql = strndup(body, (size_t)(end - body));
    query *q = NULL;
    for (int i = 0; i < nqueries; i++) if (strcmp(queries[i].name, name) == 0) q = &queries[i];
    if (!q) {
      queries = realloc(queries, sizeof *queries * (size_t)(nqueries + 1));
      q = &queries[nqueries++];
      memset(q, 0, sizeof *q);
      q->name = strdup(name);
    }
    if (dialect < 0) { free(q->sql); q->sql = sql; }
    else { free(q->dialect_sql[dialect]); q->dialect_sql[dialect] = sql; }
    p = end;
  }
}

static void registry_init(void) {
  for (int i = 0; i < mc_sql_files_count; i++) {
    const mc_embedded *f = &mc_sql_files[i];
    if (strncmp(f->path, "migrations/", 11) == 0) continue;
    parse_file(f->path, f->data);
  }
  qsort(queries, (size_t)nqueries, sizeof *queries, cmp_query);
}

static int query_id(const char *name) {
  pthread_once(&registry_once, registry_init);
  query key = {.name = (char *)name};
  query *q = bsearch(&key, queries, (size_t)nqueries, sizeof *queries, cmp_query);
  return q ? (int)(q - queries) : -1;
}

mc_rc mc_db_open(const char *url, mc_db **out, mc_err *err) {
  pthread_once(&registry_once, registry_init);
  const mc_db_driver *drv = &mc_driver_sqlite;
  const char *target = url;
  if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
    drv = &mc_driver_pg;
  else if (strncmp(url, "sqlite:", 7) == 0) target = url + 7;
  mc_db *db = calloc(1, sizeof *db);
  if (!db) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  db->drv = drv;
  db->stmts = calloc((size_t)nqueries + 1, sizeof *db->stmts);
  mc_rc rc = db->stmts ? drv->open(target, &db->conn, err)
                       : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (rc) { free(db->stmts); free(db); return rc; }
  *out = db;
  return MC_OK;
}

void mc_db_close(mc_db *db) {
  if (!db) return;
  if (db->in_tx) mc_db_rollback(db);
  for (int i = 0; i < nqueries; i++)
    if (db->stmts[i].s) db->drv->finalize(db->stmts[i].s);
  db->drv->close(db->conn);
  free(db->stmts);
  free(db);
}

const char *mc_db_driver_name(const mc_db *db) { return db->drv->name; }

mc_rc mc_db_begin(mc_db *db, mc_err *err) {
  if (db->in_tx) return mc_fail(err, MC_EINTERNAL, "db.nested_tx", NULL, "Nested transaction.");
  mc_rc rc = db->drv->begin(db->conn, err);
  if (!rc) db->in_tx = true;
  return rc;
}

mc_rc mc_db_commit(mc_db *db, mc_err *err) {
  mc_rc rc = db->drv->commit(db->conn, err);
  if (rc) mc_db_rollback(db);
  db->in_tx = false;
  return rc;
}

void mc_db_rollback(mc_db *db) {
  if (!db->in_tx) return;
  db->drv->rollback(db->conn);
  db->in_tx = false;
}

bool mc_db_in_tx(const mc_db *db) { return db->in_tx; }

/* borrow: the statement runs to its end before the caller returns (exec and
 * one-value reads), so strings and blobs are bound without a copy. */
static mc_stmt *vprep(mc_db *db, const char *name, mc_err *err, bool borrow, const char *types, va_list ap) {
  int id = query_id(name);
  if (id < 0) {
    mc_fail(err, MC_EINTERNAL, "db.unknown_query", NULL, "Unknown query %s.", name);
    return NULL;
  }
  mc_stmt *st = &db->stmts[id];
  if (!st->s) {
    query *q = &queries[id];
    const char *sql = q->dialect_sql[dialect_slot(db->drv->sql_dialect)];
    if (!sql) sql = q->sql;
    if (!sql) { mc_fail(err, MC_EINTERNAL, "db.unknown_query", NULL, "Query %s has no SQL for %s.", name, db->drv->name); return NULL; }
    st->s = db->drv->prepare(db->conn, name, sql, err);
    if (!st->s) return NULL;
    st->db = db;
    st->name = q->name;
  } else {
    db->drv->reset(st->s);
  }
  mc_rc rc = MC_OK;
  for (int i = 0; types && types[i] && !rc; i++) {
    int idx = i + 1;
    switch (types[i]) {
    case 'i': rc = db->drv->bind_i64(st->s, idx, va_arg(ap, int64_t)); break;
    case 'I': { int64_t v = va_arg(ap, int64_t);
                rc = v ? db->drv->bind_i64(st->s, idx, v) : db->drv->bind_null(st->s, idx); break; }
    case 'd': rc = db->drv->bind_double(st->s, idx, va_arg(ap, double)); break;
    case 's': { const char *s = va_arg(ap, const char *);
                rc = s ? db->drv->bind_text(st->s, idx, s, borrow) : db->drv->bind_null(st->s, idx); break; }
    case 'n': rc = db->drv->bind_null(st->s, idx); break;
    case 'b': { const void *p = va_arg(ap, const void *); size_t n = va_arg(ap, size_t);
                rc = db->drv->bind_blob(st->s, idx, p, n, borrow); break; }
    default: rc = MC_EINTERNAL;
    }
  }
  if (rc) {
    mc_fail(err, rc, "db.bind", NULL, "Could not bind the parameters of %s.", name);
    return NULL;
  }
  return st;
}

mc_stmt *mc_db_prep(mc_db *db, const char *name, mc_err *err, const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  mc_stmt *st = vprep(db, name, err, false, types, ap);
  va_end(ap);
  return st;
}

int mc_stmt_next(mc_stmt *st, mc_err *err) {
  int r = st->db->drv->step(st->s, err);
  if (r == 0) st->db->drv->reset(st->s);  /* release read locks early */
  return r;
}

mc_rc mc_db_exec(mc_db *db, const char *name, mc_err *err, const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  mc_stmt *st = vprep(db, name, err, true, types, ap);
  va_end(ap);
  if (!st) return err ? err->rc : MC_EDB;
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {}
  return r < 0 ? (err && err->rc ? err->rc : MC_EDB) : MC_OK;
}

mc_rc mc_db_i64(mc_db *db, const char *name, int64_t *out, mc_err *err, const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  mc_stmt *st = vprep(db, name, err, true, types, ap);
  va_end(ap);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err && err->rc ? err->rc : MC_EDB;
  if (r == 0) return mc_fail(err, MC_ENOTFOUND, "db.no_row", NULL, "No row.");
  *out = mc_col_i64(st, 0);
  while ((r = mc_stmt_next(st, err)) > 0) {}
  return r < 0 ? MC_EDB : MC_OK;
}

int64_t mc_db_changes(mc_db *db) { return db->drv->changes(db->conn); }

int mc_col_count(mc_stmt *st) { return st->db->drv->ncols(st->s); }
const char *mc_col_name(mc_stmt *st, int i) { return st->db->drv->colname(st->s, i); }
bool mc_col_null(mc_stmt *st, int i) { return st->db->drv->coltype(st->s, i) == MC_COL_NULL; }
int64_t mc_col_i64(mc_stmt *st, int i) { return st->db->drv->col_i64(st->s, i); }
double mc_col_double(mc_stmt *st, int i) { return st->db->drv->col_double(st->s, i); }
const char *mc_col_text(mc_stmt *st, int i) { return st->db->drv->col_text(st->s, i); }
const void *mc_col_blob(mc_stmt *st, int i, size_t *n) { return st->db->drv->col_blob(st->s, i, n); }

json_t *mc_row_json(mc_stmt *st) {
  json_t *o = json_object();
  int n = mc_col_count(st);
  for (int i = 0; i < n; i++) {
    const char *name = mc_col_name(st, i);
    size_t nl = strlen(name);
    json_t *v;
    switch (st->db->drv->coltype(st->s, i)) {
    case MC_COL_NULL: v = json_null(); break;
    case MC_COL_INT: v = json_integer(mc_col_i64(st, i)); break;
    case MC_COL_FLOAT: v = json_real(mc_col_double(st, i)); break;
    default: v = json_string(mc_col_text(st, i)); break;
    }
    if (nl > 5 && strcmp(name + nl - 5, "_json") == 0) {
      json_t *parsed = json_is_string(v) ? json_loads(json_string_value(v), 0, NULL) : NULL;
      json_decref(v);
      v = parsed ? parsed : json_null();
      char key[128];
      snprintf(key, sizeof key, "%.*s", (int)(nl - 5), name);
      json_object_set_new(o, key, v);
    } else {
      json_object_set_new(o, name, v ? v : json_null());
    }
  }
  return o;
}

/* ---- raw statements (db_int.h) --------------------------------------------- */

mc_stmt *mc_db_raw_prep(mc_db *db, const char *sql, mc_err *err) {
  mc_stmt *st = calloc(1, sizeof *st);
  if (!st) { mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); return NULL; }
  st->db = db;
  st->name = "raw";
  st->s = db->drv->prepare(db->conn, "raw", sql, err);
  if (!st->s) { free(st); return NULL; }
  return st;
}

void mc_db_raw_free(mc_stmt *st) {
  if (!st) return;
  st->db->drv->finalize(st->s);
  free(st);
}

void mc_stmt_reset(mc_stmt *st) { st->db->drv->reset(st->s); }
int mc_stmt_step_raw(mc_stmt *st, mc_err *err) { return st->db->drv->step(st->s, err); }
mc_rc mc_stmt_bind_i64(mc_stmt *st, int idx, int64_t v) { return st->db->drv->bind_i64(st->s, idx, v); }
mc_rc mc_stmt_bind_null(mc_stmt *st, int idx) { return st->db->drv->bind_null(st->s, idx); }

mc_rc mc_stmt_bind_col(mc_stmt *dst, int idx, mc_stmt *src, int col) {
  const mc_db_driver *d = dst->db->drv, *s = src->db->drv;
  switch (s->coltype(src->s, col)) {
  case MC_COL_NULL: return d->bind_null(dst->s, idx);
  case MC_COL_INT: return d->bind_i64(dst->s, idx, s->col_i64(src->s, col));
  case MC_COL_FLOAT: return d->bind_double(dst->s, idx, s->col_double(src->s, col));
  case MC_COL_BLOB: {
    size_t n;
    const void *p = s->col_blob(src->s, col, &n);
    return d->bind_blob(dst->s, idx, p ? p : "", n, false);
  }
  default: return d->bind_text(dst->s, idx, s->col_text(src->s, col), false);
  }
}

/* ---- migrations ---------------------------------------------------------- */

int mc_db_schema_version(mc_db *db) {
  int64_t v = 0;
  mc_err e = {0};
  if (mc_db_i64(db, "meta.schema_version", &v, &e, NULL)) v = 0;
  mc_err_clear(&e);
  return (int)v;
}

/* The migration of version v for this dialect: the dialect's own file
 * (migrations/sqlite/, migrations/pg/), else the generic one; NULL when none.
 * Versions are applied in order whatever the order of the embedded files. */
static const mc_embedded *migration_file(int64_t v, const char *dialect_dir) {
  const mc_embedded *generic = NULL;
  char num[24];
  snprintf(num, sizeof num, "%04lld", (long long)v);
  for (int i = 0; i < mc_sql_files_count; i++) {
    const mc_embedded *f = &mc_sql_files[i];
    if (strncmp(f->path, "migrations/", 11) != 0 || strncmp(strrchr(f->path, '/') + 1, num, 4) != 0) continue;
    if (strncmp(f->path, dialect_dir, strlen(dialect_dir)) == 0) return f;
    if (!strchr(f->path + 11, '/')) generic = f;
  }
  return generic;
}

mc_rc mc_db_migrate(mc_db *db, int *applied, mc_err *err) {
  mc_rc rc = db->drv->exec_script(db->conn,
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at TEXT NOT NULL)", err);
  if (rc) return rc;
  const char *dialect_dir = strcmp(db->drv->sql_dialect, "pg") == 0 ? "migrations/pg/" : "migrations/sqlite/";
  int n = 0;
  const mc_embedded *f;
  for (int64_t version = mc_db_schema_version(db) + 1; (f = migration_file(version, dialect_dir)); version++) {
    const char *base = strrchr(f->path, '/') + 1;
    if ((rc = mc_db_begin(db, err))) return rc;
    char *ddl = db->drv->rewrite_ddl ? db->drv->rewrite_ddl(f->data) : NULL;
    rc = db->drv->exec_script(db->conn, ddl ? ddl : f->data, err);
    free(ddl);
    if (rc ||
        (rc = mc_db_exec(db, "meta.migration_done", err, "is", version, base)) ||
        (rc = mc_db_commit(db, err))) {
      mc_db_rollback(db);
      mc_error("migration %s failed: %s", base, err ? err->message : "");
      return rc;
    }
    n++;
  }
  if (applied) *applied = n;
  return MC_OK;
}

/* ---- pool ----------------------------------------------------------------- */

struct mc_dbpool { pthread_mutex_t mu; pthread_cond_t cv; mc_db **free; int nfree, size; mc_db **all; };

mc_rc mc_dbpool_open(const char *url, int size, mc_dbpool **out, mc_err *err) {
  mc_dbpool *p = calloc(1, sizeof *p);
  if (!p) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  p->free = calloc((size_t)size, sizeof *p->free);
  p->all = calloc((size_t)size, sizeof *p->all);
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->cv, NULL);
  for (int i = 0; i < size; i++) {
    mc_rc rc = mc_db_open(url, &p->all[i], err);
    if (rc) { p->size = i; mc_dbpool_close(p); return rc; }
    p->free[p->nfree++] = p->all[i];
  }
  p->size = size;
  *out = p;
  return MC_OK;
}

mc_db *mc_dbpool_get(mc_dbpool *p) {
  pthread_mutex_lock(&p->mu);
  while (p->nfree == 0) pthread_cond_wait(&p->cv, &p->mu);
  mc_db *db = p->free[--p->nfree];
  pthread_mutex_unlock(&p->mu);
  return db;
}

void mc_dbpool_put(mc_dbpool *p, mc_db *db) {
  if (db->in_tx) mc_db_rollback(db);
  pthread_mutex_lock(&p->mu);
  p->free[p->nfree++] = db;
  pthread_cond_signal(&p->cv);
  pthread_mutex_unlock(&p->mu);
}

void mc_dbpool_close(mc_dbpool *p) {
  if (!p) return;
  for (int i = 0; i < p->size; i++) mc_db_close(p->all[i]);
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->cv);
  free(p->free);
  free(p->all);
  free(p);
}
