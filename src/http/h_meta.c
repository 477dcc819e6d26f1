/* h_meta.c — health, version, the OpenAPI document, login and logout. */
#include "http/handlers.h"
#include "http/openapi.h"
#include "util/json.h"

static mc_rc health(mc_req *r) {
  return mc_reply_json(r, 200, json_pack("{s:s, s:s, s:i}", "status", "ok", "storage",
                                         mc_db_driver_name(r->db), "schema", mc_db_schema_version(r->db)));
}

static mc_rc openapi(mc_req *r) { return mc_reply_json(r, 200, mc_openapi_document()); }

static json_t *principal_json(const mc_principal *p) {
  return json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)p->user_id, "username", p->username,
                   "full_name", p->full_name, "role", mc_role_name(p->role), "unit_id",
                   p->unit_id ? json_integer(p->unit_id) : json_null());
}

static mc_rc login(mc_req *r) {
  static const char *const fields[] = {"username", "password", NULL};
  const char *user = NULL, *pw = NULL;
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "username", true, 64, &user, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "password", true, 256, &pw, NULL, &r->err)))
    return rc;
  const char *token;
  mc_principal who;
  if ((rc = mc_auth_login(r->db, r->arena, user, pw, &token, &who, &r->err))) return rc;
  mc_reply_header(r, "Set-Cookie", mc_arena_printf(r->arena,
      "motcua_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d", token, MC_SESSION_TTL));
  return mc_reply_json(r, 200, json_pack("{s:s, s:o}", "token", token, "user", principal_json(&who)));
}

static mc_rc logout(mc_req *r) {
  mc_rc rc = mc_auth_logout(r->db, r->token, &r->err);
  if (rc) return rc;
  mc_reply_header(r, "Set-Cookie", "motcua_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return mc_reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

static mc_rc me(mc_req *r) { return mc_reply_json(r, 200, principal_json(r->who)); }

const mc_route mc_routes_meta[] = {
  {"GET", "/api/v1/health", 0, health, "meta", "Liveness and storage check", NULL, 0, 0, NULL},
  {"GET", "/api/v1/openapi.json", 0, openapi, "meta", "This OpenAPI document", NULL, MC_ROUTE_NO_DB, 0, NULL},
  {"POST", "/api/v1/auth/login", 0, login, "auth", "Log in with username and password; returns a bearer token",
   "{\"type\":\"object\",\"required\":[\"username\",\"password\"],\"additionalProperties\":false,"
   "\"properties\":{\"username\":{\"type\":\"string\",\"maxLength\":64},\"password\":{\"type\":\"string\",\"maxLength\":256}}}",
   0, 4096, NULL},
  {"POST", "/api/v1/auth/logout", MC_ANYONE_LOGGED_IN, logout, "auth", "End the current session", NULL, 0, 0, NULL},
  {"GET", "/api/v1/auth/me", MC_ANYONE_LOGGED_IN, me, "auth", "The logged-in user", NULL, 0, 0, NULL},
  {0},
};
