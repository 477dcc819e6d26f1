/* db_sqlite.c — the SQLite driver: WAL, foreign keys, synchronous=FULL,
 * busy timeout; maps $1…$N placeholders to SQLite's parameter indexes. */
#include "store/driver.h"
#include "util/log.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_PARAMS = 64 };

typedef struct lite_stmt { sqlite3_stmt *s; sqlite3 *conn; const char *name; int map[MAX_PARAMS + 1]; } lite_stmt;

static mc_rc db_error(sqlite3 *conn, int rc, const char *what, mc_err *err) {
  int base = rc & 0xff;
  mc_warn("sqlite %s: %s", what, sqlite3_errmsg(conn));   /* never shown to users */
  if (base == SQLITE_CONSTRAINT)
    return mc_fail(err, MC_ECONFLICT, "db.constraint", NULL,
                   "The change conflicts with existing data (duplicate or missing reference).");
  if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
    return mc_fail(err, MC_EBUSY, "db.busy", NULL, "The database is busy; try again.");
  return mc_fail(err, MC_EDB, "db.error", NULL, "A storage error occurred.");
}

/* Before SQLite starts: no memory statistics (nothing reads them, and keeping
 * them takes a global mutex on every allocation: 9 % of a bulk load). */
static void lite_init(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

static mc_rc lite_open(const char *path, void **out, mc_err *err) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, lite_init);
  sqlite3 *conn;
  int rc = sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                           SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    mc_rc r = mc_fail(err, MC_EIO, "db.open", NULL, "Cannot open the database %s: %s.",
                      path, conn ? sqlite3_errmsg(conn) : "out of memory");
    sqlite3_close(conn);
    return r;
  }
  sqlite3_busy_timeout(conn, 10000);
  const char *sync = getenv("MOTCUA_SQLITE_SYNC");   /* FULL (default) or NORMAL */
  char pragmas[256];
  snprintf(pragmas, sizeof pragmas,
           "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA foreign_keys=ON; "
           "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;",
           sync && strcmp(sync, "NORMAL") == 0 ? "NORMAL" : "FULL");
  char *msg = NULL;
  if (sqlite3_exec(conn, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
    mc_rc r = mc_fail(err, MC_EIO, "db.open", NULL, "Cannot configure the database %s: %s.", path, msg);
    sqlite3_free(msg);
    sqlite3_close(conn);
    return r;
  }
  *out = conn;
  return MC_OK;
}

static void lite_close(void *conn) { sqlite3_close_v2(conn); }

static mc_rc lite_exec(void *conn, const char *sql, mc_err *err) {
  char *msg = NULL;
  int rc = sqlite3_exec(conn, sql, NULL, NULL, &msg);
  sqlite3_free(msg);
  return rc == SQLITE_OK ? MC_OK : db_error(conn, rc, "exec", err);
}

static void *lite_prepare(void *conn, const char *name, const char *sql, mc_err *err) {
  lite_stmt *w = calloc(1, sizeof *w);
  if (!w) { mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); return NULL; }
  int rc = sqlite3_prepare_v3(conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &w->s, NULL);
  if (rc != SQLITE_OK) {
    mc_error("query %s does not prepare: %s", name, sqlite3_errmsg(conn));
    db_error(conn, rc, name, err);
    free(w);
    return NULL;
  }
  w->conn = conn;
  w->name = name;
  for (int i = 1; i <= MAX_PARAMS; i++) {
    char p[8];
    snprintf(p, sizeof p, "$%d", i);
    w->map[i] = sqlite3_bind_parameter_index(w->s, p);
  }
  return w;
}

static void lite_finalize(void *st) { lite_stmt *w = st; sqlite3_finalize(w->s); free(w); }
static void lite_reset(void *st) { lite_stmt *w = st; sqlite3_reset(w->s); sqlite3_clear_bindings(w->s); }

static int pidx(lite_stmt *w, int i) { return i >= 1 && i <= MAX_PARAMS ? w->map[i] : 0; }
#define BIND(expr) do { lite_stmt *w = st; int k = pidx(w, idx); \
    if (!k) return MC_OK; /* parameter not used by this dialect's text */ \
    return (expr) == SQLITE_OK ? MC_OK : MC_EDB; } while (0)

static mc_rc lite_bind_null(void *st, int idx) { BIND(sqlite3_bind_null(w->s, k)); }
static mc_rc lite_bind_i64(void *st, int idx, int64_t v) { BIND(sqlite3_bind_int64(w->s, k, v)); }
static mc_rc lite_bind_double(void *st, int idx, double v) { BIND(sqlite3_bind_double(w->s, k, v)); }
static mc_rc lite_bind_text(void *st, int idx, const char *s, bool borrow) {
  BIND(sqlite3_bind_text(w->s, k, s, -1, borrow ? SQLITE_STATIC : SQLITE_TRANSIENT));
}
static mc_rc lite_bind_blob(void *st, int idx, const void *p, size_t n, bool borrow) {
  BIND(sqlite3_bind_blob64(w->s, k, p, n, borrow ? SQLITE_STATIC : SQLITE_TRANSIENT));
}

static int lite_step(void *st, mc_err *err) {
  lite_stmt *w = st;
  int rc = sqlite3_step(w->s);
  if (rc == SQLITE_ROW) return 1;
  if (rc == SQLITE_DONE) return 0;
  db_error(w->conn, rc, w->name, err);
  sqlite3_reset(w->s);
  return -1;
}

static int lite_ncols(void *st) { return sqlite3_column_count(((lite_stmt *)st)->s); }
static const char *lite_colname(void *st, int i) { return sqlite3_column_name(((lite_stmt *)st)->s, i); }
static mc_coltype lite_coltype(void *st, int i) {
  switch (sqlite3_column_type(((lite_stmt *)st)->s, i)) {
  case SQLITE_INTEGER: return MC_COL_INT;
  case SQLITE_FLOAT: return MC_COL_FLOAT;
  case SQLITE_TEXT: return MC_COL_TEXT;
  case SQLITE_BLOB: return MC_COL_BLOB;
  default: return MC_COL_NULL;
  }
}
static int64_t lite_i64(void *st, int i) { return sqlite3_column_int64(((lite_stmt *)st)->s, i); }
static double lite_double(void *st, int i) { return sqlite3_column_double(((lite_stmt *)st)->s, i); }
static const char *lite_text(void *st, int i) { return (const char *)sqlite3_column_text(((lite_stmt *)st)->s, i); }
static const void *lite_blob(void *st, int i, size_t *n) {
  sqlite3_stmt *s = ((lite_stmt *)st)->s;
  const void *p = sqlite3_column_blob(s, i);
  *n = (size_t)sqlite3_column_bytes(s, i);
  return p;
}
static int64_t lite_changes(void *conn) { return sqlite3_changes64(conn); }

const mc_db_driver mc_driver_sqlite = {
  .name = "sqlite", .sql_dialect = "sqlite",
  .open = lite_open, .close = lite_close, .exec_script = lite_exec,
  .prepare = lite_prepare, .finalize = lite_finalize, .reset = lite_reset,
  .bind_null = lite_bind_null, .bind_i64 = lite_bind_i64, .bind_double = lite_bind_double,
  .bind_text = lite_bind_text, .bind_blob = lite_bind_blob,
  .step = lite_step, .ncols = lite_ncols, .colname = lite_colname, .coltype = lite_coltype,
  .col_i64 = lite_i64, .col_double = lite_double, .col_text = lite_text, .col_blob = lite_blob,
  .changes = lite_changes,
};
