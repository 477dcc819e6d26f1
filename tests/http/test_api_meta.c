/* test_api_meta.c — the server over real HTTP: health, OpenAPI equals the
 * route tables, the one error body, login, limits. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "http/route.h"
#include "http/router.h"

static th_server *srv;
static void start(void) { srv = th_server_start(false); }
static void stop(void) { th_server_stop(srv); }

TestSuite(api_meta, .init = start, .fini = stop);

Test(api_meta, health) {
  long st;
  json_t *j = th_call(srv, "GET", "/api/v1/health", NULL, NULL, &st);
  cr_assert_eq(st, 200);
  cr_assert_str_eq(json_string_value(json_object_get(j, "status")), "ok");
  json_decref(j);
}

static void count_route(const mc_route *rt, void *ctx) {
  json_t *doc = ctx;
  json_t *paths = json_object_get(doc, "paths");
  char m[8];
  size_t i = 0;
  for (; rt->method[i] && i < 7; i++) m[i] = (char)(rt->method[i] | 0x20);
  m[i] = 0;
  json_t *op = json_object_get(json_object_get(paths, rt->path), m);
  cr_assert_not_null(op, "route %s %s is missing from openapi.json", rt->method, rt->path);
  cr_assert(json_string_length(json_object_get(op, "summary")) > 0, "%s %s has no summary", rt->method, rt->path);
  json_object_del(json_object_get(paths, rt->path), m);
}

Test(api_meta, openapi_equals_routes) {
  long st;
  json_t *doc = th_call(srv, "GET", "/api/v1/openapi.json", NULL, NULL, &st);
  cr_assert_eq(st, 200);
  cr_assert_str_eq(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
  mc_route_each(count_route, doc);
  /* Nothing documented that is not routed. */
  const char *path;
  json_t *ops;
  json_object_foreach(json_object_get(doc, "paths"), path, ops)
    cr_assert_eq(json_object_size(ops), 0, "openapi documents %s with no route", path);
  json_decref(doc);
}

static void expect_error(json_t *j, const long *stp, long want_st, const char *code) {
  long st = *stp;
  cr_assert_eq(st, want_st, "status %ld, want %ld: %s", st, want_st, json_dumps(j, 0));
  json_t *e = json_object_get(j, "error");
  cr_assert(json_is_object(e), "no error body: %s", json_dumps(j, 0));
  cr_assert_str_eq(json_string_value(json_object_get(e, "code")), code);
  cr_assert(json_string_length(json_object_get(e, "message")) > 0);
  json_decref(j);
}

Test(api_meta, errors_have_one_shape) {
  long st;
  expect_error(th_call(srv, "GET", "/api/v1/nope", NULL, NULL, &st), &st, 404, "http.not_found");
  expect_error(th_call(srv, "DELETE", "/api/v1/health", NULL, NULL, &st), &st, 405, "http.method_not_allowed");
  expect_error(th_call(srv, "POST", "/api/v1/auth/login", NULL, "{\"username\":", &st), &st, 400, "json.malformed");
  expect_error(th_call(srv, "POST", "/api/v1/auth/login", NULL, "{\"username\":\"a\",\"password\":\"b\",\"x\":1}", &st),
               &st, 400, "json.unknown_field");
  expect_error(th_call(srv, "POST", "/api/v1/auth/login", NULL, "{\"username\":5,\"password\":\"b\"}", &st),
               &st, 400, "json.wrong_type");
  expect_error(th_call(srv, "POST", "/api/v1/auth/login", NULL, "{\"username\":\"nobody\",\"password\":\"whatever1\"}", &st),
               &st, 401, "auth.invalid_login");
  expect_error(th_call(srv, "GET", "/api/v1/auth/me", NULL, NULL, &st), &st, 401, "auth.required");
  expect_error(th_call(srv, "GET", "/api/v1/auth/me", "forged-token", NULL, &st), &st, 401, "auth.expired");
  expect_error(th_call_raw(srv, "POST", "/api/v1/auth/login", NULL, "text/plain", "x", 1, &st),
               &st, 415, "http.unsupported_media_type");
  static char big[8192];
  memset(big, 'a', sizeof big - 1);
  expect_error(th_call_raw(srv, "POST", "/api/v1/auth/login", NULL, "application/json", big, sizeof big - 1, &st),
               &st, 413, "http.body_too_large");
}

Test(api_meta, login_me_logout) {
  const char *args[] = {"user", "add", "--username", "admin1", "--role", "citizen", "--name", "Nguyễn Văn A",
                        "--password", "matkhau-123", NULL};
  char *out;
  cr_assert_eq(th_cli(srv, &out, args), 0, "%s", out);
  free(out);
  char *tok = th_login(srv, "admin1", "matkhau-123");
  long st;
  json_t *me = th_call(srv, "GET", "/api/v1/auth/me", tok, NULL, &st);
  cr_assert_eq(st, 200);
  cr_assert_str_eq(json_string_value(json_object_get(me, "full_name")), "Nguyễn Văn A");
  cr_assert_str_eq(json_string_value(json_object_get(me, "role")), "citizen");
  json_decref(me);
  json_decref(th_call(srv, "POST", "/api/v1/auth/logout", tok, NULL, &st));
  cr_assert_eq(st, 200);
  json_decref(th_call(srv, "GET", "/api/v1/auth/me", tok, NULL, &st));
  cr_assert_eq(st, 401);
  free(tok);
}
