/* test_api_calendar.c — the calendar over real HTTP on the demo province
 * (whose calendar.csv overrides are loaded): days with notes and lunar
 * dates, solar↔lunar conversion, deadlines, overrides (admins only) and the
 * holiday rules, and the error codes of each route. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static th_server *srv;
static void start(void) { srv = th_server_start(true); }
static void stop(void) { th_server_stop(srv); }

TestSuite(api_calendar, .init = start, .fini = stop);

static json_t *get(const char *path, long want) {
  long st;
  json_t *j = th_call(srv, "GET", path, NULL, NULL, &st);
  char *dump = json_dumps(j, 0);
  cr_assert_eq(st, want, "GET %s: status %ld, want %ld: %s", path, st, want, dump);
  free(dump);
  return j;
}

static void expect_error(const char *method, const char *path, const char *token, const char *body, long want,
                         const char *code) {
  long st;
  json_t *j = th_call(srv, method, path, token, body, &st);
  char *dump = json_dumps(j, 0);
  cr_expect_eq(st, want, "%s %s: status %ld, want %ld: %s", method, path, st, want, dump);
  const char *got = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
  cr_expect(got && strcmp(got, code) == 0, "%s %s: code %s, want %s", method, path, got ? got : "(none)", code);
  free(dump);
  json_decref(j);
}

static json_t *day_of(json_t *days, const char *date) {
  size_t i;
  json_t *d;
  json_array_foreach(json_object_get(days, "items"), i, d)
    if (strcmp(json_string_value(json_object_get(d, "date")), date) == 0) return d;
  cr_assert_fail("no day %s in the answer", date);
  return NULL;
}

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

Test(api_calendar, days_with_demo_overrides) {
  json_t *j = get("/api/v1/calendar/days?from=2025-04-25&to=2025-05-05", 200);
  cr_assert_eq(json_array_size(json_object_get(j, "items")), 11);
  cr_expect_eq(json_integer_value(json_object_get(j, "working_days")), 5);   /* 25, 26 (make-up), 28, 29 Apr, 5 May */
  json_t *d = day_of(j, "2025-04-26");
  cr_expect(json_is_true(json_object_get(d, "working")));
  cr_expect_str_eq(str(d, "kind"), "declared_work");
  cr_expect_str_eq(str(d, "document"), "Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024");
  cr_expect_eq(json_integer_value(json_object_get(d, "weekday")), 6);
  json_t *l = json_object_get(d, "lunar");
  cr_expect(json_integer_value(json_object_get(l, "month")) == 3 && json_integer_value(json_object_get(l, "day")) == 29);
  cr_expect_str_eq(str(l, "year_name"), "Ất Tỵ");
  d = day_of(j, "2025-05-02");
  cr_expect(json_is_false(json_object_get(d, "working")));
  cr_expect_str_eq(str(d, "kind"), "declared_off");
  d = day_of(j, "2025-04-30");
  cr_expect_str_eq(str(d, "kind"), "holiday");
  cr_expect_str_eq(str(d, "note"), "holiday: Ngày Giải phóng miền Nam, thống nhất đất nước");
  d = day_of(j, "2025-05-03");
  cr_expect_str_eq(str(d, "note"), "weekend");
  d = day_of(j, "2025-04-28");
  cr_expect(json_is_null(json_object_get(d, "note")) && json_is_true(json_object_get(d, "working")));
  json_decref(j);
  /* Tết 2026: off Sat 14 – Sun 22 Feb. */
  j = get("/api/v1/calendar/days?from=2026-02-13&to=2026-02-23", 200);
  cr_expect_eq(json_integer_value(json_object_get(j, "working_days")), 2);
  cr_expect_str_eq(str(day_of(j, "2026-02-17"), "note"), "holiday: Tết Nguyên đán");
  json_decref(j);
}

Test(api_calendar, days_errors) {
  expect_error("GET", "/api/v1/calendar/days?to=2025-01-01", NULL, NULL, 400, "query.missing");
  expect_error("GET", "/api/v1/calendar/days?from=2025-02-30&to=2025-03-01", NULL, NULL, 400, "query.bad_date");
  expect_error("GET", "/api/v1/calendar/days?from=2025-03-01&to=2025-02-01", NULL, NULL, 422, "calendar.bad_range");
  expect_error("GET", "/api/v1/calendar/days?from=2020-01-01&to=2025-01-01", NULL, NULL, 422, "calendar.range_too_long");
  expect_error("GET", "/api/v1/calendar/days?from=1899-12-31&to=1900-01-02", NULL, NULL, 422, "calendar.out_of_range");
}

Test(api_calendar, lunar_and_solar) {
  json_t *j = get("/api/v1/calendar/lunar?date=2026-02-16", 200);
  json_t *l = json_object_get(j, "lunar");
  cr_expect_eq(json_integer_value(json_object_get(l, "year")), 2025);
  cr_expect_eq(json_integer_value(json_object_get(l, "month")), 12);
  cr_expect_eq(json_integer_value(json_object_get(l, "day")), 29);
  cr_expect_eq(json_integer_value(json_object_get(l, "month_days")), 29);
  cr_expect(json_is_false(json_object_get(l, "leap")));
  cr_expect_str_eq(str(l, "year_name"), "Ất Tỵ");
  json_decref(j);
  j = get("/api/v1/calendar/lunar?date=2025-07-25", 200);
  cr_expect(json_is_true(json_object_get(json_object_get(j, "lunar"), "leap")));
  json_decref(j);
  j = get("/api/v1/calendar/solar?year=2025&month=6&day=1&leap=true", 200);
  cr_expect_str_eq(str(j, "date"), "2025-07-25");
  json_decref(j);
  j = get("/api/v1/calendar/solar?year=1985&month=1&day=1", 200);
  cr_expect_str_eq(str(j, "date"), "1985-01-21");
  json_decref(j);
  expect_error("GET", "/api/v1/calendar/solar?year=2024&month=6&day=1&leap=true", NULL, NULL, 422,
               "calendar.no_such_lunar_date");
  expect_error("GET", "/api/v1/calendar/solar?year=2024&month=12&day=30", NULL, NULL, 422, "calendar.no_such_lunar_date");
  expect_error("GET", "/api/v1/calendar/solar?year=2024&month=13&day=1", NULL, NULL, 400, "query.bad_number");
  expect_error("GET", "/api/v1/calendar/solar?year=2024&day=1", NULL, NULL, 400, "query.missing");
  expect_error("GET", "/api/v1/calendar/solar?year=2024&month=1&day=1&leap=maybe", NULL, NULL, 400, "query.bad_bool");
  expect_error("GET", "/api/v1/calendar/lunar?date=tomorrow", NULL, NULL, 400, "query.bad_date");
  expect_error("GET", "/api/v1/calendar/lunar?date=2101-01-01", NULL, NULL, 422, "calendar.out_of_range");
}

Test(api_calendar, deadlines) {
  json_t *j = get("/api/v1/calendar/deadline?start=2025-01-24T10:00&amount=1&unit=working_days", 200);
  cr_expect_str_eq(str(j, "deadline"), "2025-02-03T10:00:00+07:00");
  cr_expect_str_eq(str(j, "counted_from"), "2025-01-24T10:00:00+07:00");
  cr_expect_eq(json_integer_value(json_object_get(j, "working_seconds")), 27000);
  json_decref(j);
  /* The demo's make-up Saturday counts. */
  j = get("/api/v1/calendar/deadline?start=2025-04-25T10:00%2B07:00&amount=1&unit=working_days", 200);
  cr_expect_str_eq(str(j, "deadline"), "2025-04-26T10:00:00+07:00");
  json_decref(j);
  /* An unencoded '+' arrives as a space and still means +07:00. */
  j = get("/api/v1/calendar/deadline?start=2025-03-11T15:01+07:00&amount=1&unit=working_days&rule_1500=true", 200);
  cr_expect_str_eq(str(j, "counted_from"), "2025-03-12T07:30:00+07:00");
  cr_expect_str_eq(str(j, "deadline"), "2025-03-13T07:30:00+07:00");
  json_decref(j);
  j = get("/api/v1/calendar/deadline?start=2025-03-08T20:00&amount=4&unit=working_hours", 200);
  cr_expect_str_eq(str(j, "counted_from"), "2025-03-10T07:30:00+07:00");
  cr_expect_str_eq(str(j, "deadline"), "2025-03-10T11:30:00+07:00");
  json_decref(j);
  j = get("/api/v1/calendar/deadline?start=2025-04-25T10:00&amount=5&unit=days", 200);
  cr_expect_str_eq(str(j, "deadline"), "2025-05-05T17:00:00+07:00");
  json_decref(j);
  j = get("/api/v1/calendar/deadline?start=2025-03-11T09:00Z&unit=same_day", 200);
  cr_expect_str_eq(str(j, "deadline"), "2025-03-11T17:00:00+07:00");
  json_decref(j);
  expect_error("GET", "/api/v1/calendar/deadline?start=2025-03-11T09:00&amount=1&unit=weeks", NULL, NULL, 400,
               "query.bad_unit");
  expect_error("GET", "/api/v1/calendar/deadline?start=2025-03-11T09:00&unit=working_days", NULL, NULL, 400,
               "query.missing");
  expect_error("GET", "/api/v1/calendar/deadline?start=2025-03-11T09:00&amount=-1&unit=working_days", NULL, NULL, 400,
               "query.bad_number");
  expect_error("GET", "/api/v1/calendar/deadline?start=yesterday&amount=1", NULL, NULL, 400, "query.bad_time");
  expect_error("GET", "/api/v1/calendar/deadline?amount=1", NULL, NULL, 400, "query.missing");
  expect_error("GET", "/api/v1/calendar/deadline?start=2025-03-11T09:00&amount=1&rule_1500=perhaps", NULL, NULL, 400,
               "query.bad_bool");
}

Test(api_calendar, overrides_admin_only) {
  json_t *j = get("/api/v1/calendar/overrides?year=2025", 200);
  json_t *items = json_object_get(j, "items");
  cr_assert_eq(json_array_size(items), 2);
  cr_expect_str_eq(str(json_array_get(items, 0), "date"), "2025-04-26");
  cr_expect_str_eq(str(json_array_get(items, 0), "kind"), "work");
  cr_expect_str_eq(str(json_array_get(items, 1), "date"), "2025-05-02");
  json_decref(j);
  j = get("/api/v1/calendar/overrides", 200);
  cr_expect_eq(json_array_size(json_object_get(j, "items")), 8);
  json_decref(j);

  const char *body = "{\"date\":\"2027-03-05\",\"kind\":\"off\",\"name\":\"Nghỉ thêm (thử)\",\"document\":\"Công điện 1/CĐ-TTg\"}";
  expect_error("POST", "/api/v1/calendar/overrides", NULL, body, 401, "auth.required");
  const char *args[] = {"user", "add", "--username", "dan1", "--role", "citizen", "--name", "Người dân",
                        "--password", "matkhau-123", NULL};
  char *out;
  cr_assert_eq(th_cli(srv, &out, args), 0, "%s", out);
  free(out);
  char *citizen = th_login(srv, "dan1", "matkhau-123");
  expect_error("POST", "/api/v1/calendar/overrides", citizen, body, 403, "auth.forbidden");
  expect_error("DELETE", "/api/v1/calendar/overrides/2025-05-02", citizen, NULL, 403, "auth.forbidden");
  free(citizen);

  char *admin = th_login(srv, "admin", "demo1234");
  long st;
  j = th_call(srv, "POST", "/api/v1/calendar/overrides", admin, body, &st);
  cr_assert_eq(st, 201);
  cr_expect_str_eq(str(j, "document"), "Công điện 1/CĐ-TTg");
  json_decref(j);
  j = get("/api/v1/calendar/days?from=2027-03-05&to=2027-03-05", 200);
  json_t *d = day_of(j, "2027-03-05");
  cr_expect(json_is_false(json_object_get(d, "working")));
  cr_expect_str_eq(str(d, "note"), "day off: Nghỉ thêm (thử) (Công điện 1/CĐ-TTg)");
  json_decref(j);
  j = get("/api/v1/calendar/deadline?start=2027-03-04T10:00&amount=1&unit=working_days", 200);
  cr_expect_str_eq(str(j, "deadline"), "2027-03-08T10:00:00+07:00");
  json_decref(j);
  expect_error("POST", "/api/v1/calendar/overrides", admin, body, 409, "calendar.override_exists");
  expect_error("POST", "/api/v1/calendar/overrides", admin, "{\"date\":\"2027-03-06\",\"kind\":\"nghi\",\"name\":\"x\"}", 422,
               "calendar.bad_kind");
  expect_error("POST", "/api/v1/calendar/overrides", admin, "{\"date\":\"2027-02-30\",\"kind\":\"off\",\"name\":\"x\"}", 422,
               "calendar.bad_date");
  expect_error("POST", "/api/v1/calendar/overrides", admin, "{\"date\":\"2127-02-03\",\"kind\":\"off\",\"name\":\"x\"}", 422,
               "calendar.out_of_range");
  expect_error("POST", "/api/v1/calendar/overrides", admin, "{\"date\":\"2027-03-06\",\"kind\":\"off\"}", 400,
               "json.missing_field");
  expect_error("POST", "/api/v1/calendar/overrides", admin, "{\"date\":\"2027-03-06\",\"kind\":\"off\",\"name\":\"x\",\"by\":1}",
               400, "json.unknown_field");
  j = th_call(srv, "DELETE", "/api/v1/calendar/overrides/2027-03-05", admin, NULL, &st);
  cr_expect_eq(st, 200);
  json_decref(j);
  expect_error("DELETE", "/api/v1/calendar/overrides/2027-03-05", admin, NULL, 404, "calendar.no_override");
  expect_error("DELETE", "/api/v1/calendar/overrides/someday", admin, NULL, 422, "calendar.bad_date");
  j = get("/api/v1/calendar/days?from=2027-03-05&to=2027-03-05", 200);
  cr_expect(json_is_true(json_object_get(day_of(j, "2027-03-05"), "working")));
  json_decref(j);
  free(admin);
}

Test(api_calendar, holiday_rules) {
  json_t *j = get("/api/v1/calendar/rules", 200);
  cr_expect_eq(json_integer_value(json_object_get(j, "hung_kings_from")), 2007);
  cr_expect_gt(json_array_size(json_object_get(j, "tet")), 1);
  json_decref(j);
  const char *body = "{\"national_day\":[{\"from\":2027,\"to\":2100,\"offset\":1}]}";
  expect_error("PUT", "/api/v1/calendar/rules", NULL, body, 401, "auth.required");
  char *admin = th_login(srv, "admin", "demo1234");
  long st;
  j = th_call(srv, "PUT", "/api/v1/calendar/rules", admin, body, &st);
  cr_expect_eq(st, 200);
  cr_expect_eq(json_array_size(json_object_get(j, "national_day")), 1);
  json_decref(j);
  j = get("/api/v1/calendar/days?from=2027-09-01&to=2027-09-03", 200);
  cr_expect(json_is_true(json_object_get(day_of(j, "2027-09-01"), "working")));
  cr_expect(json_is_false(json_object_get(day_of(j, "2027-09-03"), "working")));
  json_decref(j);
  expect_error("PUT", "/api/v1/calendar/rules", admin, "{\"national_day\":[{\"from\":2027,\"to\":2026,\"offset\":1}]}", 422,
               "calendar.bad_rules");
  expect_error("PUT", "/api/v1/calendar/rules", admin, "{\"tet\":[{\"from\":2027,\"to\":2027,\"first\":-1,\"count\":50}]}", 400,
               "json.out_of_range");
  free(admin);
}
