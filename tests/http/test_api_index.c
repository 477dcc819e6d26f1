/* test_api_index.c — the index over HTTP: the public summary, access by role
 * and unit, ranking, trend, drill-down as JSON and CSV, the IOC summary, the
 * province settings, errors with their codes, and a new dossier fact seen by
 * the next query. Facts are recorded in the server's database directly (the
 * way the dossier core does it, inside a transaction). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "core/index766.h"
#include "core/procedure.h"
#include "core/unit.h"

static th_server *srv;
static char *admin, *leader, *officer;

static const char units_csv[] =
  "code,name,kind,parent_code,valid_from,valid_to,successor_codes\n"
  "P,Tỉnh Thử,province,,,,\n"
  "D1,Sở Tư pháp,department,P,,,\n"
  "C3,Xã Mới,commune,P,,,\n";

static const char procs_json[] =
  "[{\"code\":\"1.000001\",\"name\":\"Đăng ký khai sinh\",\"field_code\":\"ho_tich\",\"field_name\":\"Hộ tịch\","
  "\"level\":\"commune\",\"unit_kinds\":[\"commune\"],\"time_amount\":1,\"time_unit\":\"working_days\","
  "\"online_level\":\"full\",\"result_type\":\"both\",\"citizen_kind\":\"citizen\",\"payment_integrated\":true,"
  "\"fees\":[{\"code\":\"le_phi\",\"name\":\"Lệ phí\",\"amount\":8000,\"kind\":\"le_phi\"}]},"
  "{\"code\":\"2.000002\",\"name\":\"Cấp phép kinh doanh\",\"field_code\":\"kinh_doanh\",\"field_name\":\"Kinh doanh\","
  "\"level\":\"department\",\"unit_kinds\":[\"department\"],\"time_amount\":10,\"time_unit\":\"working_days\","
  "\"online_level\":\"none\",\"result_type\":\"paper\",\"citizen_kind\":\"business\"}]";

static mc_time at(int y, int m, int d, int h) { return mc_local_instant(mc_days_from_civil(y, m, d), h * 3600); }

static mc_db *open_db(void) {
  mc_db *db;
  mc_err err = {0};
  cr_assert_eq(mc_db_open(srv->db, &db, &err), MC_OK, "%s", err.message);
  return db;
}

static int64_t id_of(mc_db *db, const char *unit, const char *proc) {
  mc_arena *a = mc_arena_new(0);
  mc_err err = {0};
  int64_t id;
  if (unit) {
    mc_unit *u;
    cr_assert_eq(mc_unit_get(db, a, unit, &u, &err), MC_OK, "%s", err.message);
    id = u->id;
  } else {
    mc_procedure *p;
    cr_assert_eq(mc_procedure_get(db, a, proc, &p, &err), MC_OK, "%s", err.message);
    id = p->id;
  }
  mc_arena_free(a);
  return id;
}

static void put_fact(mc_db *db, int64_t id, const char *unit, const char *proc, int channel, mc_time rcv,
                     mc_time due, mc_time ended, int on_time, bool fee, bool paid) {
  mc_err err = {0};
  mc_dossier_facts f = {.dossier_id = id, .unit_id = id_of(db, unit, NULL), .procedure_id = id_of(db, NULL, proc),
                        .channel = channel, .status = ended ? 10 : 4, .submitted_at = rcv, .received_at = rcv,
                        .due_at = due, .effective_due_at = due, .ended_at = ended, .end_status = ended ? 10 : 0,
                        .on_time = ended ? on_time : -1, .handling_seconds = ended ? 7200 : 0, .has_fee = fee,
                        .paid_online = paid, .has_result = true};
  cr_assert_eq(mc_db_begin(db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_index_record(db, NULL, &f, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_commit(db, &err), MC_OK, "%s", err.message);
}

static void start(void) {
  srv = th_server_start(false);
  mc_db *db = open_db();
  mc_err err = {0};
  int n;
  cr_assert_eq(mc_units_import(db, "csv", units_csv, strlen(units_csv), &n, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_procedures_import(db, "json", procs_json, strlen(procs_json), &n, &err), MC_OK, "%s", err.message);
  put_fact(db, 1, "C3", "1.000001", 2, at(2025, 7, 2, 9), at(2025, 7, 5, 17), at(2025, 7, 4, 10), 1, true, true);
  put_fact(db, 2, "C3", "1.000001", 1, at(2025, 7, 10, 9), at(2025, 7, 15, 17), at(2025, 7, 20, 10), 0, true, false);
  put_fact(db, 3, "D1", "2.000002", 1, at(2025, 9, 25, 9), at(2025, 10, 5, 17), 0, -1, false, false);
  put_fact(db, 4, "D1", "2.000002", 2, at(2025, 9, 1, 9), at(2025, 9, 10, 17), 0, -1, false, false);
  mc_db_close(db);
  const char *users[][4] = {{"admin1", "admin", "P"}, {"leader1", "unit_leader", "D1"}, {"officer1", "officer", "C3"}};
  for (int i = 0; i < 3; i++) {
    const char *args[] = {"user", "add", "--username", users[i][0], "--role", users[i][1], "--unit", users[i][2],
                          "--password", "index-pass-1", NULL};
    char *out = NULL;
    cr_assert_eq(th_cli(srv, &out, args), 0, "%s", out ? out : "");
    free(out);
  }
  admin = th_login(srv, "admin1", "index-pass-1");
  leader = th_login(srv, "leader1", "index-pass-1");
  officer = th_login(srv, "officer1", "index-pass-1");
}

static void stop(void) {
  free(admin);
  free(leader);
  free(officer);
  th_server_stop(srv);
}

TestSuite(api_index, .init = start, .fini = stop, .timeout = 120);

static json_t *get(const char *path, const char *token, long want) {
  long st;
  json_t *j = th_call(srv, "GET", path, token, NULL, &st);
  char *dump = json_dumps(j, 0);
  cr_assert_eq(st, want, "GET %s: %ld, want %ld: %.400s", path, st, want, dump);
  free(dump);
  return j;
}

static void expect_code(json_t *j, const char *code) {
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "error"), "code")), code);
  json_decref(j);
}

static json_t *indicator(json_t *s, const char *code) {
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(s, "indicators"), i, v)
    if (strcmp(json_string_value(json_object_get(v, "code")), code) == 0) return v;
  cr_assert_fail("no indicator %s", code);
  return NULL;
}

Test(api_index, public_summary_and_access) {
  json_t *s = get("/api/v1/index/summary?unit=P&period=2025-Q3", NULL, 200);
  cr_assert_str_eq(json_string_value(json_object_get(s, "audience")), "public");
  json_t *i21 = indicator(s, "2.1");     /* ended #1 on time, #2 late; open #3 within, #4 late at 1 Oct */
  cr_assert_eq(json_integer_value(json_object_get(i21, "numerator")), 2);
  cr_assert_eq(json_integer_value(json_object_get(i21, "denominator")), 4);
  cr_assert_eq(json_real_value(json_object_get(i21, "points")), 10);
  json_decref(s);
  expect_code(get("/api/v1/index/ranking?parent=P&period=2025-Q3", NULL, 401), "auth.required");
  expect_code(get("/api/v1/index/dossiers?unit=P&period=2025-Q3", NULL, 401), "auth.required");
  expect_code(get("/api/v1/ioc/summary?unit=P&period=2025-Q3", NULL, 401), "auth.required");

  s = get("/api/v1/index/summary?period=2025-Q3", leader, 200);     /* a leader's default: own unit */
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(s, "unit"), "code")), "D1");
  cr_assert_null(json_object_get(s, "audience"));
  json_decref(s);
  expect_code(get("/api/v1/index/summary?unit=P&period=2025-Q3", leader, 403), "index.forbidden");
  expect_code(get("/api/v1/index/dossiers?unit=D1&period=2025-Q3", officer, 403), "index.forbidden");
  json_decref(get("/api/v1/index/dossiers?unit=C3&period=2025-Q3", officer, 200));
}

Test(api_index, ranking_trend_ioc) {
  json_t *r = get("/api/v1/index/ranking?parent=P&period=2025-Q3&indicator=2.1", admin, 200);
  json_t *items = json_object_get(r, "items");
  cr_assert_eq(json_array_size(items), 2);
  /* Below the default minimum volume (20) nobody is ranked: both listed, marked. */
  cr_assert(json_is_true(json_object_get(json_array_get(items, 0), "insufficient_data")));
  json_decref(r);
  json_t *t = get("/api/v1/index/trend?unit=P&indicator=3.3&weeks=10&period=2025-09", admin, 200);
  cr_assert_eq(json_array_size(json_object_get(t, "items")), 10);
  json_decref(t);
  json_t *i = get("/api/v1/ioc/summary?unit=P&period=2025-Q3", admin, 200);
  cr_assert_eq(json_integer_value(json_object_get(json_object_get(i, "dossiers_now"), "late")), 2);
  cr_assert_eq(json_array_size(json_object_get(i, "ranking")), 2);
  cr_assert(json_is_number(json_object_get(json_object_get(i, "total"), "points")));
  json_t *i33 = indicator(i, "3.3");
  cr_assert_eq(json_real_value(json_object_get(i33, "target")), 0.8);
  json_decref(i);
}

Test(api_index, drill_down_json_and_csv) {
  json_t *p = get("/api/v1/index/dossiers?unit=P&period=2025-Q3&indicator=4.3&filter=not_paid_online", admin, 200);
  cr_assert_eq(json_integer_value(json_object_get(p, "total")), 1);
  cr_assert_eq(json_integer_value(json_object_get(json_array_get(json_object_get(p, "items"), 0), "dossier_id")), 2);
  json_decref(p);
  p = get("/api/v1/index/dossiers?unit=P&period=2025-Q3&indicator=2.1&format=csv", admin, 200);
  const char *csv = json_string_value(p);
  cr_assert_not_null(csv);
  cr_assert(strstr(csv, "Mã hồ sơ") != NULL);
  int lines = 0;
  for (const char *c = csv; *c; c++) lines += *c == '\n';
  cr_assert_eq(lines, 1 + 2, "%s", csv);             /* header, #2 ended late, #4 open late */
  json_decref(p);
  expect_code(get("/api/v1/index/dossiers?unit=P&period=2025-Q3&indicator=2.1&filter=nope", admin, 422),
              "index.unknown_filter");
  expect_code(get("/api/v1/index/dossiers?unit=P&period=2025-Q3&format=xml", admin, 400), "query.bad_value");
}

Test(api_index, errors_and_live_updates) {
  expect_code(get("/api/v1/index/summary?unit=P&period=2025-Q9", admin, 422), "index.bad_period");
  expect_code(get("/api/v1/index/summary?unit=NOPE&period=2025-Q3", admin, 404), "unit.not_found");
  expect_code(get("/api/v1/index/summary?unit=P&period=2025-Q3&edition=1900", admin, 422), "index.unknown_edition");
  expect_code(get("/api/v1/index/ranking?parent=P&period=2025-Q3&indicator=9.9", admin, 422), "index.unknown_indicator");
  json_decref(get("/api/v1/index/editions", NULL, 200));

  json_t *s = get("/api/v1/index/summary?unit=P&period=2025-Q3", admin, 200);
  int64_t before = json_integer_value(json_object_get(indicator(s, "3.3"), "denominator"));
  json_decref(s);
  mc_db *db = open_db();
  put_fact(db, 50, "D1", "2.000002", 2, at(2025, 8, 8, 9), at(2025, 8, 20, 17), at(2025, 8, 10, 9), 1, false, false);
  mc_db_close(db);
  s = get("/api/v1/index/summary?unit=P&period=2025-Q3", admin, 200);
  cr_assert_eq(json_integer_value(json_object_get(indicator(s, "3.3"), "denominator")), before + 1);
  json_decref(s);
}

Test(api_index, province_settings) {
  long st;
  json_t *c = get("/api/v1/index/config", admin, 200);
  cr_assert(json_is_true(json_object_get(c, "public_summary")));
  json_object_set_new(c, "public_summary", json_false());
  char *body = json_dumps(c, 0);
  json_decref(c);
  json_t *r = th_call(srv, "PUT", "/api/v1/index/config", leader, body, &st);
  cr_assert_eq(st, 403);
  json_decref(r);
  r = th_call(srv, "PUT", "/api/v1/index/config", admin, body, &st);
  cr_assert_eq(st, 200, "%s", json_dumps(r, 0));
  json_decref(r);
  free(body);
  expect_code(get("/api/v1/index/summary?unit=P&period=2025-Q3", NULL, 401), "auth.required");
  r = th_call(srv, "PUT", "/api/v1/index/config", admin, "{\"format\":\"x\"}", &st);
  cr_assert_eq(st, 400);                          /* json.missing_field: the settings are incomplete */
  json_decref(r);
}

/* `motcua index` prints the same figures and writes CSV and XLSX. */
Test(api_index, command_line_table) {
  char csv[400], xlsx[400];
  snprintf(csv, sizeof csv, "%s/index.csv", srv->dir);
  snprintf(xlsx, sizeof xlsx, "%s/index.xlsx", srv->dir);
  const char *args[] = {"index", "--unit", "P", "--period", "2025-Q3", "--ranking", "--csv", csv, "--xlsx", xlsx, NULL};
  char *out = NULL;
  cr_assert_eq(th_cli(srv, &out, args), 0, "%s", out ? out : "");
  cr_assert(strstr(out, "Tổng điểm") && strstr(out, "Hồ sơ giải quyết đúng hạn"), "%s", out);
  cr_assert(strstr(out, "Xếp hạng đơn vị trực thuộc"), "%s", out);
  free(out);
  FILE *f = fopen(csv, "rb");
  cr_assert_not_null(f);
  char buf[8192];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  cr_assert(strstr(buf, "Chỉ số,2.1,Hồ sơ giải quyết đúng hạn,2,4,50.00,10.00,20.00") != NULL, "%s", buf);
  f = fopen(xlsx, "rb");
  cr_assert_not_null(f);
  cr_assert_eq(fread(buf, 1, 2, f), 2);
  fclose(f);
  cr_assert_eq(memcmp(buf, "PK", 2), 0);           /* a zip container: the workbook */
  const char *bad[] = {"index", "--period", "2025-Q0", NULL};
  cr_assert_eq(th_cli(srv, &out, bad), 1);
  cr_assert(strstr(out, "index.bad_period"), "%s", out);
  free(out);
}

/* `motcua index verify`: this suite's index was written without dossiers behind it, so a
 * recount from the dossiers finds none of it; --repair rebuilds it from the (no) dossiers. */
Test(api_index, command_line_verify_and_repair) {
  const char *verify[] = {"index", "verify", NULL};
  char *out = NULL;
  cr_assert_eq(th_cli(srv, &out, verify), 1, "%s", out ? out : "");
  cr_assert(strstr(out, "index verify: 0 dossiers, "), "%s", out);
  cr_assert(strstr(out, "idx_dossier row of dossier id 1, which is not among the dossiers: stored 1, recomputed 0"),
            "%s", out);
  cr_assert(strstr(out, "bucket (every procedure, unit C3, day 2025-07-02): rcv: stored 1, recomputed 0"), "%s", out);
  free(out);
  const char *few[] = {"index", "verify", "--max-diffs", "2", NULL};
  cr_assert_eq(th_cli(srv, &out, few), 1, "%s", out ? out : "");
  cr_assert(strstr(out, "  … and "), "%s", out);
  free(out);
  const char *bad[] = {"index", "verify", "--max-diffs", "0", NULL};
  cr_assert_eq(th_cli(srv, &out, bad), 2, "%s", out ? out : "");
  free(out);
  const char *repair[] = {"index", "verify", "--repair", NULL};
  cr_assert_eq(th_cli(srv, &out, repair), 0, "%s", out ? out : "");
  cr_assert(strstr(out, "index repair: 0 dossier facts and 0 buckets rebuilt from 0 dossiers\n"
                        "index verify: 0 dossiers, 0 counters checked, all equal\n"), "%s", out);
  free(out);
  cr_assert_eq(th_cli(srv, &out, verify), 0, "%s", out ? out : "");
  cr_assert_str_eq(out, "index verify: 0 dossiers, 0 counters checked, all equal\n");
  free(out);
  json_t *s = get("/api/v1/index/summary?unit=P&period=2025-Q3", admin, 200);
  cr_assert_eq(json_integer_value(json_object_get(indicator(s, "3.3"), "denominator")), 0, "the figures follow");
  json_decref(s);
}
