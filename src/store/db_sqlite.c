/* db_sqlite.c — the SQLite driver: WAL, foreign keys, synchronous=FULL,
 * busy timeout; one writer at a time per database file in this process;
 * maps $1…$N placeholders to SQLite's parameter indexes. */
#include "store/driver.h"
#include "util/log.h"
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_PARAMS = 64, BUSY_MS = 10000 };

typedef struct lite_stmt { sqlite3_stmt *s; sqlite3 *conn; const char *name; int map[MAX_PARAMS + 1]; } lite_stmt;

/* ---- one writer at a time ----------------------------------------------------
 * Writers of one file in this process take turns on a mutex, woken the moment
 * the holder commits, before BEGIN IMMEDIATE. Left to SQLite's lock they would
 * poll it in the busy handler, asleep 1 to 100 ms at a time, and a worker
 * thread asleep there holds up every other request it serves (p99 of
 * submissions near a second under 8 concurrent writers). Other processes
 * still meet SQLite's lock and the busy timeout. */
typedef struct lite_file {
  struct lite_file *next;
  char *path;                /* realpath: one entry per file, whatever the spelling */
  int refs;
  pthread_mutex_t mu;
  pthread_cond_t free;
  bool held;                 /* a connection of this process is writing */
} lite_file;

static pthread_mutex_t files_mu = PTHREAD_MUTEX_INITIALIZER;
static lite_file *files;

static lite_file *file_get(const char *path) {
  char real[PATH_MAX];
  if (!realpath(path, real)) return NULL;   /* in memory, or gone: SQLite's lock alone */
  pthread_mutex_lock(&files_mu);
  lite_file *f = files;
  while (f && strcmp(f->path, real) != 0) f = f->next;
  if (!f && (f = calloc(1, sizeof *f)) && (f->path = strdup(real))) {
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->free, NULL);
    f->next = files;
    files = f;
  } else if (f && !f->path) {
    free(f);
    f = NULL;
  }
  if (f) f->refs++;
  pthread_mutex_unlock(&files_mu);
  return f;
}

static void file_put(lite_file *f) {
  if (!f) return;
  pthread_mutex_lock(&files_mu);
  if (--f->refs == 0) {
    lite_file **p = &files;
    while (*p != f) p = &(*p)->next;
    *p = f->next;
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->free);
    free(f->path);
    free(f);
  }
  pthread_mutex_unlock(&files_mu);
}

typedef struct lite_conn {
  sqlite3 *db;
  lite_file *file;
  bool writing;              /* holds the file's turn */
} lite_conn;

/* ---- errors ------------------------------------------------------------------ */

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
  sqlite3_busy_timeout(conn, BUSY_MS);
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
  lite_conn *c = calloc(1, sizeof *c);
  if (!c) {
    sqlite3_close(conn);
    return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  c->db = conn;
  c->file = file_get(path);
  *out = c;
  return MC_OK;
}

/* Wait for the file's turn (up to the busy timeout); give it back. A turn may
 * be given back by another thread than the one that took it. */
static bool turn_take(lite_file *f) {
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += BUSY_MS / 1000;
  pthread_mutex_lock(&f->mu);
  int e = 0;
  while (f->held && e != ETIMEDOUT) e = pthread_cond_timedwait(&f->free, &f->mu, &until);
  bool got = !f->held;
  if (got) f->held = true;
  pthread_mutex_unlock(&f->mu);
  return got;
}

static void turn_give(lite_file *f) {
  pthread_mutex_lock(&f->mu);
  f->held = false;
  pthread_cond_signal(&f->free);
  pthread_mutex_unlock(&f->mu);
}

static void write_done(lite_conn *c) {
  if (c->writing) turn_give(c->file);
  c->writing = false;
}

static void lite_close(void *conn) {
  lite_conn *c = conn;
  write_done(c);
  sqlite3_close_v2(c->db);
  file_put(c->file);
  free(c);
}

static mc_rc lite_exec(void *conn, const char *sql, mc_err *err) {
  lite_conn *c = conn;
  char *msg = NULL;
  int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
  sqlite3_free(msg);
  return rc == SQLITE_OK ? MC_OK : db_error(c->db, rc, "exec", err);
}

static mc_rc lite_begin(void *conn, mc_err *err) {
  lite_conn *c = conn;
  if (c->file) {
    if (!turn_take(c->file)) return mc_fail(err, MC_EBUSY, "db.busy", NULL, "The database is busy; try again.");
    c->writing = true;
  }
  mc_rc rc = lite_exec(c, "BEGIN IMMEDIATE", err);
  if (rc) write_done(c);
  return rc;
}

static mc_rc lite_commit(void *conn, mc_err *err) {
  lite_conn *c = conn;
  mc_rc rc = lite_exec(c, "COMMIT", err);
  if (!rc) write_done(c);
  return rc;
}

static void lite_rollback(void *conn) {
  lite_conn *c = conn;
  mc_err e = {0};
  lite_exec(c, "ROLLBACK", &e);
  mc_err_clear(&e);
  write_done(c);
}

static void *lite_prepare(void *conn, const char *name, const char *sql, mc_err *err) {
  sqlite3 *db = ((lite_conn *)conn)->db;
  lite_stmt *w = calloc(1, sizeof *w);
  if (!w) { mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); return NULL; }
  int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &w->s, NULL);
  if (rc != SQLITE_OK) {
    mc_error("query %s does not prepare: %s", name, sqlite3_errmsg(db));
    db_error(db, rc, name, err);
    free(w);
    return NULL;
  }
  w->conn = db;
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
static int64_t lite_changes(void *conn) { return sqlite3_changes64(((lite_conn *)conn)->db); }

const mc_db_driver mc_driver_sqlite = {
  .name = "sqlite", .sql_dialect = "sqlite",
  .open = lite_open, .close = lite_close, .exec_script = lite_exec,
  .begin = lite_begin, .commit = lite_commit, .rollback = lite_rollback,
  .prepare = lite_prepare, .finalize = lite_finalize, .reset = lite_reset,
  .bind_null = lite_bind_null, .bind_i64 = lite_bind_i64, .bind_double = lite_bind_double,
  .bind_text = lite_bind_text, .bind_blob = lite_bind_blob,
  .step = lite_step, .ncols = lite_ncols, .colname = lite_colname, .coltype = lite_coltype,
  .col_i64 = lite_i64, .col_double = lite_double, .col_text = lite_text, .col_blob = lite_blob,
  .changes = lite_changes,
};
