/* test_cli_migrate_store.c — `motcua migrate-store`: a demo province with
 * dossiers copied into a fresh database (SQLite, or PostgreSQL when the suite
 * runs with MOTCUA_TEST_PG) and verified; a second copy into the same target
 * is refused; the copy keeps the audit chain intact. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

TestSuite(migrate_store, .timeout = 180);

static void submit(th_server *s, const char *token) {
  long st;
  const char *body = "{\"procedure\":\"1.004873\",\"unit\":\"HCM.THUDAUMOT\",\"form\":{"
                     "\"ho_ten\":\"Nguyễn Văn An\",\"so_dinh_danh\":\"074085001234\",\"dien_thoai\":\"0912345678\","
                     "\"tinh_trang\":\"chua_ket_hon\",\"muc_dich\":\"ket_hon\",\"cam_doan\":true}}";
  json_t *j = th_call(s, "POST", "/api/v1/dossiers", token, body, &st);
  cr_assert_eq(st, 201, "submit: %ld", st);
  json_decref(j);
}

Test(migrate_store, copy_and_verify) {
  th_server *s = th_server_start(true);
  char *citizen = th_login(s, "congdan1", "demo1234");
  for (int i = 0; i < 3; i++) submit(s, citizen);
  char *officer = th_login(s, "motcua.tdm", "demo1234");
  long st;
  json_t *page = th_call(s, "GET", "/api/v1/dossiers", officer, NULL, &st);
  const char *code = json_string_value(json_object_get(json_array_get(json_object_get(page, "items"), 0), "code"));
  char path[200];
  snprintf(path, sizeof path, "/api/v1/dossiers/%s/actions/receive", code);
  json_decref(th_call(s, "POST", path, officer, "{}", &st));
  cr_assert_eq(st, 200);
  json_decref(page);
  free(citizen);
  free(officer);

  char from[400];
  snprintf(from, sizeof from, "%s", s->db);
  char *to = th_fresh_db_url();
  const char *args[] = {"migrate-store", "--from", from, "--to", to, NULL};
  char *out;
  cr_assert_eq(th_cli(s, &out, args), 0, "%s", out);
  cr_assert(strstr(out, "Verified: "), "%s", out);
  cr_assert(strstr(out, "dossier_events"), "progress names the tables: %s", out);
  free(out);
  /* Into a target that already holds a province: refused, nothing changed. */
  cr_assert_eq(th_cli(s, &out, args), 1);
  cr_assert(strstr(out, "copy.target_not_empty"), "%s", out);
  free(out);
  /* The copied audit chain still verifies. */
  const char *verify[] = {"--db", to, "audit", "verify", NULL};
  int rc = th_cli(s, &out, verify);
  cr_assert_eq(rc, 0, "%s", out);
  free(out);
  free(to);
  th_server_stop(s);
}

Test(migrate_store, wrong_usage) {
  th_server *s = th_server_start(false);
  const char *args[] = {"migrate-store", "--from", "sqlite:/nonexistent/x.db", NULL};
  char *out;
  cr_assert_eq(th_cli(s, &out, args), 2);
  free(out);
  const char *bad[] = {"migrate-store", "--from", "sqlite:/nonexistent/dir/x.db", "--to", "sqlite:/nonexistent/dir/y.db", NULL};
  cr_assert_eq(th_cli(s, &out, bad), 1);
  cr_assert(strstr(out, "db.open"), "%s", out);
  free(out);
  th_server_stop(s);
}
