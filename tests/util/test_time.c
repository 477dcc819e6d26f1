/* test_time.c — civil dates and instants at UTC+7. */
#include <criterion/criterion.h>
#include "util/time.h"

Test(time, civil_round_trip) {
  for (int32_t d = -800000; d < 800000; d += 37) {
    int y, m, dd;
    mc_civil_from_days(d, &y, &m, &dd);
    cr_assert_eq(mc_days_from_civil(y, m, dd), d);
  }
  cr_assert_eq(mc_days_from_civil(1970, 1, 1), 0);
  cr_assert_eq(mc_weekday(mc_days_from_civil(2025, 7, 1)), 2);   /* Tuesday */
}

Test(time, local_instants) {
  mc_time t;
  cr_assert(mc_time_parse("2025-07-01T08:00:00+07:00", &t));
  cr_assert_eq(t, 1751331600);
  cr_assert(mc_time_parse("2025-07-01T01:00:00Z", &t));
  cr_assert_eq(t, 1751331600);
  cr_assert(mc_time_parse("2025-07-01T08:00", &t));
  cr_assert_eq(t, 1751331600);
  char buf[32];
  mc_time_format(t, buf, sizeof buf);
  cr_assert_str_eq(buf, "2025-07-01T08:00:00+07:00");
  /* 23:30 UTC is already the next local day. */
  cr_assert(mc_time_parse("2025-06-30T23:30:00Z", &t));
  cr_assert_eq(mc_local_day(t), mc_days_from_civil(2025, 7, 1));
  cr_assert_eq(mc_local_sec_of_day(t), 6 * 3600 + 30 * 60);
}

Test(time, rejects_bad_input) {
  mc_time t;
  int32_t d;
  cr_assert_not(mc_time_parse("2025-02-29", &t));
  cr_assert_not(mc_time_parse("2025-13-01T00:00", &t));
  cr_assert_not(mc_time_parse("2025-01-01T24:00", &t));
  cr_assert_not(mc_time_parse("2025-01-01T08:00+7", &t));
  cr_assert_not(mc_date_parse("20250101", &d));
  cr_assert_not(mc_time_parse(NULL, &t));
}
