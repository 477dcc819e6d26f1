/* h_audit.c — the audit log over HTTP: a citizen sees who viewed or handled
 * their data; an administrator lists entries and checks the chain. */
#include "core/audit.h"
#include "http/handlers.h"

static mc_rc page(mc_req *r, mc_audit_query *q) {
  mc_rc rc;
  if ((rc = mc_req_query_int(r, "limit", 1, 200, 50, &q->limit)) ||
      (rc = mc_req_query_int(r, "offset", 0, INT32_MAX, 0, &q->offset)))
    return rc;
  json_t *items;
  int64_t total;
  if ((rc = mc_audit_list(r->db, q, &items, &total, &r->err))) return rc;
  return mc_reply_page(r, items, total, q->limit, q->offset);
}

/* Everyone's own: entries whose subject is the caller's data (their dossiers,
 * their account), newest first; ?dossier=CODE narrows to one dossier. */
static mc_rc mine(mc_req *r) {
  mc_audit_query q = {.owner_id = r->who->user_id, .object_code = mc_req_query(r, "dossier")};
  return page(r, &q);
}

static mc_rc list(mc_req *r) {
  mc_audit_query q = {.object_type = mc_req_query(r, "object_type"), .object_code = mc_req_query(r, "object_code"),
                      .reader = r->who};
  if ((q.object_type == NULL) != (q.object_code == NULL))
    return mc_fail(&r->err, MC_EINVAL, "query.incomplete", "object_code",
                   "Give both object_type and object_code, or neither.");
  return page(r, &q);
}

static mc_rc verify(mc_req *r) {
  mc_audit_report rep;
  mc_rc rc = mc_audit_verify(r->db, 0, NULL, &rep, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, json_pack("{s:b, s:I, s:I, s:s, s:I, s:s}", "ok", rep.ok, "entries", (json_int_t)rep.entries,
                                         "head_seq", (json_int_t)rep.head_seq, "head_hash", rep.head_hash,
                                         "bad_seq", (json_int_t)rep.bad_seq, "problem", rep.problem));
}

const mc_route mc_routes_audit[] = {
  {"GET", "/api/v1/me/audit", MC_ANYONE_LOGGED_IN, mine, "audit",
   "Who viewed or handled my dossiers and my account (newest first)", NULL, 0, 0, "dossier,limit,offset"},
  {"GET", "/api/v1/audit", MC_ROLE_BIT(MC_ROLE_ADMIN), list, "audit",
   "Audit entries, all or about one object (newest first)", NULL, 0, 0, "object_type,object_code,limit,offset"},
  {"GET", "/api/v1/audit/verify", MC_ROLE_BIT(MC_ROLE_ADMIN), verify, "audit",
   "Check the audit hash chain end to end", NULL, 0, 0, NULL},
  {0},
};
