/* test_cli_simulate.c — `motcua simulate` as a person runs it: a history in a
 * demo database with its report (JSON), the consistency check, a second run
 * refused, the default rates printed in the format --rates takes, and wrong
 * options and rates refused with the usage or the member at fault. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* These tests read the SQLite file itself (rows, file size, tampering), so they
 * run on SQLite even in the PostgreSQL pass of the suite; `make bench`
 * simulates into PostgreSQL too (BENCHMARKS.md). */
__attribute__((constructor)) static void sqlite_only(void) { unsetenv("MOTCUA_TEST_PG"); }


static th_server *demo_db(void) {
  th_server *s = calloc(1, sizeof *s);
  char *url = th_fresh_demo_db_url();
  snprintf(s->db, sizeof s->db, "%s", url);
  /* th_cli writes its output into s->dir: a real folder, also for PostgreSQL. */
  const char *base = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  snprintf(s->dir, sizeof s->dir, "%s/clisim-XXXXXX", base);
  cr_assert_not_null(mkdtemp(s->dir));
  free(url);
  return s;
}

static int run(th_server *s, char **out, const char *const args[]) {
  int rc = th_cli(s, out, args);
  cr_assert(*out, "no output captured");
  return rc;
}

Test(cli_simulate, writes_a_history_checks_it_and_refuses_a_second_run, .timeout = 120) {
  th_server *s = demo_db();
  char data[400];
  snprintf(data, sizeof data, "%s/data", s->dir);
  char *out;
  const char *sim[] = {"simulate", "--dossiers", "800", "--from", "2025-05-01", "--to", "2025-08-31",
                       "--seed", "5", "--data", data, "--quiet", "--json", NULL};
  cr_assert_eq(run(s, &out, sim), 0, "%s", out);
  json_t *j = json_loads(strchr(out, '{'), JSON_DISABLE_EOF_CHECK, NULL);
  cr_assert(j, "%s", out);
  cr_assert_eq(json_integer_value(json_object_get(j, "dossiers")), 800);
  cr_assert_gt(json_real_value(json_object_get(j, "events_per_dossier")), 5);
  cr_assert_gt(json_integer_value(json_object_get(j, "db_bytes")), 0);
  json_decref(j);
  free(out);

  const char *check[] = {"simulate", "--check", NULL};
  cr_assert_eq(run(s, &out, check), 0, "%s", out);
  cr_assert(strstr(out, "800 dossiers") && strstr(out, "consistent"), "%s", out);
  free(out);

  cr_assert_eq(run(s, &out, sim), 1, "%s", out);
  cr_assert(strstr(out, "simulate.already_run"), "%s", out);
  free(out);
  free(s);
}

Test(cli_simulate, prints_rates_and_refuses_bad_input) {
  th_server *s = demo_db();
  char *out;
  const char *print[] = {"simulate", "--print-rates", NULL};
  cr_assert_eq(run(s, &out, print), 0, "%s", out);
  json_t *j = json_loads(out, 0, NULL);
  cr_assert(j, "%s", out);
  cr_assert_float_eq(json_real_value(json_object_get(json_object_get(j, "commune"), "satisfied")), 0.98, 1e-9);
  cr_assert_float_eq(json_real_value(json_object_get(json_object_get(j, "department"), "paid_online")), 0.34, 1e-9);
  json_decref(j);
  free(out);

  const char *zero[] = {"simulate", "--dossiers", "0", NULL};
  cr_assert_eq(run(s, &out, zero), 2, "%s", out);
  cr_assert(strstr(out, "usage:"), "%s", out);
  free(out);

  char rates[400];
  snprintf(rates, sizeof rates, "%s/rates.json", s->dir);
  FILE *f = fopen(rates, "w");
  cr_assert(f);
  fputs("{\"commune\": {\"on_time\": 1.5}}", f);
  fclose(f);
  const char *bad[] = {"simulate", "--rates", rates, NULL};
  cr_assert_eq(run(s, &out, bad), 2, "%s", out);
  cr_assert(strstr(out, "simulate.bad_rates") && strstr(out, "commune.on_time"), "%s", out);
  free(out);
  free(s);
}
