/* test_cli_calendar.c — `motcua calendar` run as a program: days, lunar,
 * solar, deadline (with --rule-1500 before or after the arguments), rules,
 * and the exit status and message of each kind of mistake. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "harness.h"

static th_server env;   /* no server: a folder and a database for th_cli */

static void setup(void) {
  const char *base = getenv("MOTCUA_TEST_DIR");
  mkdir(base ? base : "/tmp", 0755);
  snprintf(env.dir, sizeof env.dir, "%s/cli-cal-XXXXXX", base ? base : "/tmp");
  cr_assert(mkdtemp(env.dir), "mkdtemp: %s", strerror(errno));
  char *url = th_fresh_db_url();
  snprintf(env.db, sizeof env.db, "%s", url);
  free(url);
}

TestSuite(cli_calendar, .init = setup);

/* Run `motcua calendar ARGS…`, check the exit status, return the output. */
static char *run(int want, const char *const args[]) {
  const char *argv[16] = {"calendar"};
  int n = 1;
  for (int i = 0; args[i] && n < 15; i++) argv[n++] = args[i];
  argv[n] = NULL;
  char *out = NULL;
  int rc = th_cli(&env, &out, argv);
  cr_assert_eq(rc, want, "motcua calendar %s …: exit %d, want %d\n%s", args[0] ? args[0] : "", rc, want, out ? out : "");
  return out ? out : calloc(1, 1);
}

static void expect_has(const char *out, const char *part) {
  cr_expect(strstr(out, part), "output lacks \"%s\":\n%s", part, out);
}

Test(cli_calendar, lunar_and_solar) {
  char *o = run(0, (const char *[]){"lunar", "2026-02-16", NULL});
  expect_has(o, "2025-12-29  ngày 29 tháng 12 năm Ất Tỵ");
  free(o);
  o = run(0, (const char *[]){"lunar", "2025-07-25", NULL});
  expect_has(o, "2025-06-01L  ngày 1 tháng 6 nhuận năm Ất Tỵ");
  free(o);
  o = run(0, (const char *[]){"solar", "2025-06-01L", NULL});
  cr_expect_str_eq(o, "2025-07-25\n");
  free(o);
  o = run(0, (const char *[]){"solar", "2024-03-10", NULL});
  cr_expect_str_eq(o, "2024-04-18\n");
  free(o);
  o = run(0, (const char *[]){"solar", "1985-01-01", NULL});
  cr_expect_str_eq(o, "1985-01-21\n");
  free(o);
  o = run(1, (const char *[]){"solar", "2024-06-01L", NULL});
  expect_has(o, "has no leap month 6");
  free(o);
  o = run(1, (const char *[]){"solar", "2024-12-30", NULL});
  expect_has(o, "has 29 days");
  free(o);
  o = run(2, (const char *[]){"solar", "2024-13-01", NULL});
  expect_has(o, "not a lunar date");
  free(o);
  o = run(2, (const char *[]){"lunar", "2101-01-01", NULL});
  expect_has(o, "1900-2100");
  free(o);
  o = run(2, (const char *[]){"lunar", NULL});
  expect_has(o, "usage:");
  free(o);
}

Test(cli_calendar, days) {
  char *o = run(0, (const char *[]){"days", "2025-01-24", "2025-02-04", NULL});
  expect_has(o, "2025-01-24  Fri  working");
  expect_has(o, "2025-01-27  Mon  off");
  expect_has(o, "holiday: Tết Nguyên đán");
  expect_has(o, "2025-02-01  Sat  off");
  expect_has(o, "weekend");
  expect_has(o, "1/1 Ất Tỵ");
  expect_has(o, "working days: 3 of 12");
  free(o);
  o = run(2, (const char *[]){"days", "2025-02-04", "2025-01-24", NULL});
  expect_has(o, "before FROM");
  free(o);
  o = run(2, (const char *[]){"days", "2025-02-30", "2025-03-01", NULL});
  expect_has(o, "FROM");
  free(o);
}

Test(cli_calendar, deadline) {
  char *o = run(0, (const char *[]){"deadline", "2025-01-24T10:00", "1", "working_days", NULL});
  expect_has(o, "deadline      2025-02-03T10:00:00+07:00");
  expect_has(o, "working time  7h30");
  free(o);
  o = run(0, (const char *[]){"deadline", "2026-02-13T15:01", "1", "working_days", "--rule-1500", NULL});
  expect_has(o, "counted from  2026-02-23T07:30:00+07:00  (15:00 rule)");
  expect_has(o, "deadline      2026-02-24T07:30:00+07:00");
  free(o);
  o = run(0, (const char *[]){"deadline", "--rule-1500", "2026-02-13T14:59", "1", "working_days", NULL});
  expect_has(o, "deadline      2026-02-23T14:59:00+07:00");
  free(o);
  o = run(0, (const char *[]){"deadline", "2025-03-08T20:00", "4", "working_hours", NULL});
  expect_has(o, "deadline      2025-03-10T11:30:00+07:00");
  free(o);
  o = run(2, (const char *[]){"deadline", "2025-03-08T20:00", "4", "fortnights", NULL});
  expect_has(o, "UNIT \"fortnights\"");
  free(o);
  o = run(2, (const char *[]){"deadline", "2025-03-08T20:00", "many", "days", NULL});
  expect_has(o, "AMOUNT \"many\"");
  free(o);
  o = run(2, (const char *[]){"deadline", "soon", "1", "days", NULL});
  expect_has(o, "START \"soon\"");
  free(o);
  o = run(2, (const char *[]){"lunar", "2025-01-01", "--rule-1500", NULL});
  expect_has(o, "--rule-1500 goes with deadline");
  free(o);
}

Test(cli_calendar, rules_and_mistakes) {
  char *o = run(0, (const char *[]){"rules", NULL});
  expect_has(o, "\"national_day\"");
  expect_has(o, "\"hung_kings_from\": 2007");
  free(o);
  char path[400];
  snprintf(path, sizeof path, "%s/rules.json", env.dir);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs("{\"national_day\":[{\"from\":2027,\"to\":2100,\"offset\":1}]}", f);
  fclose(f);
  o = run(0, (const char *[]){"rules", "--set", path, NULL});
  expect_has(o, "\"offset\": 1");
  free(o);
  o = run(0, (const char *[]){"days", "2027-09-01", "2027-09-03", NULL});
  expect_has(o, "2027-09-01  Wed  working");
  expect_has(o, "2027-09-03  Fri  off");
  free(o);
  o = run(0, (const char *[]){"rules", "--reset", NULL});
  free(o);
  o = run(0, (const char *[]){"days", "2027-09-01", "2027-09-01", NULL});
  expect_has(o, "2027-09-01  Wed  off");
  free(o);
  f = fopen(path, "w");
  fputs("{\"national_day\":[{\"from\":2027,\"to\":2100,\"offset\":5}]}", f);
  fclose(f);
  o = run(1, (const char *[]){"rules", "--set", path, NULL});
  expect_has(o, "json.out_of_range");
  free(o);
  o = run(2, (const char *[]){NULL});
  expect_has(o, "usage:");
  free(o);
  o = run(2, (const char *[]){"weeks", NULL});
  expect_has(o, "unknown subcommand");
  free(o);
  o = run(0, (const char *[]){"--help", NULL});
  expect_has(o, "calendar");
  free(o);
}
