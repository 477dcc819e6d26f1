/* lunar.c — the Vietnamese lunisolar calendar, 1900–2100 (calendar.md).
 *
 * Hồ Ngọc Đức's algorithm at UTC+7: Julian day numbers; the times of new moons
 * and the sun's longitude from Meeus's formulas; a lunar month starts on the
 * local (UTC+7) day of its new moon; month 11 is the month containing the
 * winter solstice; a lunar year from one month 11 to the next with 13 months
 * has a leap month, the first month in which the sun enters no new 30° sector
 * (no major solar term). The leap month takes the number of the month before it.
 *
 * The astronomy runs once: every month from the month 11 of 1899 to the month
 * 11 of 2101 goes into a table (start day, year, month, leap), built under
 * pthread_once. Conversions are then binary searches over about 2,500 rows.
 *
 * Years before 1968 are also computed at UTC+7, as the spec asks; the calendar
 * actually used in Vietnam before 1968 was reckoned at UTC+8 and differs from
 * this one in some months (tests/core/test_lunar.c lists them).             */
#include "core/calendar.h"
#include <math.h>
#include <pthread.h>
#include <stdio.h>

enum {
  TZ_HOURS = 7,               /* Vietnam: UTC+7 */
  JD_UNIX_EPOCH = 2440588,    /* Julian day number of 1970-01-01 */
  TABLE_FIRST_SOLAR = MC_CAL_FIRST_YEAR - 1,   /* month 11 of 1899 … */
  TABLE_LAST_SOLAR = MC_CAL_LAST_YEAR,          /* … up to month 11 of 2101 */
  MONTHS_MAX = (TABLE_LAST_SOLAR - TABLE_FIRST_SOLAR + 1) * 13,
};

/* Mean synodic month and the epoch of the new-moon series (1900-01-01 13:52 UT). */
static const double SYNODIC = 29.530588853;
static const double NM_EPOCH = 2415021.076998695;

/* Julian date (fractional) of the k-th new moon after that of 1900-01-01. */
static double new_moon(int k) {
  double T = k / 1236.85, T2 = T * T, T3 = T2 * T, dr = M_PI / 180;
  double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  double M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;     /* sun's mean anomaly */
  double Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;  /* moon's mean anomaly */
  double F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;     /* moon's argument of latitude */
  double c1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
  c1 = c1 - 0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.0010 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
  double deltat = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
                          : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltat;
}

/* The sun's apparent longitude (radians, [0, 2π)) at Julian date jdn. */
static double sun_longitude(double jdn) {
  double T = (jdn - 2451545.0) / 36525, T2 = T * T, dr = M_PI / 180;
  double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.000290 * sin(dr * 3 * M);
  double L = (L0 + DL) * dr;
  return L - M_PI * 2 * floor(L / (M_PI * 2));
}

/* Julian day number of the local day of the k-th new moon. */
static int new_moon_day(int k) { return (int)floor(new_moon(k) + 0.5 + TZ_HOURS / 24.0); }

/* The 30° sector (0–11) of the sun at the local midnight starting day jd. */
static int sun_sector(int jd) {
  return (int)floor(sun_longitude(jd - 0.5 - TZ_HOURS / 24.0) / M_PI * 6);
}

static int jd_of_day(int32_t day) { return (int)day + JD_UNIX_EPOCH; }
static int32_t day_of_jd(int jd) { return (int32_t)(jd - JD_UNIX_EPOCH); }

/* Julian day number of the first day of the month 11 that contains the
 * winter solstice of solar year y. */
static int month11(int y) {
  double off = jd_of_day(mc_days_from_civil(y, 12, 31)) - 2415021;
  int k = (int)floor(off / SYNODIC);
  int nm = new_moon_day(k);
  if (sun_sector(nm) >= 9) nm = new_moon_day(k - 1);   /* past the solstice: one month back */
  return nm;
}

/* Offset (from month 11 at a11) of the leap month of a 13-month year: the
 * first month whose start and end see the sun in the same sector. */
static int leap_offset(int a11) {
  int k = (int)floor((a11 - NM_EPOCH) / SYNODIC + 0.5);
  int i = 1, arc = sun_sector(new_moon_day(k + i)), last;
  do {
    last = arc;
    i++;
    arc = sun_sector(new_moon_day(k + i));
  } while (arc != last && i < 14);
  return i - 1;
}

typedef struct lmonth { int32_t start; int16_t year; int8_t month; int8_t leap; } lmonth;

static lmonth months[MONTHS_MAX + 1];
static int nmonths;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void) {
  int b11 = month11(TABLE_FIRST_SOLAR);
  for (int y = TABLE_FIRST_SOLAR; y <= TABLE_LAST_SOLAR; y++) {
    int a11 = b11;
    b11 = month11(y + 1);
    int k0 = (int)floor((a11 - NM_EPOCH) / SYNODIC + 0.5);
    int n = b11 - a11 > 365 ? 13 : 12;
    int leap = n == 13 ? leap_offset(a11) : -1;
    for (int i = 0; i < n && nmonths < MONTHS_MAX; i++) {
      lmonth *m = &months[nmonths++];
      int number = (leap >= 0 && i >= leap) ? i + 10 : i + 11;
      if (number > 12) number -= 12;
      m->start = day_of_jd(i == 0 ? a11 : new_moon_day(k0 + i));
      m->month = (int8_t)number;
      m->leap = (int8_t)(i == leap);
      /* Months 11 and 12 at the head of the run belong to lunar year y. */
      m->year = (int16_t)((number >= 11 && i < 4) ? y : y + 1);
    }
  }
  /* Sentinel: the start of the month after the last one (ends its length). */
  months[nmonths].start = day_of_jd(b11);
}

static void table(void) { pthread_once(&table_once, build_table); }

/* Index of the month containing day, or -1 outside the table. */
static int month_index(int32_t day) {
  table();
  if (day < months[0].start || day >= months[nmonths].start) return -1;
  int lo = 0, hi = nmonths - 1;
  while (lo < hi) {
    int mid = (lo + hi + 1) / 2;
    if (months[mid].start <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

static int32_t first_day(void) { return mc_days_from_civil(MC_CAL_FIRST_YEAR, 1, 1); }
static int32_t last_day(void) { return mc_days_from_civil(MC_CAL_LAST_YEAR, 12, 31); }

bool mc_lunar_from_solar(int32_t day, mc_lunar *out) {
  if (day < first_day() || day > last_day()) return false;
  int i = month_index(day);
  if (i < 0) return false;
  out->year = months[i].year;
  out->month = months[i].month;
  out->leap = months[i].leap;
  out->day = (int)(day - months[i].start) + 1;
  return true;
}

static long month_key(int year, int month, bool leap) { return (long)year * 32 + month * 2 + (leap ? 1 : 0); }

/* Index of lunar month (year, month, leap), or -1. Rows are in key order. */
static int find_month(int year, int month, bool leap) {
  table();
  long key = month_key(year, month, leap);
  int lo = 0, hi = nmonths - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    long k = month_key(months[mid].year, months[mid].month, months[mid].leap);
    if (k == key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

int mc_lunar_month_days(int year, int month, bool leap) {
  if (month < 1 || month > 12) return 0;
  int i = find_month(year, month, leap);
  return i < 0 ? 0 : (int)(months[i + 1].start - months[i].start);
}

bool mc_solar_from_lunar(const mc_lunar *l, int32_t *day) {
  if (!l || l->day < 1 || l->day > 30) return false;
  int len = mc_lunar_month_days(l->year, l->month, l->leap);
  if (len == 0 || l->day > len) return false;
  int32_t d = months[find_month(l->year, l->month, l->leap)].start + l->day - 1;
  if (d < first_day() || d > last_day()) return false;
  *day = d;
  return true;
}

int mc_lunar_leap_month(int year) {
  for (int m = 1; m <= 12; m++)
    if (find_month(year, m, true) >= 0) return m;
  return 0;
}

void mc_lunar_year_name(int year, char *buf, size_t n) {
  static const char *const can[] = {"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"};
  static const char *const chi[] = {"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
  int c = ((year + 6) % 10 + 10) % 10, z = ((year + 8) % 12 + 12) % 12;
  snprintf(buf, n, "%s %s", can[c], chi[z]);
}
