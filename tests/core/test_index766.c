/* test_index766.c — the 766 index on hand-computed fixtures: counters at
 * every anchor, the instants of 2.1 (an open dossier turns late exactly at
 * its deadline), every scoring rule, the seed's own 3.1 figure, the payment
 * formula of the national portal, editions and periods, and a small
 * province where every indicator of a quarter is worked out by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/index_int.h"
#include "core/procedure.h"
#include "core/unit.h"
#include "util/str.h"

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

static const int64_t units12[] = {1, 2};
static const int groups0[] = {0, 0};
static const mc_iscope all12 = {2, units12, groups0, 1};

static mc_icounts period(int64_t proc, int32_t lo, int32_t hi) {
  mc_icounts c = {{0}};
  cr_assert_eq(mc_index_read_days(db, &all12, proc, lo, hi, 1, &c, &err), MC_OK, "%s", err.message);
  return c;
}

static mc_iopen open_at(mc_time t) {
  mc_iopen o = {0};
  cr_assert_eq(mc_index_read_open_at(db, &all12, 0, t, &o, &err), MC_OK, "%s", err.message);
  return o;
}

Test(index766, record_outside_transaction_is_refused) {
  mc_dossier_facts f = {.dossier_id = 1, .unit_id = 1, .procedure_id = 7};
  cr_assert_eq(mc_index_record(db, NULL, &f, &err), MC_EINTERNAL);
  cr_assert_str_eq(err.code, "index.no_transaction");
}

Test(index766, record_refuses_facts_without_unit) {
  mc_dossier_facts f = {.dossier_id = 1, .procedure_id = 7, .received_at = at(2025, 7, 1, 9, 0)};
  cr_assert_eq(mc_db_begin(db, &err), MC_OK);
  cr_assert_eq(mc_index_record(db, NULL, &f, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "index.bad_facts");
  cr_assert_str_eq(err.field, "unit_id");
  mc_db_rollback(db);
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
  /* The stored facts, not a stale `before`, are subtracted: recording the
   * same end again with an old `before` changes nothing. */
  record(&b, &d);
  cr_assert_eq(period(0, jul1, aug1).c[MC_IC_END_N], 1);
}

/* An open dossier is within its deadline until the deadline, late from it:
 * the same counters answer at every instant, with nothing rewritten. */
Test(index766, open_dossier_turns_late_at_its_deadline) {
  mc_time due = at(2025, 7, 4, 16, 30);
  mc_dossier_facts f = {.dossier_id = 5, .unit_id = 2, .procedure_id = 3, .channel = 1, .status = 4,
                        .received_at = at(2025, 7, 1, 9, 0), .due_at = due, .effective_due_at = due, .on_time = -1};
  record(NULL, &f);
  cr_assert_eq(open_at(at(2025, 7, 1, 9, 0)).open, 1);          /* "now" = reception instant counts it */
  cr_assert_eq(open_at(at(2025, 7, 1, 0, 0)).open, 0);          /* midnight before: not yet */
  cr_assert_eq(open_at(at(2025, 7, 2, 0, 0)).within, 1);
  cr_assert_eq(open_at(due - 1).within, 1);
  cr_assert_eq(open_at(due).within, 0);                         /* on time while now < deadline */
  cr_assert_eq(open_at(due).open, 1);
  cr_assert_eq(open_at(at(2025, 7, 5, 0, 0)).within, 0);

  /* A supplement request pauses the clock: within deadline whatever the time. */
  mc_dossier_facts p = f;
  p.status = 5;
  p.supplements = 1;
  p.effective_due_at = INT64_MAX;
  record(&f, &p);
  cr_assert_eq(open_at(at(2025, 8, 1, 0, 0)).within, 1);
  /* Resumed with the pause added; a second request makes it late at once. */
  mc_dossier_facts q = p;
  q.status = 4;
  q.effective_due_at = due + 3 * 86400;
  record(&p, &q);
  cr_assert_eq(open_at(due + 86400).within, 1);
  cr_assert_eq(open_at(due + 3 * 86400).within, 0);
  mc_dossier_facts s = q;
  s.supplements = 2;
  record(&q, &s);
  cr_assert_eq(open_at(due).within, 0);
  cr_assert_eq(open_at(due).open, 1);
}

/* ---- scoring rules ---------------------------------------------------------- */

static mc_iind ind(mc_irule rule, double max, double threshold) {
  mc_iind i = {.code = "x", .name = "x", .rule = rule, .max = max, .threshold = threshold};
  return i;
}

Test(index766, scoring_rules) {
  mc_iind lin = ind(MC_IR_LINEAR, 6, 0), full = ind(MC_IR_FULL_AT, 4, 0.8),
          none = ind(MC_IR_FULL_WHEN_NONE, 6, 0), shown = ind(MC_IR_SHOWN, 0, 0);
  mc_ival v = {3, 4};
  mc_iscore s = mc_index_score_one(&lin, &v);
  cr_assert_float_eq(s.points, 4.5, 1e-9);                       /* 6 × 3/4 */
  cr_assert_eq(s.status, MC_IS_OK);
  s = mc_index_score_one(&full, &v);
  cr_assert_float_eq(s.points, 3.75, 1e-9);                      /* 4 × 0.75/0.8 */
  mc_ival hi = {9, 10};
  cr_assert_float_eq(mc_index_score_one(&full, &hi).points, 4, 1e-9);   /* 90% ≥ 80%: full */
  s = mc_index_score_one(&none, &v);
  cr_assert_float_eq(s.points, 4.5, 1e-9);
  mc_ival zero = {0, 0};
  s = mc_index_score_one(&none, &zero);
  cr_assert_eq(s.status, MC_IS_FULL_WHEN_NONE);
  cr_assert_float_eq(s.points, 6, 1e-9);
  s = mc_index_score_one(&lin, &zero);
  cr_assert_eq(s.status, MC_IS_NO_DATA);                         /* no data is not zero */
  cr_assert(!s.has_value);
  s = mc_index_score_one(&shown, &v);
  cr_assert_eq(s.status, MC_IS_SHOWN);
  mc_ival none_ok = {0, 7};
  cr_assert_float_eq(mc_index_score_one(&lin, &none_ok).points, 0, 1e-9);   /* data, all missing: 0 */
}

/* Bình Phước 2021: 1,645 of 1,879 procedures online = 87.55% → 3.1 = 4 × min(1, 0.8755/0.8) = 4. */
Test(index766, seed_figure_procedures_online) {
  const mc_iedition *ed;
  cr_assert_eq(mc_index_edition_pick("2022", 0, &ed, &err), MC_OK, "%s", err.message);
  const mc_iind *i31 = mc_iedition_find(ed, "3.1");
  cr_assert_not_null(i31);
  mc_ival v = {1645, 1879};
  mc_iscore s = mc_index_score_one(i31, &v);
  cr_assert_float_eq(mc_index_round(100 * s.value, 2), 87.55, 1e-9);
  cr_assert_float_eq(s.points, 4, 1e-12);
  mc_ival low = {1400, 1879};                                    /* 74.51%: 4 × 0.7451/0.8 */
  cr_assert_float_eq(mc_index_score_one(i31, &low).points, 4.0 * (1400.0 / 1879.0) / 0.8, 1e-12);
}

/* The portal's fitted payment formula 6A + min(2, 2.5B) + 2.5C (capped)
 * equals group 4 of the table: A = 4.3, B = 4.2, C = 4.1. */
Test(index766, payment_formula_equivalence) {
  const mc_iedition *ed;
  cr_assert_eq(mc_index_edition_pick("2022", 0, &ed, &err), MC_OK);
  for (int a = 0; a <= 20; a++)
    for (int b = 0; b <= 20; b++)
      for (int c = 0; c <= 20; c++) {
        mc_imeasures m;
        memset(&m, 0, sizeof m);
        m.v[MC_IM_PAID_ONLINE] = (mc_ival){a, 20};
        m.v[MC_IM_FEE_PROCEDURES_PAID_ONLINE] = (mc_ival){b, 20};
        m.v[MC_IM_FEE_PROCEDURES_INTEGRATED] = (mc_ival){c, 20};
        mc_iresult r;
        mc_index_score(ed, &m, &r);
        double A = a / 20.0, B = b / 20.0, C = c / 20.0;
        double want = 6 * A + fmin(2, 2.5 * B) + fmin(2, 2.5 * C);
        cr_assert(r.group_has[3]);
        cr_assert_float_eq(r.group[3], want, 1e-9, "A=%g B=%g C=%g: %g vs %g", A, B, C, r.group[3], want);
      }
}

Test(index766, group_with_no_data_is_renormalised) {
  const mc_iedition *ed;
  cr_assert_eq(mc_index_edition_pick("2022", 0, &ed, &err), MC_OK);
  mc_imeasures m;
  memset(&m, 0, sizeof m);
  m.v[MC_IM_PROCEDURES_ONLINE] = (mc_ival){0, 1};      /* 3.1: 0 of 4 */
  m.v[MC_IM_ONLINE_DOSSIERS] = (mc_ival){1, 2};        /* 3.3: 50% ≥ 50%: 4 of 4; 3.2 no data */
  m.v[MC_IM_ON_TIME] = (mc_ival){3, 4};                /* 2.1: 15 of 20 */
  mc_iresult r;
  mc_index_score(ed, &m, &r);
  cr_assert(r.group_has[2]);
  cr_assert_float_eq(r.group[2], 12.0 * 4 / 8, 1e-9);   /* 4 earned of 8 with data, scaled to 12 */
  cr_assert_float_eq(r.group_scored_max[2], 8, 1e-9);
  cr_assert(!r.group_has[3]);                           /* payment: nothing to measure */
  cr_assert(r.group_has[5]);                            /* 6.2, 6.3 full when there is no feedback */
  cr_assert_float_eq(r.group[5], 18, 1e-9);             /* 12 of 12 with data, 6.4 no data */
  /* total = 100 × (15 + 6 + 18 + G1 + G5) / (20 + 12 + 18 + …): groups 1 and 5 have no data here */
  cr_assert(!r.group_has[0] && !r.group_has[4]);
  cr_assert_float_eq(r.total, 100.0 * (15 + 6 + 18) / (20 + 12 + 18), 1e-9);
  cr_assert_float_eq(r.coverage, (20 + 8 + 12) / 100.0, 1e-9);
}

/* ---- editions and configuration --------------------------------------------- */

static mc_rc parse_edition(const char *text) {
  json_t *doc = json_loads(text, 0, NULL);
  cr_assert_not_null(doc, "bad test JSON");
  mc_iedition e;
  mc_err_clear(&err);
  mc_rc rc = mc_iedition_parse(doc, &e, &err);
  json_decref(doc);
  return rc;
}

#define EDITION(groups) "{\"format\":\"motcua-index766/1\",\"edition\":\"t\",\"name\":\"t\",\"valid_from\":\"2024-01-01\"," \
  "\"valid_to\":null,\"total_max\":10,\"no_data\":\"renormalise\",\"params\":{\"announce_lead_working_days\":5," \
  "\"publish_within_working_days\":5,\"full_parts\":[\"name\"],\"certification_field\":\"chung thuc\"},\"groups\":" groups "}"

Test(index766, editions_are_checked) {
  cr_assert_eq(parse_edition(EDITION("[{\"code\":\"1\",\"name\":\"g\",\"max\":10,\"indicators\":["
      "{\"code\":\"2.1\",\"name\":\"i\",\"measure\":\"on_time\",\"max\":10,\"rule\":\"linear\"}]}]")), MC_OK, "%s", err.message);
  cr_assert_eq(parse_edition(EDITION("[{\"code\":\"1\",\"name\":\"g\",\"max\":10,\"indicators\":["
      "{\"code\":\"2.1\",\"name\":\"i\",\"measure\":\"on_time\",\"max\":8,\"rule\":\"linear\"}]}]")), MC_EINVAL);
  cr_assert_str_eq(err.code, "index.bad_definition");           /* indicator maxima ≠ group max */
  cr_assert_eq(parse_edition(EDITION("[{\"code\":\"1\",\"name\":\"g\",\"max\":10,\"indicators\":["
      "{\"code\":\"2.1\",\"name\":\"i\",\"measure\":\"speed\",\"max\":10,\"rule\":\"linear\"}]}]")), MC_EINVAL);
  cr_assert_str_eq(err.field, "groups[0].indicators[0].measure");
  cr_assert_eq(parse_edition(EDITION("[{\"code\":\"1\",\"name\":\"g\",\"max\":10,\"indicators\":["
      "{\"code\":\"2.1\",\"name\":\"i\",\"measure\":\"on_time\",\"max\":10,\"rule\":\"full_at\"}]}]")), MC_EINVAL);
  cr_assert_eq(parse_edition(EDITION("[{\"code\":\"1\",\"name\":\"g\",\"max\":10,\"indicators\":["
      "{\"code\":\"2.1\",\"name\":\"i\",\"measure\":\"on_time\",\"max\":10,\"rule\":\"linear\",\"threshold\":0.5}]}]")), MC_EINVAL);
  cr_assert_eq(parse_edition(EDITION("[{\"code\":\"1\",\"name\":\"g\",\"max\":10,\"indicators\":["
      "{\"code\":\"2.1\",\"name\":\"i\",\"measure\":\"on_time\",\"max\":10,\"rule\":\"linear\",\"weight\":1}]}]")), MC_EINVAL);
  cr_assert_str_eq(err.code, "json.unknown_field");
}

Test(index766, embedded_editions) {
  const mc_iedition *eds;
  int n;
  cr_assert_eq(mc_index_editions(&eds, &n, &err), MC_OK, "%s", err.message);
  cr_assert_eq(n, 2);
  const mc_iedition *e;
  cr_assert_eq(mc_index_edition_pick(NULL, mc_days_from_civil(2025, 8, 1), &e, &err), MC_OK);
  cr_assert_str_eq(e->code, "2022");
  cr_assert_eq(e->ngroups, 6);
  cr_assert_eq(mc_index_edition_pick(NULL, mc_days_from_civil(2022, 9, 1), &e, &err), MC_OK);
  cr_assert_str_eq(e->code, "2022-qd766");
  cr_assert_eq(e->ngroups, 5);
  cr_assert_float_eq(e->groups[2].max, 22, 1e-9);
  /* The uncertain values are data with the documented defaults. */
  cr_assert_eq(mc_index_edition_pick("2022", 0, &e, &err), MC_OK);
  cr_assert_float_eq(mc_iedition_find(e, "3.2")->threshold, 0.8, 1e-12);
  cr_assert_float_eq(mc_iedition_find(e, "3.1")->max, 4, 1e-12);
  cr_assert_float_eq(mc_iedition_find(e, "3.3")->max, 4, 1e-12);
  cr_assert_eq(mc_index_edition_pick("1999", 0, &e, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "index.unknown_edition");
}

Test(index766, province_config) {
  mc_arena *a = mc_arena_new(0);
  mc_iconfig c;
  cr_assert_eq(mc_iconfig_load(db, a, &c, &err), MC_OK, "%s", err.message);
  cr_assert_str_eq(mc_iconfig_band(&c, 95), "Tốt");
  cr_assert_str_eq(mc_iconfig_band(&c, 90), "Tốt");
  cr_assert_str_eq(mc_iconfig_band(&c, 89.99), "Khá");
  cr_assert_str_eq(mc_iconfig_band(&c, 70), "Trung bình");
  cr_assert_str_eq(mc_iconfig_band(&c, 12), "Yếu");
  cr_assert_float_eq(mc_iconfig_target(&c, "3.3", mc_index_kind("province")), 0.8, 1e-12);
  cr_assert_float_eq(mc_iconfig_target(&c, "3.3", mc_index_kind("commune")), 0.6, 1e-12);
  cr_assert_float_eq(mc_iconfig_target(&c, "2.1", mc_index_kind("commune")), 0, 1e-12);
  json_t *bad = json_pack("{s:s, s:s, s:i, s:i, s:b, s:[], s:{s:{s:f}}}", "format", "motcua-index766-province/1",
                          "rollup", "as_of", "min_denominator", 5, "soon_late_hours", 8, "public_summary", 0,
                          "bands", "targets", "3.3", "village", 0.5);
  cr_assert_eq(mc_index_config_put(db, bad, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "index.bad_config");
  json_decref(bad);
  mc_err_clear(&err);
  json_t *good = json_pack("{s:s, s:s, s:i, s:i, s:b, s:[{s:i, s:s}], s:{s:{s:f}}}", "format",
                           "motcua-index766-province/1", "rollup", "successor", "min_denominator", 5,
                           "soon_late_hours", 8, "public_summary", 0, "bands", "min", 50, "label", "Đạt",
                           "targets", "2.1", "commune", 0.95);
  cr_assert_eq(mc_index_config_put(db, good, &err), MC_OK, "%s", err.message);
  json_decref(good);
  cr_assert_eq(mc_iconfig_load(db, a, &c, &err), MC_OK, "%s", err.message);
  cr_assert(c.successor_rollup);
  cr_assert_eq(c.min_denominator, 5);
  cr_assert_null(mc_iconfig_band(&c, 49));
  cr_assert_float_eq(mc_iconfig_target(&c, "2.1", mc_index_kind("commune")), 0.95, 1e-12);
  mc_arena_free(a);
}

/* ---- periods ------------------------------------------------------------------ */

static mc_iperiod per(const char *p, const char *from, const char *to) {
  mc_iperiod o;
  mc_err_clear(&err);
  cr_assert_eq(mc_iperiod_parse(p, from, to, &o, &err), MC_OK, "%s: %s", p ? p : from, err.message);
  return o;
}

static void day_is(int32_t d, int y, int m, int dd) { cr_assert_eq(d, mc_days_from_civil(y, m, dd)); }

Test(index766, periods) {
  mc_iperiod p = per("2025-Q3", NULL, NULL), q;
  day_is(p.lo, 2025, 7, 1);
  day_is(p.hi, 2025, 10, 1);
  mc_iperiod_prev(&p, &q);
  cr_assert_str_eq(q.label, "2025-Q2");
  p = per("2025-Q1", NULL, NULL);
  mc_iperiod_prev(&p, &q);
  cr_assert_str_eq(q.label, "2024-Q4");
  p = per("2025-01", NULL, NULL);
  mc_iperiod_prev(&p, &q);
  cr_assert_str_eq(q.label, "2024-12");
  day_is(q.lo, 2024, 12, 1);
  p = per("2025-W01", NULL, NULL);                 /* ISO week 1 of 2025 starts Monday 30 Dec 2024 */
  day_is(p.lo, 2024, 12, 30);
  mc_iperiod_prev(&p, &q);
  cr_assert_str_eq(q.label, "2024-W52");
  p = per("2025-W27", NULL, NULL);
  day_is(p.lo, 2025, 6, 30);
  p = per("2020-W53", NULL, NULL);
  day_is(p.lo, 2020, 12, 28);
  mc_iperiod w;
  mc_iperiod_week_of(mc_days_from_civil(2021, 1, 3), &w);
  cr_assert_str_eq(w.label, "2020-W53");
  cr_assert_eq(mc_iperiod_parse("2021-W53", NULL, NULL, &p, &err), MC_EINVAL);
  mc_err_clear(&err);
  p = per("2024", NULL, NULL);
  cr_assert_eq(p.hi - p.lo, 366);
  p = per(NULL, "2025-07-10", "2025-07-19");
  cr_assert_eq(p.hi - p.lo, 10);
  mc_iperiod_prev(&p, &q);
  day_is(q.lo, 2025, 6, 30);
  day_is(q.hi, 2025, 7, 10);
  const char *bad[] = {"2025-Q5", "2025-13", "25-07", "2025-7", "2025-W00", "1999", "abcd", NULL};
  for (int i = 0; bad[i]; i++) {
    cr_assert_eq(mc_iperiod_parse(bad[i], NULL, NULL, &p, &err), MC_EINVAL, "%s accepted", bad[i]);
    cr_assert_str_eq(err.code, "index.bad_period");
    mc_err_clear(&err);
  }
  cr_assert_eq(mc_iperiod_parse(NULL, "2025-07-10", "2025-07-01", &p, &err), MC_EINVAL);
  mc_err_clear(&err);
  cr_assert_eq(mc_iperiod_parse("2025", "2025-07-10", NULL, &p, &err), MC_EINVAL);
}

/* ---- a small province, every indicator of a quarter by hand ------------------- */

static const char units_csv[] =
  "code,name,kind,parent_code,valid_from,valid_to,successor_codes\n"
  "P,Tỉnh Thử,province,,,,\n"
  "D1,Sở Tư pháp,department,P,,,\n"
  "X1,Huyện Cũ,district,P,,2025-07-01,C3\n"
  "C1,Xã Một,commune,X1,,2025-07-01,C3\n"
  "C2,Xã Hai,commune,X1,,2025-07-01,C3\n"
  "C3,Xã Mới,commune,P,2025-07-01,,\n";

static const char procs_json[] =
  "[{\"code\":\"1.000001\",\"name\":\"Đăng ký khai sinh\",\"field_code\":\"ho_tich\",\"field_name\":\"Hộ tịch\","
  "\"level\":\"commune\",\"unit_kinds\":[\"commune\"],\"time_amount\":1,\"time_unit\":\"working_days\","
  "\"online_level\":\"full\",\"result_type\":\"both\",\"citizen_kind\":\"citizen\",\"decided_on\":\"2025-07-01\","
  "\"effective_on\":\"2025-07-15\",\"published_on\":\"2025-07-03\",\"payment_integrated\":true,"
  "\"fees\":[{\"code\":\"le_phi\",\"name\":\"Lệ phí\",\"amount\":8000,\"kind\":\"le_phi\"}],"
  "\"components\":[{\"code\":\"to_khai\",\"name\":\"Tờ khai\"}]},"
  "{\"code\":\"2.000002\",\"name\":\"Cấp phép kinh doanh\",\"field_code\":\"kinh_doanh\",\"field_name\":\"Kinh doanh\","
  "\"level\":\"department\",\"unit_kinds\":[\"department\"],\"time_amount\":10,\"time_unit\":\"working_days\","
  "\"online_level\":\"none\",\"result_type\":\"paper\",\"citizen_kind\":\"business\",\"decided_on\":\"2025-08-01\","
  "\"effective_on\":\"2025-08-05\",\"published_on\":\"2025-08-20\"},"
  "{\"code\":\"2.000815\",\"name\":\"Chứng thực bản sao điện tử từ bản chính\",\"field_code\":\"chung_thuc\","
  "\"field_name\":\"Chứng thực\",\"level\":\"commune\",\"unit_kinds\":[\"commune\"],\"time_unit\":\"same_day\","
  "\"online_level\":\"partial\",\"result_type\":\"electronic\",\"citizen_kind\":\"citizen\",\"decided_on\":\"2025-03-01\","
  "\"effective_on\":\"2025-03-20\",\"published_on\":\"2025-03-05\",\"components\":[{\"code\":\"ban_chinh\",\"name\":\"Bản chính\"}]}]";

static int64_t unit_id(mc_arena *a, const char *code) {
  mc_unit *u;
  cr_assert_eq(mc_unit_get(db, a, code, &u, &err), MC_OK, "%s: %s", code, err.message);
  return u->id;
}

static int64_t proc_id(mc_arena *a, const char *code) {
  mc_procedure *p;
  cr_assert_eq(mc_procedure_get(db, a, code, &p, &err), MC_OK, "%s: %s", code, err.message);
  return p->id;
}

typedef struct dspec {
  const char *unit, *proc;
  int channel;
  mc_time received, due, ended;
  int on_time, end_status;
  int64_t hours;
  bool fee, paid, result, eres, digitised, synced, vneid;
  int rating;
} dspec;

static void province(void) {
  int n;
  cr_assert_eq(mc_units_import(db, "csv", units_csv, strlen(units_csv), &n, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_procedures_import(db, "json", procs_json, strlen(procs_json), &n, &err), MC_OK, "%s", err.message);
  mc_arena *a = mc_arena_new(0);
  const dspec ds[] = {
    /* 1 */ {"C3", "1.000001", 2, at(2025, 7, 2, 9, 0), at(2025, 7, 5, 17, 0), at(2025, 7, 4, 10, 0), 1, 10, 10,
             true, true, true, true, true, true, true, 0},
    /* 2 */ {"C3", "1.000001", 1, at(2025, 7, 10, 9, 0), at(2025, 7, 15, 17, 0), at(2025, 7, 20, 10, 0), 0, 10, 40,
             true, false, true, false, false, false, false, 1},
    /* 3 */ {"D1", "2.000002", 1, at(2025, 9, 25, 9, 0), at(2025, 10, 5, 17, 0), 0, -1, 0, 0, false, false, false, false, false, false, false, 0},
    /* 4 */ {"D1", "2.000002", 2, at(2025, 9, 1, 9, 0), at(2025, 9, 10, 17, 0), 0, -1, 0, 0, false, false, false, false, false, false, false, 0},
    /* 5 */ {"D1", "2.000002", 1, at(2025, 6, 20, 9, 0), at(2025, 6, 25, 17, 0), at(2025, 7, 1, 10, 0), 0, 10, 30,
             false, false, false, false, false, false, false, 0},
    /* 6 */ {"C1", "1.000001", 1, at(2025, 6, 10, 9, 0), at(2025, 6, 13, 17, 0), at(2025, 6, 12, 10, 0), 1, 10, 5,
             false, false, false, false, false, false, false, 0},
    /* 7 */ {"C3", "2.000815", 1, at(2025, 8, 1, 8, 0), at(2025, 8, 1, 17, 0), at(2025, 8, 1, 10, 0), 1, 10, 2,
             false, false, true, true, false, false, false, 0},
  };
  for (size_t i = 0; i < sizeof ds / sizeof *ds; i++) {
    const dspec *d = &ds[i];
    mc_dossier_facts f = {.dossier_id = (int64_t)i + 1, .unit_id = unit_id(a, d->unit), .procedure_id = proc_id(a, d->proc),
                          .channel = d->channel, .status = d->ended ? d->end_status : 4, .submitted_at = d->received,
                          .received_at = d->received, .due_at = d->due, .effective_due_at = d->due, .ended_at = d->ended,
                          .end_status = d->ended ? d->end_status : 0, .on_time = d->on_time,
                          .handling_seconds = d->hours * 3600, .has_fee = d->fee, .paid_online = d->paid,
                          .has_result = d->result, .e_result = d->eres, .digitised = d->digitised, .synced = d->synced,
                          .vneid = d->vneid, .rating = d->rating};
    record(NULL, &f);
  }
  mc_arena_free(a);
}

static json_t *find_code(json_t *arr, const char *code) {
  size_t i;
  json_t *v;
  json_array_foreach(arr, i, v) if (mc_str_eq(json_string_value(json_object_get(v, "code")), code)) return v;
  cr_assert_fail("no %s", code);
  return NULL;
}

static double dnum(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  cr_assert(json_is_number(v), "%s is not a number: %s", key, json_dumps(o, 0));
  return json_number_value(v);
}

static void expect_ind(json_t *s, const char *code, int64_t num, int64_t den, double points) {
  json_t *i = find_code(json_object_get(s, "indicators"), code);
  cr_assert_eq(json_integer_value(json_object_get(i, "numerator")), num, "%s numerator", code);
  cr_assert_eq(json_integer_value(json_object_get(i, "denominator")), den, "%s denominator", code);
  cr_assert_float_eq(dnum(i, "points"), points, 0.006, "%s points %g, want %g", code, dnum(i, "points"), points);
}

static json_t *summary(const char *unit, const char *period, const char *rollup, mc_time now) {
  mc_index_query q = {.unit = unit, .period = period, .rollup = rollup, .now = now};
  json_t *s = NULL;
  mc_err_clear(&err);
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_OK, "%s", err.message);
  return s;
}

Test(index766, province_quarter_by_hand) {
  province();
  json_t *s = summary("P", "2025-Q3", NULL, at(2025, 10, 15, 9, 0));
  expect_ind(s, "1.1", 1, 2, 3);        /* PA: 10 working days ahead; PB: 2 */
  expect_ind(s, "1.2", 1, 2, 2);        /* PA published after 2 working days; PB after 13 */
  expect_ind(s, "1.3", 1, 2, 1);        /* PB has no components */
  expect_ind(s, "1.4", 1, 5, 1.2);
  expect_ind(s, "2.1", 3, 6, 10);       /* ended #1 #7 on time, #2 #5 late; open #3 within, #4 late */
  expect_ind(s, "3.1", 2, 3, 4.0 * (2.0 / 3) / 0.8);
  expect_ind(s, "3.2", 1, 2, 2.5);
  expect_ind(s, "3.3", 2, 5, 3.2);
  expect_ind(s, "4.1", 1, 1, 2);
  expect_ind(s, "4.2", 1, 1, 2);
  expect_ind(s, "4.3", 1, 2, 3);
  expect_ind(s, "5.1", 2, 3, 4);
  expect_ind(s, "5.2", 1, 4, 1.25);
  expect_ind(s, "5.3", 1, 1, 2);        /* C3, the only commune of the quarter, certified electronically */
  expect_ind(s, "5.4", 0, 5, 0);
  expect_ind(s, "5.5", 0, 5, 0);
  expect_ind(s, "5.6", 1, 2, 1);
  expect_ind(s, "5.7", 1, 5, 0.4);
  expect_ind(s, "6.2", 0, 0, 6);        /* no feedback module: full when there is none */
  expect_ind(s, "6.3", 0, 0, 6);
  expect_ind(s, "6.4", 1, 4, 6 * 0.25 / 0.9);
  json_t *i22 = find_code(json_object_get(s, "indicators"), "2.2");
  cr_assert_float_eq(dnum(i22, "average_hours"), 20.5, 1e-9);
  cr_assert(json_is_null(json_object_get(i22, "points")));
  json_t *i61 = find_code(json_object_get(s, "indicators"), "6.1");
  cr_assert_str_eq(json_string_value(json_object_get(i61, "status")), "shown");
  cr_assert(json_string_length(json_object_get(i61, "reason")) > 0);
  cr_assert_str_eq(json_string_value(json_object_get(find_code(json_object_get(s, "indicators"), "6.2"), "status")),
                   "full_when_none");
  json_t *g = json_object_get(s, "groups");
  cr_assert_float_eq(dnum(find_code(g, "1"), "points"), 7.2, 0.006);
  cr_assert_float_eq(dnum(find_code(g, "2"), "points"), 10, 0.006);
  cr_assert_float_eq(dnum(find_code(g, "3"), "points"), 9.03, 0.006);
  cr_assert_float_eq(dnum(find_code(g, "4"), "points"), 7, 0.006);
  cr_assert_float_eq(dnum(find_code(g, "5"), "points"), 8.65, 0.006);
  cr_assert_float_eq(dnum(find_code(g, "6"), "points"), 13.67, 0.006);
  json_t *total = json_object_get(s, "total");
  cr_assert_float_eq(dnum(total, "points"), 55.55, 0.006);
  cr_assert_str_eq(json_string_value(json_object_get(total, "band")), "Yếu");
  /* 3.3 target of a province: 80%; 40% is half of it. */
  json_t *i33 = find_code(json_object_get(s, "indicators"), "3.3");
  cr_assert_float_eq(dnum(i33, "target"), 0.8, 1e-9);
  cr_assert_float_eq(dnum(i33, "progress"), 0.5, 1e-9);
  /* Previous quarter: #6 on time, #5 open and late at 1 July: 2.1 = 1/2 → 10, no change. */
  json_t *i21 = find_code(json_object_get(s, "indicators"), "2.1");
  cr_assert_float_eq(dnum(i21, "change_points"), 0, 1e-9);
  cr_assert_float_eq(dnum(i21, "change_percent_points"), 0, 1e-9);
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(s, "previous_period"), "label")), "2025-Q2");
  json_decref(s);
}

Test(index766, unit_without_payment_data_is_renormalised) {
  province();
  json_t *s = summary("D1", "2025-Q3", NULL, at(2025, 10, 15, 9, 0));
  expect_ind(s, "2.1", 1, 3, 20.0 / 3);
  expect_ind(s, "3.1", 0, 1, 0);
  expect_ind(s, "3.3", 1, 2, 4);
  json_t *g = json_object_get(s, "groups");
  cr_assert(json_is_null(json_object_get(find_code(g, "4"), "points")));   /* nothing to pay: no data */
  cr_assert_float_eq(dnum(find_code(g, "3"), "points"), 6, 1e-9);          /* 4 of 8 with data → 6 of 12 */
  cr_assert(json_is_null(json_object_get(find_code(json_object_get(s, "indicators"), "3.2"), "points")));
  json_decref(s);
}

Test(index766, live_deadline_and_successor_rollup) {
  province();
  /* October, evaluated on 3 Oct: #3 (due 5 Oct 17:00) within, #4 late. */
  json_t *s = summary("D1", "2025-10", NULL, at(2025, 10, 3, 9, 0));
  expect_ind(s, "2.1", 1, 2, 10);
  json_decref(s);
  s = summary("D1", "2025-10", NULL, at(2025, 10, 5, 17, 0));   /* the deadline itself: late */
  expect_ind(s, "2.1", 0, 2, 0);
  json_decref(s);
  /* Q2 of the new commune: nothing as of the old tree, its predecessors' work with successor roll-up. */
  s = summary("C3", "2025-Q2", "as_of", at(2025, 10, 15, 9, 0));
  json_t *i14 = find_code(json_object_get(s, "indicators"), "1.4");
  cr_assert_eq(json_integer_value(json_object_get(i14, "denominator")), 0);
  json_decref(s);
  s = summary("C3", "2025-Q2", "successor", at(2025, 10, 15, 9, 0));
  expect_ind(s, "2.1", 1, 1, 20);       /* #6 of C1, ended on time in June */
  json_decref(s);
}

Test(index766, ranking_drill_down_and_ioc) {
  province();
  json_t *cfg = json_pack("{s:s, s:s, s:i, s:i, s:b, s:[{s:i, s:s}], s:{}}", "format", "motcua-index766-province/1",
                          "rollup", "as_of", "min_denominator", 3, "soon_late_hours", 24, "public_summary", 1,
                          "bands", "min", 0, "label", "Yếu", "targets");
  cr_assert_eq(mc_index_config_put(db, cfg, &err), MC_OK, "%s", err.message);
  json_decref(cfg);
  mc_index_query q = {.unit = "P", .period = "2025-Q3", .now = at(2025, 10, 15, 9, 0)};
  json_t *r = NULL;
  cr_assert_eq(mc_index_ranking(db, &q, "2.1", &r, &err), MC_OK, "%s", err.message);
  json_t *items = json_object_get(r, "items");
  cr_assert_eq(json_array_size(items), 2);          /* D1 and C3; X1 ended before the quarter */
  json_t *first = json_array_get(items, 0), *second = json_array_get(items, 1);
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(first, "unit"), "code")), "C3");
  cr_assert_eq(json_integer_value(json_object_get(first, "rank")), 1);
  cr_assert_eq(json_integer_value(json_object_get(second, "rank")), 2);
  json_decref(r);

  /* Below the minimum volume a unit is not ranked first, whatever its score. */
  cfg = json_pack("{s:s, s:s, s:i, s:i, s:b, s:[], s:{}}", "format", "motcua-index766-province/1", "rollup", "as_of",
                  "min_denominator", 4, "soon_late_hours", 24, "public_summary", 1, "bands", "targets");
  cr_assert_eq(mc_index_config_put(db, cfg, &err), MC_OK);
  json_decref(cfg);
  cr_assert_eq(mc_index_ranking(db, &q, "2.1", &r, &err), MC_OK, "%s", err.message);
  first = json_array_get(json_object_get(r, "items"), 0);
  cr_assert(json_is_true(json_object_get(first, "insufficient_data")));
  cr_assert(json_is_null(json_object_get(first, "rank")));
  json_decref(r);

  mc_index_drill d = {.indicator = "2.1", .filter = NULL, .limit = 10, .offset = 0};
  json_t *page = NULL;
  cr_assert_eq(mc_index_dossiers(db, &q, &d, &page, &err), MC_OK, "%s", err.message);
  cr_assert_eq(json_integer_value(json_object_get(page, "total")), 3);   /* #2, #5 ended late, #4 open late */
  cr_assert_str_eq(json_string_value(json_object_get(page, "filter")), "late");
  json_decref(page);
  d.filter = "open";
  cr_assert_eq(mc_index_dossiers(db, &q, &d, &page, &err), MC_OK, "%s", err.message);
  cr_assert_eq(json_integer_value(json_object_get(page, "total")), 2);
  json_decref(page);
  d = (mc_index_drill){.indicator = "4.3", .limit = 1, .offset = 0};
  cr_assert_eq(mc_index_dossiers(db, &q, &d, &page, &err), MC_OK, "%s", err.message);
  cr_assert_eq(json_integer_value(json_object_get(page, "total")), 1);
  json_t *row = json_array_get(json_object_get(page, "items"), 0);
  cr_assert_eq(json_integer_value(json_object_get(row, "dossier_id")), 2);
  json_decref(page);
  d.filter = "nope";
  cr_assert_eq(mc_index_dossiers(db, &q, &d, &page, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "index.unknown_filter");
  mc_err_clear(&err);
  d = (mc_index_drill){.indicator = "6.2", .limit = 1};
  cr_assert_eq(mc_index_dossiers(db, &q, &d, &page, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "index.no_drill");
  mc_err_clear(&err);
  /* Catalogue numbers drill into procedures: 3.1 misses PB (not online). */
  d = (mc_index_drill){.indicator = "3.1", .limit = 10};
  cr_assert_eq(mc_index_dossiers(db, &q, &d, &page, &err), MC_OK, "%s", err.message);
  cr_assert_eq(json_integer_value(json_object_get(page, "total")), 1);
  row = json_array_get(json_object_get(page, "items"), 0);
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(row, "procedure"), "code")), "2.000002");
  json_decref(page);
  d.filter = "all";
  cr_assert_eq(mc_index_dossiers(db, &q, &d, &page, &err), MC_OK, "%s", err.message);
  cr_assert_eq(json_integer_value(json_object_get(page, "total")), 3);
  json_decref(page);
  d = (mc_index_drill){.indicator = "5.3", .filter = "met", .limit = 10};   /* communes: C3 */
  cr_assert_eq(mc_index_dossiers(db, &q, &d, &page, &err), MC_OK, "%s", err.message);
  cr_assert_eq(json_integer_value(json_object_get(page, "total")), 1);
  row = json_array_get(json_object_get(page, "items"), 0);
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(row, "unit"), "code")), "C3");
  json_decref(page);
  mc_buf csv;
  mc_buf_init(&csv, 0);
  d = (mc_index_drill){.indicator = "2.1", .filter = "all", .limit = 1};
  cr_assert_eq(mc_index_dossiers_csv(db, &q, &d, &csv, &err), MC_OK, "%s", err.message);
  int lines = 0;
  for (size_t i = 0; i < csv.len; i++) lines += csv.data[i] == '\n';
  cr_assert_eq(lines, 1 + 6, "%.*s", (int)csv.len, csv.data);      /* header + the 6 dossiers of 2.1 */
  mc_buf_release(&csv);

  /* IOC on 15 Oct: #3 (due 5 Oct) and #4 are late now; a new dossier due in 10 hours is soon late. */
  mc_arena *a = mc_arena_new(0);
  mc_time now = at(2025, 10, 15, 9, 0);
  mc_dossier_facts f = {.dossier_id = 99, .unit_id = unit_id(a, "C3"), .procedure_id = proc_id(a, "1.000001"),
                        .channel = 2, .status = 4, .received_at = now - 3600, .due_at = now + 10 * 3600,
                        .effective_due_at = now + 10 * 3600, .on_time = -1};
  record(NULL, &f);
  mc_arena_free(a);
  json_t *ioc = NULL;
  cr_assert_eq(mc_index_ioc(db, &q, &ioc, &err), MC_OK, "%s", err.message);
  json_t *now_d = json_object_get(ioc, "dossiers_now");
  cr_assert_eq(json_integer_value(json_object_get(now_d, "open")), 3);
  cr_assert_eq(json_integer_value(json_object_get(now_d, "late")), 2);
  cr_assert_eq(json_integer_value(json_object_get(now_d, "soon_late")), 1);
  cr_assert_eq(json_array_size(json_object_get(ioc, "ranking")), 2);
  cr_assert_not_null(json_object_get(json_object_get(ioc, "total"), "change"));
  json_t *al = json_object_get(ioc, "alerts");
  json_t *late = json_object_get(al, "late"), *soon = json_object_get(al, "soon");
  cr_assert_eq(json_array_size(late), 2);
  cr_assert_eq(json_integer_value(json_object_get(json_array_get(late, 0), "dossier_id")), 4);   /* most overdue first */
  cr_assert(json_is_true(json_object_get(json_object_get(json_array_get(late, 0), "time_left"), "late")));
  cr_assert_eq(json_array_size(soon), 1);
  cr_assert_eq(json_integer_value(json_object_get(json_array_get(soon, 0), "dossier_id")), 99);
  cr_assert_eq(json_integer_value(json_object_get(json_object_get(json_array_get(soon, 0), "time_left"), "hours")), 10);
  json_decref(ioc);

  json_t *tr = NULL;
  q.period = NULL;
  cr_assert_eq(mc_index_trend(db, &q, "2.1", 8, &tr, &err), MC_OK, "%s", err.message);
  cr_assert_eq(json_array_size(json_object_get(tr, "items")), 8);
  json_decref(tr);
}

Test(index766, access) {
  province();
  mc_arena *a = mc_arena_new(0);
  mc_principal leader = {.user_id = 1, .role = MC_ROLE_UNIT_LEADER, .unit_id = unit_id(a, "D1")};
  mc_principal officer = {.user_id = 2, .role = MC_ROLE_OFFICER, .unit_id = unit_id(a, "C3")};
  mc_principal citizen = {.user_id = 3, .role = MC_ROLE_CITIZEN};
  mc_arena_free(a);
  mc_index_query q = {.period = "2025-Q3", .now = at(2025, 10, 15, 9, 0), .who = &leader};
  json_t *s = NULL;
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_OK, "%s", err.message);   /* default: own unit */
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(s, "unit"), "code")), "D1");
  json_decref(s);
  q.unit = "P";
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_EFORBIDDEN);
  cr_assert_str_eq(err.code, "index.forbidden");
  mc_err_clear(&err);
  q.who = &officer;
  q.unit = "C3";
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_OK, "%s", err.message);
  json_decref(s);
  q.who = &citizen;
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_EFORBIDDEN);
  mc_err_clear(&err);
  q.who = NULL;
  q.anonymous = true;
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_OK, "%s", err.message);   /* public summary */
  cr_assert_str_eq(json_string_value(json_object_get(s, "audience")), "public");
  json_decref(s);
  mc_index_drill d = {.indicator = "2.1", .limit = 5};
  json_t *page = NULL;
  cr_assert_eq(mc_index_dossiers(db, &q, &d, &page, &err), MC_EUNAUTH);
  mc_err_clear(&err);
  q.anonymous = false;
  q.period = "2030-Q1";
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "index.period_in_future");
  mc_err_clear(&err);
  q.period = "2025-Q3";
  q.procedure = "9.999999";
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_ENOTFOUND);
  mc_err_clear(&err);
  q.procedure = "1.000001";                 /* one procedure: its dossiers only */
  q.unit = "P";
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_OK, "%s", err.message);
  expect_ind(s, "1.4", 1, 2, 3);
  expect_ind(s, "3.1", 1, 1, 4);
  json_decref(s);
}
