/* h_users.c — account administration over HTTP (admins): list and search
 * accounts, create one, enable or disable it, change its role or unit. The
 * rules live in core/users.c and core/auth.c. */
#include "http/handlers.h"
#include "util/json.h"

#define ADMIN MC_ROLE_BIT(MC_ROLE_ADMIN)

static mc_rc list(mc_req *r) {
  mc_users_filter f = {.q = mc_req_query(r, "q"), .role = mc_req_query(r, "role"), .unit = mc_req_query(r, "unit")};
  mc_rc rc;
  if ((rc = mc_req_query_int(r, "limit", 1, 200, 25, &f.limit)) ||
      (rc = mc_req_query_int(r, "offset", 0, 10000000, 0, &f.offset)))
    return rc;
  json_t *page;
  if ((rc = mc_users_list(r->db, r->arena, &f, &page, &r->err))) return rc;
  return mc_reply_json(r, 200, page);
}

static mc_rc create(mc_req *r) {
  static const char *const fields[] = {"username", "full_name", "role", "unit_code", "password", "email",
                                       "phone", "id_number", NULL};
  mc_user_new u = {0};
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "username", true, 64, &u.username, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "full_name", true, 200, &u.full_name, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "role", true, 32, &u.role, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "unit_code", false, 64, &u.unit_code, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "password", true, MC_PASSWORD_MAX, &u.password, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "email", false, 254, &u.email, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "phone", false, 20, &u.phone, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "id_number", false, 12, &u.id_number, NULL, &r->err)))
    return rc;
  int64_t id;
  if ((rc = mc_user_create(r->db, &u, &id, &r->err))) return rc;
  return mc_reply_json(r, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "username", u.username,
                                         "role", u.role));
}

static mc_rc update(mc_req *r) {
  static const char *const fields[] = {"disabled", "role", "unit_code", NULL};
  mc_user_patch p = {0};
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "role", false, 32, &p.role, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "unit_code", false, 64, &p.unit_code, NULL, &r->err)))
    return rc;
  if (json_object_get(r->body, "disabled")) {
    p.set_disabled = true;
    if ((rc = mc_json_bool(r->body, "disabled", true, &p.disabled, NULL, &r->err))) return rc;
  }
  if ((rc = mc_user_update(r->db, r->who, mc_req_param(r, "username"), &p, &r->err))) return rc;
  return mc_reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

const mc_route mc_routes_users[] = {
  {"GET", "/api/v1/users", ADMIN, list, "users", "Accounts, searched by name, role or unit (paged)",
   NULL, 0, 0, "q,role,unit,limit,offset"},
  {"POST", "/api/v1/users", ADMIN, create, "users", "Create an account (staff belong to a unit)",
   "{\"type\":\"object\",\"required\":[\"username\",\"full_name\",\"role\",\"password\"],\"additionalProperties\":false,"
   "\"properties\":{\"username\":{\"type\":\"string\",\"maxLength\":64},\"full_name\":{\"type\":\"string\",\"maxLength\":200},"
   "\"role\":{\"type\":\"string\",\"enum\":[\"citizen\",\"officer\",\"specialist\",\"unit_leader\",\"province_leader\",\"admin\"]},"
   "\"unit_code\":{\"type\":\"string\"},\"password\":{\"type\":\"string\",\"minLength\":8,\"maxLength\":256},"
   "\"email\":{\"type\":\"string\"},\"phone\":{\"type\":\"string\"},\"id_number\":{\"type\":\"string\"}}}", 0, 8192, NULL},
  {"PATCH", "/api/v1/users/{username}", ADMIN, update, "users", "Enable or disable an account, change its role or unit",
   "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"disabled\":{\"type\":\"boolean\"},"
   "\"role\":{\"type\":\"string\"},\"unit_code\":{\"type\":\"string\"}}}", 0, 4096, NULL},
  {0},
};
