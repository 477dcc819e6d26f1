/* h_procedures.c — HTTP handlers of the procedure catalogue: public search,
 * one procedure in full, the fields (lĩnh vực); admin create, update, import
 * and export. Every rule is in core/procedure*.c; these only parse and reply. */
#include "core/procedure.h"
#include "http/handlers.h"
#include <string.h>
#include <strings.h>

static json_t *page_items(const mc_procedure_page *pg) {
  json_t *items = json_array();
  for (int i = 0; i < pg->n; i++) json_array_append_new(items, mc_procedure_to_json(&pg->items[i], false));
  return items;
}

static mc_rc list(mc_req *r) {
  mc_procedure_filter f = {
    .q = mc_req_query(r, "q"),
    .field_code = mc_req_query(r, "field"),
    .unit_kind = mc_req_query(r, "unit_kind"),
    .online = mc_req_query(r, "online"),
  };
  mc_rc rc;
  if ((rc = mc_req_query_int(r, "limit", 1, MC_PROC_PAGE_MAX, 20, &f.limit)) ||
      (rc = mc_req_query_int(r, "offset", 0, 1000000, 0, &f.offset)))
    return rc;
  /* Withdrawn procedures are listed for administrators who ask for them. */
  const char *inactive = mc_req_query(r, "include_inactive");
  f.include_inactive = inactive && strcmp(inactive, "true") == 0 && r->who && r->who->role == MC_ROLE_ADMIN;
  mc_procedure_page pg;
  if ((rc = mc_procedures_search(r->db, r->arena, &f, &pg, &r->err))) return rc;
  return mc_reply_page(r, page_items(&pg), pg.total, f.limit, f.offset);
}

static mc_rc get_one(mc_req *r) {
  mc_procedure *p;
  mc_rc rc = mc_procedure_get(r->db, r->arena, mc_req_param(r, "code"), &p, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, mc_procedure_to_json(p, true));
}

static mc_rc fields(mc_req *r) {
  mc_field_info *items;
  int n;
  mc_rc rc = mc_fields_list(r->db, r->arena, &items, &n, &r->err);
  if (rc) return rc;
  json_t *arr = json_array();
  for (int i = 0; i < n; i++)
    json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:I}", "code", items[i].code, "name", items[i].name,
                                         "procedures", (json_int_t)items[i].procedures, "online",
                                         (json_int_t)items[i].online));
  return mc_reply_page(r, arr, n, n, 0);
}

static mc_rc reply_saved(mc_req *r, int status, const char *code) {
  mc_procedure *p;
  mc_rc rc = mc_procedure_get(r->db, r->arena, code, &p, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, status, mc_procedure_to_json(p, true));
}

static mc_rc create(mc_req *r) {
  int64_t id;
  mc_rc rc = mc_procedure_save(r->db, r->body, MC_SAVE_CREATE, NULL, &id, &r->err);
  if (rc) return rc;
  return reply_saved(r, 201, json_string_value(json_object_get(r->body, "code")));
}

static mc_rc update(mc_req *r) {
  int64_t id;
  const char *code = mc_req_param(r, "code");
  mc_rc rc = mc_procedure_save(r->db, r->body, MC_SAVE_UPDATE, code, &id, &r->err);
  if (rc) return rc;
  return reply_saved(r, 200, code);
}

static mc_rc import(mc_req *r) {
  const char *ct = r->content_type ? r->content_type : "";
  const char *format = mc_req_query(r, "format");
  if (!format) {
    if (strncasecmp(ct, "application/json", 16) == 0) format = "json";
    else if (strncasecmp(ct, "text/csv", 8) == 0) format = "csv";
    else
      return mc_fail(&r->err, MC_EUNSUPPORTED, "http.unsupported_media_type", NULL,
                     "Send the catalogue as application/json or text/csv (or add ?format=json|csv).");
  } else if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0) {
    return mc_fail(&r->err, MC_EINVAL, "query.bad_value", "format", "The parameter \"format\" must be json or csv.");
  }
  int count;
  mc_rc rc = mc_procedures_import(r->db, format, r->raw, r->raw_len, &count, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, json_pack("{s:i, s:s}", "imported", count, "format", format));
}

static mc_rc export(mc_req *r) {
  const char *format = mc_req_query(r, "format");
  if (!format || !*format) format = "json";
  if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0)
    return mc_fail(&r->err, MC_EINVAL, "query.bad_value", "format", "The parameter \"format\" must be json or csv.");
  mc_buf b;
  mc_buf_init(&b, 0);
  mc_rc rc = mc_procedures_export(r->db, format, &b, &r->err);
  if (!rc) {
    bool csv = strcmp(format, "csv") == 0;
    rc = mc_reply_bytes(r, 200, csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
                        b.data ? b.data : "", b.len);
    mc_reply_header(r, "Content-Disposition",
                    csv ? "attachment; filename=\"procedures.csv\"" : "attachment; filename=\"procedures.json\"");
  }
  mc_buf_release(&b);
  return rc;
}

#define ADMIN MC_ROLE_BIT(MC_ROLE_ADMIN)

/* The procedure document (procedure.h); the core checks it in full. */
#define PROCEDURE_SCHEMA \
  "{\"type\":\"object\",\"required\":[\"name\",\"field_code\",\"field_name\",\"level\",\"unit_kinds\"," \
  "\"time_unit\",\"online_level\",\"result_type\",\"citizen_kind\"],\"properties\":{" \
  "\"code\":{\"type\":\"string\",\"maxLength\":64,\"pattern\":\"^[A-Za-z0-9][A-Za-z0-9._-]*$\"}," \
  "\"name\":{\"type\":\"string\",\"maxLength\":500}," \
  "\"field_code\":{\"type\":\"string\",\"maxLength\":40},\"field_name\":{\"type\":\"string\",\"maxLength\":200}," \
  "\"level\":{\"enum\":[\"province\",\"department\",\"district\",\"commune\"]}," \
  "\"unit_kinds\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":5,\"items\":{\"enum\":[\"province\"," \
  "\"department\",\"district\",\"commune\",\"other\"]}}," \
  "\"time_amount\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":2000}," \
  "\"time_unit\":{\"enum\":[\"working_days\",\"working_hours\",\"days\",\"same_day\"]}," \
  "\"rule_1500\":{\"type\":\"boolean\"},\"online_level\":{\"enum\":[\"full\",\"partial\",\"none\"]}," \
  "\"full_eligible\":{\"type\":\"boolean\"},\"result_type\":{\"enum\":[\"paper\",\"electronic\",\"both\"]}," \
  "\"citizen_kind\":{\"enum\":[\"citizen\",\"business\",\"both\"]}," \
  "\"decided_on\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"}," \
  "\"effective_on\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"}," \
  "\"published_on\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"}," \
  "\"payment_integrated\":{\"type\":\"boolean\"},\"active\":{\"type\":\"boolean\"}," \
  "\"fees\":{\"type\":\"array\",\"maxItems\":20,\"items\":{\"type\":\"object\",\"required\":[\"code\",\"name\"," \
  "\"amount\",\"kind\"],\"additionalProperties\":false,\"properties\":{\"code\":{\"type\":\"string\"}," \
  "\"name\":{\"type\":\"string\"},\"amount\":{\"type\":\"integer\",\"minimum\":0},\"kind\":{\"enum\":[\"phi\"," \
  "\"le_phi\"]}}}}," \
  "\"components\":{\"type\":\"array\",\"maxItems\":60,\"items\":{\"type\":\"object\",\"required\":[\"code\"," \
  "\"name\"],\"additionalProperties\":false,\"properties\":{\"code\":{\"type\":\"string\"},\"name\":{\"type\":" \
  "\"string\"},\"required\":{\"type\":\"boolean\"},\"from_store\":{\"type\":\"boolean\"}}}}," \
  "\"eform\":{\"type\":[\"object\",\"null\"],\"description\":\"e-form definition (eform.h)\"}," \
  "\"workflow\":{\"type\":[\"object\",\"null\"],\"description\":\"workflow steps (workflow.h)\"}}}"

const mc_route mc_routes_procedures[] = {
  {"GET", "/api/v1/procedures", 0, list, "procedures",
   "Search the procedure catalogue (text ignores case and diacritics; filters by field, unit kind, online level)",
   NULL, 0, 0, "q,field,unit_kind,online,include_inactive,limit,offset"},
  {"GET", "/api/v1/procedures/export", ADMIN, export, "procedures",
   "Export the whole catalogue as JSON or CSV (imports back to the same data)", NULL, 0, 0, "format"},
  {"POST", "/api/v1/procedures/import", ADMIN, import, "procedures",
   "Import procedures from JSON or CSV (by Content-Type or ?format); all or nothing, updates by code",
   NULL, MC_ROUTE_RAW, MC_PROC_IMPORT_MAX, "format"},
  {"POST", "/api/v1/procedures", ADMIN, create, "procedures", "Create a procedure", PROCEDURE_SCHEMA, 0,
   MC_PROC_DOC_MAX * 2 + 65536, NULL},
  {"GET", "/api/v1/procedures/{code}", 0, get_one, "procedures",
   "One procedure in full: fees, components, e-form, workflow, processing time, online level, dates",
   NULL, 0, 0, NULL},
  {"PUT", "/api/v1/procedures/{code}", ADMIN, update, "procedures",
   "Replace a procedure (same checks as the import; the code cannot change)", PROCEDURE_SCHEMA, 0,
   MC_PROC_DOC_MAX * 2 + 65536, NULL},
  {"GET", "/api/v1/fields", 0, fields, "procedures",
   "The fields (lĩnh vực) of the catalogue with their number of active and online procedures", NULL, 0, 0, NULL},
  {0},
};
