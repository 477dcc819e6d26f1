/* test_api_units.c — the units API over real HTTP on the demo province:
 * history (2025-06-30 vs 2025-07-01), search, one unit with predecessors and
 * successors, children, the tree, and the admin writes with their checks. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"

static th_server *srv;
static void start(void) { srv = th_server_start(true); }
static void stop(void) { th_server_stop(srv); }
TestSuite(api_units, .init = start, .fini = stop, .timeout = 120);

static json_t *get(const char *path, long want) {
  long st;
  json_t *j = th_call(srv, "GET", path, NULL, NULL, &st);
  char *dump = json_dumps(j, 0);
  cr_assert_eq(st, want, "GET %s: %ld, want %ld: %.300s", path, st, want, dump);
  free(dump);
  return j;
}

static int64_t total(const char *path) {
  json_t *j = get(path, 200);
  int64_t t = json_integer_value(json_object_get(j, "total"));
  json_decref(j);
  return t;
}

static bool has_code(json_t *arr, const char *code) {
  for (size_t i = 0; i < json_array_size(arr); i++)
    if (strcmp(json_string_value(json_object_get(json_array_get(arr, i), "code")), code) == 0) return true;
  return false;
}

static void expect_error(json_t *j, const long *stp, long want_st, const char *code) {
  long st = *stp;
  char *dump = json_dumps(j, 0);
  cr_assert_eq(st, want_st, "status %ld, want %ld: %s", st, want_st, dump);
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "error"), "code")), code, "%s", dump);
  free(dump);
  json_decref(j);
}

Test(api_units, two_models_by_date) {
  cr_assert_eq(total("/api/v1/units?at=2025-06-30&kind=province"), 1);
  cr_assert_eq(total("/api/v1/units?at=2025-06-30&kind=district"), 9);
  cr_assert_eq(total("/api/v1/units?at=2025-06-30&kind=commune"), 91);
  cr_assert_eq(total("/api/v1/units?at=2025-06-30&kind=department"), 11);
  cr_assert_eq(total("/api/v1/units?at=2025-07-01&kind=district"), 0);
  cr_assert_eq(total("/api/v1/units?at=2025-07-01&kind=commune"), 36);
  cr_assert_eq(total("/api/v1/units?at=2025-07-01&kind=department"), 14);
  cr_assert_eq(total("/api/v1/units?at=all"), 169);
  /* Default: today (after 2025-07-01 the demo shows the two-level model). */
  cr_assert_eq(total("/api/v1/units?kind=district"), 0);
  json_t *j = get("/api/v1/units?at=2025-07-01&kind=province", 200);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "code")), "HCM");
  json_decref(j);
  j = get("/api/v1/units?at=2025-06-30&kind=province", 200);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "name")),
                   "Tỉnh Bình Dương");
  json_decref(j);
  /* Paging. */
  j = get("/api/v1/units?at=2025-06-30&kind=commune&limit=10&offset=85", 200);
  cr_assert_eq(json_array_size(json_object_get(j, "items")), 6);
  cr_assert_eq(json_integer_value(json_object_get(j, "limit")), 10);
  cr_assert_eq(json_integer_value(json_object_get(j, "offset")), 85);
  json_decref(j);
  long st;
  expect_error(th_call(srv, "GET", "/api/v1/units?at=30/06/2025", NULL, NULL, &st), &st, 400, "query.bad_date");
  expect_error(th_call(srv, "GET", "/api/v1/units?limit=0", NULL, NULL, &st), &st, 400, "query.bad_number");
  expect_error(th_call(srv, "GET", "/api/v1/units?kind=village", NULL, NULL, &st), &st, 400, "query.bad_value");
}

Test(api_units, search_ignores_case_and_diacritics) {
  json_t *j = get("/api/v1/units?q=THU%20DAU%20MOT&at=all", 200);
  json_t *items = json_object_get(j, "items");
  cr_assert(has_code(items, "HCM.THUDAUMOT"));
  cr_assert(has_code(items, "BDG.THUDAUMOT"));
  json_decref(j);
  j = get("/api/v1/units?q=d%C4%A9%20an&at=2025-06-30&kind=commune", 200);   /* "dĩ an" */
  items = json_object_get(j, "items");
  cr_assert(has_code(items, "BDG.DIAN.DIAN"));
  json_decref(j);
  cr_assert_eq(total("/api/v1/units?parent=BDG.DIAN&at=2025-06-30"), 7);
}

Test(api_units, one_unit_with_history) {
  json_t *j = get("/api/v1/units/BDG.THUDAUMOT.HIEPTHANH", 200);
  cr_assert_str_eq(json_string_value(json_object_get(j, "name")), "Phường Hiệp Thành");
  cr_assert_str_eq(json_string_value(json_object_get(j, "valid_to")), "2025-07-01");
  cr_assert(json_is_null(json_object_get(j, "valid_from")));
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "parent"), "code")), "BDG.THUDAUMOT");
  json_t *succ = json_object_get(j, "successors");
  cr_assert_eq(json_array_size(succ), 2, "Hiệp Thành was split between Thủ Dầu Một and Phú Lợi");
  cr_assert(has_code(succ, "HCM.THUDAUMOT"));
  cr_assert(has_code(succ, "HCM.PHULOI"));
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(succ, 0), "effective")), "2025-07-01");
  json_decref(j);
  j = get("/api/v1/units/HCM.DIAN", 200);
  json_t *pred = json_object_get(j, "predecessors");
  cr_assert(has_code(pred, "BDG.DIAN.DIAN") && has_code(pred, "BDG.DIAN.ANBINH") &&
            has_code(pred, "BDG.DIAN.TANDONGHIEP") && has_code(pred, "BDG.DIAN"));
  cr_assert_eq(json_array_size(json_object_get(j, "successors")), 0);
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "parent"), "code")), "HCM");
  json_decref(j);
  j = get("/api/v1/units/BDG", 200);
  cr_assert_eq(json_integer_value(json_object_get(j, "children_count")), 26, "17 departments and 9 districts");
  cr_assert(has_code(json_object_get(j, "successors"), "HCM"));
  json_decref(j);
  long st;
  expect_error(th_call(srv, "GET", "/api/v1/units/NOPE", NULL, NULL, &st), &st, 404, "unit.not_found");
}

Test(api_units, children_and_tree) {
  cr_assert_eq(total("/api/v1/units/BDG/children?at=2025-06-30"), 20);
  cr_assert_eq(total("/api/v1/units/BDG/children?at=2025-02-28"), 25);
  cr_assert_eq(total("/api/v1/units/BDG/children?at=2025-07-01"), 0);
  cr_assert_eq(total("/api/v1/units/HCM/children?at=2025-07-01"), 50);
  cr_assert_eq(total("/api/v1/units/BDG.PHUGIAO/children?at=2025-06-30"), 11);
  long st;
  expect_error(th_call(srv, "GET", "/api/v1/units/NOPE/children", NULL, NULL, &st), &st, 404, "unit.not_found");

  json_t *j = get("/api/v1/units/tree?at=2025-07-01", 200);
  cr_assert_str_eq(json_string_value(json_object_get(j, "at")), "2025-07-01");
  json_t *roots = json_object_get(j, "roots");
  cr_assert_eq(json_array_size(roots), 1);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(roots, 0), "code")), "HCM");
  cr_assert_eq(json_array_size(json_object_get(json_array_get(roots, 0), "children")), 50);
  json_decref(j);
  j = get("/api/v1/units/tree?at=2025-06-30&root=BDG.BAUBANG", 200);
  roots = json_object_get(j, "roots");
  cr_assert_eq(json_array_size(roots), 1);
  json_t *kids = json_object_get(json_array_get(roots, 0), "children");
  cr_assert_eq(json_array_size(kids), 7);
  cr_assert(has_code(kids, "BDG.BAUBANG.LAIUYEN"));
  json_decref(j);
  j = get("/api/v1/units/tree?at=2025-06-30", 200);
  json_t *bdg = json_array_get(json_object_get(j, "roots"), 0);
  size_t communes = 0;
  json_t *lvl1 = json_object_get(bdg, "children");
  for (size_t i = 0; i < json_array_size(lvl1); i++)
    communes += json_array_size(json_object_get(json_array_get(lvl1, i), "children"));
  cr_assert_eq(communes, 91);
  json_decref(j);
  expect_error(th_call(srv, "GET", "/api/v1/units/tree?at=2025-07-01&root=BDG", NULL, NULL, &st), &st, 404,
               "unit.not_found");
}

Test(api_units, admin_writes) {
  long st;
  const char *body = "{\"code\":\"HCM.THUDAUMOT.KP1\",\"name\":\"Khu phố 1\",\"kind\":\"other\","
                     "\"parent_code\":\"HCM.THUDAUMOT\",\"valid_from\":\"2025-07-01\"}";
  expect_error(th_call(srv, "POST", "/api/v1/units", NULL, body, &st), &st, 401, "auth.required");
  char *citizen = th_login(srv, "congdan1", "demo1234");
  expect_error(th_call(srv, "POST", "/api/v1/units", citizen, body, &st), &st, 403, "auth.forbidden");
  char *officer = th_login(srv, "motcua.tdm", "demo1234");
  expect_error(th_call(srv, "POST", "/api/v1/units", officer, body, &st), &st, 403, "auth.forbidden");
  char *admin = th_login(srv, "admin", "demo1234");
  json_t *j = th_call(srv, "POST", "/api/v1/units", admin, body, &st);
  cr_assert_eq(st, 201, "%s", json_dumps(j, 0));
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "parent"), "code")), "HCM.THUDAUMOT");
  json_decref(j);
  expect_error(th_call(srv, "POST", "/api/v1/units", admin, body, &st), &st, 409, "unit.exists");
  expect_error(th_call(srv, "POST", "/api/v1/units", admin,
                       "{\"code\":\"X1\",\"name\":\"X\",\"kind\":\"other\",\"parent_code\":\"NOPE\"}", &st),
               &st, 422, "unit.unknown_parent");
  expect_error(th_call(srv, "POST", "/api/v1/units", admin,
                       "{\"code\":\"X1\",\"name\":\"X\",\"kind\":\"other\",\"parent_code\":\"HCM.THUDAUMOT\"}", &st),
               &st, 422, "unit.outside_parent");
  expect_error(th_call(srv, "POST", "/api/v1/units", admin, "{\"code\":\"X1\",\"name\":\"X\",\"kind\":\"town\"}", &st),
               &st, 422, "unit.bad_kind");
  j = th_call(srv, "PUT", "/api/v1/units/HCM.THUDAUMOT.KP1", admin,
              "{\"name\":\"Khu phố 1 (Phú Cường)\",\"kind\":\"other\",\"parent_code\":\"HCM.THUDAUMOT\","
              "\"valid_from\":\"2025-07-01\"}", &st);
  cr_assert_eq(st, 200, "%s", json_dumps(j, 0));
  cr_assert_str_eq(json_string_value(json_object_get(j, "name")), "Khu phố 1 (Phú Cường)");
  json_decref(j);
  expect_error(th_call(srv, "PUT", "/api/v1/units/NOPE", admin, "{\"name\":\"X\",\"kind\":\"other\"}", &st), &st, 404,
               "unit.not_found");
  cr_assert_eq(total("/api/v1/units/HCM.THUDAUMOT/children?at=2025-07-02"), 1);
  free(citizen);
  free(officer);
  free(admin);
}

Test(api_units, import_raw_csv_and_json) {
  long st;
  char *admin = th_login(srv, "admin", "demo1234");
  int64_t before = total("/api/v1/units?at=all");
  const char *bad = "code,name,kind,parent_code,valid_from,valid_to,successor_codes\n"
                    "T.1,Tổ 1,other,HCM.DIAN,2025-07-01,,\n"
                    "T.2,Tổ 2,other,T.9,2025-07-01,,\n";
  json_t *j = th_call_raw(srv, "POST", "/api/v1/units/import", admin, "text/csv", bad, strlen(bad), &st);
  cr_assert_eq(st, 422, "%s", json_dumps(j, 0));
  json_t *e = json_object_get(j, "error");
  cr_assert_str_eq(json_string_value(json_object_get(e, "code")), "unit.unknown_parent");
  cr_assert_eq(json_integer_value(json_object_get(e, "line")), 3);
  cr_assert_str_eq(json_string_value(json_object_get(e, "column")), "parent_code");
  cr_assert_str_eq(json_string_value(json_object_get(e, "message")),
                   "line 3, column \"parent_code\": parent \"T.9\" is unknown");
  json_decref(j);
  cr_assert_eq(total("/api/v1/units?at=all"), before, "nothing imported");
  const char *good = "code,name,kind,parent_code,valid_from\nT.1,Tổ 1,other,HCM.DIAN,2025-07-01\n";
  j = th_call_raw(srv, "POST", "/api/v1/units/import", admin, "text/csv; charset=utf-8", good, strlen(good), &st);
  cr_assert_eq(st, 200, "%s", json_dumps(j, 0));
  cr_assert_eq(json_integer_value(json_object_get(j, "imported")), 1);
  json_decref(j);
  const char *js = "[{\"code\":\"T.2\",\"name\":\"Tổ 2\",\"kind\":\"other\",\"parent_code\":\"T.1\","
                   "\"valid_from\":\"2025-07-01\"}]";
  j = th_call_raw(srv, "POST", "/api/v1/units/import", admin, "application/json", js, strlen(js), &st);
  cr_assert_eq(st, 200, "%s", json_dumps(j, 0));
  json_decref(j);
  cr_assert_eq(total("/api/v1/units?at=all"), before + 2);
  expect_error(th_call_raw(srv, "POST", "/api/v1/units/import", admin, "text/plain", "x", 1, &st), &st, 415,
               "http.unsupported_media_type");
  j = th_call(srv, "GET", "/api/v1/units/export?format=csv", admin, NULL, &st);
  cr_assert_eq(st, 200);
  cr_assert(json_is_string(j));
  cr_assert(strstr(json_string_value(j), "\nT.2,Tổ 2,other,T.1,2025-07-01,,\r\n") != NULL);
  json_decref(j);
  expect_error(th_call(srv, "GET", "/api/v1/units/export", NULL, NULL, &st), &st, 401, "auth.required");
  free(admin);
}
