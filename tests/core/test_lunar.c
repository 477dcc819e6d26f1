/* test_lunar.c — the Vietnamese lunar calendar (src/core/lunar.c): the
 * calendar.md vectors (Tết and Hùng Kings' day 2024–2029, the UTC+7 / UTC+8
 * traps, leap months, month lengths), a round trip over every day of
 * 1900–2100, and a sweep of every day against an independent implementation
 * (the npm package @dqcai/vn-lunar, run by tests/core/lunar_reference.mjs). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/calendar.h"

static int32_t D(int y, int m, int d) { return mc_days_from_civil(y, m, d); }

static mc_lunar lunar_of(int y, int m, int d) {
  mc_lunar l;
  cr_assert(mc_lunar_from_solar(D(y, m, d), &l), "%04d-%02d-%02d has no lunar date", y, m, d);
  return l;
}

static void expect_lunar(int y, int m, int d, int ly, int lm, int ld, bool leap) {
  mc_lunar l = lunar_of(y, m, d);
  cr_expect(l.year == ly && l.month == lm && l.day == ld && l.leap == leap,
            "%04d-%02d-%02d: got %d/%d%s/%d, want %d/%d%s/%d", y, m, d, l.day, l.month, l.leap ? "L" : "", l.year,
            ld, lm, leap ? "L" : "", ly);
}

static void expect_solar(int ly, int lm, int ld, bool leap, int y, int m, int d) {
  int32_t day;
  mc_lunar l = {ly, lm, ld, leap};
  cr_assert(mc_solar_from_lunar(&l, &day), "lunar %d/%d%s/%d does not convert", ld, lm, leap ? "L" : "", ly);
  char got[16];
  mc_date_format(day, got, sizeof got);
  cr_expect_eq(day, D(y, m, d), "lunar %d/%d%s/%d: got %s, want %04d-%02d-%02d", ld, lm, leap ? "L" : "", ly, got, y, m, d);
}

Test(lunar, tet_and_hung_kings_2024_2029) {
  static const int v[][6] = {
    {2024, 2, 10, 2024, 4, 18}, {2025, 1, 29, 2025, 4, 7}, {2026, 2, 17, 2026, 4, 26},
    {2027, 2, 6, 2027, 4, 16},  {2028, 1, 26, 2028, 4, 4}, {2029, 2, 13, 2029, 4, 23},
  };
  for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
    int year = v[i][0];
    expect_solar(year, 1, 1, false, v[i][0], v[i][1], v[i][2]);
    expect_lunar(v[i][0], v[i][1], v[i][2], year, 1, 1, false);
    expect_solar(year, 3, 10, false, v[i][3], v[i][4], v[i][5]);
    expect_lunar(v[i][3], v[i][4], v[i][5], year, 3, 10, false);
    /* The day before Tết is the last day of the old year's 12th month. */
    mc_lunar eve;
    cr_assert(mc_lunar_from_solar(D(v[i][0], v[i][1], v[i][2]) - 1, &eve));
    cr_expect(eve.year == year - 1 && eve.month == 12 && !eve.leap &&
              eve.day == mc_lunar_month_days(year - 1, 12, false), "eve of Tết %d", year);
  }
}

Test(lunar, utc7_vs_utc8_traps) {
  /* Tết where Vietnam (UTC+7) and China (UTC+8) differ. */
  expect_solar(1985, 1, 1, false, 1985, 1, 21);
  expect_lunar(1985, 1, 21, 1985, 1, 1, false);
  expect_lunar(1985, 2, 20, 1985, 2, 1, false);   /* China's Tết is Vietnam's 1st of the 2nd month */
  expect_solar(2007, 1, 1, false, 2007, 2, 17);
  expect_lunar(2007, 2, 18, 2007, 1, 2, false);   /* China's Tết is Vietnam's 2nd day */
  expect_solar(2030, 1, 1, false, 2030, 2, 2);
  expect_lunar(2030, 2, 3, 2030, 1, 2, false);
}

Test(lunar, leap_months) {
  cr_expect_eq(mc_lunar_leap_month(2023), 2);
  cr_expect_eq(mc_lunar_leap_month(2025), 6);
  cr_expect_eq(mc_lunar_leap_month(2028), 5);
  cr_expect_eq(mc_lunar_leap_month(2024), 0);
  cr_expect_eq(mc_lunar_leap_month(2026), 0);
  /* 2025's leap 6th month starts 25 Jul 2025, right after the ordinary 6th. */
  expect_lunar(2025, 7, 25, 2025, 6, 1, true);
  expect_solar(2025, 6, 1, true, 2025, 7, 25);
  expect_lunar(2025, 7, 24, 2025, 6, mc_lunar_month_days(2025, 6, false), false);
  int32_t ordinary, leap;
  cr_assert(mc_solar_from_lunar(&(mc_lunar){2025, 6, 1, false}, &ordinary));
  cr_assert(mc_solar_from_lunar(&(mc_lunar){2025, 6, 1, true}, &leap));
  cr_expect_eq(leap - ordinary, mc_lunar_month_days(2025, 6, false));
  /* 2023 leap 2nd month: 22 Mar 2023 = 1/2 (leap); 2028 leap 5th: 23 Jun 2028. */
  expect_lunar(2023, 3, 22, 2023, 2, 1, true);
  expect_lunar(2028, 6, 23, 2028, 5, 1, true);
  /* A leap month that does not exist has no solar date. */
  int32_t day;
  cr_expect_not(mc_solar_from_lunar(&(mc_lunar){2024, 6, 1, true}, &day));
  cr_expect_not(mc_solar_from_lunar(&(mc_lunar){2025, 5, 1, true}, &day));
  cr_expect_eq(mc_lunar_month_days(2025, 5, true), 0);
}

Test(lunar, month_lengths) {
  /* calendar.md: the lunar years ending early 2024 and early 2025 close on
   * day 29, the one ending early 2023 on day 30. For early 2025 (Giáp Thìn)
   * and early 2023 (Nhâm Dần) that holds. For early 2024 it does not: Quý
   * Mão's 12th month has 30 days — 8 Feb 2024 is "29 tháng Chạp năm Quý
   * Mão" in the Ministry of Labour's own Tết notice, and Hồ Ngọc Đức's
   * program and tables (the reference below) agree; 9 Feb 2024 is 30 Tết. */
  cr_expect_eq(mc_lunar_month_days(2024, 12, false), 29);
  cr_expect_eq(mc_lunar_month_days(2022, 12, false), 30);
  cr_expect_eq(mc_lunar_month_days(2023, 12, false), 30);
  expect_lunar(2025, 1, 28, 2024, 12, 29, false);
  expect_lunar(2023, 1, 21, 2022, 12, 30, false);
  expect_lunar(2024, 2, 8, 2023, 12, 29, false);
  expect_lunar(2024, 2, 9, 2023, 12, 30, false);
  int32_t day;
  cr_expect_not(mc_solar_from_lunar(&(mc_lunar){2024, 12, 30, false}, &day));
  cr_expect(mc_solar_from_lunar(&(mc_lunar){2022, 12, 30, false}, &day) && day == D(2023, 1, 21));
  /* 16 Feb 2026 is the 29th of the 12th month of Ất Tỵ (the last day). */
  expect_lunar(2026, 2, 16, 2025, 12, 29, false);
  char name[32];
  mc_lunar_year_name(2025, name, sizeof name);
  cr_expect_str_eq(name, "Ất Tỵ");
  mc_lunar_year_name(2026, name, sizeof name);
  cr_expect_str_eq(name, "Bính Ngọ");
  mc_lunar_year_name(2024, name, sizeof name);
  cr_expect_str_eq(name, "Giáp Thìn");
  mc_lunar_year_name(1985, name, sizeof name);
  cr_expect_str_eq(name, "Ất Sửu");
}

Test(lunar, range_and_bad_input) {
  mc_lunar l;
  int32_t day;
  cr_expect_not(mc_lunar_from_solar(D(1899, 12, 31), &l));
  cr_expect_not(mc_lunar_from_solar(D(2101, 1, 1), &l));
  cr_expect(mc_lunar_from_solar(D(1900, 1, 1), &l));
  cr_expect(l.year == 1899 && l.month == 12 && l.day == 1, "1900-01-01 is 1/12/1899, got %d/%d/%d", l.day, l.month, l.year);
  cr_expect(mc_lunar_from_solar(D(2100, 12, 31), &l));
  cr_expect_not(mc_solar_from_lunar(&(mc_lunar){2025, 13, 1, false}, &day));
  cr_expect_not(mc_solar_from_lunar(&(mc_lunar){2025, 0, 1, false}, &day));
  cr_expect_not(mc_solar_from_lunar(&(mc_lunar){2025, 1, 0, false}, &day));
  cr_expect_not(mc_solar_from_lunar(&(mc_lunar){2025, 1, 31, false}, &day));
  cr_expect_not(mc_solar_from_lunar(&(mc_lunar){1899, 11, 1, false}, &day));   /* before 1900-01-01 */
  cr_expect_not(mc_solar_from_lunar(&(mc_lunar){2101, 5, 1, false}, &day));    /* after 2100-12-31 */
}

Test(lunar, round_trip_every_day) {
  int32_t first = D(1900, 1, 1), last = D(2100, 12, 31);
  mc_lunar prev = {0};
  for (int32_t d = first; d <= last; d++) {
    mc_lunar l;
    int32_t back;
    cr_assert(mc_lunar_from_solar(d, &l), "day %d", d);
    cr_assert(mc_solar_from_lunar(&l, &back) && back == d, "round trip of day %d (%d/%d%s/%d)", d, l.day, l.month,
              l.leap ? "L" : "", l.year);
    /* Consecutive days: the next day, or the 1st of a month after a 29th/30th. */
    if (d > first) {
      if (l.day == 1) cr_assert(prev.day == 29 || prev.day == 30, "month before day %d has %d days", d, prev.day);
      else cr_assert(l.day == prev.day + 1 && l.month == prev.month && l.leap == prev.leap && l.year == prev.year);
    }
    prev = l;
  }
}

/* Where the reference differs, and why. It follows Hồ Ngọc Đức's tables of
 * the calendar actually in use: before 1968 Vietnam reckoned at UTC+8 (and
 * the tables use a more precise ephemeris), while the spec — and so
 * lunar.c — applies UTC+7 to every year. The three later months are new
 * moons within about a minute of midnight UTC+7 (2054-05-07/08, 2072-12-09,
 * 2077-11-15/16), which the two methods place on different days; such
 * margins are below what any ephemeris can promise decades ahead. Each run
 * is a lunar month whose first day moved by one day. The list is exact: a
 * new difference, or one of these disappearing, fails the test. */
static const struct { const char *first; int days; } known_differences[] = {
  {"1903-01-28", 30}, {"1905-11-26", 30}, {"1908-06-28", 30}, {"1910-12-31", 30}, {"1916-04-02", 30},
  {"1917-03-23", 59}, {"1922-06-25", 59}, {"1925-01-24", 30}, {"1933-07-22", 30}, {"1933-11-17", 30},
  {"1935-02-03", 30}, {"1937-01-12", 30}, {"1938-08-25", 59}, {"1939-04-19", 30}, {"1947-03-22", 30},
  {"1950-08-13", 30}, {"1951-06-04", 30}, {"1953-08-09", 30}, {"1956-11-02", 30}, {"1957-03-01", 30},
  {"1957-11-21", 30}, {"1961-05-14", 30}, {"1964-10-05", 30}, {"1965-02-01", 30}, {"1967-12-01", 30},
  {"2054-05-07", 30}, {"2072-12-09", 30}, {"2077-11-15", 30},
};
enum { NKNOWN = sizeof known_differences / sizeof *known_differences, RUNS_MAX = 200 };

Test(lunar, independent_reference_every_day, .timeout = 300) {
  const char *src = getenv("MOTCUA_SRC");
  cr_assert(src, "MOTCUA_SRC is not set (run the tests through meson)");
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "node '%s/tests/core/lunar_reference.mjs' 1900 2100", src);
  FILE *p = popen(cmd, "r");
  cr_assert(p, "cannot run node");
  char line[128], date[16], run_first[RUNS_MAX][16];
  int run_days[RUNS_MAX], nruns = 0, n = 0, ld, lm, ly, leap;
  bool in_run = false;
  int32_t expect = D(1900, 1, 1);
  while (fgets(line, sizeof line, p)) {
    cr_assert_eq(sscanf(line, "%15s %d %d %d %d", date, &ld, &lm, &ly, &leap), 5, "bad reference line: %s", line);
    int32_t day;
    cr_assert(mc_date_parse(date, &day) && day == expect, "reference skipped to %s", date);
    expect++;
    n++;
    mc_lunar l;
    cr_assert(mc_lunar_from_solar(day, &l));
    bool same = l.day == ld && l.month == lm && l.year == ly && l.leap == (leap != 0);
    if (!same && !in_run) {
      cr_assert_lt(nruns, RUNS_MAX, "too many differences from the reference (last at %s)", date);
      memcpy(run_first[nruns], date, sizeof date);
      run_days[nruns++] = 0;
    }
    if (!same) run_days[nruns - 1]++;
    in_run = !same;
  }
  int status = pclose(p);
  cr_assert(status == 0 && n == D(2100, 12, 31) - D(1900, 1, 1) + 1,
            "the independent lunar calendar did not run (exit status %d, %d days read). It needs node and the test "
            "packages: npm ci --prefix tests", status, n);
  for (int i = 0; i < nruns; i++) {
    bool known = false;
    for (int k = 0; k < NKNOWN && !known; k++)
      known = strcmp(known_differences[k].first, run_first[i]) == 0 && known_differences[k].days == run_days[i];
    cr_expect(known, "differs from the reference from %s for %d days", run_first[i], run_days[i]);
  }
  cr_expect_eq(nruns, NKNOWN, "%d runs of differences, %d expected", nruns, (int)NKNOWN);
}
