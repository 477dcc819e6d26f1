/* test_api_auth.c — authentication over real HTTP: the session cookie's
 * attributes, CSRF on cookie-authenticated writes (bearer exempt), rotation
 * at login, lockout and per-address throttling as 429 with Retry-After,
 * TOTP enrolment and login, password reset through the outbox, the
 * administrators' account actions and their limits, Secure/__Host- cookies
 * and HSTS behind TLS, and the account holder's view of the audit log. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/totp.h"
#include "sec_http.h"
#include "util/arena.h"
#include "util/time.h"

static th_server *srv;

static void start_with(const char *conf) {
  sec_config(conf);
  srv = th_server_start(false);
  sec_seed(srv);
}
static void start(void) { start_with("[auth]\nlockout_threshold = 3\nlockout_seconds = 120\nlogin_per_minute = 30\n"); }
static void stop(void) { th_server_stop(srv); unsetenv("MOTCUA_CONFIG"); }

TestSuite(api_auth, .init = start, .fini = stop);

static sec_resp *login(const char *user, const char *pw, const char *extra_json, const char *cookie) {
  char body[512];
  snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"%s}", user, pw, extra_json ? extra_json : "");
  sec_opts o = {.body = body, .cookie = cookie};
  return sec_call(srv, "POST", "/api/v1/auth/login", &o);
}

Test(api_auth, cookie_attributes_and_csrf) {
  sec_resp *r = login("officer1", SEC_PW, NULL, NULL);
  cr_assert_eq(r->status, 200, "%s", json_dumps(r->body, 0));
  char *line = sec_set_cookie(r, "motcua_session");
  cr_assert(line, "no session cookie: %s", r->headers);
  cr_assert(strstr(line, "HttpOnly") && strstr(line, "SameSite=Strict") && strstr(line, "Path=/") &&
            strstr(line, "Max-Age=43200"), "%s", line);
  cr_assert_null(strstr(line, "Secure"), "no TLS configured: %s", line);
  char *cookie = sec_cookie_pair(r, "motcua_session");
  char *csrf = strdup(sec_str(r, "csrf_token"));
  char *token = strdup(sec_str(r, "token"));
  cr_assert_eq(strlen(csrf), 43);
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(r->body, "user"), "auth_method")), "password");
  sec_free(r);

  /* Reads with the cookie need no CSRF token; /auth/me returns the same one. */
  sec_opts oc = {.cookie = cookie};
  r = sec_call(srv, "GET", "/api/v1/auth/me", &oc);
  cr_assert_eq(r->status, 200);
  cr_assert_str_eq(sec_str(r, "csrf_token"), csrf);
  cr_assert_str_eq(sec_str(r, "username"), "officer1");
  sec_free(r);

  /* A write with the cookie but no (or a wrong) CSRF token is refused. */
  r = sec_call(srv, "POST", "/api/v1/auth/totp/enrol", &oc);
  cr_assert_eq(r->status, 403);
  cr_assert_str_eq(sec_error(r), "auth.csrf");
  sec_free(r);
  sec_opts bad = {.cookie = cookie, .csrf = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"};
  r = sec_call(srv, "POST", "/api/v1/auth/totp/enrol", &bad);
  cr_assert_eq(r->status, 403);
  sec_free(r);
  /* The bearer header is exempt: it is not sent by a browser on its own. */
  sec_opts ob = {.bearer = token};
  r = sec_call(srv, "POST", "/api/v1/auth/totp/enrol", &ob);
  cr_assert_eq(r->status, 200, "%s", json_dumps(r->body, 0));
  sec_free(r);
  /* Logout with the cookie and the right token. */
  sec_opts good = {.cookie = cookie, .csrf = csrf};
  r = sec_call(srv, "POST", "/api/v1/auth/logout", &good);
  cr_assert_eq(r->status, 200, "%s", json_dumps(r->body, 0));
  char *cleared = sec_set_cookie(r, "motcua_session");
  cr_assert(cleared && strstr(cleared, "Max-Age=0"), "%s", r->headers);
  sec_free(r);
  r = sec_call(srv, "GET", "/api/v1/auth/me", &oc);
  cr_assert_eq(r->status, 401);
  sec_free(r);
  free(cleared); free(line); free(cookie); free(csrf); free(token);
}

Test(api_auth, rotation_and_cookie_only_login) {
  sec_resp *r = login("citizen1", SEC_PW, NULL, NULL);
  char *c1 = sec_cookie_pair(r, "motcua_session");
  sec_free(r);
  /* Logging in again while holding a session replaces it (public route: no CSRF needed). */
  r = login("citizen1", SEC_PW, ",\"session\":\"cookie\"", c1);
  cr_assert_eq(r->status, 200, "%s", json_dumps(r->body, 0));
  cr_assert_null(json_object_get(r->body, "token"), "cookie-only login does not return the token");
  char *c2 = sec_cookie_pair(r, "motcua_session");
  cr_assert_str_neq(c1, c2);
  sec_free(r);
  sec_opts o1 = {.cookie = c1}, o2 = {.cookie = c2};
  r = sec_call(srv, "GET", "/api/v1/auth/me", &o1);
  cr_assert_eq(r->status, 401, "the old session is gone");
  sec_free(r);
  r = sec_call(srv, "GET", "/api/v1/auth/me", &o2);
  cr_assert_eq(r->status, 200);
  sec_free(r);
  /* A stale cookie does not block a public route. */
  r = sec_call(srv, "GET", "/api/v1/auth/providers", &o1);
  cr_assert_eq(r->status, 200);
  cr_assert_eq(json_array_size(json_object_get(r->body, "items")), 0);
  sec_free(r);
  free(c1); free(c2);
}

Test(api_auth, lockout_is_429_with_retry_after) {
  for (int i = 0; i < 3; i++) {
    sec_resp *r = login("officer2", "wrong-password", NULL, NULL);
    cr_assert_eq(r->status, 401);
    cr_assert_str_eq(sec_error(r), "auth.invalid_login");
    sec_free(r);
  }
  sec_resp *r = login("officer2", SEC_PW, NULL, NULL);
  cr_assert_eq(r->status, 429, "%s", json_dumps(r->body, 0));
  cr_assert_str_eq(sec_error(r), "auth.locked");
  char *ra = sec_header(r, "Retry-After");
  cr_assert(ra && strtol(ra, NULL, 10) > 100 && strtol(ra, NULL, 10) <= 120, "Retry-After %s", ra ? ra : "(none)");
  free(ra);
  sec_free(r);
  /* An administrator lifts it. */
  r = login("admin1", SEC_PW, NULL, NULL);
  char *admin = strdup(sec_str(r, "token"));
  sec_free(r);
  sec_opts oa = {.bearer = admin};
  r = sec_call(srv, "POST", "/api/v1/users/officer2/unlock", &oa);
  cr_assert_eq(r->status, 200, "%s", json_dumps(r->body, 0));
  sec_free(r);
  r = login("officer2", SEC_PW, NULL, NULL);
  cr_assert_eq(r->status, 200);
  sec_free(r);
  /* Non-admins may not. */
  r = login("officer1", SEC_PW, NULL, NULL);
  sec_opts oo = {.bearer = sec_str(r, "token")};
  sec_resp *r2 = sec_call(srv, "POST", "/api/v1/users/officer2/unlock", &oo);
  cr_assert_eq(r2->status, 403);
  sec_free(r2);
  sec_free(r);
  free(admin);
}

Test(api_auth, totp_over_http) {
  sec_resp *r = login("officer1", SEC_PW, NULL, NULL);
  char *tok = strdup(sec_str(r, "token"));
  sec_free(r);
  sec_opts o = {.bearer = tok};
  r = sec_call(srv, "POST", "/api/v1/auth/totp/enrol", &o);
  cr_assert_eq(r->status, 200);
  unsigned char key[64];
  size_t n;
  cr_assert(mc_base32_decode(sec_str(r, "secret"), key, sizeof key, &n));
  cr_assert(strncmp(sec_str(r, "otpauth_uri"), "otpauth://totp/motcua:officer1?secret=", 38) == 0);
  sec_free(r);
  char body[64];
  snprintf(body, sizeof body, "{\"code\":\"%06u\"}", mc_totp(key, n, MC_TOTP_SHA1, mc_now(), 30, 6));
  sec_opts oc = {.bearer = tok, .body = body};
  r = sec_call(srv, "POST", "/api/v1/auth/totp/confirm", &oc);
  cr_assert_eq(r->status, 200, "%s", json_dumps(r->body, 0));
  sec_free(r);
  r = login("officer1", SEC_PW, NULL, NULL);
  cr_assert_eq(r->status, 401);
  cr_assert_str_eq(sec_error(r), "auth.totp_required");
  sec_free(r);
  /* The next step's code (the confirming one was used). */
  char extra[64];
  snprintf(extra, sizeof extra, ",\"totp\":\"%06u\"", mc_totp(key, n, MC_TOTP_SHA1, mc_now() + 30, 30, 6));
  r = login("officer1", SEC_PW, extra, NULL);
  cr_assert_eq(r->status, 200, "%s", json_dumps(r->body, 0));
  cr_assert(json_is_true(json_object_get(json_object_get(r->body, "user"), "totp")));
  sec_free(r);
  r = login("officer1", SEC_PW, extra, NULL);
  cr_assert_eq(r->status, 401, "replayed code");
  cr_assert_str_eq(sec_error(r), "auth.totp_invalid");
  sec_free(r);
  free(tok);
}

Test(api_auth, password_reset_through_the_outbox) {
  sec_opts o = {.body = "{\"username\":\"officer1\"}"};
  sec_resp *r = sec_call(srv, "POST", "/api/v1/auth/password/forgot", &o);
  cr_assert_eq(r->status, 202);
  sec_free(r);
  sec_opts unknown = {.body = "{\"username\":\"nobody\"}"};
  r = sec_call(srv, "POST", "/api/v1/auth/password/forgot", &unknown);
  cr_assert_eq(r->status, 202, "the same answer for an unknown account");
  sec_free(r);
  /* The mail relay takes the message from the outbox. */
  char *out;
  const char *args[] = {"auth", "outbox", "--take", NULL};
  cr_assert_eq(th_cli(srv, &out, args), 0, "%s", out);
  json_t *msg = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
  cr_assert(msg, "%s", out);
  cr_assert_str_eq(json_string_value(json_object_get(msg, "address")), "officer1@example.vn");
  const char *bodytext = json_string_value(json_object_get(msg, "body"));
  const char *p = strstr(bodytext, ":\n\n");
  cr_assert(p);
  char token[44];
  snprintf(token, sizeof token, "%.43s", p + 3);
  json_decref(msg);
  free(out);
  cr_assert_eq(th_cli(srv, &out, args), 0);
  cr_assert_eq(strlen(out), 0, "taken messages are gone: %s", out);
  free(out);
  char body[256];
  snprintf(body, sizeof body, "{\"token\":\"%s\",\"password\":\"mat-khau-moi\"}", token);
  sec_opts rs = {.body = body};
  r = sec_call(srv, "POST", "/api/v1/auth/password/reset", &rs);
  cr_assert_eq(r->status, 200, "%s", json_dumps(r->body, 0));
  sec_free(r);
  r = sec_call(srv, "POST", "/api/v1/auth/password/reset", &rs);
  cr_assert_eq(r->status, 422, "single use");
  cr_assert_str_eq(sec_error(r), "auth.reset_invalid");
  sec_free(r);
  r = login("officer1", "mat-khau-moi", NULL, NULL);
  cr_assert_eq(r->status, 200);
  sec_free(r);
}

Test(api_auth, admin_reset_codes_only_for_staff) {
  sec_resp *r = login("admin1", SEC_PW, NULL, NULL);
  sec_opts oa = {.bearer = sec_str(r, "token")};
  sec_resp *r2 = sec_call(srv, "POST", "/api/v1/users/citizen1/reset-token", &oa);
  cr_assert_eq(r2->status, 403);
  cr_assert_str_eq(sec_error(r2), "auth.citizen_account");
  sec_free(r2);
  r2 = sec_call(srv, "POST", "/api/v1/users/officer2/reset-token", &oa);
  cr_assert_eq(r2->status, 200);
  cr_assert_eq(strlen(sec_str(r2, "token")), 43);
  sec_free(r2);
  r2 = sec_call(srv, "POST", "/api/v1/users/nobody/reset-token", &oa);
  cr_assert_eq(r2->status, 404);
  sec_free(r2);
  sec_free(r);
}

Test(api_auth, my_audit_shows_my_account_events) {
  sec_resp *r = login("citizen1", SEC_PW, NULL, NULL);
  sec_opts o = {.bearer = sec_str(r, "token")};
  sec_resp *r2 = sec_call(srv, "GET", "/api/v1/me/audit", &o);
  cr_assert_eq(r2->status, 200);
  json_t *items = json_object_get(r2->body, "items");
  cr_assert_geq(json_array_size(items), 2, "user.create and auth.login");
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 0), "action")), "auth.login");
  sec_free(r2);
  /* Staff-only audit listing. */
  r2 = sec_call(srv, "GET", "/api/v1/audit", &o);
  cr_assert_eq(r2->status, 403);
  sec_free(r2);
  sec_free(r);
}

TestSuite(api_auth_cfg, .fini = stop);

Test(api_auth_cfg, throttling_per_address) {
  start_with("[auth]\nlogin_per_minute = 4\n");
  int throttled = 0;
  for (int i = 0; i < 6; i++) {
    sec_resp *r = login("nobody", "wrong-password", NULL, NULL);
    if (r->status == 429) {
      throttled++;
      cr_assert_str_eq(sec_error(r), "auth.throttled");
      char *ra = sec_header(r, "Retry-After");
      cr_assert(ra && strtol(ra, NULL, 10) >= 1 && strtol(ra, NULL, 10) <= 60);
      free(ra);
    } else {
      cr_assert_eq(r->status, 401);
    }
    sec_free(r);
  }
  /* 4 per minute: the 5th and 6th are refused (7 if the minute turned in between). */
  cr_assert(throttled >= 1 && throttled <= 2, "throttled %d", throttled);
}

Test(api_auth_cfg, secure_cookies_behind_tls) {
  start_with("[server]\ncookie_secure = true\n");
  sec_resp *r = login("citizen2", SEC_PW, NULL, NULL);
  cr_assert_eq(r->status, 200);
  char *line = sec_set_cookie(r, "__Host-motcua_session");
  cr_assert(line && strstr(line, "; Secure") && strstr(line, "Path=/"), "%s", r->headers);
  char *hsts = sec_header(r, "Strict-Transport-Security");
  cr_assert(hsts && strstr(hsts, "max-age="), "%s", r->headers);
  char *pair = sec_cookie_pair(r, "__Host-motcua_session");
  sec_free(r);
  sec_opts o = {.cookie = pair};
  r = sec_call(srv, "GET", "/api/v1/auth/me", &o);
  cr_assert_eq(r->status, 200);
  sec_free(r);
  /* The plain name is not accepted when the prefix is configured. */
  char plain[256];
  snprintf(plain, sizeof plain, "motcua_session=%s", strchr(pair, '=') + 1);
  sec_opts op = {.cookie = plain};
  r = sec_call(srv, "GET", "/api/v1/auth/me", &op);
  cr_assert_eq(r->status, 401);
  sec_free(r);
  free(line); free(hsts); free(pair);
}
