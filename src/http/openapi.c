/* openapi.c — build /api/v1/openapi.json from mc_route_tables. */
#include "http/openapi.h"
#include "http/router.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static json_t *error_schema(void) {
  return json_pack("{s:s, s:[s], s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}}}}}",
      "type", "object", "required", "error", "properties", "error",
      "type", "object", "required", "code", "message", "properties",
      "code", "type", "string", "message", "type", "string", "field", "type", "string");
}

static void op_id(const mc_route *rt, char *buf, size_t n) {
  size_t k = (size_t)snprintf(buf, n, "%s", rt->method);
  for (size_t i = 0; i < k; i++) buf[i] = (char)tolower((unsigned char)buf[i]);
  for (const char *p = rt->path + strlen("/api/v1"); *p && k + 2 < n; p++) {
    if (*p == '/' || *p == '-' || *p == '.') buf[k++] = '_';
    else if (*p != '{' && *p != '}') buf[k++] = *p;
  }
  buf[k] = 0;
}

static void add_route(const mc_route *rt, void *ctx) {
  json_t *paths = ctx;
  json_t *item = json_object_get(paths, rt->path);
  if (!item) { item = json_object(); json_object_set_new(paths, rt->path, item); }
  json_t *op = json_object();
  char id[160], method[8];
  op_id(rt, id, sizeof id);
  snprintf(method, sizeof method, "%s", rt->method);
  for (char *p = method; *p; p++) *p = (char)tolower((unsigned char)*p);
  json_object_set_new(op, "operationId", json_string(id));
  json_object_set_new(op, "summary", json_string(rt->summary ? rt->summary : ""));
  json_object_set_new(op, "tags", json_pack("[s]", rt->tag ? rt->tag : "misc"));
  json_t *params = json_array();
  for (const char *p = strchr(rt->path, '{'); p; p = strchr(p + 1, '{')) {
    const char *e = strchr(p, '}');
    json_array_append_new(params, json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", p + 1,
                                            (size_t)(e - p - 1), "in", "path", "required", 1,
                                            "schema", "type", "string"));
  }
  if (rt->query_params) {
    const char *q = rt->query_params;
    while (*q) {
      const char *e = strchr(q, ',');
      size_t n = e ? (size_t)(e - q) : strlen(q);
      json_array_append_new(params, json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", q, n, "in",
                                              "query", "required", 0, "schema", "type", "string"));
      q += n + (e ? 1 : 0);
    }
  }
  if (json_array_size(params)) json_object_set_new(op, "parameters", params);
  else json_decref(params);
  if (rt->flags & MC_ROUTE_RAW) {
    json_object_set_new(op, "requestBody", json_pack("{s:b, s:{s:{s:{s:s, s:s}}}}", "required", 1,
        "content", "*/*", "schema", "type", "string", "format", "binary"));
  } else if (rt->body_schema) {
    json_t *schema = json_loads(rt->body_schema, 0, NULL);
    if (!schema) schema = json_pack("{s:s, s:s}", "type", "object", "description", "(schema text invalid)");
    json_object_set_new(op, "requestBody", json_pack("{s:b, s:{s:{s:o}}}", "required", 1,
        "content", "application/json", "schema", schema));
  }
  json_object_set_new(op, "responses", json_pack("{s:{s:s}, s:{s:s, s:{s:{s:{s:s}}}}}",
      "200", "description", "Success",
      "default", "description", "Error", "content", "application/json", "schema",
      "$ref", "#/components/schemas/Error"));
  if (rt->roles) {
    json_object_set_new(op, "security", json_pack("[{s:[]}]", "bearer"));
    json_t *roles = json_array();
    for (int i = 0; i < MC_ROLE_COUNT; i++)
      if (rt->roles & MC_ROLE_BIT(i)) json_array_append_new(roles, json_string(mc_role_name((mc_role)i)));
    json_object_set_new(op, "x-roles", roles);
  }
  json_object_set_new(item, method, op);
}

json_t *mc_openapi_document(void) {
  json_t *paths = json_object();
  mc_route_each(add_route, paths);
  return json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:{s:o}, s:{s:{s:s, s:s}}}}",
      "openapi", "3.0.3",
      "info", "title", "motcua API", "version", "1",
      "description", "Public services, one-stop desk, 766 index and IOC of a Vietnamese province. "
                     "Errors: {\"error\":{\"code\",\"message\",\"field\"}} with stable codes.",
      "servers", "url", "/",
      "paths", paths,
      "components", "schemas", "Error", error_schema(),
      "securitySchemes", "bearer", "type", "http", "scheme", "bearer");
}
