/* h_units.c — HTTP handlers of administrative units: public lists, one unit
 * with its history, children, the nested tree; admin create, update, import
 * and export. The rules are in core/unit*.c; these parse, call and reply. */
#include "core/unit.h"
#include "http/handlers.h"
#include "util/json.h"
#include "util/time.h"
#include <string.h>
#include <strings.h>

/* ?at=YYYY-MM-DD (default: today in Vietnam), or ?at=all for every date. */
static mc_rc query_day(mc_req *r, int32_t *day) {
  const char *v = mc_req_query(r, "at");
  if (!v || !*v) { *day = mc_local_day(mc_now()); return MC_OK; }
  if (strcmp(v, "all") == 0) { *day = MC_UNIT_ANY_DAY; return MC_OK; }
  if (!mc_date_parse(v, day))
    return mc_fail(&r->err, MC_EINVAL, "query.bad_date", "at",
                   "The parameter \"at\" must be a date YYYY-MM-DD or \"all\".");
  return MC_OK;
}

static mc_rc page(mc_req *r, mc_unit_query *q) {
  mc_rc rc;
  if ((rc = query_day(r, &q->at)) ||
      (rc = mc_req_query_int(r, "limit", 1, MC_UNITS_PAGE_MAX, 50, &q->limit)) ||
      (rc = mc_req_query_int(r, "offset", 0, MC_UNITS_ROWS_MAX, 0, &q->offset)))
    return rc;
  json_t *items;
  int64_t total;
  if ((rc = mc_units_list(r->db, r->arena, q, &items, &total, &r->err))) return rc;
  return mc_reply_page(r, items, total, q->limit, q->offset);
}

static mc_rc list(mc_req *r) {
  mc_unit_query q = {.q = mc_req_query(r, "q"), .kind = mc_req_query(r, "kind"),
                     .parent_code = mc_req_query(r, "parent")};
  static const char *const kinds[] = {"province", "department", "district", "commune", "other"};
  bool known = !q.kind || !*q.kind;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !known; i++) known = strcmp(q.kind, kinds[i]) == 0;
  if (!known)
    return mc_fail(&r->err, MC_EINVAL, "query.bad_value", "kind",
                   "The parameter \"kind\" must be province, department, district, commune or other.");
  return page(r, &q);
}

static mc_rc children(mc_req *r) {
  mc_unit *u;
  mc_rc rc = mc_unit_get(r->db, r->arena, mc_req_param(r, "code"), &u, &r->err);
  if (rc) return rc;
  mc_unit_query q = {.parent_code = u->code};
  return page(r, &q);
}

static mc_rc get_one(mc_req *r) {
  json_t *o;
  mc_rc rc = mc_unit_describe(r->db, mc_req_param(r, "code"), &o, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, o);
}

static mc_rc tree(mc_req *r) {
  int32_t day;
  mc_rc rc = query_day(r, &day);
  if (rc) return rc;
  const char *root = mc_req_query(r, "root");
  json_t *roots;
  if ((rc = mc_units_tree(r->db, r->arena, day, root && *root ? root : NULL, &roots, &r->err))) return rc;
  char at[16] = "all";
  if (day != MC_UNIT_ANY_DAY) mc_date_format(day, at, sizeof at);
  return mc_reply_json(r, 200, json_pack("{s:s, s:o}", "at", at, "roots", roots));
}

static mc_rc reply_unit(mc_req *r, int status, const char *code) {
  json_t *o;
  mc_rc rc = mc_unit_describe(r->db, code, &o, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, status, o);
}

static mc_rc create(mc_req *r) {
  mc_unit_in in;
  mc_rc rc;
  if ((rc = mc_unit_from_json(r->body, r->arena, 0, &in, &r->err)) ||
      (rc = mc_unit_create(r->db, &in, &r->err)))
    return rc;
  return reply_unit(r, 201, in.code);
}

static mc_rc update(mc_req *r) {
  mc_unit_in in;
  const char *code = mc_req_param(r, "code");
  mc_rc rc;
  if ((rc = mc_unit_from_json(r->body, r->arena, 0, &in, &r->err)) ||
      (rc = mc_unit_update(r->db, code, &in, &r->err)))
    return rc;
  return reply_unit(r, 200, code);
}

static mc_rc import(mc_req *r) {
  const char *ct = r->content_type ? r->content_type : "";
  const char *format;
  if (strncasecmp(ct, "application/json", 16) == 0) format = "json";
  else if (strncasecmp(ct, "text/csv", 8) == 0) format = "csv";
  else
    return mc_fail(&r->err, MC_EUNSUPPORTED, "http.unsupported_media_type", NULL,
                   "Send the units as text/csv or application/json.");
  int count;
  mc_rc rc = mc_units_import(r->db, format, r->raw, r->raw_len, &count, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, json_pack("{s:i, s:s}", "imported", count, "format", format));
}

static mc_rc export(mc_req *r) {
  const char *format = mc_req_query(r, "format");
  if (!format || !*format) format = "csv";
  bool csv = strcmp(format, "csv") == 0;
  if (!csv && strcmp(format, "json") != 0)
    return mc_fail(&r->err, MC_EINVAL, "query.bad_value", "format", "The parameter \"format\" must be csv or json.");
  mc_buf b;
  mc_buf_init(&b, 0);
  mc_rc rc = mc_units_export(r->db, format, &b, &r->err);
  if (!rc) {
    rc = mc_reply_bytes(r, 200, csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
                        b.data ? b.data : "", b.len);
    mc_reply_header(r, "Content-Disposition",
                    csv ? "attachment; filename=\"units.csv\"" : "attachment; filename=\"units.json\"");
  }
  mc_buf_release(&b);
  return rc;
}

#define ADMIN MC_ROLE_BIT(MC_ROLE_ADMIN)

#define DATE_OR_NULL "{\"type\":[\"string\",\"null\"],\"format\":\"date\"}"
#define UNIT_PROPS \
  "\"name\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":200}," \
  "\"kind\":{\"enum\":[\"province\",\"department\",\"district\",\"commune\",\"other\"]}," \
  "\"parent_code\":{\"type\":[\"string\",\"null\"],\"maxLength\":64}," \
  "\"valid_from\":" DATE_OR_NULL ",\"valid_to\":" DATE_OR_NULL "," \
  "\"successor_codes\":{\"type\":[\"array\",\"null\"],\"maxItems\":64,\"items\":{\"type\":\"string\"}," \
  "\"description\":\"units that took over on valid_to (merge/split)\"}"
#define CODE_PROP "\"code\":{\"type\":\"string\",\"maxLength\":64,\"pattern\":\"^[A-Za-z0-9._-]+$\"}"

const mc_route mc_routes_units[] = {
  {"GET", "/api/v1/units", 0, list, "units",
   "List administrative units valid on a date (name search ignores case and diacritics)", NULL, 0, 0,
   "q,kind,parent,at,limit,offset"},
  {"POST", "/api/v1/units", ADMIN, create, "units", "Create a unit (same checks as import)",
   "{\"type\":\"object\",\"required\":[\"code\",\"name\",\"kind\"],\"additionalProperties\":false,"
   "\"properties\":{" CODE_PROP "," UNIT_PROPS "}}", 0, 16384, NULL},
  {"GET", "/api/v1/units/tree", 0, tree, "units",
   "The unit tree valid on a date, nested (for the front end); optionally one subtree", NULL, 0, 0, "at,root"},
  {"POST", "/api/v1/units/import", ADMIN, import, "units",
   "Import units from a CSV (text/csv) or JSON (application/json) body: all rows or none", NULL, MC_ROUTE_RAW,
   MC_UNITS_IMPORT_MAX, NULL},
  {"GET", "/api/v1/units/export", ADMIN, export, "units",
   "Export every unit as CSV or JSON (imports back to the same data)", NULL, 0, 0, "format"},
  {"GET", "/api/v1/units/{code}", 0, get_one, "units",
   "One unit with its parent, number of children, predecessors and successors", NULL, 0, 0, NULL},
  {"PUT", "/api/v1/units/{code}", ADMIN, update, "units",
   "Replace a unit (absent members are cleared; same checks as import)",
   "{\"type\":\"object\",\"required\":[\"name\",\"kind\"],\"additionalProperties\":false,"
   "\"properties\":{" CODE_PROP "," UNIT_PROPS "}}", 0, 16384, NULL},
  {"GET", "/api/v1/units/{code}/children", 0, children, "units",
   "The direct children of a unit valid on a date", NULL, 0, 0, "at,limit,offset"},
  {0},
};
