/* test_index_property.c — the incremental counters equal a full recount.
 *
 * Thousands of random dossier histories (reception, flag changes, supplement
 * pauses and resumptions, ends, re-opens, transfers between units and
 * procedures, late ratings and complaints) are recorded through
 * mc_index_record, each change with the caller's previous facts. Then many
 * random queries — a set of units in one to three groups, one procedure or
 * all, any range of days, evaluated at the period's end or at a "now" in the
 * middle of a day — are answered from the counters and compared with a
 * straightforward recount written here from the final facts alone. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/index_int.h"

enum { NUNITS = 12, NPROCS = 6, NDOSSIERS = 2500, NQUERIES = 400, BATCH = 400 };

static mc_db *db;
static char *url;
static mc_err err;
static uint64_t seed = 0x766766;

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

TestSuite(index_property, .init = open_db, .fini = close_db, .timeout = 300);

static uint64_t rnd(void) {   /* xorshift64*: deterministic across runs */
  seed ^= seed >> 12;
  seed ^= seed << 25;
  seed ^= seed >> 27;
  return seed * 2685821657736338717ULL;
}
static int64_t below(int64_t n) { return (int64_t)(rnd() % (uint64_t)n); }
static bool chance(int percent) { return below(100) < percent; }

/* Everything happens between 1 Dec 2024 and NOW; some deadlines lie after it. */
static mc_time t0, now;

static mc_dossier_facts facts[NDOSSIERS];
static int pending;

static void record(const mc_dossier_facts *before, const mc_dossier_facts *after) {
  if (pending == 0) cr_assert_eq(mc_db_begin(db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_index_record(db, before, after, &err), MC_OK, "%s", err.message);
  if (++pending == BATCH) {
    cr_assert_eq(mc_db_commit(db, &err), MC_OK, "%s", err.message);
    pending = 0;
  }
}

static void flush(void) {
  if (pending) cr_assert_eq(mc_db_commit(db, &err), MC_OK, "%s", err.message);
  pending = 0;
}

static void random_flags(mc_dossier_facts *f) {
  f->has_fee = chance(40);
  f->paid_online = f->has_fee && chance(50);
  f->has_result = chance(80);
  f->digitised = chance(50);
  f->reused = chance(30);
  f->store_linked = chance(30);
  f->vneid = chance(40);
  f->synced = chance(60);
}

static void end(mc_dossier_facts *f, mc_time when) {
  static const int ends[] = {9, 10, 10, 3, 7, 8};
  f->ended_at = when;
  f->end_status = ends[below(6)];
  f->status = f->end_status;
  f->on_time = f->supplements < 2 && when <= f->effective_due_at;
  if (chance(10)) f->on_time = !f->on_time;                 /* a verdict frozen by other rules */
  f->handling_seconds = below(40 * 3600);
  f->e_result = f->has_result && chance(60);
}

/* One dossier's life, recorded step by step. */
static void life(int64_t id) {
  mc_dossier_facts f = {.dossier_id = id, .unit_id = 1 + below(NUNITS), .procedure_id = 1 + below(NPROCS),
                        .channel = 1 + (int)below(3), .status = 1, .on_time = -1};
  f.submitted_at = t0 + below(now - t0 - 3600);
  record(NULL, &f);
  mc_dossier_facts prev = f;
  if (chance(5)) { facts[id - 1] = f; return; }             /* never received */
  f.received_at = f.submitted_at + below(3 * 3600);
  if (f.received_at >= now) f.received_at = now - 1;       /* nothing happens after now */
  f.status = 2;
  f.due_at = f.received_at + 3600 + below(15 * 86400);
  if (chance(3)) f.due_at = mc_local_instant(mc_local_day(now), 0) + below(86400);   /* due on NOW's day */
  else if (chance(4)) f.due_at = mc_local_instant(mc_local_day(f.due_at), 0);       /* at a midnight */
  else if (chance(2)) f.due_at = now + below(2);                                     /* at now, or just after */
  f.effective_due_at = f.due_at;
  random_flags(&f);
  record(&prev, &f);
  mc_time t = f.received_at;
  int steps = (int)below(7);
  for (int s = 0; s < steps; s++) {
    prev = f;
    t += below(4 * 86400);
    if (t >= now) t = now - 1 - below(3600);
    if (t < f.received_at) t = f.received_at;
    int what = (int)below(9);
    if (what == 0 && !f.ended_at) {                        /* supplement request: the clock stops */
      f.supplements++;
      f.status = 5;
      f.effective_due_at = INT64_MAX;
    } else if (what == 1 && f.effective_due_at == INT64_MAX && !f.ended_at) {   /* completed: resume */
      f.status = 4;
      f.effective_due_at = f.due_at + below(5 * 86400);
    } else if (what == 2 && !f.ended_at) {
      end(&f, t);
    } else if (what == 3 && f.ended_at) {                  /* re-opened */
      f.ended_at = 0;
      f.end_status = 0;
      f.on_time = -1;
      f.handling_seconds = 0;
      f.status = 4;
    } else if (what == 4) {
      random_flags(&f);
    } else if (what == 5) {
      f.rating = (int)below(6);
      f.complaint = chance(20);
    } else if (what == 6 && chance(30)) {                  /* transferred */
      f.unit_id = 1 + below(NUNITS);
      if (chance(50)) f.procedure_id = 1 + below(NPROCS);
    } else if (what == 7 && chance(5)) {                   /* reception undone */
      f.received_at = 0;
      f.ended_at = 0;
      f.end_status = 0;
      f.on_time = -1;
    } else if (what == 8) {
      f.channel = 1 + (int)below(3);
      f.e_result = f.ended_at && f.has_result && chance(50);
    }
    record(chance(90) ? &prev : NULL, &f);   /* a caller may even pass no `before`: the stored facts count */
  }
  if (f.received_at && !f.ended_at && chance(60)) {
    prev = f;
    t += below(6 * 86400);
    end(&f, t < now ? t : now - below(600));
    if (chance(3)) f.ended_at = now;                      /* ended at the very instant of the query */
    record(&prev, &f);
  }
  facts[id - 1] = f;
}

/* ---- the recount ------------------------------------------------------------ */

typedef struct ref { mc_ival v[MC_IM_COUNT]; mc_iopen at; } ref;

static void recount(const int64_t *unit_group, int ngroups, int64_t proc, int32_t lo, int32_t hi, mc_time t,
                    ref *out) {
  memset(out, 0, sizeof *out * (size_t)ngroups);
  mc_time lo_i = mc_local_instant(lo, 0), hi_i = mc_local_instant(hi, 0);
  mc_time cut = mc_local_sec_of_day(t) == 0 ? t : t + 1;    /* at "now", an event at now is past */
  int64_t end_n[3] = {0}, ontime[3] = {0}, bad[3] = {0};
  for (int i = 0; i < NDOSSIERS; i++) {
    const mc_dossier_facts *f = &facts[i];
    if (!f->received_at) continue;
    if (proc && f->procedure_id != proc) continue;
    int g = (int)unit_group[f->unit_id];
    if (g < 0) continue;
    ref *r = &out[g];
    mc_time rt = f->received_at, e = f->ended_at;
    if (rt >= lo_i && rt < hi_i) {
      r->v[MC_IM_SYNCED].den++;
      r->v[MC_IM_SYNCED].num += f->synced;
      r->v[MC_IM_ONLINE_DOSSIERS].den++;
      r->v[MC_IM_ONLINE_DOSSIERS].num += f->channel == 2;
      r->v[MC_IM_PAID_ONLINE].den += f->has_fee;
      r->v[MC_IM_PAID_ONLINE].num += f->has_fee && f->paid_online;
      r->v[MC_IM_REUSED].den++;
      r->v[MC_IM_REUSED].num += f->reused;
      r->v[MC_IM_STORE_LINKED].den++;
      r->v[MC_IM_STORE_LINKED].num += f->store_linked;
      r->v[MC_IM_POPULATION_DOSSIERS].den++;
      r->v[MC_IM_POPULATION_DOSSIERS].num += f->vneid;
    }
    if (e && e >= lo_i && e < hi_i) {
      bool done = f->end_status == 9 || f->end_status == 10;
      end_n[g]++;
      ontime[g] += f->on_time == 1;
      bad[g] += f->complaint || (f->rating >= 1 && f->rating <= 2);
      r->v[MC_IM_HANDLING_TIME].num += f->handling_seconds;
      r->v[MC_IM_HANDLING_TIME].den++;
      r->v[MC_IM_E_RESULTS].den += done && f->has_result;
      r->v[MC_IM_E_RESULTS].num += done && f->has_result && f->e_result;
      r->v[MC_IM_DIGITISED].den += done;
      r->v[MC_IM_DIGITISED].num += done && f->digitised && f->e_result;
    }
    bool open = rt < cut && (!e || e >= cut);
    if (open) {
      r->at.open++;
      mc_time due = f->effective_due_at;
      bool within = f->supplements < 2 && (due == INT64_MAX || (t < due && due - 1 > rt));
      r->at.within += within;
    }
  }
  for (int g = 0; g < ngroups; g++) {
    ref *r = &out[g];
    r->v[MC_IM_ON_TIME] = (mc_ival){ontime[g] + r->at.within, end_n[g] + r->at.open};
    int64_t good = end_n[g] - (end_n[g] - ontime[g]) - bad[g];
    r->v[MC_IM_SATISFACTION] = (mc_ival){good > 0 ? good : 0, end_n[g]};
  }
}

static const mc_imeasure checked[] = {
  MC_IM_SYNCED, MC_IM_ON_TIME, MC_IM_HANDLING_TIME, MC_IM_ONLINE_DOSSIERS, MC_IM_PAID_ONLINE,
  MC_IM_E_RESULTS, MC_IM_DIGITISED, MC_IM_REUSED, MC_IM_STORE_LINKED, MC_IM_POPULATION_DOSSIERS,
  MC_IM_SATISFACTION,
};

Test(index_property, counters_equal_recount) {
  const char *env = getenv("MOTCUA_TEST_SEED");      /* to explore other histories by hand */
  if (env && *env) seed = strtoull(env, NULL, 10) | 1;
  t0 = mc_local_instant(mc_days_from_civil(2024, 12, 1), 0);
  now = mc_local_instant(mc_days_from_civil(2025, 9, 10), 13 * 3600 + 37 * 60 + 11);
  for (int64_t id = 1; id <= NDOSSIERS; id++) life(id);
  flush();
  int received = 0, open_now = 0, paused = 0;
  for (int i = 0; i < NDOSSIERS; i++) {
    received += facts[i].received_at != 0;
    open_now += facts[i].received_at && !facts[i].ended_at;
    paused += facts[i].received_at && !facts[i].ended_at && facts[i].effective_due_at == INT64_MAX;
  }
  cr_assert_gt(received, NDOSSIERS / 2);
  cr_assert_gt(open_now, 100);
  cr_assert_gt(paused, 10);

  int32_t first = mc_days_from_civil(2024, 11, 20), today = mc_local_day(now);
  for (int k = 0; k < NQUERIES; k++) {
    int ngroups = 1 + (int)below(3);
    int64_t unit_group[NUNITS + 1];
    int64_t ids[NUNITS];
    int groups[NUNITS], n = 0;
    unit_group[0] = -1;
    for (int u = 1; u <= NUNITS; u++) {
      unit_group[u] = chance(60) ? below(ngroups) : -1;
      if (unit_group[u] >= 0) { ids[n] = u; groups[n] = (int)unit_group[u]; n++; }
    }
    mc_iscope scope = {n, ids, groups, ngroups};
    int64_t proc = chance(40) ? 1 + below(NPROCS) : 0;
    mc_iperiod p = {.kind = 'R'};
    switch (below(4)) {
    case 0: {                                               /* a calendar month */
      int m = 1 + (int)below(9);
      p.lo = mc_days_from_civil(2025, m, 1);
      p.hi = m == 12 ? mc_days_from_civil(2026, 1, 1) : mc_days_from_civil(2025, m + 1, 1);
      break;
    }
    case 1:                                                 /* a quarter */
      p.lo = mc_days_from_civil(2025, 1 + 3 * (int)below(3), 1);
      p.hi = mc_index_month_start(p.lo + 95);
      break;
    default:                                                /* any range */
      p.lo = first + (int32_t)below(today - first + 1);
      p.hi = p.lo + 1 + (int32_t)below(200);
    }
    if (p.lo > today) p.lo = today;
    if (p.hi <= p.lo) p.hi = p.lo + 1;
    /* Evaluated at the period's end, or at now when the period reaches past it. */
    mc_time t = mc_iperiod_eval_at(&p, now);
    mc_imeasures got[3];
    mc_ireq r = {db, NULL, NULL, NULL, NULL, proc, p, now, scope, NULL};
    cr_assert_eq(mc_index_measure(&r, got, &err), MC_OK, "%s", err.message);
    ref want[3];
    recount(unit_group, ngroups, proc, p.lo, p.hi, t, want);
    /* Activity bit sets (3.2, 4.2, 5.6): procedures with ≥ 1 such dossier received in the period. */
    enum { NB = NPROCS / 8 + 1 };
    unsigned char bits[MC_IACT_KINDS * 3 * NB], wbits[MC_IACT_KINDS * 3 * NB];
    memset(bits, 0, sizeof bits);
    memset(wbits, 0, sizeof wbits);
    cr_assert_eq(mc_index_read_activity(db, &scope, p.lo, p.hi, NB, bits, &err), MC_OK, "%s", err.message);
    for (int i = 0; i < NDOSSIERS; i++) {
      const mc_dossier_facts *f = &facts[i];
      int g = f->received_at ? (int)unit_group[f->unit_id] : -1;
      if (g < 0 || f->received_at < mc_local_instant(p.lo, 0) || f->received_at >= mc_local_instant(p.hi, 0)) continue;
      bool on[MC_IACT_KINDS] = {f->channel == 2, f->has_fee && f->paid_online, f->vneid};
      for (int a = 0; a < MC_IACT_KINDS; a++)
        if (on[a]) wbits[((size_t)a * (size_t)ngroups + (size_t)g) * NB + (size_t)f->procedure_id / 8] |=
                     (unsigned char)(1u << (f->procedure_id % 8));
    }
    cr_assert_eq(memcmp(bits, wbits, (size_t)MC_IACT_KINDS * (size_t)ngroups * NB), 0, "query %d: activity bit sets differ", k);
    for (int g = 0; g < ngroups; g++) {
      cr_assert_eq(got[g].at_end.open, want[g].at.open, "query %d group %d: open %lld vs %lld", k, g,
                   (long long)got[g].at_end.open, (long long)want[g].at.open);
      cr_assert_eq(got[g].at_end.within, want[g].at.within, "query %d group %d: within %lld vs %lld (t %lld)", k, g,
                   (long long)got[g].at_end.within, (long long)want[g].at.within, (long long)t);
      for (size_t i = 0; i < sizeof checked / sizeof *checked; i++) {
        mc_imeasure m = checked[i];
        cr_assert_eq(got[g].v[m].num, want[g].v[m].num, "query %d group %d %s numerator: %lld vs %lld", k, g,
                     mc_imeasure_name(m), (long long)got[g].v[m].num, (long long)want[g].v[m].num);
        cr_assert_eq(got[g].v[m].den, want[g].v[m].den, "query %d group %d %s denominator: %lld vs %lld", k, g,
                     mc_imeasure_name(m), (long long)got[g].v[m].den, (long long)want[g].v[m].den);
      }
    }
  }
}

/* A trend walks weeks carrying the open dossiers over from one week's end to
 * the next instead of reading them again: every week must still equal the recount. */
Test(index_property, weekly_walk_equals_recount) {
  t0 = mc_local_instant(mc_days_from_civil(2024, 12, 1), 0);
  now = mc_local_instant(mc_days_from_civil(2025, 9, 10), 13 * 3600 + 37 * 60 + 11);
  for (int64_t id = 1; id <= NDOSSIERS; id++) life(id);
  flush();
  int64_t unit_group[NUNITS + 1], ids[NUNITS];
  int groups[NUNITS], n = 0;
  unit_group[0] = -1;
  for (int u = 1; u <= NUNITS; u++) {
    unit_group[u] = u % 3 == 0 ? -1 : u % 2;
    if (unit_group[u] >= 0) { ids[n] = u; groups[n] = (int)unit_group[u]; n++; }
  }
  mc_iscope scope = {n, ids, groups, 2};
  mc_iperiod w;
  mc_iperiod_week_of(mc_local_day(now) - 7 * 39, &w);
  mc_iopen carry[2];
  for (int k = 0; k < 40; k++, w.lo += 7, w.hi += 7) {
    mc_imeasures got[2];
    mc_ireq r = {db, NULL, NULL, NULL, NULL, 0, w, now, scope, k > 0 ? carry : NULL};
    cr_assert_eq(mc_index_measure(&r, got, &err), MC_OK, "%s", err.message);
    ref want[2];
    recount(unit_group, 2, 0, w.lo, w.hi, mc_iperiod_eval_at(&w, now), want);
    for (int g = 0; g < 2; g++) {
      cr_assert_eq(got[g].at_end.open, want[g].at.open, "week %d group %d open", k, g);
      cr_assert_eq(got[g].at_end.within, want[g].at.within, "week %d group %d within", k, g);
      cr_assert_eq(got[g].v[MC_IM_ON_TIME].num, want[g].v[MC_IM_ON_TIME].num, "week %d group %d 2.1", k, g);
      cr_assert_eq(got[g].v[MC_IM_ON_TIME].den, want[g].v[MC_IM_ON_TIME].den, "week %d group %d 2.1", k, g);
      carry[g] = got[g].at_end;
    }
  }
}
