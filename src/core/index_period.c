/* index_period.c — the periods the index is read over: a year ("2025"), a
 * quarter ("2025-Q3"), a month ("2025-07"), an ISO week ("2025-W27", Monday
 * to Sunday) or a range of days (from/to, both included); the period before
 * one of the same kind; and the instant a period is evaluated at. */
#include "core/index_int.h"
#include "util/str.h"
#include <stdio.h>
#include <string.h>

enum { YEAR_MIN = 2000, YEAR_MAX = 2100 };

static bool digits(const char *s, size_t n, int *out) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

/* Monday of ISO week 1 of year y (the week holding 4 January). */
static int32_t iso_week1(int y) {
  int32_t jan4 = mc_days_from_civil(y, 1, 4);
  int wd = (mc_weekday(jan4) + 6) % 7;     /* 0 = Monday */
  return jan4 - wd;
}

static void label_range(mc_iperiod *p) {
  char a[11], b[11];
  mc_date_format(p->lo, a, sizeof a);
  mc_date_format(p->hi - 1, b, sizeof b);
  snprintf(p->label, sizeof p->label, "%s..%s", a, b);
}

static mc_rc bad_period(mc_err *err, const char *s) {
  return mc_fail(err, MC_EINVAL, "index.bad_period", "period",
                 "The period \"%.40s\" is not a year (2025), quarter (2025-Q3), month (2025-07) or ISO week (2025-W27).", s);
}

mc_rc mc_iperiod_parse(const char *period, const char *from, const char *to, mc_iperiod *p, mc_err *err) {
  memset(p, 0, sizeof *p);
  if (period && (from || to))
    return mc_fail(err, MC_EINVAL, "index.bad_period", "period", "Give either a period or from/to, not both.");
  if (!period) {
    if (!from || !to)
      return mc_fail(err, MC_EINVAL, "index.bad_period", from ? "to" : "from",
                     "A date range needs both from and to (YYYY-MM-DD).");
    int32_t a, b;
    if (!mc_date_parse(from, &a)) return mc_fail(err, MC_EINVAL, "index.bad_period", "from", "from is not a date YYYY-MM-DD.");
    if (!mc_date_parse(to, &b)) return mc_fail(err, MC_EINVAL, "index.bad_period", "to", "to is not a date YYYY-MM-DD.");
    if (b < a) return mc_fail(err, MC_EINVAL, "index.bad_period", "to", "to is before from.");
    if (b - a + 1 > MC_INDEX_RANGE_DAYS_MAX)
      return mc_fail(err, MC_EINVAL, "index.bad_period", "to", "A date range is at most %d days.", MC_INDEX_RANGE_DAYS_MAX);
    p->kind = 'R';
    p->lo = a;
    p->hi = b + 1;
    label_range(p);
    return MC_OK;
  }
  size_t n = strlen(period);
  int y, v;
  if (n < 4 || !digits(period, 4, &y) || y < YEAR_MIN || y > YEAR_MAX) return bad_period(err, period);
  if (n == 4) {
    p->kind = 'Y';
    p->lo = mc_days_from_civil(y, 1, 1);
    p->hi = mc_days_from_civil(y + 1, 1, 1);
  } else if (n == 7 && period[4] == '-' && period[5] == 'Q' && digits(period + 6, 1, &v) && v >= 1 && v <= 4) {
    p->kind = 'Q';
    p->lo = mc_days_from_civil(y, 3 * v - 2, 1);
    p->hi = v == 4 ? mc_days_from_civil(y + 1, 1, 1) : mc_days_from_civil(y, 3 * v + 1, 1);
  } else if (n == 7 && period[4] == '-' && digits(period + 5, 2, &v) && v >= 1 && v <= 12) {
    p->kind = 'M';
    p->lo = mc_days_from_civil(y, v, 1);
    p->hi = v == 12 ? mc_days_from_civil(y + 1, 1, 1) : mc_days_from_civil(y, v + 1, 1);
  } else if (n == 8 && period[4] == '-' && period[5] == 'W' && digits(period + 6, 2, &v) && v >= 1 &&
             v <= 53) {
    int32_t mon = iso_week1(y) + 7 * (v - 1);
    if (mon >= iso_week1(y + 1))
      return mc_fail(err, MC_EINVAL, "index.bad_period", "period", "%d has no ISO week %d.", y, v);
    p->kind = 'W';
    p->lo = mon;
    p->hi = mon + 7;
  } else {
    return bad_period(err, period);
  }
  mc_strlcpy(p->label, period, sizeof p->label);
  return MC_OK;
}

void mc_iperiod_week_of(int32_t day, mc_iperiod *p) {
  memset(p, 0, sizeof *p);
  int wd = (mc_weekday(day) + 6) % 7;
  p->kind = 'W';
  p->lo = day - wd;
  p->hi = p->lo + 7;
  int y, m, d;
  mc_civil_from_days(p->lo + 3, &y, &m, &d);   /* the Thursday names the ISO year */
  snprintf(p->label, sizeof p->label, "%04d-W%02d", y, (p->lo - iso_week1(y)) / 7 + 1);
}

void mc_iperiod_prev(const mc_iperiod *p, mc_iperiod *o) {
  int y, m, d;
  mc_civil_from_days(p->lo, &y, &m, &d);
  char buf[32];
  mc_err e = {0};
  switch (p->kind) {
  case 'Y':
    snprintf(buf, sizeof buf, "%04d", y - 1);
    break;
  case 'Q':
    if (m == 1) snprintf(buf, sizeof buf, "%04d-Q4", y - 1);
    else snprintf(buf, sizeof buf, "%04d-Q%d", y, (m - 1) / 3);
    break;
  case 'M':
    if (m == 1) snprintf(buf, sizeof buf, "%04d-12", y - 1);
    else snprintf(buf, sizeof buf, "%04d-%02d", y, m - 1);
    break;
  case 'W': mc_iperiod_week_of(p->lo - 7, o); return;
  default:
    *o = *p;
    o->lo = p->lo - (p->hi - p->lo);
    o->hi = p->lo;
    label_range(o);
    return;
  }
  if (mc_iperiod_parse(buf, NULL, NULL, o, &e)) {   /* before year 2000: a plain range */
    mc_err_clear(&e);
    *o = *p;
    o->kind = 'R';
    o->lo = p->lo - (p->hi - p->lo);
    o->hi = p->lo;
    label_range(o);
  }
}

mc_time mc_iperiod_eval_at(const mc_iperiod *p, mc_time now) {
  mc_time end = mc_local_instant(p->hi, 0);
  return now < end ? now : end;
}

json_t *mc_iperiod_json(const mc_iperiod *p, mc_time now) {
  char a[11], b[11], t[32];
  mc_date_format(p->lo, a, sizeof a);
  mc_date_format(p->hi - 1, b, sizeof b);
  mc_time at = mc_iperiod_eval_at(p, now);
  mc_time_format(at, t, sizeof t);
  static const char *const kinds[] = {"year", "quarter", "month", "week", "range"};
  const char *kind = kinds[p->kind == 'Y' ? 0 : p->kind == 'Q' ? 1 : p->kind == 'M' ? 2 : p->kind == 'W' ? 3 : 4];
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "label", p->label, "kind", kind, "from", a, "to", b,
                   "as_of", t, "partial", at < mc_local_instant(p->hi, 0));
}
