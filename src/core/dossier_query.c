/* dossier_query.c — reading dossiers: lists by scope (inbox, unit, subtree,
 * own, all) sorted by urgency, the detail with events, step timing,
 * attachments and the actions allowed now, and the public lookup (dossier.h). */
#include "core/dossier_int.h"
#include "core/eform.h"
#include "core/files.h"
#include "util/str.h"
#include <string.h>

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }
static json_t *id_or_null(int64_t id) { return id ? json_integer(id) : json_null(); }

static json_t *unit_json(int64_t id, const char *code, const char *name) {
  if (!id) return json_null();
  return json_pack("{s:I, s:o, s:o}", "id", (json_int_t)id, "code", str_or_null(code), "name", str_or_null(name));
}

json_t *mc_dossier_summary_json(const mc_dossier *d, const mc_time_left *t) {
  json_t *j = json_object();
  json_object_set_new(j, "code", json_string(d->code));
  json_object_set_new(j, "procedure", json_pack("{s:s, s:s}", "code", d->procedure_code, "name", d->procedure_name));
  json_object_set_new(j, "applicant_name", json_string(d->applicant.name));
  json_object_set_new(j, "channel", json_integer(d->channel));
  json_object_set_new(j, "state", json_string(mc_dstate_name(d->state)));
  json_object_set_new(j, "status", json_integer(mc_dstate_status(d->state)));
  json_object_set_new(j, "status_label", json_string(mc_status_label(mc_dstate_status(d->state))));
  json_object_set_new(j, "receiving_unit", unit_json(d->receiving_unit_id, d->receiving_unit_code, d->receiving_unit_name));
  json_object_set_new(j, "handling_unit", unit_json(d->handling_unit_id, d->handling_unit_code, d->handling_unit_name));
  json_object_set_new(j, "step", d->step_code
      ? json_pack("{s:i, s:s, s:o, s:o}", "index", d->step_index, "code", d->step_code, "unit",
                  unit_json(d->step_unit_id, d->step_unit_code, d->step_unit_name), "role", str_or_null(d->step_role))
      : json_null());
  json_object_set_new(j, "submitted_at", mc_time_json(d->submitted_at));
  json_object_set_new(j, "received_at", mc_time_json(d->received_at));
  json_object_set_new(j, "due_at", mc_time_json(d->due_at));
  json_object_set_new(j, "apology_due_at", mc_time_json(d->apology_due_at));
  json_object_set_new(j, "ended_at", mc_time_json(d->ended_at));
  json_object_set_new(j, "end_status", d->ended_at ? json_integer(d->end_status) : json_null());
  json_object_set_new(j, "on_time", d->ended_at ? json_boolean(d->on_time == 1) : json_null());
  json_object_set_new(j, "supplements", json_integer(d->supplements));
  if (t) json_object_set_new(j, "time_left", mc_time_left_json(t));
  json_object_set_new(j, "version", json_integer(d->version));
  return j;
}

/* ---- lists ------------------------------------------------------------------ */

static mc_rc pick_scope(const mc_principal *who, const char *want, const char **scope, mc_err *err) {
  static const char *const known[] = {"inbox", "unit", "subtree", "all", "own", NULL};
  bool ok = !want;
  for (int i = 0; want && known[i]; i++) ok |= strcmp(want, known[i]) == 0;
  if (!ok)
    return mc_fail(err, MC_EINVAL, "query.bad_scope", "scope",
                   "The scope is one of inbox, unit, subtree, all, own.");
  const char *def, *allowed;
  switch (who->role) {
  case MC_ROLE_CITIZEN: def = "own"; allowed = "own"; break;
  case MC_ROLE_OFFICER:
  case MC_ROLE_SPECIALIST: def = "inbox"; allowed = "inbox,unit"; break;
  case MC_ROLE_UNIT_LEADER: def = "subtree"; allowed = "inbox,unit,subtree"; break;
  default: def = "all"; allowed = "all"; break;
  }
  *scope = want ? want : def;
  if (!strstr(allowed, *scope))
    return mc_fail(err, MC_EFORBIDDEN, "dossier.scope_forbidden", "scope",
                   "Your role (%s) lists dossiers in the scopes: %s.", mc_role_name(who->role), allowed);
  if (strcmp(*scope, "own") != 0 && strcmp(*scope, "all") != 0 && !who->unit_id)
    return mc_fail(err, MC_EFORBIDDEN, "dossier.scope_forbidden", "scope", "Your account has no unit.");
  return MC_OK;
}

/* q for LIKE … ESCAPE '\': %, _ and \ taken literally. */
static const char *like_escape(mc_arena *a, const char *q) {
  char *out = mc_arena_alloc(a, strlen(q) * 2 + 1), *o = out;
  if (!out) return NULL;
  for (const char *p = q; *p; p++) {
    if (*p == '%' || *p == '_' || *p == '\\') *o++ = '\\';
    *o++ = *p;
  }
  *o = 0;
  return out;
}

mc_rc mc_dossiers_list(mc_db *db, mc_arena *a, const mc_principal *who, const mc_dossier_filter *f,
                       json_t **items, int64_t *total, mc_err *err) {
  const char *scope = NULL;
  mc_rc rc = pick_scope(who, f->scope, &scope, err);
  if (rc) return rc;
  mc_dstate state;
  if (f->state && !mc_dstate_parse(f->state, &state))
    return mc_fail(err, MC_EINVAL, "query.bad_state", "state", "Unknown state \"%.40s\".", f->state);
  if (f->q && mc_utf8_len(f->q) > MC_DOSSIER_QUERY_MAX)
    return mc_fail(err, MC_EINVAL, "query.too_long", "q", "The search text has at most %d characters.", MC_DOSSIER_QUERY_MAX);
  if (f->sort && strcmp(f->sort, "urgency") != 0 && strcmp(f->sort, "newest") != 0)
    return mc_fail(err, MC_EINVAL, "query.bad_sort", "sort", "Sort by \"urgency\" or \"newest\".");
  const char *q = mc_str_empty(f->q) ? NULL : like_escape(a, f->q);
  int64_t limit = f->limit > 0 && f->limit <= MC_DOSSIER_PAGE_MAX ? f->limit : 50;
  int64_t offset = f->offset > 0 ? f->offset : 0;
  int64_t key = strcmp(scope, "own") == 0 ? who->user_id : who->unit_id;
  const char *role = mc_role_name(who->role);
  mc_time now = mc_now();
  char lq[32], cq[32];
  snprintf(lq, sizeof lq, "dossiers.list_%s", scope);
  snprintf(cq, sizeof cq, "dossiers.count_%s", scope);
  if ((rc = mc_db_i64(db, cq, total, err, "ssiisis", f->state, f->procedure_code, (int64_t)f->late,
                      (int64_t)now, q, key, role)))
    return rc;
  const mc_calendar *cal;
  if ((rc = mc_calendar_get(db, &cal, err))) return rc;
  int64_t warn = mc_dossier_warn_seconds(db);
  mc_stmt *st = mc_db_prep(db, lq, err, "ssiissiiis", f->state, f->procedure_code, (int64_t)f->late,
                           (int64_t)now, q, f->sort ? f->sort : "urgency", limit, offset, key, role);
  json_t *arr = json_array();
  int r = st ? 0 : -1;
  while (st && (r = mc_stmt_next(st, err)) > 0) {
    mc_dossier d;
    if ((rc = mc_dossier_from_row(st, a, false, &d, err))) break;
    mc_time_left t;
    mc_dossier_time_left(cal, &d, now, warn, &t);
    json_array_append_new(arr, mc_dossier_summary_json(&d, &t));
  }
  if (rc) while (mc_stmt_next(st, NULL) > 0) {}
  mc_calendar_put(cal);
  if (rc || r < 0) { json_decref(arr); return rc ? rc : err->rc; }
  *items = arr;
  return MC_OK;
}

/* ---- detail ----------------------------------------------------------------- */

static mc_rc rows_json(mc_db *db, const char *query, int64_t id, json_t **out, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, query, err, "i", id);
  if (!st) return err->rc;
  json_t *arr = json_array();
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) json_array_append_new(arr, mc_row_json(st));
  if (r < 0) { json_decref(arr); return err->rc; }
  *out = arr;
  return MC_OK;
}

/* Instants stored as integers → ISO text for the named members. */
static void times_to_text(json_t *arr, const char *const keys[]) {
  size_t i;
  json_t *o;
  json_array_foreach(arr, i, o) {
    for (int k = 0; keys[k]; k++) {
      json_t *v = json_object_get(o, keys[k]);
      if (json_is_integer(v)) json_object_set_new(o, keys[k], mc_time_json(json_integer_value(v)));
    }
  }
}

static mc_rc attachments_json(mc_db *db, mc_arena *a, int64_t id, json_t **out, mc_err *err) {
  json_t *arr;
  mc_rc rc = rows_json(db, "dossiers.attachments", id, &arr, err);
  if (rc) return rc;
  static const char *const tk[] = {"at", NULL};
  times_to_text(arr, tk);
  size_t i;
  json_t *o;
  json_array_foreach(arr, i, o) {
    mc_file_meta m;
    if ((rc = mc_files_get(db, a, json_integer_value(json_object_get(o, "file_id")), &m, err))) {
      json_decref(arr);
      return rc;
    }
    json_object_set_new(o, "name", json_string(m.filename));
    json_object_set_new(o, "content_type", json_string(m.mime));
    json_object_set_new(o, "size", json_integer(m.size));
    json_object_set_new(o, "digitised", json_boolean(json_integer_value(json_object_get(o, "digitised"))));
    json_object_set_new(o, "reused", json_boolean(json_integer_value(json_object_get(o, "reused"))));
  }
  *out = arr;
  return MC_OK;
}

mc_rc mc_dossier_detail(mc_db *db, mc_arena *a, const mc_principal *who, const mc_dossier *d,
                        bool after_change, json_t **out, mc_err *err) {
  mc_rc rc;
  /* Staff reading a citizen's dossier leave a trace (audit.h). */
  if (who && who->role != MC_ROLE_CITIZEN && !after_change &&
      (rc = mc_dossier_audit(db, who, "dossier.read", d, NULL, err)))
    return rc;
  const mc_calendar *cal;
  if ((rc = mc_calendar_get(db, &cal, err))) return rc;
  mc_time now = mc_now();
  int64_t warn = mc_dossier_warn_seconds(db);
  mc_time_left t;
  mc_dossier_time_left(cal, d, now, warn, &t);
  json_t *j = mc_dossier_summary_json(d, &t);
  json_object_set_new(j, "applicant", json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "name", d->applicant.name,
      "kind", d->applicant.kind, "id_number", str_or_null(d->applicant.id_number),
      "phone", str_or_null(d->applicant.phone), "email", str_or_null(d->applicant.email),
      "address", str_or_null(d->applicant.address)));
  json_object_set_new(j, "owner_user_id", id_or_null(d->owner_user_id));
  json_object_set_new(j, "submitted_by", id_or_null(d->submitted_by));
  json_object_set_new(j, "on_behalf", json_boolean(d->on_behalf));
  json_object_set_new(j, "form", json_deep_copy(d->form));
  json_object_set_new(j, "workflow", json_deep_copy(d->workflow));
  json_object_set_new(j, "paused_since", mc_time_json(d->paused_since));
  json_object_set_new(j, "paused_seconds", json_integer(d->paused_seconds));
  json_object_set_new(j, "handling_seconds", d->ended_at ? json_integer(d->handling_seconds) : json_null());
  json_object_set_new(j, "flags", json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b}",
      "vneid", d->vneid, "has_fee", d->has_fee, "paid_online", d->paid_online, "has_result", d->has_result,
      "e_result", d->e_result, "digitised", d->digitised, "reused", d->reused,
      "store_linked", d->store_linked, "synced", d->synced, "complaint", d->complaint));
  json_object_set_new(j, "rating", d->rating ? json_pack("{s:i, s:o}", "score", d->rating, "comment",
                                                         str_or_null(d->rating_comment)) : json_null());
  json_t *events = NULL, *steps = NULL, *atts = NULL;
  static const char *const ek[] = {"at", NULL};
  static const char *const sk[] = {"started_at", "due_at", "ended_at", NULL};
  if ((rc = rows_json(db, "dossiers.events", d->id, &events, err)) ||
      (rc = rows_json(db, "dossiers.steps", d->id, &steps, err)) ||
      (rc = attachments_json(db, a, d->id, &atts, err))) {
    mc_calendar_put(cal);
    json_decref(events);
    json_decref(steps);
    json_decref(j);
    return rc;
  }
  size_t i;
  json_t *o;
  json_array_foreach(steps, i, o) {
    json_t *ot = json_object_get(o, "on_time"), *due = json_object_get(o, "due_at");
    if (json_is_integer(ot)) json_object_set_new(o, "on_time", json_boolean(json_integer_value(ot)));
    /* The open step's own time left (paused steps have none). */
    if (json_is_null(json_object_get(o, "ended_at")) && json_is_integer(due) && !d->paused_since) {
      mc_time_left st;
      mc_time_left_until(cal, json_integer_value(due), now, warn, &st);
      json_object_set_new(o, "time_left", mc_time_left_json(&st));
    }
  }
  mc_calendar_put(cal);
  times_to_text(events, ek);
  times_to_text(steps, sk);
  json_object_set_new(j, "events", events);
  json_object_set_new(j, "steps", steps);
  json_object_set_new(j, "attachments", atts);
  json_object_set_new(j, "allowed", mc_wf_allowed_json(mc_dossier_allowed(who, d)));
  *out = j;
  return MC_OK;
}

/* ---- public lookup --------------------------------------------------------------- */

static bool key_matches(const mc_dossier *d, const char *key) {
  if (mc_str_empty(key)) return false;
  if (d->applicant.id_number && strcmp(d->applicant.id_number, key) == 0) return true;
  char norm[MC_PHONE_MAX];
  return d->applicant.phone && mc_phone_normalize(key, norm) && strcmp(d->applicant.phone, norm) == 0;
}

mc_rc mc_dossier_lookup(mc_db *db, mc_arena *a, const char *code, const char *key, json_t **out,
                        mc_err *err) {
  mc_dossier *d;
  mc_rc rc = mc_dossier_get(db, a, code, &d, err);
  if (rc == MC_ENOTFOUND || (!rc && !key_matches(d, key))) {
    mc_err_clear(err);
    return mc_fail(err, MC_ENOTFOUND, "dossier.not_found", "code",
                   "No dossier matches this code and phone number or identification number.");
  }
  if (rc) return rc;
  const mc_calendar *cal;
  if ((rc = mc_calendar_get(db, &cal, err))) return rc;
  mc_time_left t;
  mc_dossier_time_left(cal, d, mc_now(), mc_dossier_warn_seconds(db), &t);
  mc_calendar_put(cal);
  json_t *steps;
  if ((rc = rows_json(db, "dossiers.steps", d->id, &steps, err))) return rc;
  json_t *pub = json_array();
  size_t i;
  json_t *o;
  json_array_foreach(steps, i, o) {
    json_array_append_new(pub, json_pack("{s:O, s:O, s:o, s:o}", "name", json_object_get(o, "step_name"),
        "unit_name", json_object_get(o, "unit_name"),
        "started_at", mc_time_json(json_integer_value(json_object_get(o, "started_at"))),
        "ended_at", mc_time_json(json_integer_value(json_object_get(o, "ended_at")))));
  }
  json_decref(steps);
  int status = mc_dstate_status(d->state);
  *out = json_pack("{s:s, s:{s:s, s:s}, s:i, s:s, s:o, s:o, s:o, s:o}", "code", d->code,
                   "procedure", "code", d->procedure_code, "name", d->procedure_name, "status", status,
                   "status_label", mc_status_label(status), "received_at", mc_time_json(d->received_at),
                   "due_at", mc_time_json(d->due_at), "time_left", mc_time_left_json(&t), "steps", pub);
  return *out ? MC_OK : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}
