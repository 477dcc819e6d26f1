/* db_int.h — storage-private helpers (only src/store uses them): statements
 * over SQL text that is not a named query. Used by db_copy.c, whose SQL is
 * built from table and column names read from the database's own catalog and
 * checked to be plain identifiers; values are always bound. */
#pragma once
#include "store/db.h"

mc_stmt *mc_db_raw_prep(mc_db *db, const char *sql, mc_err *err);
void mc_db_raw_free(mc_stmt *st);
/* Bind parameter idx of dst to column col of src's current row, keeping its type. */
mc_rc mc_stmt_bind_col(mc_stmt *dst, int idx, mc_stmt *src, int col);
mc_rc mc_stmt_bind_i64(mc_stmt *st, int idx, int64_t v);
mc_rc mc_stmt_bind_null(mc_stmt *st, int idx);
void mc_stmt_reset(mc_stmt *st);
/* Step without resetting at the end (the result's columns stay readable). */
int mc_stmt_step_raw(mc_stmt *st, mc_err *err);
