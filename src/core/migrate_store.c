/* migrate_store.c — copy a province between storages and prove the copy:
 * equal row counts in every table, and equal 766 index summaries (province,
 * each year from 2020 to this year, and this month) computed on each side at
 * the same instant. */
#include "core/migrate_store.h"
#include "core/index766.h"
#include "util/time.h"
#include <string.h>

typedef struct progress_ctx { FILE *f; char table[64]; } progress_ctx;

/* One line per table; the count is rewritten in place while a table copies. */
static void progress(const char *table, int64_t rows, void *ctx) {
  progress_ctx *p = ctx;
  if (!p->f) return;
  if (p->table[0] && strcmp(p->table, table) != 0) fputc('\n', p->f);
  snprintf(p->table, sizeof p->table, "%s", table);
  fprintf(p->f, "\r  %-24s %12lld rows", table, (long long)rows);
  fflush(p->f);
}

static mc_rc compare_counts(mc_db *from, mc_db *to, mc_migrate_report *rep, mc_err *err) {
  json_t *a = NULL, *b = NULL;
  mc_rc rc = mc_db_table_counts(from, &a, err);
  if (!rc) rc = mc_db_table_counts(to, &b, err);
  const char *table;
  json_t *n;
  if (!rc) {
    rep->tables = (int)json_object_size(a);
    rep->rows = 0;
    json_object_foreach(a, table, n) {
      json_t *m = json_object_get(b, table);
      rep->rows += json_integer_value(n);
      if (!m || json_integer_value(m) != json_integer_value(n)) {
        rc = mc_fail(err, MC_ECONFLICT, "migrate.count_mismatch", table,
                     "Table %s has %lld rows in the source and %lld in the target.", table,
                     (long long)json_integer_value(n), m ? (long long)json_integer_value(m) : -1LL);
        break;
      }
    }
  }
  json_decref(a);
  json_decref(b);
  return rc;
}

static mc_rc compare_index(mc_db *from, mc_db *to, mc_migrate_report *rep, mc_err *err) {
  int y, m, d;
  mc_time now = mc_now();
  mc_civil_from_days(mc_local_day(now), &y, &m, &d);
  char period[16];
  mc_rc rc = MC_OK;
  rep->periods_checked = 0;
  for (int year = 2020; year <= y + 1 && !rc; year++) {
    if (year <= y) snprintf(period, sizeof period, "%d", year);
    else snprintf(period, sizeof period, "%04d-%02d", y, m);     /* this month */
    mc_index_query q = {.period = period, .now = now};
    json_t *a = NULL, *b = NULL;
    rc = mc_index_summary(from, &q, &a, err);
    if (!rc) rc = mc_index_summary(to, &q, &b, err);
    if (!rc && !json_equal(a, b))
      rc = mc_fail(err, MC_ECONFLICT, "migrate.index_mismatch", period,
                   "The 766 index for %s differs between the source and the target.", period);
    if (!rc) rep->periods_checked++;
    json_decref(a);
    json_decref(b);
  }
  return rc;
}

mc_rc mc_migrate_verify(mc_db *from, mc_db *to, mc_migrate_report *rep, mc_err *err) {
  mc_rc rc = compare_counts(from, to, rep, err);
  return rc ? rc : compare_index(from, to, rep, err);
}

mc_rc mc_migrate_store(const char *from_url, const char *to_url, FILE *out,
                       mc_migrate_report *rep, mc_err *err) {
  mc_db *from = NULL, *to = NULL;
  memset(rep, 0, sizeof *rep);
  mc_rc rc = mc_db_open(from_url, &from, err);
  if (!rc) rc = mc_db_migrate(from, NULL, err);
  if (!rc) rc = mc_db_open(to_url, &to, err);
  if (!rc) rc = mc_db_migrate(to, NULL, err);
  progress_ctx pc = {.f = out};
  if (!rc) rc = mc_db_copy(from, to, progress, &pc, err);
  if (out && pc.table[0]) fputc('\n', out);
  if (!rc) rc = mc_migrate_verify(from, to, rep, err);
  mc_db_close(from);
  mc_db_close(to);
  return rc;
}
