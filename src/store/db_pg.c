/* db_pg.c — the PostgreSQL driver (libpq): named prepared statements,
 * parameters sent as text (blobs binary), results read as text and typed by
 * column OID, SQLSTATE classes mapped onto mc_rc. Schema files written for
 * SQLite are adapted by mc_pg_rewrite_ddl (see below). */
#include "store/driver.h"
#include "util/log.h"
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_PARAMS = 64, NUM_BUF = 32 };

/* Type OIDs of the built-in types we read (pg_type.h). */
enum { OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23,
       OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700 };

typedef struct pg_conn { PGconn *c; int64_t changes; unsigned next_id; } pg_conn;

typedef struct pg_stmt {
  pg_conn *pc;
  const char *name;
  char id[24];                       /* server-side statement name */
  int nparams;
  const char *vals[MAX_PARAMS];
  int lens[MAX_PARAMS], fmts[MAX_PARAMS];
  char *owned[MAX_PARAMS];
  char num[MAX_PARAMS][NUM_BUF];
  PGresult *res;
  int row, nrows;
  bool done;
  unsigned char *blob;               /* last unescaped bytea */
} pg_stmt;

static mc_rc pg_error(PGconn *c, const PGresult *res, const char *what, mc_err *err) {
  const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  mc_warn("postgresql %s: %s", what, res ? PQresultErrorMessage(res) : PQerrorMessage(c));
  if (state && strncmp(state, "23", 2) == 0)
    return mc_fail(err, MC_ECONFLICT, "db.constraint", NULL,
                   "The change conflicts with existing data (duplicate or missing reference).");
  if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0))
    return mc_fail(err, MC_EBUSY, "db.busy", NULL, "The database is busy; try again.");
  return mc_fail(err, MC_EDB, "db.error", NULL, "A storage error occurred.");
}

static mc_rc pgd_open(const char *url, void **out, mc_err *err) {
  PGconn *c = PQconnectdb(url);
  if (PQstatus(c) != CONNECTION_OK) {
    /* The message may contain the host but never the password. */
    mc_rc rc = mc_fail(err, MC_EIO, "db.open", NULL, "Cannot connect to PostgreSQL: %s",
                       PQerrorMessage(c));
    PQfinish(c);
    return rc;
  }
  PGresult *r = PQexec(c, "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  PQclear(r);
  pg_conn *pc = calloc(1, sizeof *pc);
  if (!pc) { PQfinish(c); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  pc->c = c;
  *out = pc;
  return MC_OK;
}

static void pgd_close(void *conn) {
  pg_conn *pc = conn;
  PQfinish(pc->c);
  free(pc);
}

static mc_rc pgd_exec(void *conn, const char *sql, mc_err *err) {
  pg_conn *pc = conn;
  PGresult *r = PQexec(pc->c, sql);
  ExecStatusType st = PQresultStatus(r);
  mc_rc rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? MC_OK : pg_error(pc->c, r, "exec", err);
  PQclear(r);
  return rc;
}

static mc_rc pgd_begin(void *conn, mc_err *err) { return pgd_exec(conn, "BEGIN", err); }
static mc_rc pgd_commit(void *conn, mc_err *err) { return pgd_exec(conn, "COMMIT", err); }
static void pgd_rollback(void *conn) {
  mc_err e = {0};
  pgd_exec(conn, "ROLLBACK", &e);
  mc_err_clear(&e);
}

/* Highest $N in the text, skipping quoted strings and comments; used[n] marks
 * each $n that occurs (a query may skip some, e.g. a count beside a search). */
static int count_params(const char *sql, bool used[MAX_PARAMS + 1]) {
  int max = 0;
  for (const char *p = sql; *p; p++) {
    if (*p == '\'') { for (p++; *p && *p != '\''; p++) {} if (!*p) break; continue; }
    if (p[0] == '-' && p[1] == '-') { while (*p && *p != '\n') p++; if (!*p) break; continue; }
    if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
      int n = 0;
      for (p++; *p >= '0' && *p <= '9'; p++) n = n * 10 + (*p - '0');
      if (n > max) max = n;
      if (n <= MAX_PARAMS) used[n] = true;
      p--;
    }
  }
  return max;
}

static void *pgd_prepare(void *conn, const char *name, const char *sql, mc_err *err) {
  pg_conn *pc = conn;
  pg_stmt *s = calloc(1, sizeof *s);
  if (!s) { mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); return NULL; }
  s->pc = pc;
  s->name = name;
  bool used[MAX_PARAMS + 1] = {0};
  s->nparams = count_params(sql, used);
  snprintf(s->id, sizeof s->id, "q%u", ++pc->next_id);
  if (s->nparams > MAX_PARAMS) {
    mc_fail(err, MC_EINTERNAL, "db.too_many_params", NULL, "Query %s has too many parameters.", name);
    free(s);
    return NULL;
  }
  /* PostgreSQL infers each parameter's type from its use; one never used
   * gets text (OID 25), or the prepare would fail. */
  Oid types[MAX_PARAMS];
  for (int i = 0; i < s->nparams; i++) types[i] = used[i + 1] ? 0 : 25;
  PGresult *r = PQprepare(pc->c, s->id, sql, s->nparams, types);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    mc_error("query %s does not prepare on PostgreSQL", name);
    pg_error(pc->c, r, name, err);
    PQclear(r);
    free(s);
    return NULL;
  }
  PQclear(r);
  return s;
}

static void clear_result(pg_stmt *s) {
  PQclear(s->res);
  s->res = NULL;
  s->row = -1;
  s->nrows = 0;
  s->done = false;
  PQfreemem(s->blob);
  s->blob = NULL;
}

static void pgd_reset(void *st) {
  pg_stmt *s = st;
  clear_result(s);
  for (int i = 0; i < MAX_PARAMS; i++) {
    free(s->owned[i]);
    s->owned[i] = NULL;
    s->vals[i] = NULL;
    s->lens[i] = 0;
    s->fmts[i] = 0;
  }
}

static void pgd_finalize(void *st) {
  pg_stmt *s = st;
  pgd_reset(s);
  char sql[64];
  snprintf(sql, sizeof sql, "DEALLOCATE %s", s->id);
  PGresult *r = PQexec(s->pc->c, sql);
  PQclear(r);
  free(s);
}

static bool slot(pg_stmt *s, int idx) { return idx >= 1 && idx <= s->nparams; }

static mc_rc pgd_bind_null(void *st, int idx) {
  pg_stmt *s = st;
  if (slot(s, idx)) s->vals[idx - 1] = NULL;
  return MC_OK;
}

static mc_rc pgd_bind_i64(void *st, int idx, int64_t v) {
  pg_stmt *s = st;
  if (!slot(s, idx)) return MC_OK;
  snprintf(s->num[idx - 1], NUM_BUF, "%lld", (long long)v);
  s->vals[idx - 1] = s->num[idx - 1];
  return MC_OK;
}

static mc_rc pgd_bind_double(void *st, int idx, double v) {
  pg_stmt *s = st;
  if (!slot(s, idx)) return MC_OK;
  snprintf(s->num[idx - 1], NUM_BUF, "%.17g", v);
  s->vals[idx - 1] = s->num[idx - 1];
  return MC_OK;
}

static mc_rc pgd_bind_text(void *st, int idx, const char *v, bool borrow) {
  pg_stmt *s = st;
  if (!slot(s, idx)) return MC_OK;
  free(s->owned[idx - 1]);
  s->owned[idx - 1] = borrow ? NULL : strdup(v);
  if (!borrow && !s->owned[idx - 1]) return MC_ENOMEM;
  s->vals[idx - 1] = borrow ? v : s->owned[idx - 1];
  return MC_OK;
}

static mc_rc pgd_bind_blob(void *st, int idx, const void *p, size_t n, bool borrow) {
  pg_stmt *s = st;
  if (!slot(s, idx)) return MC_OK;
  free(s->owned[idx - 1]);
  s->owned[idx - 1] = NULL;
  if (!borrow) {
    if (!(s->owned[idx - 1] = malloc(n ? n : 1))) return MC_ENOMEM;
    if (n) memcpy(s->owned[idx - 1], p, n);
  }
  s->vals[idx - 1] = borrow ? (n ? p : "") : s->owned[idx - 1];
  s->lens[idx - 1] = (int)n;
  s->fmts[idx - 1] = 1;
  return MC_OK;
}

static int pgd_step(void *st, mc_err *err) {
  pg_stmt *s = st;
  if (s->done) return 0;
  if (!s->res) {
    s->res = PQexecPrepared(s->pc->c, s->id, s->nparams, s->vals, s->lens, s->fmts, 0);
    ExecStatusType es = PQresultStatus(s->res);
    if (es == PGRES_COMMAND_OK) {
      const char *n = PQcmdTuples(s->res);
      s->pc->changes = *n ? strtoll(n, NULL, 10) : 0;
      s->done = true;
      return 0;
    }
    if (es != PGRES_TUPLES_OK) {
      pg_error(s->pc->c, s->res, s->name, err);
      clear_result(s);
      return -1;
    }
    const char *n = PQcmdTuples(s->res);   /* INSERT … RETURNING reports rows too */
    s->pc->changes = *n ? strtoll(n, NULL, 10) : PQntuples(s->res);
    s->nrows = PQntuples(s->res);
    s->row = -1;
  }
  if (++s->row < s->nrows) return 1;
  s->done = true;
  return 0;
}

static int pgd_ncols(void *st) { pg_stmt *s = st; return s->res ? PQnfields(s->res) : 0; }
static const char *pgd_colname(void *st, int i) { return PQfname(((pg_stmt *)st)->res, i); }

static mc_coltype pgd_coltype(void *st, int i) {
  pg_stmt *s = st;
  if (!s->res || s->row < 0 || s->row >= s->nrows || PQgetisnull(s->res, s->row, i)) return MC_COL_NULL;
  switch (PQftype(s->res, i)) {
  case OID_INT2: case OID_INT4: case OID_INT8: case OID_BOOL: return MC_COL_INT;
  case OID_FLOAT4: case OID_FLOAT8: return MC_COL_FLOAT;
  case OID_NUMERIC: return strchr(PQgetvalue(s->res, s->row, i), '.') ? MC_COL_FLOAT : MC_COL_INT;
  case OID_BYTEA: return MC_COL_BLOB;
  default: return MC_COL_TEXT;
  }
}

static const char *value(pg_stmt *s, int i) {
  if (!s->res || s->row < 0 || s->row >= s->nrows || PQgetisnull(s->res, s->row, i)) return NULL;
  return PQgetvalue(s->res, s->row, i);
}

static int64_t pgd_i64(void *st, int i) {
  const char *v = value(st, i);
  if (!v) return 0;
  if (PQftype(((pg_stmt *)st)->res, i) == OID_BOOL) return *v == 't';
  return strtoll(v, NULL, 10);
}

static double pgd_double(void *st, int i) { const char *v = value(st, i); return v ? strtod(v, NULL) : 0; }
static const char *pgd_text(void *st, int i) { return value(st, i); }

static const void *pgd_blob(void *st, int i, size_t *n) {
  pg_stmt *s = st;
  const char *v = value(s, i);
  *n = 0;
  if (!v) return NULL;
  PQfreemem(s->blob);
  s->blob = PQunescapeBytea((const unsigned char *)v, n);
  return s->blob;
}

static int64_t pgd_changes(void *conn) { return ((pg_conn *)conn)->changes; }


/* ---- schema text ------------------------------------------------------------
 * Migrations are written once, in the SQL both engines read, except for the
 * few SQLite idioms below, which this rewrite maps onto PostgreSQL (outside
 * quotes and comments, whole words, any case):
 *   INTEGER PRIMARY KEY  → BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY
 *                          (SQLite's rowid alias: ids are assigned by the engine)
 *   INTEGER              → BIGINT (every integer is 64-bit in motcua)
 *   REAL                 → DOUBLE PRECISION
 *   BLOB                 → BYTEA
 * Anything else that differs goes into migrations/pg/NNNN_*.sql. */

static bool word_at(const char *p, const char *start, const char *w) {
  size_t n = strlen(w);
  if (strncasecmp(p, w, n) != 0) return false;
  bool left = p == start || !(p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
                              (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= '0' && p[-1] <= '9'));
  char c = p[n];
  bool right = !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  return left && right;
}

char *mc_pg_rewrite_ddl(const char *sql) {
  static const struct { const char *from, *to; } map[] = {
    {"INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
    {"INTEGER", "BIGINT"}, {"REAL", "DOUBLE PRECISION"}, {"BLOB", "BYTEA"},
    {" WITHOUT ROWID", ""},                 /* SQLite's clustered tables: a plain table here */
  };
  size_t cap = strlen(sql) * 2 + 64, len = 0;
  char *out = malloc(cap);
  if (!out) return NULL;
  const char *p = sql;
  while (*p) {
    if (len + 80 >= cap) {
      cap *= 2;
      char *n = realloc(out, cap);
      if (!n) { free(out); return NULL; }
      out = n;
    }
    if (*p == '\'') {                       /* copy a quoted string verbatim */
      do { out[len++] = *p++; } while (*p && *p != '\'' && len + 2 < cap);
      if (*p) out[len++] = *p++;
      continue;
    }
    if (p[0] == '-' && p[1] == '-') {       /* and a comment */
      while (*p && *p != '\n' && len + 2 < cap) out[len++] = *p++;
      continue;
    }
    bool done = false;
    for (size_t i = 0; i < sizeof map / sizeof *map && !done; i++) {
      if (word_at(p, sql, map[i].from)) {
        size_t n = strlen(map[i].to);
        memcpy(out + len, map[i].to, n);
        len += n;
        p += strlen(map[i].from);
        done = true;
      }
    }
    if (!done) out[len++] = *p++;
  }
  out[len] = 0;
  return out;
}

const mc_db_driver mc_driver_pg = {
  .name = "postgresql", .sql_dialect = "pg",
  .open = pgd_open, .close = pgd_close, .exec_script = pgd_exec,
  .begin = pgd_begin, .commit = pgd_commit, .rollback = pgd_rollback,
  .prepare = pgd_prepare, .finalize = pgd_finalize, .reset = pgd_reset,
  .bind_null = pgd_bind_null, .bind_i64 = pgd_bind_i64, .bind_double = pgd_bind_double,
  .bind_text = pgd_bind_text, .bind_blob = pgd_bind_blob,
  .step = pgd_step, .ncols = pgd_ncols, .colname = pgd_colname, .coltype = pgd_coltype,
  .col_i64 = pgd_i64, .col_double = pgd_double, .col_text = pgd_text, .col_blob = pgd_blob,
  .changes = pgd_changes, .rewrite_ddl = mc_pg_rewrite_ddl,
};
