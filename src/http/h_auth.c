/* h_auth.c — OpenID Connect login (start, callback, providers), TOTP
 * enrolment, password reset, and administrators' account actions. */
#include "core/config.h"
#include "core/oidc.h"
#include "http/handlers.h"
#include "http/security.h"
#include "util/json.h"
#include "util/str.h"
#include <string.h>
#include <strings.h>

static const char FLOW_COOKIE[] = "motcua_oidc";
static const char FLOW_PATH[] = "/api/v1/auth/oidc/";

static mc_rc throttled(mc_req *r, int retry_after) {
  mc_fail(&r->err, MC_EBUSY, "auth.throttled", NULL,
          "Too many attempts from your address; wait %d seconds and try again.", retry_after);
  mc_err_detail(&r->err, "retry_after", json_integer(retry_after));
  return MC_EBUSY;
}

/* ---- OpenID Connect ------------------------------------------------------------ */

static mc_rc providers(mc_req *r) {
  const mc_config *c = mc_config_current();
  json_t *items = json_array();
  for (int i = 0; i < c->nproviders; i++) {
    const mc_oidc_provider *p = &c->providers[i];
    json_array_append_new(items, json_pack("{s:s, s:s, s:b, s:s}", "name", p->name, "display_name", p->display_name,
                                           "vneid", p->vneid, "audience", p->staff ? "staff" : "citizen"));
  }
  return mc_reply_json(r, 200, json_pack("{s:o}", "items", items));
}

static void flow_cookie(mc_req *r, const char *value, int max_age) {
  mc_reply_header(r, "Set-Cookie", mc_arena_printf(r->arena, "%s=%s; Path=%s; HttpOnly; SameSite=Lax; Max-Age=%d%s",
                                                   FLOW_COOKIE, value, FLOW_PATH, max_age,
                                                   mc_config_current()->cookie_secure ? "; Secure" : ""));
}

static mc_rc oidc_start(mc_req *r) {
  const mc_config *c = mc_config_current();
  const char *name = mc_req_query(r, "provider");
  if (!name && c->nproviders) name = c->providers[0].name;
  const mc_oidc_provider *p = mc_config_provider(c, name);
  if (!p)
    return mc_fail(&r->err, MC_ENOTFOUND, "auth.unknown_provider", "provider",
                   "No identity provider \"%.32s\" is configured.", name ? name : "");
  int retry;
  if (!mc_throttle_hit("oidc", mc_req_client(r), c->login_per_minute, &retry)) return throttled(r, retry);
  const char *url, *binding;
  mc_rc rc = mc_oidc_start(r->db, r->arena, p, mc_req_query(r, "return_to"), &url, &binding, &r->err);
  if (rc) return rc;
  flow_cookie(r, binding, MC_OIDC_FLOW_TTL);
  mc_reply_header(r, "Location", url);
  return mc_reply_json(r, 302, json_pack("{s:s}", "location", url));
}

static bool wants_json(mc_req *r) {
  const char *a = mc_req_header(r, "Accept");
  return a && strncasecmp(a, "application/json", 16) == 0;
}

static mc_rc oidc_callback(mc_req *r) {
  mc_oidc_callback in = {
    .state = mc_req_query(r, "state"), .code = mc_req_query(r, "code"),
    .error = mc_req_query(r, "error"), .error_description = mc_req_query(r, "error_description"),
    .iss = mc_req_query(r, "iss"),
    .binding = mc_req_cookie(r, FLOW_COOKIE),
    .old_token = mc_req_session_token(r),
  };
  const char *token, *ret;
  mc_principal who;
  flow_cookie(r, "", 0);    /* one try per flow, whatever the outcome */
  mc_rc rc = mc_oidc_finish(r->db, r->arena, &in, &token, &who, &ret, &r->err);
  if (rc) {
    if (wants_json(r)) return rc;
    /* A browser lands back on the site, which shows the message for the code. */
    const char *loc = mc_arena_printf(r->arena, "/?auth_error=%s", r->err.code);
    mc_err_clear(&r->err);
    mc_reply_header(r, "Location", loc);
    return mc_reply_json(r, 302, json_pack("{s:s}", "location", loc));
  }
  mc_reply_session_cookie(r, token);
  mc_reply_header(r, "Location", ret);
  return mc_reply_json(r, 302, json_pack("{s:s}", "location", ret));
}

/* ---- TOTP ------------------------------------------------------------------------ */

static mc_rc totp_enrol(mc_req *r) {
  const char *secret, *uri;
  mc_rc rc = mc_totp_enrol(r->db, r->arena, r->who, &secret, &uri, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, json_pack("{s:s, s:s, s:i, s:i, s:s}", "secret", secret, "otpauth_uri", uri,
                                         "digits", 6, "period", 30, "algorithm", "SHA1"));
}

static mc_rc read_code(mc_req *r, const char **code) {
  static const char *const fields[] = {"code", NULL};
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "code", true, 8, code, NULL, &r->err)))
    return rc;
  return MC_OK;
}

static mc_rc totp_confirm(mc_req *r) {
  const char *code;
  mc_rc rc = read_code(r, &code);
  if (!rc) rc = mc_totp_confirm(r->db, r->who, code, &r->err);
  return rc ? rc : mc_reply_json(r, 200, json_pack("{s:b}", "totp", 1));
}

static mc_rc totp_disable(mc_req *r) {
  const char *code;
  mc_rc rc = read_code(r, &code);
  if (!rc) rc = mc_totp_disable(r->db, r->who, code, &r->err);
  return rc ? rc : mc_reply_json(r, 200, json_pack("{s:b}", "totp", 0));
}

/* ---- password reset ------------------------------------------------------------- */

static mc_rc forgot(mc_req *r) {
  static const char *const fields[] = {"username", NULL};
  const char *user;
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "username", true, 64, &user, NULL, &r->err)))
    return rc;
  int retry;
  if (!mc_throttle_hit("reset", mc_req_client(r), mc_config_current()->login_per_minute, &retry))
    return throttled(r, retry);
  if ((rc = mc_auth_reset_request(r->db, r->arena, user, &r->err))) return rc;
  return mc_reply_json(r, 202, json_pack("{s:s}", "message",
      "Nếu tài khoản tồn tại và có địa chỉ thư điện tử, mã đặt lại mật khẩu đã được gửi tới địa chỉ đó."));
}

static mc_rc reset(mc_req *r) {
  static const char *const fields[] = {"token", "password", NULL};
  const char *token, *pw;
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "token", true, MC_TOKEN_MAX, &token, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "password", true, MC_PASSWORD_MAX, &pw, NULL, &r->err)))
    return rc;
  int retry;
  if (!mc_throttle_hit("reset", mc_req_client(r), mc_config_current()->login_per_minute, &retry))
    return throttled(r, retry);
  if ((rc = mc_auth_reset_confirm(r->db, token, pw, &r->err))) return rc;
  return mc_reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* ---- administrators --------------------------------------------------------------- */

static mc_rc unlock(mc_req *r) {
  mc_rc rc = mc_auth_unlock(r->db, r->who, mc_req_param(r, "username"), &r->err);
  return rc ? rc : mc_reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

static mc_rc totp_reset(mc_req *r) {
  mc_rc rc = mc_totp_reset(r->db, r->who, mc_req_param(r, "username"), &r->err);
  return rc ? rc : mc_reply_json(r, 200, json_pack("{s:b}", "totp", 0));
}

static mc_rc reset_token(mc_req *r) {
  const char *token;
  mc_rc rc = mc_auth_reset_issue(r->db, r->arena, r->who, mc_req_param(r, "username"), &token, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, json_pack("{s:s, s:i}", "token", token, "expires_in", mc_config_current()->reset_ttl));
}

#define ADMIN MC_ROLE_BIT(MC_ROLE_ADMIN)
#define CODE_SCHEMA "{\"type\":\"object\",\"required\":[\"code\"],\"additionalProperties\":false," \
                    "\"properties\":{\"code\":{\"type\":\"string\",\"pattern\":\"^[0-9]{6}$\"}}}"

const mc_route mc_routes_auth[] = {
  {"GET", "/api/v1/auth/providers", 0, providers, "auth", "OpenID providers this site accepts (VNeID, the province's SSO)",
   NULL, MC_ROUTE_NO_DB, 0, NULL},
  {"GET", "/api/v1/auth/oidc/start", 0, oidc_start, "auth",
   "Begin an OpenID Connect login: redirects (302) to the provider with state, nonce and PKCE", NULL, 0, 0,
   "provider,return_to"},
  {"GET", "/api/v1/auth/oidc/callback", 0, oidc_callback, "auth",
   "The provider's redirect back: verifies the ID token, opens a session, redirects to return_to", NULL, 0, 0,
   "state,code,iss,error,error_description"},
  {"POST", "/api/v1/auth/totp/enrol", MC_ANYONE_LOGGED_IN, totp_enrol, "auth",
   "Start two-step login: a new TOTP secret and its otpauth:// URI", NULL, 0, 0, NULL},
  {"POST", "/api/v1/auth/totp/confirm", MC_ANYONE_LOGGED_IN, totp_confirm, "auth",
   "Confirm the authenticator with a code; TOTP is then required at login", CODE_SCHEMA, 0, 1024, NULL},
  {"POST", "/api/v1/auth/totp/disable", MC_ANYONE_LOGGED_IN, totp_disable, "auth",
   "Turn two-step login off (needs a current code)", CODE_SCHEMA, 0, 1024, NULL},
  {"POST", "/api/v1/auth/password/forgot", 0, forgot, "auth",
   "Ask for a password-reset code by e-mail (answers the same whether the account exists or not)",
   "{\"type\":\"object\",\"required\":[\"username\"],\"additionalProperties\":false,"
   "\"properties\":{\"username\":{\"type\":\"string\",\"maxLength\":64}}}", 0, 1024, NULL},
  {"POST", "/api/v1/auth/password/reset", 0, reset, "auth",
   "Set a new password with a one-time reset code; ends every session of the account",
   "{\"type\":\"object\",\"required\":[\"token\",\"password\"],\"additionalProperties\":false,"
   "\"properties\":{\"token\":{\"type\":\"string\",\"maxLength\":128},\"password\":{\"type\":\"string\",\"minLength\":8,\"maxLength\":256}}}",
   0, 2048, NULL},
  {"POST", "/api/v1/users/{username}/unlock", ADMIN, unlock, "users", "Lift a login lockout", NULL, 0, 0, NULL},
  {"POST", "/api/v1/users/{username}/totp-reset", ADMIN, totp_reset, "users",
   "Remove a staff member's lost authenticator", NULL, 0, 0, NULL},
  {"POST", "/api/v1/users/{username}/reset-token", ADMIN, reset_token, "users",
   "Issue a one-time password-reset code for a staff account (shown once)", NULL, 0, 0, NULL},
  {0},
};
