/* test_worktime.c — working-time arithmetic (src/core/worktime.c) on the
 * real calendar (generated holidays + data/demo/calendar.csv): where counting
 * starts (sessions, after hours, the 15:00 rule), deadlines in working days,
 * working hours, calendar days and "within the day", working seconds, and a
 * cross-check of the O(1) arithmetic against a plain day-by-day walk. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/calendar.h"
#include "util/arena.h"

static const mc_calendar *cal;
static mc_arena *arena;

static int32_t D(int y, int m, int d) { return mc_days_from_civil(y, m, d); }
static mc_time T(int y, int m, int d, int hh, int mm) { return mc_local_instant(D(y, m, d), hh * 3600 + mm * 60); }

static void setup(void) {
  const char *src = getenv("MOTCUA_SRC");
  cr_assert(src, "MOTCUA_SRC is not set (run the tests through meson)");
  char path[1024];
  snprintf(path, sizeof path, "%s/data/demo/calendar.csv", src);
  FILE *f = fopen(path, "rb");
  cr_assert(f, "cannot open %s", path);
  static char text[1 << 16];
  size_t len = fread(text, 1, sizeof text, f);
  fclose(f);
  arena = mc_arena_new(0);
  mc_cal_override *ov;
  int n;
  mc_err err = {0};
  cr_assert_eq(mc_cal_overrides_parse(arena, "csv", text, len, &ov, &n, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_calendar_build(NULL, ov, n, &cal, &err), MC_OK, "%s", err.message);
}

static void teardown(void) {
  mc_calendar_put(cal);
  mc_arena_free(arena);
}

TestSuite(worktime, .init = setup, .fini = teardown);

static void expect_time(mc_time got, mc_time want, const char *what) {
  char g[32], w[32];
  mc_time_format(got, g, sizeof g);
  mc_time_format(want, w, sizeof w);
  cr_expect_eq(got, want, "%s: got %s, want %s", what, g, w);
}

#define ADD(t, n, u) mc_cal_add(cal, NULL, (t), (n), (u))
#define START(t, r) mc_cal_start(cal, NULL, (t), (r))

Test(worktime, units_and_sessions) {
  cr_expect_str_eq(mc_time_unit_name(MC_TU_WORKING_DAYS), "working_days");
  cr_expect_str_eq(mc_time_unit_name(MC_TU_WORKING_HOURS), "working_hours");
  cr_expect_str_eq(mc_time_unit_name(MC_TU_DAYS), "days");
  cr_expect_str_eq(mc_time_unit_name(MC_TU_SAME_DAY), "same_day");
  mc_time_unit u;
  cr_expect(mc_time_unit_parse("same_day", &u) && u == MC_TU_SAME_DAY);
  cr_expect(mc_time_unit_parse("working_hours", &u) && u == MC_TU_WORKING_HOURS);
  cr_expect_not(mc_time_unit_parse("weeks", &u));
  cr_expect_not(mc_time_unit_parse(NULL, &u));
  cr_expect_eq(mc_cal_day_length(NULL), 27000);   /* 4 h + 3.5 h */
  cr_expect_eq(mc_cal_day_length(&mc_default_sessions), 27000);
  mc_sessions one = {1, {8 * 3600}, {16 * 3600}};
  cr_expect_eq(mc_cal_day_length(&one), 8 * 3600);
  mc_err err = {0};
  mc_sessions bad = {2, {8 * 3600, 11 * 3600}, {12 * 3600, 17 * 3600}};   /* overlapping */
  cr_expect_eq(mc_sessions_check(&bad, &err), MC_EINVAL);
  cr_expect_str_eq(err.code, "calendar.bad_sessions");
  mc_sessions empty = {0};
  cr_expect_eq(mc_sessions_check(&empty, NULL), MC_EINVAL);
  cr_expect_eq(mc_sessions_check(&mc_default_sessions, NULL), MC_OK);
  cr_expect_eq(mc_cal_day_length(&bad), 27000);   /* invalid → the default */
  /* Per-unit sessions: one 08:00–16:00 session. */
  expect_time(mc_cal_add(cal, &one, T(2025, 3, 7, 15, 0), 2, MC_TU_WORKING_HOURS), T(2025, 3, 10, 9, 0), "one session, hours");
  expect_time(mc_cal_start(cal, &one, T(2025, 3, 10, 7, 45), false), T(2025, 3, 10, 8, 0), "one session, start");
}

Test(worktime, friday_plus_one_working_day_is_monday_same_time) {
  expect_time(ADD(T(2025, 3, 7, 10, 0), 1, MC_TU_WORKING_DAYS), T(2025, 3, 10, 10, 0), "Fri 10:00 + 1");
  expect_time(ADD(T(2025, 3, 7, 10, 0), 5, MC_TU_WORKING_DAYS), T(2025, 3, 14, 10, 0), "Fri 10:00 + 5");
  expect_time(ADD(T(2025, 3, 10, 7, 30), 1, MC_TU_WORKING_DAYS), T(2025, 3, 11, 7, 30), "Mon 07:30 + 1");
  expect_time(ADD(T(2025, 3, 10, 13, 30), 1, MC_TU_WORKING_DAYS), T(2025, 3, 11, 13, 30), "Mon 13:30 + 1");
  expect_time(ADD(T(2025, 3, 10, 16, 59), 1, MC_TU_WORKING_DAYS), T(2025, 3, 11, 16, 59), "Mon 16:59 + 1");
  /* Received at lunch: counted from 13:30. */
  expect_time(ADD(T(2025, 3, 10, 12, 0), 1, MC_TU_WORKING_DAYS), T(2025, 3, 11, 13, 30), "Mon 12:00 + 1");
  expect_time(ADD(T(2025, 3, 10, 12, 0), 0, MC_TU_WORKING_DAYS), T(2025, 3, 10, 13, 30), "+ 0 is the start");
}

Test(worktime, where_counting_starts) {
  expect_time(START(T(2025, 3, 11, 9, 0), false), T(2025, 3, 11, 9, 0), "in a session");
  expect_time(START(T(2025, 3, 11, 7, 30), false), T(2025, 3, 11, 7, 30), "at opening");
  expect_time(START(T(2025, 3, 11, 6, 0), false), T(2025, 3, 11, 7, 30), "early morning");
  expect_time(START(T(2025, 3, 11, 11, 30), false), T(2025, 3, 11, 13, 30), "at 11:30");
  expect_time(START(T(2025, 3, 11, 12, 15), false), T(2025, 3, 11, 13, 30), "lunch");
  expect_time(START(T(2025, 3, 11, 17, 0), false), T(2025, 3, 12, 7, 30), "at closing");
  expect_time(START(T(2025, 3, 11, 21, 0), false), T(2025, 3, 12, 7, 30), "evening");
  /* Filed online on Saturday at 20:00: counted from Monday 07:30. */
  expect_time(START(T(2025, 3, 8, 20, 0), false), T(2025, 3, 10, 7, 30), "Saturday 20:00");
  expect_time(START(T(2025, 3, 9, 10, 0), true), T(2025, 3, 10, 7, 30), "Sunday, 15:00 rule");
  /* On a holiday: the next working day (30 Apr – 4 May 2025 off). */
  expect_time(START(T(2025, 4, 30, 9, 0), false), T(2025, 5, 5, 7, 30), "30 Apr 2025");
  /* A make-up Saturday is a working day. */
  expect_time(START(T(2025, 4, 26, 9, 0), false), T(2025, 4, 26, 9, 0), "make-up Saturday");
  expect_time(START(T(2025, 4, 26, 18, 0), false), T(2025, 4, 28, 7, 30), "make-up Saturday evening");
  /* Normalising twice changes nothing. */
  for (int h = 0; h < 24; h++) {
    mc_time t = T(2025, 1, 24, h, 17), s = START(t, false), r = START(t, true);
    cr_expect_eq(START(s, false), s);
    cr_expect_eq(START(r, true), r);
    cr_expect_eq(START(r, false), r);
  }
}

Test(worktime, rule_1500) {
  /* 14:59 counts from itself; 15:01 from the next working day's first session. */
  expect_time(START(T(2025, 3, 11, 14, 59), true), T(2025, 3, 11, 14, 59), "14:59");
  expect_time(START(T(2025, 3, 11, 15, 0), true), T(2025, 3, 11, 15, 0), "15:00 sharp is not after 15:00");
  expect_time(START(T(2025, 3, 11, 15, 1), true), T(2025, 3, 12, 7, 30), "15:01");
  expect_time(START(T(2025, 3, 11, 15, 1), false), T(2025, 3, 11, 15, 1), "15:01 without the rule");
  expect_time(ADD(START(T(2025, 3, 11, 14, 59), true), 1, MC_TU_WORKING_DAYS), T(2025, 3, 12, 14, 59), "14:59 + 1");
  expect_time(ADD(START(T(2025, 3, 11, 15, 1), true), 1, MC_TU_WORKING_DAYS), T(2025, 3, 13, 7, 30), "15:01 + 1");
  expect_time(ADD(START(T(2025, 3, 11, 15, 1), true), 0, MC_TU_SAME_DAY), T(2025, 3, 12, 17, 0), "15:01 same day");
  /* Friday before Tết 2026, 15:01: counted from Monday 23 Feb. */
  expect_time(START(T(2026, 2, 13, 15, 1), true), T(2026, 2, 23, 7, 30), "Friday before Tết 2026");
}

Test(worktime, across_tet_2025_and_2026) {
  /* Tết 2025: off Sat 25 Jan – Sun 2 Feb. */
  expect_time(ADD(T(2025, 1, 24, 10, 0), 1, MC_TU_WORKING_DAYS), T(2025, 2, 3, 10, 0), "24 Jan 2025 + 1");
  expect_time(ADD(T(2025, 1, 24, 10, 0), 3, MC_TU_WORKING_DAYS), T(2025, 2, 5, 10, 0), "24 Jan 2025 + 3");
  expect_time(ADD(T(2025, 1, 23, 16, 0), 2, MC_TU_WORKING_DAYS), T(2025, 2, 3, 16, 0), "23 Jan 2025 + 2");
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 1, 24, 10, 0), T(2025, 2, 3, 10, 0)), 27000);
  /* Tết 2026: off Sat 14 – Sun 22 Feb. */
  expect_time(ADD(T(2026, 2, 12, 16, 0), 2, MC_TU_WORKING_DAYS), T(2026, 2, 23, 16, 0), "12 Feb 2026 + 2");
  expect_time(ADD(T(2026, 2, 13, 9, 0), 10, MC_TU_WORKING_DAYS), T(2026, 3, 6, 9, 0), "13 Feb 2026 + 10");
  /* 15 working days from 5 Feb 2024 span Tết 2024 (8–14 Feb off). */
  expect_time(ADD(T(2024, 2, 5, 8, 0), 15, MC_TU_WORKING_DAYS), T(2024, 3, 4, 8, 0), "5 Feb 2024 + 15");
}

Test(worktime, make_up_saturday_counts) {
  expect_time(ADD(T(2025, 4, 25, 10, 0), 1, MC_TU_WORKING_DAYS), T(2025, 4, 26, 10, 0), "Fri 25 Apr 2025 + 1");
  expect_time(ADD(T(2025, 4, 25, 10, 0), 2, MC_TU_WORKING_DAYS), T(2025, 4, 28, 10, 0), "Fri 25 Apr 2025 + 2");
  expect_time(ADD(T(2025, 4, 29, 10, 0), 1, MC_TU_WORKING_DAYS), T(2025, 5, 5, 10, 0), "Tue 29 Apr 2025 + 1");
  expect_time(ADD(T(2024, 5, 3, 10, 0), 1, MC_TU_WORKING_DAYS), T(2024, 5, 4, 10, 0), "Fri 3 May 2024 + 1");
  expect_time(ADD(T(2026, 8, 21, 10, 0), 1, MC_TU_WORKING_DAYS), T(2026, 8, 22, 10, 0), "Fri 21 Aug 2026 + 1");
  expect_time(ADD(T(2026, 8, 28, 10, 0), 1, MC_TU_WORKING_DAYS), T(2026, 9, 3, 10, 0), "Fri 28 Aug 2026 + 1");
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 4, 25, 17, 0), T(2025, 4, 28, 7, 30)), 27000);
}

Test(worktime, working_seconds) {
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 3, 10, 10, 0), T(2025, 3, 10, 14, 0)), 7200);  /* across lunch */
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 3, 10, 11, 0), T(2025, 3, 10, 14, 0)), 3600);
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 3, 10, 12, 0), T(2025, 3, 10, 13, 0)), 0);
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 3, 7, 16, 0), T(2025, 3, 10, 8, 0)), 5400);   /* weekend */
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 3, 10, 7, 30), T(2025, 3, 17, 7, 30)), 5 * 27000);
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 3, 8, 0, 0), T(2025, 3, 9, 23, 59)), 0);      /* Sat–Sun */
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 3, 10, 14, 0), T(2025, 3, 10, 10, 0)), 0);    /* b < a */
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 3, 10, 0, 0), T(2025, 3, 11, 0, 0)), 27000);
  /* One whole year 2025: 250 working days + 1 make-up Saturday - … counted by the calendar. */
  int wd = 0;
  for (int32_t d = D(2025, 1, 1); d <= D(2025, 12, 31); d++) wd += mc_cal_is_working_day(cal, d);
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 1, 1, 0, 0), T(2026, 1, 1, 0, 0)), (int64_t)wd * 27000);
  cr_expect_eq(wd, 261 - 11 - 1 + 1, "2025 has %d working days", wd);   /* weekdays − holidays − swap + make-up */
}

Test(worktime, working_hours) {
  expect_time(ADD(T(2025, 3, 10, 7, 30), 4, MC_TU_WORKING_HOURS), T(2025, 3, 10, 11, 30), "07:30 + 4 h");
  expect_time(ADD(T(2025, 3, 10, 10, 0), 4, MC_TU_WORKING_HOURS), T(2025, 3, 10, 16, 0), "10:00 + 4 h");
  expect_time(ADD(T(2025, 3, 10, 7, 30), 8, MC_TU_WORKING_HOURS), T(2025, 3, 11, 8, 0), "07:30 + 8 h");
  expect_time(ADD(T(2025, 3, 10, 16, 0), 2, MC_TU_WORKING_HOURS), T(2025, 3, 11, 8, 30), "16:00 + 2 h");
  expect_time(ADD(T(2025, 3, 7, 16, 30), 1, MC_TU_WORKING_HOURS), T(2025, 3, 10, 8, 0), "Fri 16:30 + 1 h");
  expect_time(ADD(T(2025, 3, 10, 12, 0), 1, MC_TU_WORKING_HOURS), T(2025, 3, 10, 14, 30), "lunch + 1 h");
  expect_time(ADD(T(2025, 3, 10, 9, 30), 2, MC_TU_WORKING_HOURS), T(2025, 3, 10, 11, 30), "ends at 11:30, not 13:30");
  expect_time(ADD(T(2025, 1, 24, 16, 0), 2, MC_TU_WORKING_HOURS), T(2025, 2, 3, 8, 30), "over Tết 2025");
  expect_time(ADD(T(2025, 4, 25, 16, 0), 2, MC_TU_WORKING_HOURS), T(2025, 4, 26, 8, 30), "into a make-up Saturday");
  cr_expect_eq(mc_cal_working_seconds(cal, NULL, T(2025, 3, 10, 16, 0), T(2025, 3, 11, 8, 30)), 7200);
}

Test(worktime, calendar_days_and_same_day) {
  /* The last day, or the next working day when it is off; the end of its last session. */
  expect_time(ADD(T(2025, 3, 10, 9, 0), 2, MC_TU_DAYS), T(2025, 3, 12, 17, 0), "Mon + 2 days");
  expect_time(ADD(T(2025, 3, 5, 9, 0), 3, MC_TU_DAYS), T(2025, 3, 10, 17, 0), "ends on a Saturday");
  expect_time(ADD(T(2025, 4, 25, 10, 0), 5, MC_TU_DAYS), T(2025, 5, 5, 17, 0), "ends on 30 Apr 2025");
  expect_time(ADD(T(2026, 2, 10, 9, 0), 7, MC_TU_DAYS), T(2026, 2, 23, 17, 0), "ends on Tết 2026");
  expect_time(ADD(T(2025, 4, 21, 9, 0), 5, MC_TU_DAYS), T(2025, 4, 26, 17, 0), "ends on a make-up Saturday");
  expect_time(ADD(T(2025, 3, 8, 20, 0), 1, MC_TU_DAYS), T(2025, 3, 11, 17, 0), "received Saturday evening");
  expect_time(ADD(T(2025, 3, 11, 9, 0), 0, MC_TU_SAME_DAY), T(2025, 3, 11, 17, 0), "same day");
  expect_time(ADD(T(2025, 3, 11, 9, 0), 7, MC_TU_SAME_DAY), T(2025, 3, 11, 17, 0), "same day ignores the amount");
  expect_time(ADD(T(2025, 3, 8, 9, 0), 1, MC_TU_SAME_DAY), T(2025, 3, 10, 17, 0), "same day, received Saturday");
}

Test(worktime, range_edges) {
  mc_time end = mc_local_instant(D(2100, 12, 31) + 1, 0);
  expect_time(ADD(T(2100, 12, 30, 9, 0), 5, MC_TU_WORKING_DAYS), end, "past 2100");
  expect_time(ADD(T(2025, 3, 10, 9, 0), INT64_MAX, MC_TU_WORKING_DAYS), end, "huge amount");
  expect_time(ADD(T(2025, 3, 10, 9, 0), INT64_MAX, MC_TU_WORKING_HOURS), end, "huge hours");
  expect_time(ADD(T(2025, 3, 10, 9, 0), INT64_MAX, MC_TU_DAYS), end, "huge days");
  expect_time(ADD(T(2025, 3, 10, 9, 0), -3, MC_TU_WORKING_DAYS), T(2025, 3, 10, 9, 0), "negative amount");
  /* Before 1900 is clamped to 1900-01-01, a holiday (New Year): Tuesday 2 Jan. */
  expect_time(START(T(1850, 6, 1, 9, 0), false), T(1900, 1, 2, 7, 30), "before 1900 is clamped");
  for (int32_t d = D(2150, 3, 1); d < D(2150, 3, 8); d++) {   /* outside: Monday–Friday */
    bool weekend = mc_weekday(d) == 0 || mc_weekday(d) == 6;
    cr_expect_eq(mc_cal_is_working_day(cal, d), !weekend);
    if (weekend) cr_expect_str_eq(mc_cal_day_note(cal, d), "weekend");
    else cr_expect_null(mc_cal_day_note(cal, d));
  }
  cr_expect_eq(mc_cal_next_working_day(cal, D(2100, 12, 31)), D(2100, 12, 31) + 1);
  cr_expect_eq(mc_cal_next_working_day(cal, D(2025, 1, 24)), D(2025, 2, 3));
}

/* The definitions, walked naively: the reference for the O(1) arithmetic. */
static mc_time naive_days(mc_time s, int n) {
  int32_t d = mc_local_day(s);
  while (n > 0) { d++; n -= mc_cal_is_working_day(cal, d); }
  return mc_local_instant(d, mc_local_sec_of_day(s));
}

static mc_time naive_hours(mc_time s, int64_t secs) {
  const mc_sessions *x = &mc_default_sessions;
  int32_t d = mc_local_day(s);
  int sec = mc_local_sec_of_day(s);
  for (;;) {
    if (mc_cal_is_working_day(cal, d))
      for (int i = 0; i < x->n; i++) {
        int from = sec > x->start[i] ? sec : x->start[i];
        if (from >= x->end[i]) continue;
        if (secs <= x->end[i] - from) return mc_local_instant(d, from + (int)secs);
        secs -= x->end[i] - from;
      }
    d++;
    sec = 0;
  }
}

Test(worktime, matches_a_day_by_day_walk) {
  srand(20250101);
  for (int i = 0; i < 4000; i++) {
    int32_t day = D(2019, 1, 1) + rand() % (12 * 365);
    mc_time t = mc_local_instant(day, rand() % 86400);
    mc_time s = START(t, rand() % 2);
    int n = 1 + rand() % 60;
    mc_time got = ADD(s, n, MC_TU_WORKING_DAYS), want = naive_days(s, n);
    cr_assert_eq(got, want, "working days from %lld + %d", (long long)s, n);
    cr_assert_eq(mc_cal_working_seconds(cal, NULL, s, got), (int64_t)n * 27000);
    int h = 1 + rand() % 100;
    got = ADD(s, h, MC_TU_WORKING_HOURS);
    want = naive_hours(s, (int64_t)h * 3600);
    cr_assert_eq(got, want, "working hours from %lld + %d", (long long)s, h);
    cr_assert_eq(mc_cal_working_seconds(cal, NULL, s, got), (int64_t)h * 3600);
    /* Any number of working seconds, from any instant (not normalised). */
    int64_t secs = 1 + rand() % (20 * 27000);
    got = mc_cal_add_working_seconds(cal, NULL, t, secs);
    cr_assert_eq(got, naive_hours(t, secs), "working seconds from %lld + %lld", (long long)t, (long long)secs);
    cr_assert_eq(mc_cal_working_seconds(cal, NULL, t, got), secs);
  }
  cr_expect_eq(mc_cal_add_working_seconds(cal, NULL, T(2025, 3, 10, 12, 0), 0), T(2025, 3, 10, 12, 0));
  expect_time(mc_cal_add_working_seconds(cal, NULL, T(2025, 3, 10, 12, 0), 60), T(2025, 3, 10, 13, 31), "lunch + 60 s");
}

Test(worktime, large_amounts_cost_nothing) {
  /* 200,000 deadlines of 20,000 working days (about 80 years): a day-by-day
   * walk would take 10^10 steps; the cumulative count answers at once. */
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  mc_time sum = 0;
  for (int i = 0; i < 200000; i++) sum += ADD(T(1950, 1, 2, 9, 0) + (i % 1000) * 3600, 20000, MC_TU_WORKING_DAYS);
  clock_gettime(CLOCK_MONOTONIC, &b);
  double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
  cr_expect_gt(sum, 0);
  cr_expect_lt(secs, 5.0, "200,000 large additions took %.2f s", secs);
  /* 2 Jan 1950 is the compensatory day of New Year (a Sunday): counting starts on the 3rd. */
  expect_time(START(T(1950, 1, 2, 9, 0), false), T(1950, 1, 3, 7, 30), "2 Jan 1950");
  expect_time(ADD(T(1950, 1, 2, 9, 0), 20000, MC_TU_WORKING_DAYS), naive_days(T(1950, 1, 3, 7, 30), 20000), "20,000 days");
}
