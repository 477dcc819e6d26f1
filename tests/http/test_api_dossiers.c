/* test_api_dossiers.c — the dossier API over real HTTP on the demo province:
 * the error paths (invalid transition → 409 with the allowed list, e-form →
 * 422 with fields, unknown fields → 400, other unit → 404, another citizen's
 * dossier → 404, uploads too large or of the wrong type), lists, uploads and
 * downloads, optimistic concurrency, the public lookup. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "dossier_fixture.h"

static th_server *srv;
static fx_proc pr;          /* an online commune procedure with a two-step workflow */

static json_t *call(const char *method, const char *path, const char *token, const char *body, long want) {
  long st;
  json_t *j = th_call(srv, method, path, token, body, &st);
  char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
  cr_assert_eq(st, want, "%s %s → %ld (want %ld): %.600s", method, path, st, want, s);
  free(s);
  return j;
}

static void expect_error(json_t *j, const char *code) {
  json_t *e = json_object_get(j, "error");
  cr_assert(json_is_object(e), "no error body");
  cr_assert_str_eq(json_string_value(json_object_get(e, "code")), code);
  json_decref(j);
}

static void start(void) {
  srv = th_server_start(true);
  pr = fx_pick(srv);
}

static void stop(void) {
  th_server_stop(srv);
  fx_free(&pr);
}

TestSuite(api_dossiers, .init = start, .fini = stop, .timeout = 120);

/* Submit as congdan1 (online) and return the code (malloc'ed). */
static char *submit(const char *token) {
  json_t *b = json_pack("{s:s, s:s, s:O}", "procedure", pr.code, "unit", "HCM.THUDAUMOT", "form", pr.form);
  char *text = json_dumps(b, JSON_COMPACT);
  json_t *d = call("POST", "/api/v1/dossiers", token, text, 201);
  char *code = strdup(json_string_value(json_object_get(d, "code")));
  free(text);
  json_decref(b);
  json_decref(d);
  return code;
}

/* "/api/v1/dossiers/<code><suffix>" (malloc'ed). */
static char *path_of(const char *code, const char *suffix) {
  char *p = malloc(300);
  snprintf(p, 300, "/api/v1/dossiers/%s%s", code, suffix);
  return p;
}

Test(api_dossiers, submit_errors) {
  char *c1 = th_login(srv, "congdan1", "demo1234");
  char body[1024];
  snprintf(body, sizeof body, "{\"procedure\":\"%s\",\"unit\":\"HCM.THUDAUMOT\",\"form\":{},\"extra\":1}", pr.code);
  expect_error(call("POST", "/api/v1/dossiers", c1, body, 400), "json.unknown_field");
  expect_error(call("POST", "/api/v1/dossiers", c1, "{\"procedure\":\"9.999999\",\"unit\":\"HCM.THUDAUMOT\"}", 422),
               "procedure.unknown");
  snprintf(body, sizeof body, "{\"procedure\":\"%s\",\"unit\":\"HCM.THUDAUMOT\",\"form\":{\"khong_co\":1}}", pr.code);
  json_t *j = call("POST", "/api/v1/dossiers", c1, body, 422);
  json_t *e = json_object_get(j, "error");
  cr_assert_str_eq(json_string_value(json_object_get(e, "code")), "eform.invalid");
  json_t *fields = json_object_get(e, "fields");
  cr_assert_geq(json_array_size(fields), 2, "every required field and the unknown one are listed");
  cr_assert(json_is_string(json_object_get(json_array_get(fields, 0), "message")));
  json_decref(j);
  snprintf(body, sizeof body, "{\"procedure\":\"%s\",\"unit\":\"NOWHERE\"}", pr.code);
  expect_error(call("POST", "/api/v1/dossiers", c1, body, 422), "dossier.unit_unknown");
  char *admin = th_login(srv, "admin", "demo1234");
  expect_error(call("POST", "/api/v1/dossiers", admin, body, 403), "auth.forbidden");
  free(admin);
  free(c1);
}

Test(api_dossiers, invalid_transition_lists_what_is_allowed) {
  char *c1 = th_login(srv, "congdan1", "demo1234");
  char *officer = th_login(srv, "motcua.tdm", "demo1234");
  char *code = submit(c1);
  char *p = path_of(code, "/actions/forward");
  json_t *j = call("POST", p, officer, "{}", 409);
  json_t *e = json_object_get(j, "error");
  cr_assert_str_eq(json_string_value(json_object_get(e, "code")), "dossier.invalid_transition");
  char *allowed = json_dumps(json_object_get(e, "allowed"), JSON_COMPACT);
  cr_assert_str_eq(allowed, "[\"receive\",\"refuse\",\"request_supplement\",\"transfer\",\"withdraw\"]");
  free(allowed);
  json_decref(j);
  free(p);
  p = path_of(code, "/actions/approve");
  expect_error(call("POST", p, officer, "{}", 404), "dossier.unknown_action");
  free(p);
  p = path_of(code, "/actions/refuse");
  expect_error(call("POST", p, officer, "{}", 422), "dossier.reason_required");
  free(p);
  /* A stale version is refused. */
  p = path_of(code, "/actions/receive");
  expect_error(call("POST", p, officer, "{\"version\":7}", 409), "dossier.conflict");
  json_t *d = call("POST", p, officer, "{\"version\":1}", 200);
  cr_assert_eq(json_integer_value(json_object_get(d, "version")), 2);
  json_decref(d);
  expect_error(call("POST", p, officer, "{}", 409), "dossier.invalid_transition");
  free(p);
  free(code);
  free(c1);
  free(officer);
}

Test(api_dossiers, who_may_see_what) {
  char *c1 = th_login(srv, "congdan1", "demo1234");
  char *c2 = th_login(srv, "congdan2", "demo1234");
  char *other = th_login(srv, "motcua.stp", "demo1234");
  char *prov = th_login(srv, "lanhdao.tinh", "demo1234");
  char *code = submit(c1);
  char *p = path_of(code, "");
  expect_error(call("GET", p, c2, NULL, 404), "dossier.not_found");
  expect_error(call("GET", p, other, NULL, 404), "dossier.not_found");
  expect_error(call("GET", "/api/v1/dossiers/KHONG-CO-0001", c1, NULL, 404), "dossier.not_found");
  json_t *d = call("GET", p, prov, NULL, 200);
  cr_assert_eq(json_array_size(json_object_get(d, "allowed")), 0, "a province leader reads but does not act");
  json_decref(d);
  d = call("GET", p, c1, NULL, 200);
  cr_assert_eq(json_array_size(json_object_get(d, "events")), 1);
  cr_assert_eq(json_array_size(json_object_get(d, "steps")), 1);
  json_decref(d);
  char *a = path_of(code, "/actions/receive");
  expect_error(call("POST", a, other, "{}", 404), "dossier.not_found");
  expect_error(call("POST", a, prov, "{}", 403), "dossier.not_your_turn");
  expect_error(call("POST", a, c2, "{}", 404), "dossier.not_found");
  free(a);
  /* Lists: a citizen sees only their own, in the page envelope. */
  json_t *page = call("GET", "/api/v1/dossiers?limit=5", c2, NULL, 200);
  cr_assert_eq(json_integer_value(json_object_get(page, "total")), 0);
  cr_assert_eq(json_integer_value(json_object_get(page, "limit")), 5);
  cr_assert_eq(json_integer_value(json_object_get(page, "offset")), 0);
  json_decref(page);
  page = call("GET", "/api/v1/dossiers?state=submitted", c1, NULL, 200);
  cr_assert_geq(json_integer_value(json_object_get(page, "total")), 1);
  json_decref(page);
  expect_error(call("GET", "/api/v1/dossiers?scope=all", c1, NULL, 403), "dossier.scope_forbidden");
  expect_error(call("GET", "/api/v1/dossiers?state=nonsense", c1, NULL, 400), "query.bad_state");
  expect_error(call("GET", "/api/v1/dossiers?late=2", c1, NULL, 400), "query.bad_number");
  /* The public lookup needs the right key. */
  char q[300];
  snprintf(q, sizeof q, "/api/v1/lookup?code=%s&key=0987654321", code);
  expect_error(call("GET", q, NULL, NULL, 404), "dossier.not_found");
  snprintf(q, sizeof q, "/api/v1/lookup?code=%s&key=074085001234", code);
  json_t *pub = call("GET", q, NULL, NULL, 200);
  cr_assert_eq(json_integer_value(json_object_get(pub, "status")), 1);
  json_decref(pub);
  expect_error(call("GET", "/api/v1/lookup?code=X", NULL, NULL, 400), "query.missing");
  free(p);
  free(code);
  free(c1);
  free(c2);
  free(other);
  free(prov);
}

Test(api_dossiers, uploads_and_downloads) {
  static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
  char *c1 = th_login(srv, "congdan1", "demo1234");
  char *c2 = th_login(srv, "congdan2", "demo1234");
  char *code = submit(c1);
  char path[400];
  snprintf(path, sizeof path, "/api/v1/dossiers/%s/attachments?component=%s&name=to-khai.pdf", code, pr.component);
  long st;
  json_t *j = th_call_raw(srv, "POST", path, c1, "application/pdf", pdf, sizeof pdf - 1, &st);
  cr_assert_eq(st, 201, "%s", json_dumps(j, 0));
  int64_t id = json_integer_value(json_object_get(j, "id"));
  json_decref(j);
  char get[400];
  snprintf(get, sizeof get, "/api/v1/dossiers/%s/attachments/%lld", code, (long long)id);
  j = th_call(srv, "GET", get, c1, NULL, &st);
  cr_assert_eq(st, 200);
  cr_assert(json_is_string(j));
  cr_assert_str_eq(json_string_value(j), pdf);
  json_decref(j);
  expect_error(th_call(srv, "GET", get, c2, NULL, &st), "dossier.not_found");
  cr_assert_eq(st, 404);
  /* Wrong types. */
  expect_error(th_call_raw(srv, "POST", path, c1, "text/plain", "hello", 5, &st), "files.bad_type");
  cr_assert_eq(st, 415);
  expect_error(th_call_raw(srv, "POST", path, c1, "application/pdf", png, sizeof png, &st), "files.type_mismatch");
  cr_assert_eq(st, 422);
  /* Too large for the server. */
  size_t big = 26u << 20;
  char *blob = calloc(1, big);
  memcpy(blob, "%PDF-1.4\n", 9);
  expect_error(th_call_raw(srv, "POST", path, c1, "application/pdf", blob, big, &st), "http.body_too_large");
  cr_assert_eq(st, 413);
  free(blob);
  /* A result is not the citizen's to add. */
  snprintf(path, sizeof path, "/api/v1/dossiers/%s/attachments?kind=result", code);
  expect_error(th_call_raw(srv, "POST", path, c1, "application/pdf", pdf, sizeof pdf - 1, &st),
               "dossier.attach_not_allowed");
  cr_assert_eq(st, 409);
  snprintf(path, sizeof path, "/api/v1/dossiers/%s", code);
  j = call("GET", path, c1, NULL, 200);
  json_t *att = json_array_get(json_object_get(j, "attachments"), 0);
  cr_assert_str_eq(json_string_value(json_object_get(att, "content_type")), "application/pdf");
  cr_assert_str_eq(json_string_value(json_object_get(att, "name")), "to-khai.pdf");
  cr_assert_eq(json_integer_value(json_object_get(j, "version")), 2);
  json_decref(j);
  free(code);
  free(c1);
  free(c2);
}

Test(api_dossiers, desk_submission_for_a_citizen) {
  char *officer = th_login(srv, "motcua.tdm", "demo1234");
  char *c2 = th_login(srv, "congdan2", "demo1234");
  json_t *b = json_pack("{s:s, s:i, s:{s:s, s:s, s:s}, s:O}", "procedure", pr.code, "channel", 1, "applicant",
                        "name", "Trần Thị Bình", "id_number", "074192005678", "phone", "0987 654 321", "form", pr.form);
  char *text = json_dumps(b, JSON_COMPACT);
  json_t *d = call("POST", "/api/v1/dossiers", officer, text, 201);
  cr_assert_eq(json_integer_value(json_object_get(d, "channel")), 1);
  cr_assert(json_is_true(json_object_get(d, "on_behalf")));
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(d, "applicant"), "phone")), "0987654321");
  char *code = strdup(json_string_value(json_object_get(d, "code")));
  cr_assert(strncmp(code, "HCM.THUDAUMOT-", 14) == 0, "code %s follows {unit}-{yymmdd}-{seq:4}", code);
  json_decref(d);
  /* The account holding the applicant's number owns it and sees it. */
  char *p = path_of(code, "");
  d = call("GET", p, c2, NULL, 200);
  cr_assert_str_eq(json_string_value(json_object_get(d, "applicant_name")), "Trần Thị Bình");
  json_decref(d);
  /* Officers record in-person (1) or postal (3) dossiers only. */
  json_object_set_new(b, "channel", json_integer(2));
  free(text);
  text = json_dumps(b, JSON_COMPACT);
  expect_error(call("POST", "/api/v1/dossiers", officer, text, 422), "dossier.bad_channel");
  free(text);
  json_decref(b);
  free(p);
  free(code);
  free(officer);
  free(c2);
}

Test(api_dossiers, supplement_round_trip) {
  static const char pdf[] = "%PDF-1.4\n% bo sung\ntrailer<<>>\n%%EOF\n";
  char *c1 = th_login(srv, "congdan1", "demo1234");
  char *officer = th_login(srv, "motcua.tdm", "demo1234");
  char *specialist = th_login(srv, "chuyenvien.tdm", "demo1234");
  char *code = submit(c1);
  char *p = path_of(code, "/actions/receive");
  json_decref(call("POST", p, officer, "{}", 200));
  free(p);
  p = path_of(code, "/actions/request_supplement");
  json_t *d = call("POST", p, specialist, "{\"reason\":\"Bổ sung bản sao giấy tờ tùy thân\"}", 200);
  cr_assert_eq(json_integer_value(json_object_get(d, "status")), 5);
  cr_assert(json_is_true(json_object_get(json_object_get(d, "time_left"), "paused")));
  json_decref(d);
  free(p);
  char path[400];
  snprintf(path, sizeof path, "/api/v1/dossiers/%s/attachments?kind=supplement&component=%s", code, pr.component);
  long st;
  json_decref(th_call_raw(srv, "POST", path, c1, "application/pdf", pdf, sizeof pdf - 1, &st));
  cr_assert_eq(st, 201);
  p = path_of(code, "/actions/complete_supplement");
  d = call("POST", p, c1, "{\"note\":\"Đã bổ sung\"}", 200);
  cr_assert_eq(json_integer_value(json_object_get(d, "status")), 4);
  cr_assert_eq(json_integer_value(json_object_get(d, "supplements")), 1);
  cr_assert(json_integer_value(json_object_get(d, "paused_seconds")) >= 0);
  json_t *ev = json_object_get(d, "events");
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(ev, json_array_size(ev) - 1), "action")),
                   "complete_supplement");
  json_decref(d);
  free(p);
  free(code);
  free(c1);
  free(officer);
  free(specialist);
}
