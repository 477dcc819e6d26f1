/* h_meta.c — health, version, the OpenAPI document, login, logout and "me". */
#include "core/config.h"
#include "http/handlers.h"
#include "http/openapi.h"
#include "http/security.h"
#include "util/json.h"
#include <string.h>

static mc_rc health(mc_req *r) {
  return mc_reply_json(r, 200, json_pack("{s:s, s:s, s:i}", "status", "ok", "storage",
                                         mc_db_driver_name(r->db), "schema", mc_db_schema_version(r->db)));
}

static mc_rc openapi(mc_req *r) { return mc_reply_json(r, 200, mc_openapi_document()); }

/* The logged-in person as the front end sees them (their own data only). */
static json_t *principal_json(const mc_principal *p) {
  return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s*, s:s, s:s*, s:i, s:b, s:b}",
                   "id", (json_int_t)p->user_id, "username", p->username, "full_name", p->full_name,
                   "role", mc_role_name(p->role), "unit_id", p->unit_id ? json_integer(p->unit_id) : json_null(),
                   "id_number", p->id_number, "auth_method", p->auth_method ? p->auth_method : "password",
                   "provider", p->provider, "assurance", p->assurance, "vneid", p->vneid, "totp", p->totp);
}

static mc_rc throttled(mc_req *r, int retry_after) {
  mc_fail(&r->err, MC_EBUSY, "auth.throttled", NULL,
          "Too many attempts from your address; wait %d seconds and try again.", retry_after);
  mc_err_detail(&r->err, "retry_after", json_integer(retry_after));
  return MC_EBUSY;
}

static mc_rc login(mc_req *r) {
  static const char *const fields[] = {"username", "password", "totp", "session", NULL};
  const char *user = NULL, *pw = NULL, *totp = NULL, *mode = "both";
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "username", true, 64, &user, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "password", true, 256, &pw, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "totp", false, 8, &totp, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "session", false, 8, &mode, NULL, &r->err)))
    return rc;
  if (strcmp(mode, "both") != 0 && strcmp(mode, "cookie") != 0 && strcmp(mode, "token") != 0)
    return mc_fail(&r->err, MC_EINVAL, "json.out_of_range", "session", "\"session\" is cookie, token or both.");
  int retry;
  if (!mc_throttle_hit("login", mc_req_client(r), mc_config_current()->login_per_minute, &retry))
    return throttled(r, retry);
  mc_login in = {.username = user, .password = pw, .totp = totp, .old_token = mc_req_session_token(r),
                 .client = mc_req_client(r)};
  const char *token;
  mc_principal who;
  if ((rc = mc_auth_login_ex(r->db, r->arena, &in, &token, &who, &r->err))) return rc;
  if (strcmp(mode, "token") != 0) mc_reply_session_cookie(r, token);
  json_t *out = json_pack("{s:s, s:o}", "csrf_token", mc_auth_csrf_token(r->arena, token), "user", principal_json(&who));
  if (strcmp(mode, "cookie") != 0) json_object_set_new(out, "token", json_string(token));
  return mc_reply_json(r, 200, out);
}

static mc_rc logout(mc_req *r) {
  mc_rc rc = mc_auth_logout(r->db, r->token, &r->err);
  if (rc) return rc;
  mc_reply_clear_session_cookie(r);
  return mc_reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

static mc_rc me(mc_req *r) {
  json_t *j = principal_json(r->who);
  json_object_set_new(j, "csrf_token", json_string(mc_auth_csrf_token(r->arena, r->token)));
  return mc_reply_json(r, 200, j);
}

const mc_route mc_routes_meta[] = {
  {"GET", "/api/v1/health", 0, health, "meta", "Liveness and storage check", NULL, 0, 0, NULL},
  {"GET", "/api/v1/openapi.json", 0, openapi, "meta", "This OpenAPI document", NULL, MC_ROUTE_NO_DB, 0, NULL},
  {"POST", "/api/v1/auth/login", 0, login, "auth",
   "Log in with username and password (and TOTP code when enabled); sets the session cookie and returns "
   "the bearer token and the CSRF token",
   "{\"type\":\"object\",\"required\":[\"username\",\"password\"],\"additionalProperties\":false,"
   "\"properties\":{\"username\":{\"type\":\"string\",\"maxLength\":64},\"password\":{\"type\":\"string\",\"maxLength\":256},"
   "\"totp\":{\"type\":\"string\",\"pattern\":\"^[0-9]{6}$\"},\"session\":{\"type\":\"string\",\"enum\":[\"both\",\"cookie\",\"token\"]}}}",
   0, 4096, NULL},
  {"POST", "/api/v1/auth/logout", MC_ANYONE_LOGGED_IN, logout, "auth", "End the current session", NULL, 0, 0, NULL},
  {"GET", "/api/v1/auth/me", MC_ANYONE_LOGGED_IN, me, "auth",
   "The logged-in user, how they logged in (method, provider, assurance, VNeID) and the CSRF token", NULL, 0, 0, NULL},
  {0},
};
