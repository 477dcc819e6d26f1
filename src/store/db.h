/* db.h — the storage interface: connections, transactions, named queries.
 *
 * The domain core never holds SQL text. Queries live in src/store/sql/ (one .sql file per entity) as
 * blocks "-- name: NAME" under a file prefix (units.sql block "get" is
 * "units.get"), with PostgreSQL-style $1…$N placeholders. Schema changes are
 * numbered files in src/store/sql/migrations/. A driver (SQLite now,
 * PostgreSQL next) implements mc_db_driver; nothing above this header knows
 * which one runs. Use RETURNING for generated ids (both dialects have it).
 *
 *   mc_stmt *st = mc_db_prep(db, "units.by_code", err, "s", code);
 *   while ((r = mc_stmt_next(st, err)) > 0) { ... mc_col_text(st, 0) ... }
 *   if (r < 0) return err->rc;
 *
 * Bind types: 'i' int64_t, 'I' int64_t id (0 → NULL), 'd' double, 's' const char * (NULL → NULL),
 *             'n' SQL NULL (no argument), 'b' (const void *, size_t) blob.  */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/err.h"

typedef struct mc_db mc_db;
typedef struct mc_stmt mc_stmt;
typedef struct mc_dbpool mc_dbpool;

/* "sqlite:PATH", a bare path (SQLite), or "postgresql://…" (later). */
mc_rc mc_db_open(const char *url, mc_db **out, mc_err *err);
void mc_db_close(mc_db *db);
const char *mc_db_driver_name(const mc_db *db);

/* Apply every migration not yet applied, each in its own transaction. */
mc_rc mc_db_migrate(mc_db *db, int *applied, mc_err *err);
int mc_db_schema_version(mc_db *db);

/* Write transaction (SQLite: BEGIN IMMEDIATE). Nesting is not supported. */
mc_rc mc_db_begin(mc_db *db, mc_err *err);
mc_rc mc_db_commit(mc_db *db, mc_err *err);
void mc_db_rollback(mc_db *db);
bool mc_db_in_tx(const mc_db *db);

/* Prepare (cached per connection), reset and bind a named query. NULL on error. */
mc_stmt *mc_db_prep(mc_db *db, const char *name, mc_err *err, const char *types, ...);
/* 1 = a row is ready, 0 = done, -1 = error (err filled, MC_EDB or MC_ECONFLICT
 * for a uniqueness/foreign-key violation with code "db.constraint"). */
int mc_stmt_next(mc_stmt *st, mc_err *err);
/* Run a named query to completion. */
mc_rc mc_db_exec(mc_db *db, const char *name, mc_err *err, const char *types, ...);
/* Run a query expected to return one row with one integer (e.g. RETURNING id,
 * count(*)). MC_ENOTFOUND when no row. */
mc_rc mc_db_i64(mc_db *db, const char *name, int64_t *out, mc_err *err, const char *types, ...);
int64_t mc_db_changes(mc_db *db);

int mc_col_count(mc_stmt *st);
const char *mc_col_name(mc_stmt *st, int i);
bool mc_col_null(mc_stmt *st, int i);
int64_t mc_col_i64(mc_stmt *st, int i);
double mc_col_double(mc_stmt *st, int i);
const char *mc_col_text(mc_stmt *st, int i);       /* valid until next step */
const void *mc_col_blob(mc_stmt *st, int i, size_t *len);
/* The current row as a JSON object keyed by column name. Columns whose name
 * ends in "_json" are parsed and stored without the suffix. */
json_t *mc_row_json(mc_stmt *st);

/* Copy every table of `from` into `to` (migrated, holding no province yet),
 * in one target transaction, calling cb(table, rows so far, ctx) as it goes. */
typedef void (*mc_copy_progress)(const char *table, int64_t rows, void *ctx);
mc_rc mc_db_copy(mc_db *from, mc_db *to, mc_copy_progress cb, void *ctx, mc_err *err);
/* {"table": rows, …} for every table but the migration bookkeeping. */
mc_rc mc_db_table_counts(mc_db *db, json_t **out, mc_err *err);

/* A fixed set of connections shared by server threads. */
mc_rc mc_dbpool_open(const char *url, int size, mc_dbpool **out, mc_err *err);
mc_db *mc_dbpool_get(mc_dbpool *p);      /* blocks until one is free */
void mc_dbpool_put(mc_dbpool *p, mc_db *db);  /* rolls back an open transaction */
void mc_dbpool_close(mc_dbpool *p);
