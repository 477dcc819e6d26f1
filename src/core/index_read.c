/* index_read.c — summing the 766 counters over units and days.
 *
 * A period [lo, hi) of days is read as whole months at month granularity and
 * the days before the first and after the last whole month at day
 * granularity, so a quarter costs three rows per unit. Counts at an instant t
 * (indicator 2.1: dossiers open at t, and open and within deadline at t) are
 * differences of interval starts and ends before t: each is the all-time
 * total minus what lies on or after t's day, so recent instants — the ones
 * dashboards ask for — read few rows. */
#include "core/index_int.h"
#include <stdlib.h>
#include <string.h>

static int cmp_id(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* The first entry of unit in the scope (entries of one unit are adjacent), or -1. */
static int first_of(const mc_iscope *s, int64_t unit) {
  const int64_t *p = bsearch(&unit, s->unit_ids, (size_t)s->n, sizeof *s->unit_ids, cmp_id);
  if (!p) return -1;
  while (p > s->unit_ids && p[-1] == unit) p--;
  return (int)(p - s->unit_ids);
}

/* Scopes of at most this many distinct units read their own rows, a
 * statement per unit; larger ones read every unit's rows of the range once and
 * keep those in scope. */
enum { FEW_UNITS = 8 };

static int distinct_units(const mc_iscope *s) {
  int k = 0;
  for (int e = 0; e < s->n; e++) k += e == 0 || s->unit_ids[e] != s->unit_ids[e - 1];
  return k;
}

/* Add the rows of st (unit_id, then the counters) to the groups of their units. */
static mc_rc add_rows(mc_stmt *st, const mc_iscope *s, int sign, mc_icounts *groups, mc_err *err) {
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    int64_t unit = mc_col_i64(st, 0);
    int e = first_of(s, unit);
    if (e < 0) continue;
    int64_t v[MC_IC_COUNT];
    for (int k = 0; k < MC_IC_COUNT; k++) v[k] = sign * mc_col_i64(st, k + 1);
    for (; e < s->n && s->unit_ids[e] == unit; e++)
      for (int k = 0; k < MC_IC_COUNT; k++) groups[s->group[e]].c[k] += v[k];
  }
  return r < 0 ? (err && err->rc ? err->rc : MC_EDB) : MC_OK;
}

static mc_rc read_range(mc_db *db, const mc_iscope *s, int64_t proc, int gran, int32_t lo, int32_t hi,
                        int sign, mc_icounts *groups, mc_err *err) {
  if (lo >= hi || s->n == 0) return MC_OK;
  if (distinct_units(s) > FEW_UNITS) {
    mc_stmt *st = mc_db_prep(db, "index.bucket_range", err, "iiii", proc, (int64_t)gran, (int64_t)lo,
                             (int64_t)hi);
    return st ? add_rows(st, s, sign, groups, err) : err ? err->rc : MC_EDB;
  }
  for (int e = 0; e < s->n; e++) {
    if (e > 0 && s->unit_ids[e] == s->unit_ids[e - 1]) continue;
    mc_stmt *st = mc_db_prep(db, "index.bucket_range_unit", err, "iiiii", proc, (int64_t)gran, (int64_t)lo,
                             (int64_t)hi, s->unit_ids[e]);
    mc_rc rc = st ? add_rows(st, s, sign, groups, err) : err ? err->rc : MC_EDB;
    if (rc) return rc;
  }
  return MC_OK;
}

static int32_t next_month(int32_t day) {
  int y, m, d;
  mc_civil_from_days(day, &y, &m, &d);
  return m == 12 ? mc_days_from_civil(y + 1, 1, 1) : mc_days_from_civil(y, m + 1, 1);
}

int mc_index_split(int32_t lo, int32_t hi, mc_irange out[3]) {
  if (lo >= hi) return 0;
  int32_t m_lo = mc_index_month_start(lo) == lo ? lo : next_month(lo);
  int32_t m_hi = hi == INT32_MAX ? INT32_MAX : mc_index_month_start(hi);
  if (m_lo >= m_hi) {   /* no whole month inside */
    out[0] = (mc_irange){MC_IG_DAY, lo, hi};
    return 1;
  }
  int n = 0;
  if (lo < m_lo) out[n++] = (mc_irange){MC_IG_DAY, lo, m_lo};
  out[n++] = (mc_irange){MC_IG_MONTH, m_lo, m_hi};
  if (m_hi < hi) out[n++] = (mc_irange){MC_IG_DAY, m_hi, hi};
  return n;
}

mc_rc mc_index_read_days(mc_db *db, const mc_iscope *s, int64_t proc, int32_t lo, int32_t hi,
                         int sign, mc_icounts *groups, mc_err *err) {
  mc_irange r[3];
  int n = mc_index_split(lo, hi, r);
  for (int i = 0; i < n; i++) {
    mc_rc rc = read_range(db, s, proc, r[i].gran, r[i].lo, r[i].hi, sign, groups, err);
    if (rc) return rc;
  }
  return MC_OK;
}

mc_rc mc_index_read_all(mc_db *db, const mc_iscope *s, int64_t proc, int sign, mc_icounts *groups,
                        mc_err *err) {
  return read_range(db, s, proc, MC_IG_ALL, 0, 1, sign, groups, err);
}

mc_rc mc_index_read_open_at(mc_db *db, const mc_iscope *s, int64_t proc, mc_time t,
                            mc_iopen *out, mc_err *err) {
  int32_t dt = mc_local_day(t);
  bool midnight = mc_local_sec_of_day(t) == 0;
  int32_t from = midnight ? dt : dt + 1;   /* counters on days ≥ from lie at or after t */
  mc_icounts *acc = calloc((size_t)s->ngroups + 1, sizeof *acc);
  if (!acc) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc;
  if ((rc = mc_index_read_all(db, s, proc, 1, acc, err)) ||
      (rc = mc_index_read_days(db, s, proc, from, INT32_MAX, -1, acc, err))) {
    free(acc);
    return rc;
  }
  for (int g = 0; g < s->ngroups; g++) {
    out[g].open = acc[g].c[MC_IC_RCV] - acc[g].c[MC_IC_END_N];
    out[g].within = acc[g].c[MC_IC_W_START] - acc[g].c[MC_IC_W_END];
  }
  free(acc);
  if (midnight) return MC_OK;
  /* Within-deadline intervals ending on t's day but at or after t: their
   * dossiers are open and due later today, still within deadline at t. */
  int64_t *x = calloc((size_t)s->ngroups + 1, sizeof *x);
  if (!x) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  rc = mc_index_read_due_between(db, s, proc, t, mc_local_instant(dt + 1, 0), x, err);
  for (int g = 0; g < s->ngroups && !rc; g++) out[g].within += x[g];
  free(x);
  return rc;
}

mc_rc mc_index_read_due_between(mc_db *db, const mc_iscope *s, int64_t proc, mc_time t1, mc_time t2,
                                int64_t *groups, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "index.open_due_between", err, "ii", t1, t2);
  if (!st) return err ? err->rc : MC_EDB;
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    if (proc && mc_col_i64(st, 1) != proc) continue;
    int64_t unit = mc_col_i64(st, 0);
    for (int e = first_of(s, unit); e >= 0 && e < s->n && s->unit_ids[e] == unit; e++) groups[s->group[e]]++;
  }
  return r < 0 ? (err && err->rc ? err->rc : MC_EDB) : MC_OK;
}

mc_rc mc_index_read_activity(mc_db *db, const mc_iscope *s, int32_t lo, int32_t hi, size_t nbytes,
                             unsigned char *bits, mc_err *err) {
  mc_irange rg[3];
  int n = mc_index_split(lo, hi, rg);
  for (int e0 = 0; e0 < s->n; e0++) {
    int64_t unit = s->unit_ids[e0];
    if (e0 > 0 && s->unit_ids[e0 - 1] == unit) continue;
    for (int i = 0; i < n; i++) {
      mc_stmt *st = mc_db_prep(db, "index.active_range", err, "iiii", unit, (int64_t)rg[i].gran,
                               (int64_t)rg[i].lo, (int64_t)rg[i].hi);
      if (!st) return err ? err->rc : MC_EDB;
      int r;
      while ((r = mc_stmt_next(st, err)) > 0) {
        for (int k = 0; k < MC_IACT_KINDS; k++) {
          size_t len = 0;
          const unsigned char *b = mc_col_blob(st, k, &len);
          if (len > nbytes) len = nbytes;
          for (int e = e0; e < s->n && s->unit_ids[e] == unit && b; e++) {
            unsigned char *dst = bits + ((size_t)k * (size_t)s->ngroups + (size_t)s->group[e]) * nbytes;
            for (size_t j = 0; j < len; j++) dst[j] |= b[j];
          }
        }
      }
      if (r < 0) return err && err->rc ? err->rc : MC_EDB;
    }
  }
  return MC_OK;
}
