/* test_walkthrough.c — the README walk-through over real HTTP on the demo
 * province: citizen congdan1 submits online → the desk officer receives →
 * the specialist forwards → the unit leader approves (forward) → the officer
 * returns the result → the public lookup shows status 10 → the citizen rates. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "dossier_fixture.h"

static th_server *srv;
static void start(void) { srv = th_server_start(true); }
static void stop(void) { th_server_stop(srv); }

TestSuite(walkthrough, .init = start, .fini = stop, .timeout = 120);

#define PW "demo1234"
#define WARD "HCM.THUDAUMOT"

static json_t *call(const char *method, const char *path, const char *token, const char *body, long want) {
  long st;
  json_t *j = th_call(srv, method, path, token, body, &st);
  char *s = json_dumps(j, JSON_COMPACT);
  cr_assert_eq(st, want, "%s %s → %ld (want %ld): %.600s", method, path, st, want, s);
  free(s);
  return j;
}

static json_t *act(const char *token, const char *code, const char *action, const char *body) {
  char path[200];
  snprintf(path, sizeof path, "/api/v1/dossiers/%s/actions/%s", code, action);
  return call("POST", path, token, body ? body : "{}", 200);
}

static int status_of(json_t *j) { return (int)json_integer_value(json_object_get(j, "status")); }

static bool lists(json_t *page, const char *code) {
  size_t i;
  json_t *it;
  json_array_foreach(json_object_get(page, "items"), i, it)
    if (!strcmp(json_string_value(json_object_get(it, "code")), code)) return true;
  return false;
}

static bool allows(json_t *d, const char *action) {
  size_t i;
  json_t *a;
  json_array_foreach(json_object_get(d, "allowed"), i, a)
    if (!strcmp(json_string_value(a), action)) return true;
  return false;
}

Test(walkthrough, readme) {
  fx_proc pr = fx_pick(srv);
  char *citizen = th_login(srv, "congdan1", PW);
  char *officer = th_login(srv, "motcua.tdm", PW);
  char *specialist = th_login(srv, "chuyenvien.tdm", PW);
  char *leader = th_login(srv, "lanhdao.tdm", PW);

  /* 1. The citizen submits online. */
  json_t *body = json_pack("{s:s, s:s, s:O}", "procedure", pr.code, "unit", WARD, "form", pr.form);
  char *text = json_dumps(body, JSON_COMPACT);
  json_t *d = call("POST", "/api/v1/dossiers", citizen, text, 201);
  free(text);
  json_decref(body);
  char *code = strdup(json_string_value(json_object_get(d, "code")));
  cr_assert_eq(status_of(d), 1);
  cr_assert_eq(json_integer_value(json_object_get(d, "channel")), 2);
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(d, "applicant"), "name")), "Nguyễn Văn An");
  cr_assert(allows(d, "withdraw") && !allows(d, "receive"));
  json_decref(d);

  /* 2. The desk officer finds it in the inbox and receives it. */
  json_t *inbox = call("GET", "/api/v1/dossiers", officer, NULL, 200);
  cr_assert(lists(inbox, code), "the officer's inbox lists the new dossier");
  json_decref(inbox);
  d = act(officer, code, "receive", "{\"note\":\"Hồ sơ đầy đủ\"}");
  cr_assert_eq(status_of(d), 2);
  cr_assert(json_is_string(json_object_get(d, "due_at")));
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(d, "step"), "role")), "specialist");
  json_decref(d);

  /* 3. The specialist processes and forwards. */
  inbox = call("GET", "/api/v1/dossiers?sort=urgency", specialist, NULL, 200);
  cr_assert(lists(inbox, code));
  json_decref(inbox);
  d = act(specialist, code, "forward", NULL);
  cr_assert_eq(status_of(d), 4);
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(d, "step"), "role")), "unit_leader");
  json_decref(d);

  /* 4. The unit leader approves. */
  d = act(leader, code, "forward", NULL);
  cr_assert_eq(status_of(d), 9);
  cr_assert_str_eq(json_string_value(json_object_get(d, "status_label")), "Đã xử lý xong");
  json_decref(d);

  /* 5. The officer returns the result. */
  d = act(officer, code, "return_result", NULL);
  cr_assert_eq(status_of(d), 10);
  json_t *events = json_object_get(d, "events");
  cr_assert_eq(json_array_size(events), 5);
  static const char *const path[] = {"submit", "receive", "forward", "forward", "return_result"};
  for (size_t i = 0; i < 5; i++)
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(events, i), "action")), path[i]);
  json_decref(d);

  /* 6. Anyone with the code and the phone number sees status 10. */
  char q[256];
  snprintf(q, sizeof q, "/api/v1/lookup?code=%s&key=0912345678", code);
  json_t *pub = call("GET", q, NULL, NULL, 200);
  cr_assert_eq(status_of(pub), 10);
  cr_assert_str_eq(json_string_value(json_object_get(pub, "status_label")), "Đã trả kết quả");
  cr_assert_null(json_object_get(pub, "applicant"), "the lookup shows nothing personal");
  cr_assert_geq(json_array_size(json_object_get(pub, "steps")), 4);
  json_decref(pub);

  /* 7. The citizen rates the service. */
  d = act(citizen, code, "rate", "{\"score\":5,\"comment\":\"Nhanh gọn\"}");
  cr_assert_eq(json_integer_value(json_object_get(json_object_get(d, "rating"), "score")), 5);
  json_decref(d);

  free(code);
  fx_free(&pr);
  free(citizen);
  free(officer);
  free(specialist);
  free(leader);
}
