/* test_index766.c — the 766 index: recording dossier facts into counters
 * (hand-computed counts at every anchor), instants of indicator 2.1, and the
 * indicators and scoring rules on hand-built fixtures. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/index_int.h"

static mc_db *db;
static char *url;
static mc_err err;

static void open_db(void) {
  url = th_fresh_db_url();
  cr_assert_eq(mc_db_open(url, &db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK, "%s", err.message);
}

static void close_db(void) {
  mc_db_close(db);
  mc_err_clear(&err);
  free(url);
}

TestSuite(index766, .init = open_db, .fini = close_db);

static mc_time at(int y, int m, int d, int h, int mi) {
  return mc_local_instant(mc_days_from_civil(y, m, d), h * 3600 + mi * 60);
}

static void record(const mc_dossier_facts *before, const mc_dossier_facts *after) {
  cr_assert_eq(mc_db_begin(db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_index_record(db, before, after, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_commit(db, &err), MC_OK, "%s", err.message);
}

static const int64_t units[] = {1, 2};
static const int groups[] = {0, 0};
static const mc_iscope all = {2, units, groups, 1};

static mc_icounts period(int64_t proc, int32_t lo, int32_t hi) {
  mc_icounts c = {{0}};
  cr_assert_eq(mc_index_read_days(db, &all, proc, lo, hi, 1, &c, &err), MC_OK, "%s", err.message);
  return c;
}

Test(index766, record_outside_transaction_is_refused) {
  mc_dossier_facts f = {.dossier_id = 1, .unit_id = 1, .procedure_id = 7};
  cr_assert_eq(mc_index_record(db, NULL, &f, &err), MC_EINTERNAL);
  cr_assert_str_eq(err.code, "index.no_transaction");
}

Test(index766, record_counts_each_anchor) {
  mc_dossier_facts a = {.dossier_id = 10, .unit_id = 1, .procedure_id = 7, .channel = 2, .status = 1,
                        .submitted_at = at(2025, 7, 1, 8, 0), .on_time = -1};
  record(NULL, &a);                               /* submitted, not received: nothing counted */
  int32_t jul1 = mc_days_from_civil(2025, 7, 1), aug1 = mc_days_from_civil(2025, 8, 1);
  cr_assert_eq(period(0, jul1, aug1).c[MC_IC_RCV], 0);

  mc_dossier_facts b = a;
  b.status = 2;
  b.received_at = at(2025, 7, 1, 9, 0);
  b.due_at = b.effective_due_at = at(2025, 7, 4, 17, 0);
  b.has_fee = true;
  record(&a, &b);
  mc_icounts c = period(0, jul1, aug1);
  cr_assert_eq(c.c[MC_IC_RCV], 1);
  cr_assert_eq(c.c[MC_IC_RCV_ONLINE], 1);
  cr_assert_eq(c.c[MC_IC_RCV_FEE], 1);
  cr_assert_eq(c.c[MC_IC_RCV_PAID], 0);
  cr_assert_eq(c.c[MC_IC_W_START], 1);
  cr_assert_eq(c.c[MC_IC_W_END], 1);              /* deadline 4 July, inside July */
  cr_assert_eq(period(7, jul1, jul1 + 1).c[MC_IC_RCV], 1);
  cr_assert_eq(period(8, jul1, aug1).c[MC_IC_RCV], 0);

  mc_dossier_facts d = b;
  d.status = 10;
  d.paid_online = true;
  d.ended_at = at(2025, 7, 3, 10, 0);
  d.end_status = 10;
  d.on_time = 1;
  d.handling_seconds = 3600 * 12;
  record(&b, &d);
  c = period(0, jul1, aug1);
  cr_assert_eq(c.c[MC_IC_RCV], 1);
  cr_assert_eq(c.c[MC_IC_RCV_PAID], 1);
  cr_assert_eq(c.c[MC_IC_END_N], 1);
  cr_assert_eq(c.c[MC_IC_END_ONTIME], 1);
  cr_assert_eq(c.c[MC_IC_END_SECS], 43200);
  cr_assert_eq(c.c[MC_IC_END_DONE], 1);
  cr_assert_eq(period(0, jul1 + 2, jul1 + 3).c[MC_IC_W_END], 1);   /* ended 3 July closes the interval */
  cr_assert_eq(period(0, jul1 + 3, jul1 + 4).c[MC_IC_W_END], 0);

  record(&d, &d);                                  /* no change: nothing moves */
  cr_assert_eq(period(0, jul1, aug1).c[MC_IC_RCV], 1);
}
