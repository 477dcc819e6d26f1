/* time.c — civil-date arithmetic (Howard Hinnant's algorithms) at UTC+7. */
#include "util/time.h"
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int32_t mc_days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int)doe - 719468;
}

void mc_civil_from_days(int32_t z, int *y, int *m, int *d) {
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)yoe + era * 400 + (*m <= 2);
}

int mc_weekday(int32_t days) { return (int)((days % 7 + 11) % 7); }

bool mc_date_valid(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= mdays[m - 1] + (m == 2 && leap);
}

static int64_t floordiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

int32_t mc_local_day(mc_time t) { return (int32_t)floordiv(t + MC_TZ_OFFSET, 86400); }
int mc_local_sec_of_day(mc_time t) { return (int)(t + MC_TZ_OFFSET - (int64_t)mc_local_day(t) * 86400); }
mc_time mc_local_instant(int32_t day, int sec) { return (int64_t)day * 86400 + sec - MC_TZ_OFFSET; }

void mc_time_format(mc_time t, char *buf, size_t n) {
  int y, m, d, s = mc_local_sec_of_day(t);
  mc_civil_from_days(mc_local_day(t), &y, &m, &d);
  snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", y, m, d, s / 3600, s / 60 % 60, s % 60);
}

void mc_date_format(int32_t day, char *buf, size_t n) {
  int y, m, d;
  mc_civil_from_days(day, &y, &m, &d);
  snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

static bool digits(const char *s, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool mc_date_parse(const char *s, int32_t *out) {
  int y, m, d;
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d)) return false;
  if (!mc_date_valid(y, m, d)) return false;
  *out = mc_days_from_civil(y, m, d);
  return true;
}

bool mc_time_parse(const char *s, mc_time *out) {
  if (!s) return false;
  size_t n = strlen(s);
  char date[11];
  if (n < 10) return false;
  memcpy(date, s, 10); date[10] = 0;
  int32_t day;
  if (!mc_date_parse(date, &day)) return false;
  if (n == 10) { *out = mc_local_instant(day, 0); return true; }
  if (s[10] != 'T' && s[10] != ' ') return false;
  const char *p = s + 11;
  int hh, mm, ss = 0;
  if (!digits(p, 2, &hh) || p[2] != ':' || !digits(p + 3, 2, &mm)) return false;
  p += 5;
  if (*p == ':') { if (!digits(p + 1, 2, &ss)) return false; p += 3; }
  if (*p == '.') { p++; while (*p >= '0' && *p <= '9') p++; }
  if (hh > 23 || mm > 59 || ss > 60) return false;
  int64_t off = MC_TZ_OFFSET;
  if (*p == 'Z' && !p[1]) off = 0;
  else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
    int oh, om;
    if (!digits(p + 1, 2, &oh) || !digits(p + 4, 2, &om) || oh > 14 || om > 59) return false;
    off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
  } else if (*p) return false;
  *out = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss - off;
  return true;
}

static _Atomic int64_t clock_offset;

mc_time mc_now(void) { return (mc_time)time(NULL) + atomic_load(&clock_offset); }
void mc_clock_set_offset(int64_t seconds) { atomic_store(&clock_offset, seconds); }
