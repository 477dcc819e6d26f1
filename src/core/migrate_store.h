/* migrate_store.h — move a province from one storage to another (SQLite →
 * PostgreSQL or back): copy every table, then verify that the row counts and
 * the 766 index figures are the same on both sides. */
#pragma once
#include <stdio.h>
#include "store/db.h"
#include "util/err.h"

typedef struct mc_migrate_report {
  int tables;
  int64_t rows;
  int periods_checked;      /* index summaries compared */
} mc_migrate_report;

/* progress may be NULL; it receives one line per page copied. */
mc_rc mc_migrate_store(const char *from_url, const char *to_url, FILE *progress,
                       mc_migrate_report *rep, mc_err *err);
/* The verification alone (also used after the copy). */
mc_rc mc_migrate_verify(mc_db *from, mc_db *to, mc_migrate_report *rep, mc_err *err);
