/* h_dossiers.c — HTTP handlers of the dossier life-cycle: submit, list (inbox
 * by urgency), detail, actions, attachments, and the public lookup. Rules,
 * permissions and deadlines are in core/dossier*.c and core/workflow.c;
 * these parse input, call the core and reply. */
#include "core/dossier.h"
#include "http/handlers.h"
#include "http/server.h"
#include "util/json.h"
#include "util/str.h"
#include <stdio.h>
#include <string.h>

/* The dossier as the caller may see it; after_change: the reply to the
 * caller's own change (not audited again as a read). */
static mc_rc reply_detail(mc_req *r, int status, const mc_dossier *d, bool after_change) {
  json_t *j;
  mc_rc rc = mc_dossier_detail(r->db, r->arena, r->who, d, after_change, &j, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, status, j);
}

/* ---- submit ----------------------------------------------------------------- */

static mc_rc read_applicant(mc_req *r, const json_t *o, mc_applicant *ap) {
  static const char *const fields[] = {"name", "kind", "id_number", "phone", "email", "address", NULL};
  mc_err *e = &r->err;
  mc_rc rc;
  if ((rc = mc_json_only(o, fields, "applicant", e)) ||
      (rc = mc_json_str(o, "name", false, MC_APPLICANT_NAME_MAX, &ap->name, "applicant", e)) ||
      (rc = mc_json_str(o, "kind", false, 16, &ap->kind, "applicant", e)) ||
      (rc = mc_json_str(o, "id_number", false, 20, &ap->id_number, "applicant", e)) ||
      (rc = mc_json_str(o, "phone", false, 20, &ap->phone, "applicant", e)) ||
      (rc = mc_json_str(o, "email", false, 254, &ap->email, "applicant", e)) ||
      (rc = mc_json_str(o, "address", false, MC_ADDRESS_MAX, &ap->address, "applicant", e)))
    return rc;
  return MC_OK;
}

static mc_rc submit(mc_req *r) {
  static const char *const fields[] = {"procedure", "channel", "unit", "handling_unit", "applicant", "form", NULL};
  mc_dossier_new in = {0};
  json_t *applicant = NULL, *form = NULL;
  int64_t channel = 0;
  mc_err *e = &r->err;
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, e)) ||
      (rc = mc_json_str(r->body, "procedure", true, 64, &in.procedure_code, NULL, e)) ||
      (rc = mc_json_int(r->body, "channel", false, 1, 3, &channel, NULL, e)) ||
      (rc = mc_json_str(r->body, "unit", false, 64, &in.unit_code, NULL, e)) ||
      (rc = mc_json_str(r->body, "handling_unit", false, 64, &in.handling_unit_code, NULL, e)) ||
      (rc = mc_json_obj(r->body, "applicant", false, &applicant, NULL, e)) ||
      (rc = mc_json_obj(r->body, "form", false, &form, NULL, e)))
    return rc;
  if (applicant && (rc = read_applicant(r, applicant, &in.applicant))) return rc;
  in.channel = (int)channel;
  in.form = form;
  mc_dossier *d;
  if ((rc = mc_dossier_submit(r->db, r->arena, r->who, &in, &d, e))) return rc;
  mc_reply_header(r, "Location", mc_arena_printf(r->arena, "/api/v1/dossiers/%s", d->code));
  return reply_detail(r, 201, d, true);
}

/* ---- list and detail ---------------------------------------------------------- */

static mc_rc list(mc_req *r) {
  mc_dossier_filter f = {
    .scope = mc_req_query(r, "scope"),
    .state = mc_req_query(r, "state"),
    .procedure_code = mc_req_query(r, "procedure"),
    .q = mc_req_query(r, "q"),
    .sort = mc_req_query(r, "sort"),
  };
  int64_t late;
  mc_rc rc;
  if ((rc = mc_req_query_int(r, "late", 0, 1, 0, &late)) ||
      (rc = mc_req_query_int(r, "limit", 1, MC_DOSSIER_PAGE_MAX, 50, &f.limit)) ||
      (rc = mc_req_query_int(r, "offset", 0, 100000000, 0, &f.offset)))
    return rc;
  if (f.procedure_code && strlen(f.procedure_code) > 64)
    return mc_fail(&r->err, MC_EINVAL, "query.too_long", "procedure", "A procedure code has at most 64 characters.");
  f.late = late == 1;
  if (f.scope && !*f.scope) f.scope = NULL;
  if (f.state && !*f.state) f.state = NULL;
  if (f.procedure_code && !*f.procedure_code) f.procedure_code = NULL;
  json_t *items;
  int64_t total;
  if ((rc = mc_dossiers_list(r->db, r->arena, r->who, &f, &items, &total, &r->err))) return rc;
  return mc_reply_page(r, items, total, f.limit, f.offset);
}

static mc_rc get_one(mc_req *r) {
  mc_dossier *d;
  mc_rc rc = mc_dossier_open(r->db, r->arena, r->who, mc_req_param(r, "code"), &d, &r->err);
  if (rc) return rc;
  return reply_detail(r, 200, d, false);
}

/* ---- actions ------------------------------------------------------------------ */

/* "YYYY-MM-DD" = by the end of that day's last working session; otherwise an instant. */
static mc_rc parse_due(mc_req *r, const char *s, mc_time *out) {
  int32_t day;
  if (mc_date_parse(s, &day)) {
    const mc_sessions *ss = &mc_default_sessions;
    *out = mc_local_instant(day, ss->n > 0 ? ss->end[ss->n - 1] : 86399);
    return MC_OK;
  }
  if (mc_time_parse(s, out)) return MC_OK;
  return mc_fail(&r->err, MC_EINVAL, "json.wrong_type", "new_due",
                 "The field \"new_due\" must be a date (YYYY-MM-DD) or a date and time.");
}

static mc_rc act(mc_req *r) {
  static const char *const fields[] = {"note", "reason", "new_due", "to_unit", "score", "comment", "version", NULL};
  mc_daction a;
  const char *name = mc_req_param(r, "action");
  if (!mc_daction_parse(name, &a) || a == MC_DA_SUBMIT)
    return mc_fail(&r->err, MC_ENOTFOUND, "dossier.unknown_action", "action",
                   "There is no dossier action \"%.40s\".", name ? name : "");
  mc_act_params p = {0};
  const char *due = NULL;
  int64_t score = 0, version = 0;
  mc_err *e = &r->err;
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, e)) ||
      (rc = mc_json_str(r->body, "note", false, MC_NOTE_MAX, &p.note, NULL, e)) ||
      (rc = mc_json_str(r->body, "reason", false, MC_NOTE_MAX, &p.reason, NULL, e)) ||
      (rc = mc_json_str(r->body, "new_due", false, 32, &due, NULL, e)) ||
      (rc = mc_json_str(r->body, "to_unit", false, 64, &p.to_unit, NULL, e)) ||
      (rc = mc_json_int(r->body, "score", false, 1, 5, &score, NULL, e)) ||
      (rc = mc_json_str(r->body, "comment", false, MC_NOTE_MAX, &p.comment, NULL, e)) ||
      (rc = mc_json_int(r->body, "version", false, 1, INT64_MAX, &version, NULL, e)))
    return rc;
  if (due && (rc = parse_due(r, due, &p.new_due))) return rc;
  p.score = (int)score;
  p.expected_version = version;
  mc_dossier *d;
  if ((rc = mc_dossier_open(r->db, r->arena, r->who, mc_req_param(r, "code"), &d, e))) return rc;
  if ((rc = mc_dossier_act(r->db, r->arena, r->who, d, a, &p, e))) return rc;
  return reply_detail(r, 200, d, true);
}

/* ---- attachments ------------------------------------------------------------- */

static mc_rc query_bool(mc_req *r, const char *name, bool def, bool *out) {
  const char *v = mc_req_query(r, name);
  if (!v || !*v) { *out = def; return MC_OK; }
  if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0) { *out = true; return MC_OK; }
  if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0) { *out = false; return MC_OK; }
  return mc_fail(&r->err, MC_EINVAL, "query.bad_value", name, "The parameter \"%s\" must be true or false.", name);
}

static mc_rc upload(mc_req *r) {
  mc_attach_new in = {.data = r->raw, .len = r->raw_len, .content_type = r->content_type};
  const char *kind = mc_req_query(r, "kind");
  if (kind && *kind && !mc_attach_kind_parse(kind, &in.kind))
    return mc_fail(&r->err, MC_EINVAL, "query.bad_value", "kind",
                   "The parameter \"kind\" is component, supplement or result.");
  in.component = mc_req_query(r, "component");
  in.name = mc_req_query(r, "name");
  if ((in.component && strlen(in.component) > 64) || (in.name && strlen(in.name) > 255))
    return mc_fail(&r->err, MC_EINVAL, "query.too_long", in.name && strlen(in.name) > 255 ? "name" : "component",
                   "The component code or file name is too long.");
  mc_rc rc;
  if ((rc = query_bool(r, "digitised", true, &in.digitised)) || (rc = query_bool(r, "reused", false, &in.reused)))
    return rc;
  mc_dossier *d;
  if ((rc = mc_dossier_open(r->db, r->arena, r->who, mc_req_param(r, "code"), &d, &r->err))) return rc;
  int64_t id;
  if ((rc = mc_dossier_attach(r->db, r->arena, r->app->data_dir, r->who, d, &in, &id, &r->err))) return rc;
  return mc_reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)id, "dossier", d->code,
                                         "kind", mc_attach_kind_name(in.kind), "version", (json_int_t)d->version));
}

/* Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266). */
static const char *disposition(mc_arena *a, const char *name) {
  size_t n = strlen(name);
  char *ascii = mc_arena_alloc(a, n + 1), *pct = mc_arena_alloc(a, n * 3 + 1);
  if (!ascii || !pct) return "attachment";
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)name[i];
    ascii[i] = (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') ? '_' : (char)c;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_')
      pct[k++] = (char)c;
    else
      k += (size_t)snprintf(pct + k, 4, "%%%02X", c);
  }
  ascii[n] = 0;
  pct[k] = 0;
  return mc_arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, pct);
}

static mc_rc download(mc_req *r) {
  int64_t id;
  if (!mc_parse_i64(mc_req_param(r, "id"), 1, INT64_MAX, &id))
    return mc_fail(&r->err, MC_ENOTFOUND, "dossier.attachment_not_found", "id", "No such attachment.");
  mc_dossier *d;
  mc_rc rc = mc_dossier_open(r->db, r->arena, r->who, mc_req_param(r, "code"), &d, &r->err);
  if (rc) return rc;
  const void *data;
  size_t len;
  const char *type, *name;
  if ((rc = mc_dossier_attachment(r->db, r->arena, r->app->data_dir, r->who, d, id, &data, &len, &type, &name, &r->err)))
    return rc;
  if ((rc = mc_reply_bytes(r, 200, type, data, len))) return rc;
  mc_reply_header(r, "Content-Disposition", disposition(r->arena, name));
  return MC_OK;
}

/* ---- public lookup ------------------------------------------------------------ */

static mc_rc lookup(mc_req *r) {
  const char *code = mc_req_query(r, "code"), *key = mc_req_query(r, "key");
  if (mc_str_empty(code) || mc_str_empty(key))
    return mc_fail(&r->err, MC_EINVAL, "query.missing", mc_str_empty(code) ? "code" : "key",
                   "Give the dossier code and the applicant's phone number or identification number.");
  if (strlen(code) > MC_DOSSIER_CODE_MAX || strlen(key) > 32)
    return mc_fail(&r->err, MC_EINVAL, "query.too_long", "code", "The code or the key is too long.");
  json_t *j;
  mc_rc rc = mc_dossier_lookup(r->db, r->arena, code, key, &j, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, j);
}

#define SUBMITTERS (MC_ROLE_BIT(MC_ROLE_CITIZEN) | MC_ROLE_BIT(MC_ROLE_OFFICER))

#define SUBMIT_SCHEMA \
  "{\"type\":\"object\",\"required\":[\"procedure\"],\"additionalProperties\":false,\"properties\":{" \
  "\"procedure\":{\"type\":\"string\",\"maxLength\":64,\"description\":\"procedure code\"}," \
  "\"channel\":{\"type\":\"integer\",\"enum\":[1,2,3],\"description\":\"1 in person, 2 online, 3 postal\"}," \
  "\"unit\":{\"type\":\"string\",\"maxLength\":64,\"description\":\"receiving unit code (citizens)\"}," \
  "\"handling_unit\":{\"type\":\"string\",\"maxLength\":64}," \
  "\"applicant\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{" \
  "\"name\":{\"type\":\"string\",\"maxLength\":200},\"kind\":{\"enum\":[\"citizen\",\"business\"]}," \
  "\"id_number\":{\"type\":\"string\"},\"phone\":{\"type\":\"string\"},\"email\":{\"type\":\"string\"}," \
  "\"address\":{\"type\":\"string\",\"maxLength\":300}}}," \
  "\"form\":{\"type\":\"object\",\"description\":\"e-form data, validated against the procedure's e-form\"}}}"

#define ACTION_SCHEMA \
  "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{" \
  "\"note\":{\"type\":\"string\",\"maxLength\":2000}," \
  "\"reason\":{\"type\":\"string\",\"maxLength\":2000,\"description\":\"refuse, request_supplement, stop, apology\"}," \
  "\"new_due\":{\"type\":\"string\",\"description\":\"apology: YYYY-MM-DD or date-time\"}," \
  "\"to_unit\":{\"type\":\"string\",\"maxLength\":64,\"description\":\"transfer: unit code\"}," \
  "\"score\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5,\"description\":\"rate\"}," \
  "\"comment\":{\"type\":\"string\",\"maxLength\":2000}," \
  "\"version\":{\"type\":\"integer\",\"minimum\":1,\"description\":\"the version you saw (409 if it changed)\"}}}"

const mc_route mc_routes_dossiers[] = {
  {"POST", "/api/v1/dossiers", SUBMITTERS, submit, "dossiers",
   "Submit a dossier: a citizen online for self, or an officer at the desk for an applicant",
   SUBMIT_SCHEMA, 0, 0, NULL},
  {"GET", "/api/v1/dossiers", MC_ANYONE_LOGGED_IN, list, "dossiers",
   "List dossiers: staff their inbox (current step at their unit and role), leaders their subtree, "
   "citizens their own; most urgent first",
   NULL, 0, 0, "scope,state,procedure,late,q,sort,limit,offset"},
  {"GET", "/api/v1/dossiers/{code}", MC_ANYONE_LOGGED_IN, get_one, "dossiers",
   "One dossier: events, step timing (form 06), attachments, time left and the actions allowed now",
   NULL, 0, 0, NULL},
  {"POST", "/api/v1/dossiers/{code}/actions/{action}", MC_ANYONE_LOGGED_IN, act, "dossiers",
   "Apply a workflow action (receive, refuse, request_supplement, complete_supplement, forward, send_back, "
   "transfer, request_payment, confirm_payment, stop, withdraw, return_result, apology, rate)",
   ACTION_SCHEMA, 0, 16384, NULL},
  {"POST", "/api/v1/dossiers/{code}/attachments", MC_ANYONE_LOGGED_IN, upload, "dossiers",
   "Upload a file (the body; Content-Type = its type) as a component, supplement or result",
   NULL, MC_ROUTE_RAW, 0, "component,kind,name,digitised,reused"},
  {"GET", "/api/v1/dossiers/{code}/attachments/{id}", MC_ANYONE_LOGGED_IN, download, "dossiers",
   "Download an attachment of a dossier", NULL, 0, 0, NULL},
  {"GET", "/api/v1/lookup", 0, lookup, "dossiers",
   "Public lookup by dossier code and the applicant's phone or identification number", NULL, 0, 0, "code,key"},
  {0},
};
