/* test_api_users.c — account administration over HTTP: list and search,
 * create with field errors, disable (ends the sessions, refuses the login),
 * enable, change role and unit, an admin cannot disable themselves, and every
 * change is in the account holder's audit trail. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static th_server *srv;
static char *admin;
static void start(void) { srv = th_server_start(true); admin = th_login(srv, "admin", "demo1234"); }
static void stop(void) { free(admin); th_server_stop(srv); }
TestSuite(users, .init = start, .fini = stop, .timeout = 120);

static json_t *call(const char *method, const char *path, const char *token, const char *body, long want) {
  long st;
  json_t *j = th_call(srv, method, path, token, body, &st);
  char *s = json_dumps(j, JSON_COMPACT);
  cr_assert_eq(st, want, "%s %s → %ld (want %ld): %.400s", method, path, st, want, s);
  free(s);
  return j;
}

static const char *err_code(json_t *j) { return json_string_value(json_object_get(json_object_get(j, "error"), "code")); }

Test(users, list_search_and_filters) {
  json_t *p = call("GET", "/api/v1/users?limit=100", admin, NULL, 200);
  cr_assert_eq(json_integer_value(json_object_get(p, "total")), 10, "the demo has 10 accounts");
  json_decref(p);
  p = call("GET", "/api/v1/users?q=TDM", admin, NULL, 200);   /* motcua.tdm, chuyenvien.tdm, lanhdao.tdm */
  cr_assert_eq(json_integer_value(json_object_get(p, "total")), 3);
  json_t *first = json_array_get(json_object_get(p, "items"), 0);
  cr_assert_str_eq(json_string_value(json_object_get(first, "unit_code")), "HCM.THUDAUMOT");
  cr_assert(json_is_false(json_object_get(first, "disabled")));
  json_decref(p);
  p = call("GET", "/api/v1/users?role=citizen", admin, NULL, 200);
  cr_assert_eq(json_integer_value(json_object_get(p, "total")), 2);
  json_decref(p);
  p = call("GET", "/api/v1/users?unit=HCM.STP", admin, NULL, 200);
  cr_assert_eq(json_integer_value(json_object_get(p, "total")), 3);
  json_decref(p);
  p = call("GET", "/api/v1/users?role=king", admin, NULL, 422);
  cr_assert_str_eq(err_code(p), "user.bad_role");
  json_decref(p);
}

Test(users, create_disable_enable_and_move) {
  json_t *j = call("POST", "/api/v1/users", admin, "{\"username\":\"motcua.pl\",\"full_name\":\"Lê Văn Phú\","
                   "\"role\":\"officer\",\"password\":\"short\",\"unit_code\":\"HCM.PHULOI\"}", 422);
  cr_assert_str_eq(err_code(j), "user.weak_password");
  json_decref(j);
  j = call("POST", "/api/v1/users", admin, "{\"username\":\"motcua.pl\",\"full_name\":\"Lê Văn Phú\","
           "\"role\":\"officer\",\"password\":\"matkhau-123\"}", 422);
  cr_assert_str_eq(err_code(j), "user.unit_required");
  json_decref(j);
  json_decref(call("POST", "/api/v1/users", admin, "{\"username\":\"motcua.pl\",\"full_name\":\"Lê Văn Phú\","
                   "\"role\":\"officer\",\"password\":\"matkhau-123\",\"unit_code\":\"HCM.PHULOI\"}", 201));
  j = call("POST", "/api/v1/users", admin, "{\"username\":\"motcua.pl\",\"full_name\":\"X\","
           "\"role\":\"citizen\",\"password\":\"matkhau-123\"}", 409);
  cr_assert_str_eq(err_code(j), "user.exists");
  json_decref(j);

  char *tok = th_login(srv, "motcua.pl", "matkhau-123");
  json_decref(call("PATCH", "/api/v1/users/motcua.pl", admin, "{\"disabled\":true}", 200));
  json_decref(call("GET", "/api/v1/auth/me", tok, NULL, 401));       /* its sessions ended */
  long st;
  json_decref(th_call(srv, "POST", "/api/v1/auth/login", NULL,
                      "{\"username\":\"motcua.pl\",\"password\":\"matkhau-123\"}", &st));
  cr_assert_eq(st, 401, "a disabled account cannot log in");
  free(tok);
  json_decref(call("PATCH", "/api/v1/users/motcua.pl", admin,
                   "{\"disabled\":false,\"role\":\"specialist\",\"unit_code\":\"HCM.THUDAUMOT\"}", 200));
  tok = th_login(srv, "motcua.pl", "matkhau-123");
  j = call("GET", "/api/v1/auth/me", tok, NULL, 200);
  cr_assert_str_eq(json_string_value(json_object_get(j, "role")), "specialist");
  json_decref(j);
  j = call("GET", "/api/v1/me/audit", tok, NULL, 200);
  char *s = json_dumps(j, 0);
  cr_assert(strstr(s, "user.update"), "the account holder sees the change: %.400s", s);
  free(s);
  json_decref(j);
  free(tok);

  j = call("PATCH", "/api/v1/users/nobody", admin, "{\"disabled\":true}", 404);
  json_decref(j);
  j = call("PATCH", "/api/v1/users/motcua.pl", admin, "{\"unit_code\":\"NOPE\"}", 422);
  cr_assert_str_eq(err_code(j), "unit.unknown");
  json_decref(j);
  j = call("PATCH", "/api/v1/users/motcua.pl", admin, "{\"password\":\"x\"}", 400);
  cr_assert_str_eq(err_code(j), "json.unknown_field");
  json_decref(j);
  j = call("PATCH", "/api/v1/users/admin", admin, "{\"disabled\":true}", 409);
  cr_assert_str_eq(err_code(j), "user.self_change");
  json_decref(j);
}
