/* test_permissions.c — the permission matrix over real HTTP on the demo
 * province (a ward, Thủ Dầu Một, and a department, Sở Tư pháp, each with an
 * officer, a specialist and a unit leader; a province leader; an admin; two
 * citizens; plus a unit leader of the city above the ward).
 *
 * 1. Every route of mc_route_tables × every role: the roles the matrix below
 *    states must be the roles the route declares (a new route, or a changed
 *    one, without its row here fails), and a call by each role must pass or
 *    be stopped (401/403) accordingly.
 * 2. Every dossier route × role × context — own (the ward's staff, the owner),
 *    subtree (the city's leader), other unit (the department's staff), other
 *    citizen — with each workflow action tried on a dossier in a state that
 *    allows it: exactly the actors of the transition table succeed; readers
 *    who may not act get 403 dossier.not_your_turn; everyone else 404 (a
 *    dossier's existence is private); anonymous callers 401. Lists, uploads,
 *    downloads, the index by unit, and the citizen's view of who read their
 *    dossier are checked the same way. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dossier_fixture.h"
#include "harness.h"
#include "core/dossier.h"
#include "http/route.h"
#include "http/router.h"

static th_server *srv;
static fx_proc pr;

/* ---- accounts ------------------------------------------------------------------- */

enum {
  A_ANON, A_CIT1, A_CIT2, A_OFF, A_SPEC, A_LEAD, A_OFF2, A_SPEC2, A_LEAD2, A_PLEAD, A_ADMIN, A_CITYLEAD, A_N
};
static const char *const acc_user[A_N] = {
  NULL, "congdan1", "congdan2", "motcua.tdm", "chuyenvien.tdm", "lanhdao.tdm", "motcua.stp", "chuyenvien.stp",
  "lanhdao.stp", "lanhdao.tinh", "admin", "lanhdao.hcm",
};
static char *tok[A_N];

static void start(void) {
  srv = th_server_start(true);
  const char *args[] = {"user", "add", "--username", "lanhdao.hcm", "--role", "unit_leader", "--unit", "HCM",
                        "--name", "Lãnh đạo thành phố", "--password", "demo1234", NULL};
  char *out;
  cr_assert_eq(th_cli(srv, &out, args), 0, "%s", out);
  free(out);
  for (int i = 1; i < A_N; i++) tok[i] = th_login(srv, acc_user[i], "demo1234");
  pr = fx_pick(srv);
}

static void stop(void) {
  for (int i = 0; i < A_N; i++) free(tok[i]);
  memset(tok, 0, sizeof tok);
  fx_free(&pr);
  th_server_stop(srv);
}

TestSuite(permissions, .init = start, .fini = stop, .timeout = 300);

typedef struct res { long status; char code[64]; } res;

static res call(const char *method, const char *path, int who, const char *body) {
  long st;
  json_t *j = th_call(srv, method, path, tok[who], body, &st);
  res r = {.status = st};
  const char *c = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
  snprintf(r.code, sizeof r.code, "%s", c ? c : "");
  json_decref(j);
  return r;
}

/* ---- 1. every route × role ---------------------------------------------------------- */

/* Who may call: a = anonymous, c = citizen, o = officer, s = specialist,
 * l = unit leader, p = province leader, d = admin; "*" = everyone. */
typedef struct gate { const char *method, *path, *who; } gate;
static const gate gates[] = {
  {"GET", "/api/v1/health", "*"},
  {"GET", "/api/v1/openapi.json", "*"},
  {"POST", "/api/v1/auth/login", "*"},
  {"POST", "/api/v1/auth/logout", "coslpd"},
  {"GET", "/api/v1/auth/me", "coslpd"},
  {"GET", "/api/v1/auth/providers", "*"},
  {"GET", "/api/v1/auth/oidc/start", "*"},
  {"GET", "/api/v1/auth/oidc/callback", "*"},
  {"POST", "/api/v1/auth/totp/enrol", "coslpd"},
  {"POST", "/api/v1/auth/totp/confirm", "coslpd"},
  {"POST", "/api/v1/auth/totp/disable", "coslpd"},
  {"POST", "/api/v1/auth/password/forgot", "*"},
  {"POST", "/api/v1/auth/password/reset", "*"},
  {"GET", "/api/v1/users", "d"},
  {"POST", "/api/v1/users", "d"},
  {"PATCH", "/api/v1/users/{username}", "d"},
  {"POST", "/api/v1/users/{username}/unlock", "d"},
  {"POST", "/api/v1/users/{username}/totp-reset", "d"},
  {"POST", "/api/v1/users/{username}/reset-token", "d"},
  {"GET", "/api/v1/me/audit", "coslpd"},
  {"GET", "/api/v1/audit", "d"},
  {"GET", "/api/v1/audit/verify", "d"},
  {"GET", "/api/v1/units", "*"},
  {"GET", "/api/v1/units/tree", "*"},
  {"GET", "/api/v1/units/{code}", "*"},
  {"GET", "/api/v1/units/{code}/children", "*"},
  {"GET", "/api/v1/units/{code}/register.pdf", "oslpd"},
  {"POST", "/api/v1/units", "d"},
  {"PUT", "/api/v1/units/{code}", "d"},
  {"POST", "/api/v1/units/import", "d"},
  {"GET", "/api/v1/units/export", "d"},
  {"GET", "/api/v1/procedures", "*"},
  {"GET", "/api/v1/procedures/{code}", "*"},
  {"GET", "/api/v1/fields", "*"},
  {"POST", "/api/v1/procedures", "d"},
  {"PUT", "/api/v1/procedures/{code}", "d"},
  {"POST", "/api/v1/procedures/import", "d"},
  {"GET", "/api/v1/procedures/export", "d"},
  {"GET", "/api/v1/calendar/days", "*"},
  {"GET", "/api/v1/calendar/deadline", "*"},
  {"GET", "/api/v1/calendar/lunar", "*"},
  {"GET", "/api/v1/calendar/solar", "*"},
  {"GET", "/api/v1/calendar/rules", "*"},
  {"PUT", "/api/v1/calendar/rules", "d"},
  {"GET", "/api/v1/calendar/overrides", "*"},
  {"POST", "/api/v1/calendar/overrides", "d"},
  {"DELETE", "/api/v1/calendar/overrides/{date}", "d"},
  {"POST", "/api/v1/dossiers", "co"},
  {"GET", "/api/v1/dossiers", "coslpd"},
  {"GET", "/api/v1/dossiers/{code}", "coslpd"},
  {"POST", "/api/v1/dossiers/{code}/actions/{action}", "coslpd"},
  {"POST", "/api/v1/dossiers/{code}/attachments", "coslpd"},
  {"GET", "/api/v1/dossiers/{code}/attachments/{id}", "coslpd"},
  {"GET", "/api/v1/dossiers/{code}/slips/{slip}", "coslpd"},
  {"GET", "/api/v1/lookup", "*"},
  {"GET", "/api/v1/index/summary", "*"},
  {"GET", "/api/v1/index/ranking", "oslpd"},
  {"GET", "/api/v1/index/trend", "oslpd"},
  {"GET", "/api/v1/index/dossiers", "oslpd"},
  {"GET", "/api/v1/index/editions", "*"},
  {"GET", "/api/v1/index/filters", "oslpd"},
  {"GET", "/api/v1/index/config", "lpd"},
  {"PUT", "/api/v1/index/config", "d"},
  {"GET", "/api/v1/ioc/summary", "oslpd"},
};

static const char ROLE_LETTER[MC_ROLE_COUNT] = {'c', 'o', 's', 'l', 'p', 'd'};

static const gate *gate_of(const mc_route *rt) {
  for (size_t i = 0; i < sizeof gates / sizeof *gates; i++)
    if (!strcmp(gates[i].method, rt->method) && !strcmp(gates[i].path, rt->path)) return &gates[i];
  return NULL;
}

static bool may(const gate *g, char letter) { return !strcmp(g->who, "*") || strchr(g->who, letter); }

/* A concrete path for a template (parameters that exist in the demo province). */
static char *fill(const char *tpl) {
  static const struct { const char *param, *prefix, *value; } values[] = {
    {"{username}", "/api/v1/users/", "motcua.stp"}, {"{code}", "/api/v1/units/", "HCM.STP"},
    {"{code}", "/api/v1/procedures/", NULL}, {"{code}", "/api/v1/dossiers/", "KHONG-CO-0001"},
    {"{date}", "", "2099-01-01"}, {"{id}", "", "1"}, {"{action}", "", "receive"},
  };
  char *out = calloc(1, 512);
  size_t n = 0;
  for (const char *p = tpl; *p && n < 500;) {
    if (*p == '{') {
      const char *e = strchr(p, '}');
      size_t plen = (size_t)(e - p + 1);
      const char *v = "x";
      for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        if (strlen(values[i].param) == plen && !strncmp(p, values[i].param, plen) &&
            !strncmp(tpl, values[i].prefix, strlen(values[i].prefix)))
          v = values[i].value ? values[i].value : pr.code;
      n += (size_t)snprintf(out + n, 512 - n, "%s", v);
      p = e + 1;
    } else {
      out[n++] = *p++;
    }
  }
  return out;
}

static void check_route(const mc_route *rt, void *ctx) {
  int *count = ctx;
  (*count)++;
  const gate *g = gate_of(rt);
  cr_assert_not_null(g, "route %s %s has no row in the permission matrix (tests/http/test_permissions.c)",
                     rt->method, rt->path);
  /* The matrix states what the route declares. */
  char declared[16] = "";
  if (!rt->roles) snprintf(declared, sizeof declared, "*");
  for (int i = 0; rt->roles && i < MC_ROLE_COUNT; i++)
    if (rt->roles & MC_ROLE_BIT(i)) {
      size_t n = strlen(declared);
      declared[n] = ROLE_LETTER[i];
      declared[n + 1] = 0;
    }
  char stated[16] = "";
  for (const char *c = g->who; *c; c++)
    if (*c != ' ') { size_t n = strlen(stated); stated[n] = *c; stated[n + 1] = 0; }
  cr_assert_str_eq(declared, stated, "%s %s: the route allows \"%s\", the matrix says \"%s\"", rt->method,
                   rt->path, declared, stated);
  /* And the server does what it says, for one account of each role. */
  static const int reps[] = {A_ANON, A_CIT1, A_OFF, A_SPEC, A_LEAD, A_PLEAD, A_ADMIN};
  static const char rep_letter[] = {'a', 'c', 'o', 's', 'l', 'p', 'd'};
  char *path = fill(rt->path);
  bool body = strcmp(rt->method, "GET") && strcmp(rt->method, "DELETE");
  for (size_t i = 0; i < sizeof reps / sizeof *reps; i++) {
    int who = reps[i];
    char *fresh = NULL;
    if (!strcmp(rt->path, "/api/v1/auth/logout") && who != A_ANON) {
      fresh = th_login(srv, acc_user[who], "demo1234");   /* logging out must not end the shared session */
    }
    long st;
    json_t *j;
    if (rt->flags & MC_ROUTE_RAW)
      j = th_call_raw(srv, rt->method, path, fresh ? fresh : tok[who], "application/pdf", "%PDF-1.4\n%%EOF\n", 15, &st);
    else
      j = th_call(srv, rt->method, path, fresh ? fresh : tok[who], body ? "{}" : NULL, &st);
    const char *code = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    bool stopped = (st == 401 && code && !strcmp(code, "auth.required")) ||
                   (st == 403 && code && !strcmp(code, "auth.forbidden"));
    if (may(g, rep_letter[i]))
      cr_assert_not(stopped, "%s %s as %s: stopped (%ld %s) but the matrix allows it", rt->method, path,
                    who ? acc_user[who] : "anonymous", st, code);
    else
      cr_assert(stopped, "%s %s as %s: %ld %s, but only \"%s\" may call it", rt->method, path,
                who ? acc_user[who] : "anonymous", st, code ? code : "", g->who);
    json_decref(j);
    free(fresh);
  }
  free(path);
}

Test(permissions, every_route_every_role) {
  int n = 0;
  mc_route_each(check_route, &n);
  cr_assert_eq((size_t)n, sizeof gates / sizeof *gates, "%d routes, %zu matrix rows: a row names no route", n,
               sizeof gates / sizeof *gates);
}

/* ---- 2. dossiers × role × context ------------------------------------------------------ */

static char *dpath(const char *code, const char *suffix) {
  char *p = malloc(300);
  snprintf(p, 300, "/api/v1/dossiers/%s%s", code, suffix);
  return p;
}

static void must(const char *method, const char *path, int who, const char *body, long want) {
  res r = call(method, path, who, body);
  cr_assert_eq(r.status, want, "%s %s as %s: %ld %s (want %ld)", method, path, who ? acc_user[who] : "anonymous",
               r.status, r.code, want);
}

/* A dossier of congdan1 at the ward, brought to state by the right actors. */
typedef enum { ST_SUBMITTED, ST_RECEIVED, ST_PROCESSING, ST_SUPPLEMENT, ST_PAYMENT, ST_PROCESSED, ST_RETURNED } st_t;

static char *make(st_t st) {
  json_t *b = json_pack("{s:s, s:s, s:O}", "procedure", pr.code, "unit", "HCM.THUDAUMOT", "form", pr.form);
  char *text = json_dumps(b, JSON_COMPACT);
  long s;
  json_t *d = th_call(srv, "POST", "/api/v1/dossiers", tok[A_CIT1], text, &s);
  cr_assert_eq(s, 201, "submit: %ld", s);
  char *code = strdup(json_string_value(json_object_get(d, "code")));
  json_decref(d);
  json_decref(b);
  free(text);
  struct { st_t from; const char *action; int who; const char *body; } steps[] = {
    {ST_RECEIVED, "receive", A_OFF, "{}"},
    {ST_PROCESSING, "forward", A_SPEC, "{}"},
    {ST_PROCESSED, "forward", A_LEAD, "{}"},
    {ST_RETURNED, "return_result", A_OFF, "{}"},
  };
  if (st == ST_SUPPLEMENT || st == ST_PAYMENT) {
    char *p = dpath(code, "/actions/receive");
    must("POST", p, A_OFF, "{}", 200);
    free(p);
    p = dpath(code, st == ST_SUPPLEMENT ? "/actions/request_supplement" : "/actions/request_payment");
    must("POST", p, A_SPEC, st == ST_SUPPLEMENT ? "{\"reason\":\"Thiếu bản sao\"}" : "{}", 200);
    free(p);
    return code;
  }
  for (size_t i = 0; i < sizeof steps / sizeof *steps && steps[i].from <= st; i++) {
    char suffix[64];
    snprintf(suffix, sizeof suffix, "/actions/%s", steps[i].action);
    char *p = dpath(code, suffix);
    must("POST", p, steps[i].who, steps[i].body, 200);
    free(p);
  }
  return code;
}

/* Who can read a dossier of congdan1 handled at the ward. */
static bool reader(int who) {
  return who == A_CIT1 || who == A_OFF || who == A_SPEC || who == A_LEAD || who == A_PLEAD || who == A_ADMIN ||
         who == A_CITYLEAD;
}

/* What the context of each account is, for messages. */
static const char *context(int who) {
  switch (who) {
  case A_ANON: return "anonymous";
  case A_CIT2: return "other citizen";
  case A_OFF2: case A_SPEC2: case A_LEAD2: return "other unit";
  case A_CITYLEAD: return "subtree";
  default: return "own";
  }
}

typedef struct action_case {
  const char *action;
  st_t state;
  const char *body;
  int allowed[4];     /* accounts that may do it (0-terminated) */
} action_case;

#define BOTH_S A_SPEC, A_LEAD   /* a unit leader may act on a specialist's step */
static const action_case actions[] = {
  {"receive", ST_SUBMITTED, "{}", {A_OFF}},
  {"refuse", ST_SUBMITTED, "{\"reason\":\"Không thuộc thẩm quyền\"}", {A_OFF}},
  {"request_supplement", ST_SUBMITTED, "{\"reason\":\"Thiếu giấy tờ\"}", {A_OFF}},
  {"transfer", ST_SUBMITTED, "{\"to_unit\":\"HCM.BINHDUONG\"}", {A_OFF}},
  {"withdraw", ST_SUBMITTED, "{}", {A_CIT1, A_OFF}},
  {"forward", ST_RECEIVED, "{}", {BOTH_S}},
  {"request_supplement", ST_RECEIVED, "{\"reason\":\"Thiếu giấy tờ\"}", {BOTH_S}},
  {"request_payment", ST_RECEIVED, "{}", {BOTH_S}},
  {"stop", ST_RECEIVED, "{\"reason\":\"Dừng theo yêu cầu\"}", {A_LEAD}},
  {"apology", ST_RECEIVED, "{\"reason\":\"Chờ xác minh\",\"new_due\":\"2099-12-31\"}", {BOTH_S}},
  {"withdraw", ST_RECEIVED, "{}", {A_CIT1, A_OFF}},
  {"send_back", ST_PROCESSING, "{}", {A_LEAD}},
  {"forward", ST_PROCESSING, "{}", {A_LEAD}},
  {"complete_supplement", ST_SUPPLEMENT, "{}", {A_CIT1, A_OFF}},
  {"confirm_payment", ST_PAYMENT, "{}", {A_OFF, BOTH_S}},
  {"return_result", ST_PROCESSED, "{}", {A_OFF}},
  {"rate", ST_RETURNED, "{\"score\":5,\"comment\":\"Nhanh\"}", {A_CIT1}},
};

static bool in(const int *set, int who) {
  for (int i = 0; i < 4 && set[i]; i++)
    if (set[i] == who) return true;
  return false;
}

Test(permissions, dossier_actions_by_role_and_context) {
  int covered[MC_DA_COUNT] = {0};
  for (size_t k = 0; k < sizeof actions / sizeof *actions; k++) {
    const action_case *c = &actions[k];
    mc_daction a;
    cr_assert(mc_daction_parse(c->action, &a));
    covered[a]++;
    char suffix[64];
    snprintf(suffix, sizeof suffix, "/actions/%s", c->action);
    /* Everyone who may not: one dossier, nothing changes. */
    char *code = make(c->state);
    char *p = dpath(code, suffix);
    for (int who = 0; who < A_N; who++) {
      if (in(c->allowed, who)) continue;
      res r = call("POST", p, who, c->body);
      long want = who == A_ANON ? 401 : reader(who) ? 403 : 404;
      const char *wcode = who == A_ANON ? "auth.required" : reader(who) ? "dossier.not_your_turn" : "dossier.not_found";
      cr_assert(r.status == want && !strcmp(r.code, wcode), "%s on a %s dossier as %s (%s): %ld %s, want %ld %s",
                c->action, c->state == ST_SUBMITTED ? "submitted" : "later", who ? acc_user[who] : "anonymous",
                context(who), r.status, r.code, want, wcode);
    }
    free(p);
    free(code);
    /* Each one who may: on a fresh dossier in that state. */
    for (int i = 0; i < 4 && c->allowed[i]; i++) {
      code = make(c->state);
      p = dpath(code, suffix);
      must("POST", p, c->allowed[i], c->body, 200);
      free(p);
      free(code);
    }
  }
  for (int a = MC_DA_RECEIVE; a < MC_DA_COUNT; a++)
    cr_assert(covered[a] > 0, "the action %s has no case in the matrix", mc_daction_name((mc_daction)a));
}

Test(permissions, dossier_reads_lists_files_and_audit) {
  char *code = make(ST_RECEIVED);
  char *p = dpath(code, "");
  for (int who = 0; who < A_N; who++)
    must("GET", p, who, NULL, who == A_ANON ? 401 : reader(who) ? 200 : 404);

  /* Lists: is the dossier in each account's default list? */
  char lp[200];
  snprintf(lp, sizeof lp, "/api/v1/dossiers?q=%s&limit=200", code);
  for (int who = 1; who < A_N; who++) {
    long st;
    json_t *j = th_call(srv, "GET", lp, tok[who], NULL, &st);
    cr_assert_eq(st, 200, "list as %s: %ld", acc_user[who], st);
    bool seen = false;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(j, "items"), i, it) seen |= !strcmp(json_string_value(json_object_get(it, "code")), code);
    json_decref(j);
    /* Received, at the specialist's step: in the owner's list, the specialist's
     * (and the ward leader's) inbox, leaders' subtrees, the province's. */
    bool want = who == A_CIT1 || who == A_SPEC || who == A_LEAD || who == A_CITYLEAD || who == A_PLEAD ||
                who == A_ADMIN;
    cr_assert_eq(seen, want, "list of %s (%s): the dossier is%s there", acc_user[who], context(who), seen ? "" : " not");
  }
  res r = call("GET", "/api/v1/dossiers?scope=all", A_OFF, NULL);
  cr_assert_eq(r.status, 403, "an officer may not list the whole province");
  r = call("GET", "/api/v1/dossiers?scope=unit", A_CIT1, NULL);
  cr_assert_eq(r.status, 403, "a citizen lists only their own");

  /* Uploads: components while received — desk and step may, the owner no more (409), other readers 403. */
  char up[300];
  snprintf(up, sizeof up, "/api/v1/dossiers/%s/attachments?kind=component&component=%s", code, pr.component);
  static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  int64_t id = 0;
  for (int who = 0; who < A_N; who++) {
    long st;
    json_t *j = th_call_raw(srv, "POST", up, tok[who], "application/pdf", pdf, sizeof pdf - 1, &st);
    /* The owner may add components only before reception: 409 now. */
    long want = who == A_ANON ? 401 : (who == A_OFF || who == A_SPEC || who == A_LEAD) ? 201 : who == A_CIT1 ? 409
              : reader(who) ? 403 : 404;
    cr_assert_eq(st, want, "upload as %s (%s): %ld, want %ld", who ? acc_user[who] : "anonymous", context(who), st, want);
    if (st == 201) id = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
  }
  cr_assert_gt(id, 0);
  char down[300];
  snprintf(down, sizeof down, "/api/v1/dossiers/%s/attachments/%lld", code, (long long)id);
  for (int who = 0; who < A_N; who++)
    must("GET", down, who, NULL, who == A_ANON ? 401 : reader(who) ? 200 : 404);

  /* The owner sees who read the dossier — the admin's and the province leader's reads included. */
  char ap[300];
  snprintf(ap, sizeof ap, "/api/v1/me/audit?dossier=%s&limit=200", code);
  long st;
  json_t *j = th_call(srv, "GET", ap, tok[A_CIT1], NULL, &st);
  cr_assert_eq(st, 200);
  bool admin_read = false, plead_read = false;
  size_t i;
  json_t *it;
  json_array_foreach(json_object_get(j, "items"), i, it) {
    const char *action = json_string_value(json_object_get(it, "action"));
    const char *role = json_string_value(json_object_get(json_object_get(it, "actor"), "role"));
    if (action && strstr(action, "read") && role && !strcmp(role, "admin")) admin_read = true;
    if (action && strstr(action, "read") && role && !strcmp(role, "province_leader")) plead_read = true;
  }
  json_decref(j);
  cr_assert(admin_read && plead_read, "the citizen does not see the staff reads of their dossier");
  /* Another citizen sees nothing of it. */
  j = th_call(srv, "GET", ap, tok[A_CIT2], NULL, &st);
  cr_assert_eq(st, 200);
  cr_assert_eq(json_array_size(json_object_get(j, "items")), 0);
  json_decref(j);
  free(p);
  free(code);
}

Test(permissions, index_by_unit) {
  static const char *const units[] = {"HCM.THUDAUMOT", "HCM.STP"};
  for (int u = 0; u < 2; u++) {
    char sp[200], dp[200];
    snprintf(sp, sizeof sp, "/api/v1/index/summary?unit=%s", units[u]);
    snprintf(dp, sizeof dp, "/api/v1/index/dossiers?unit=%s&indicator=2.1", units[u]);
    for (int who = 1; who < A_N; who++) {
      bool staff = who != A_CIT1 && who != A_CIT2;
      bool own = u == 0 ? (who == A_OFF || who == A_SPEC || who == A_LEAD) : (who == A_OFF2 || who == A_SPEC2 || who == A_LEAD2);
      bool all = who == A_PLEAD || who == A_ADMIN || who == A_CITYLEAD;
      res r = call("GET", dp, who, NULL);
      long want = !staff ? 403 : (own || all) ? 200 : 403;
      cr_assert_eq(r.status, want, "index dossiers of %s as %s: %ld %s (want %ld)", units[u], acc_user[who], r.status,
                   r.code, want);
      r = call("GET", sp, who, NULL);
      if (staff) cr_assert_eq(r.status, (own || all) ? 200 : 403, "index summary of %s as %s: %ld %s", units[u],
                              acc_user[who], r.status, r.code);
    }
  }
}
