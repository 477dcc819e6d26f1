/* driver.h — what a storage backend implements (private to src/store). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/err.h"

typedef enum { MC_COL_NULL, MC_COL_INT, MC_COL_FLOAT, MC_COL_TEXT, MC_COL_BLOB } mc_coltype;

typedef struct mc_db_driver {
  const char *name;
  const char *sql_dialect;    /* query override folder: "sqlite", "pg" */
  mc_rc (*open)(const char *url, void **conn, mc_err *err);
  void (*close)(void *conn);
  mc_rc (*exec_script)(void *conn, const char *sql, mc_err *err);
  /* A write transaction: begin; commit (on failure still open: roll it back);
   * roll back (never fails). */
  mc_rc (*begin)(void *conn, mc_err *err);
  mc_rc (*commit)(void *conn, mc_err *err);
  void (*rollback)(void *conn);
  void *(*prepare)(void *conn, const char *name, const char *sql, mc_err *err);
  void (*finalize)(void *stmt);
  void (*reset)(void *stmt);
  mc_rc (*bind_null)(void *stmt, int idx);
  mc_rc (*bind_i64)(void *stmt, int idx, int64_t v);
  mc_rc (*bind_double)(void *stmt, int idx, double v);
  /* borrow: the bytes stay valid until the statement is next reset, so the
   * driver may keep the pointer instead of a copy. */
  mc_rc (*bind_text)(void *stmt, int idx, const char *s, bool borrow);
  mc_rc (*bind_blob)(void *stmt, int idx, const void *p, size_t n, bool borrow);
  int (*step)(void *stmt, mc_err *err);        /* 1 row, 0 done, -1 error */
  int (*ncols)(void *stmt);
  const char *(*colname)(void *stmt, int i);
  mc_coltype (*coltype)(void *stmt, int i);
  int64_t (*col_i64)(void *stmt, int i);
  double (*col_double)(void *stmt, int i);
  const char *(*col_text)(void *stmt, int i);
  const void *(*col_blob)(void *stmt, int i, size_t *n);
  int64_t (*changes)(void *conn);
  char *(*rewrite_ddl)(const char *sql);      /* optional: adapt a migration (malloc'ed) */
} mc_db_driver;

extern const mc_db_driver mc_driver_sqlite;
extern const mc_db_driver mc_driver_pg;
char *mc_pg_rewrite_ddl(const char *sql);
