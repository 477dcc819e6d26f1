/* dossier.c — the dossier row: decoding, the index's facts, who the actor
 * is to a dossier, what they may see, the workflow snapshot's steps, and
 * the one write that every change ends with (dossier.h). */
#include "core/dossier_int.h"
#include "core/audit.h"
#include "core/unit.h"
#include "util/json.h"
#include "util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mc_dossier_setting(mc_db *db, const char *key, const char *def, char *out, size_t n) {
  mc_err e = {0};
  mc_stmt *st = mc_db_prep(db, "meta.setting_get", &e, "s", key);
  bool found = false;
  if (st && mc_stmt_next(st, &e) > 0) {
    const char *v = mc_col_text(st, 0);
    if (v && *v) { mc_strlcpy(out, v, n); found = true; }
    while (mc_stmt_next(st, &e) > 0) {}
  }
  mc_err_clear(&e);
  if (!found) mc_strlcpy(out, def, n);
}

json_t *mc_time_json(mc_time t) {
  if (!t) return json_null();
  char buf[32];
  mc_time_format(t, buf, sizeof buf);
  return json_string(buf);
}

/* ---- the row ------------------------------------------------------------ */

static const char *col_str(mc_stmt *st, mc_arena *a, int i) {
  return mc_col_null(st, i) ? NULL : mc_arena_strdup(a, mc_col_text(st, i));
}
static int64_t col_i(mc_stmt *st, int i) { return mc_col_null(st, i) ? 0 : mc_col_i64(st, i); }

static json_t *col_json(mc_stmt *st, mc_arena *a, int i) {
  if (mc_col_null(st, i)) return NULL;
  json_t *j = json_loads(mc_col_text(st, i), JSON_DECODE_ANY, NULL);
  return j ? mc_json_keep(a, j) : NULL;
}

mc_rc mc_dossier_from_row(mc_stmt *st, mc_arena *a, bool with_docs, mc_dossier *d, mc_err *err) {
  memset(d, 0, sizeof *d);
  d->id = col_i(st, DC_ID);
  d->code = col_str(st, a, DC_CODE);
  d->procedure_id = col_i(st, DC_PROC_ID);
  d->procedure_code = col_str(st, a, DC_PROC_CODE);
  d->procedure_name = col_str(st, a, DC_PROC_NAME);
  d->receiving_unit_id = col_i(st, DC_RECV_UNIT);
  d->handling_unit_id = col_i(st, DC_HAND_UNIT);
  d->channel = (int)col_i(st, DC_CHANNEL);
  d->applicant.name = col_str(st, a, DC_APP_NAME);
  d->applicant.kind = col_str(st, a, DC_APP_KIND);
  d->applicant.id_number = col_str(st, a, DC_APP_ID);
  d->applicant.phone = col_str(st, a, DC_APP_PHONE);
  d->applicant.email = col_str(st, a, DC_APP_EMAIL);
  d->applicant.address = col_str(st, a, DC_APP_ADDRESS);
  d->owner_user_id = col_i(st, DC_OWNER);
  d->submitted_by = col_i(st, DC_SUBMITTED_BY);
  d->on_behalf = col_i(st, DC_ON_BEHALF) != 0;
  d->vneid = col_i(st, DC_VNEID) != 0;
  if (with_docs) {
    d->form = col_json(st, a, DC_FORM);
    d->workflow = col_json(st, a, DC_WORKFLOW);
  }
  bool state_ok = mc_dstate_parse(mc_col_text(st, DC_STATE), &d->state);
  d->resume = MC_DS_NEW;
  if (!mc_col_null(st, DC_RESUME)) mc_dstate_parse(mc_col_text(st, DC_RESUME), &d->resume);
  d->step_index = (int)col_i(st, DC_STEP_INDEX);
  d->nsteps = (int)col_i(st, DC_NSTEPS);
  d->step_code = col_str(st, a, DC_STEP_CODE);
  d->step_unit_id = col_i(st, DC_STEP_UNIT);
  d->step_role = col_str(st, a, DC_STEP_ROLE);
  d->status = (int)col_i(st, DC_STATUS);
  d->submitted_at = col_i(st, DC_SUBMITTED_AT);
  d->received_at = col_i(st, DC_RECEIVED_AT);
  d->due_at = col_i(st, DC_DUE_AT);
  d->apology_due_at = col_i(st, DC_APOLOGY_DUE);
  d->paused_since = col_i(st, DC_PAUSED_SINCE);
  d->paused_seconds = col_i(st, DC_PAUSED_SECONDS);
  d->paused_work_seconds = col_i(st, DC_PAUSED_WORK);
  d->allowed_work_seconds = col_i(st, DC_ALLOWED_WORK);
  d->supplements = (int)col_i(st, DC_SUPPLEMENTS);
  d->ended_at = col_i(st, DC_ENDED_AT);
  d->end_status = (int)col_i(st, DC_END_STATUS);
  d->on_time = (int)col_i(st, DC_ON_TIME);
  d->handling_seconds = col_i(st, DC_HANDLING);
  d->late_seconds = col_i(st, DC_LATE);
  d->has_fee = col_i(st, DC_HAS_FEE) != 0;
  d->paid_online = col_i(st, DC_PAID_ONLINE) != 0;
  d->has_result = col_i(st, DC_HAS_RESULT) != 0;
  d->e_result = col_i(st, DC_E_RESULT) != 0;
  d->digitised = col_i(st, DC_DIGITISED) != 0;
  d->reused = col_i(st, DC_REUSED) != 0;
  d->store_linked = col_i(st, DC_STORE_LINKED) != 0;
  d->synced = col_i(st, DC_SYNCED) != 0;
  d->rating = (int)col_i(st, DC_RATING);
  d->rating_comment = col_str(st, a, DC_RATING_COMMENT);
  d->complaint = col_i(st, DC_COMPLAINT) != 0;
  d->version = col_i(st, DC_VERSION);
  d->updated_at = col_i(st, DC_UPDATED);
  d->receiving_unit_code = col_str(st, a, DC_RECV_CODE);
  d->receiving_unit_name = col_str(st, a, DC_RECV_NAME);
  d->handling_unit_code = col_str(st, a, DC_HAND_CODE);
  d->handling_unit_name = col_str(st, a, DC_HAND_NAME);
  d->step_unit_code = col_str(st, a, DC_STEP_UNIT_CODE);
  d->step_unit_name = col_str(st, a, DC_STEP_UNIT_NAME);
  if (!d->code || !d->applicant.name || !d->procedure_name)
    return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (!state_ok || (with_docs && (!d->form || !d->workflow)))
    return mc_fail(err, MC_EINTERNAL, "dossier.corrupt", NULL, "The stored dossier %s is not readable.", d->code);
  return MC_OK;
}

static mc_rc load(mc_db *db, mc_arena *a, const char *query, const char *code, int64_t id,
                  mc_dossier **out, mc_err *err) {
  mc_stmt *st = code ? mc_db_prep(db, query, err, "s", code) : mc_db_prep(db, query, err, "i", id);
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err->rc;
  if (r == 0)
    return mc_fail(err, MC_ENOTFOUND, "dossier.not_found", "code", "No dossier has the code \"%.64s\".",
                   code ? code : "");
  mc_dossier *d = mc_arena_alloc(a, sizeof *d);
  mc_rc rc = d ? mc_dossier_from_row(st, a, true, d, err)
               : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  while (mc_stmt_next(st, NULL) > 0) {}
  if (!rc) *out = d;
  return rc;
}

mc_rc mc_dossier_get(mc_db *db, mc_arena *a, const char *code, mc_dossier **out, mc_err *err) {
  if (mc_str_empty(code) || strlen(code) > MC_DOSSIER_CODE_MAX)
    return mc_fail(err, MC_ENOTFOUND, "dossier.not_found", "code", "No dossier has this code.");
  return load(db, a, "dossiers.by_code", code, 0, out, err);
}

mc_rc mc_dossier_get_id(mc_db *db, mc_arena *a, int64_t id, mc_dossier **out, mc_err *err) {
  return load(db, a, "dossiers.by_id", NULL, id, out, err);
}

/* ---- facts for the index --------------------------------------------------- */

void mc_dossier_facts_of(const mc_dossier *d, mc_dossier_facts *f) {
  memset(f, 0, sizeof *f);
  f->dossier_id = d->id;
  f->unit_id = d->handling_unit_id;
  f->procedure_id = d->procedure_id;
  f->channel = d->channel;
  f->status = mc_dstate_status(d->state);
  f->submitted_at = d->submitted_at;
  f->received_at = d->received_at;
  f->due_at = d->due_at;
  f->effective_due_at = mc_dossier_effective_due(d);
  f->ended_at = d->ended_at;
  f->end_status = d->ended_at ? d->end_status : 0;
  f->supplements = d->supplements;
  f->on_time = d->ended_at ? d->on_time : -1;
  f->handling_seconds = d->ended_at ? d->handling_seconds : 0;
  f->has_fee = d->has_fee;
  f->paid_online = d->paid_online;
  f->has_result = d->has_result;
  f->e_result = d->e_result;
  f->digitised = d->digitised;
  f->reused = d->reused;
  f->store_linked = d->store_linked;
  f->vneid = d->vneid;
  f->synced = d->synced;
  f->rating = d->rating;
  f->complaint = d->complaint;
}

/* ---- who may do what --------------------------------------------------------- */

unsigned mc_dossier_who(const mc_principal *p, const mc_dossier *d) {
  if (!p) return 0;
  if (p->role == MC_ROLE_CITIZEN)
    return d->owner_user_id && p->user_id == d->owner_user_id ? MC_WHO_OWNER : 0;
  if (p->role == MC_ROLE_ADMIN || !p->unit_id) return 0;
  unsigned w = 0;
  if (p->role == MC_ROLE_OFFICER && p->unit_id == d->receiving_unit_id) w |= MC_WHO_DESK;
  if (d->step_unit_id && p->unit_id == d->step_unit_id && d->step_role &&
      (strcmp(mc_role_name(p->role), d->step_role) == 0 ||
       (p->role == MC_ROLE_UNIT_LEADER && strcmp(d->step_role, "specialist") == 0)))
    w |= MC_WHO_STEP;
  if (p->role == MC_ROLE_UNIT_LEADER &&
      ((d->step_unit_id && p->unit_id == d->step_unit_id) || p->unit_id == d->handling_unit_id))
    w |= MC_WHO_LEADER;
  return w;
}

unsigned mc_dossier_allowed(const mc_principal *who, const mc_dossier *d) {
  mc_wf_ctx c = {.state = d->state, .who = mc_dossier_who(who, d), .step_index = d->step_index,
                 .nsteps = d->nsteps, .resume = d->resume, .rating = d->rating};
  return mc_wf_allowed(&c);
}

static mc_rc can_read(mc_db *db, const mc_principal *p, const mc_dossier *d, bool *yes, mc_err *err) {
  *yes = false;
  if (!p) return MC_OK;
  switch (p->role) {
  case MC_ROLE_CITIZEN:
    *yes = d->owner_user_id && d->owner_user_id == p->user_id;
    return MC_OK;
  case MC_ROLE_ADMIN:
  case MC_ROLE_PROVINCE_LEADER:
    *yes = true;
    return MC_OK;
  default: break;
  }
  if (!p->unit_id) return MC_OK;
  int64_t units[3] = {d->receiving_unit_id, d->handling_unit_id, d->step_unit_id};
  for (int i = 0; i < 3 && !*yes; i++) {
    if (!units[i]) continue;
    if (units[i] == p->unit_id) *yes = true;
    else if (p->role == MC_ROLE_UNIT_LEADER) {
      mc_rc rc = mc_unit_within(db, units[i], p->unit_id, yes, err);
      if (rc) return rc;
    }
  }
  if (*yes) return MC_OK;
  int64_t held = 0;
  mc_rc rc = mc_db_i64(db, "dossiers.held_by_unit", &held, err, "ii", d->id, p->unit_id);
  *yes = held > 0;
  return rc;
}

mc_rc mc_dossier_open(mc_db *db, mc_arena *a, const mc_principal *who, const char *code,
                      mc_dossier **out, mc_err *err) {
  mc_dossier *d;
  mc_rc rc = mc_dossier_get(db, a, code, &d, err);
  if (rc) return rc;
  bool yes;
  if ((rc = can_read(db, who, d, &yes, err))) return rc;
  if (!yes)
    return mc_fail(err, MC_ENOTFOUND, "dossier.not_found", "code", "No dossier has the code \"%.64s\".", code);
  *out = d;
  return MC_OK;
}

/* ---- the workflow snapshot ---------------------------------------------------- */

bool mc_dossier_step(const mc_dossier *d, int i, mc_dstep *out) {
  json_t *steps = json_object_get(d->workflow, "steps");
  json_t *s = json_array_get(steps, (size_t)i);
  if (i < 0 || !json_is_object(s)) return false;
  out->code = json_string_value(json_object_get(s, "code"));
  out->name = json_string_value(json_object_get(s, "name"));
  out->role = json_string_value(json_object_get(s, "role"));
  out->unit = json_string_value(json_object_get(s, "unit"));
  json_t *share = json_object_get(s, "share");
  out->share = json_is_number(share) ? json_number_value(share) : 1.0 / (double)d->nsteps;
  return out->code && out->name && out->role && out->unit;
}

mc_rc mc_dossier_step_unit(mc_db *db, mc_arena *a, const mc_dossier *d, const mc_dstep *s,
                           int64_t *unit_id, mc_err *err) {
  if (strcmp(s->unit, "receiving") == 0) { *unit_id = d->receiving_unit_id; return MC_OK; }
  if (strcmp(s->unit, "handling") == 0) { *unit_id = d->handling_unit_id; return MC_OK; }
  const char *colon = strchr(s->unit, ':');
  if (!colon)
    return mc_fail(err, MC_EINTERNAL, "dossier.step_unit", "workflow", "The step %s names no unit.", s->code);
  char kind[32];
  size_t kl = (size_t)(colon - s->unit);
  if (kl >= sizeof kind) kl = sizeof kind - 1;
  memcpy(kind, s->unit, kl);
  kind[kl] = 0;
  mc_unit *u;
  mc_rc rc;
  if (strcmp(kind, "kind") == 0) {
    /* The nearest unit of that kind at or above the handling unit. */
    const char *want = colon + 1;
    int64_t id = d->handling_unit_id;
    for (int depth = 0; id && depth < 32; depth++) {
      if ((rc = mc_unit_get_id(db, a, id, &u, err))) return rc;
      if (strcmp(u->kind, want) == 0) { *unit_id = u->id; return MC_OK; }
      id = u->parent_id;
    }
    return mc_fail(err, MC_ECONFLICT, "dossier.step_unit", "workflow",
                   "The step \"%s\" runs at a unit of kind %s, but none is above the handling unit.",
                   s->name, want);
  }
  rc = mc_unit_get(db, a, colon + 1, &u, err);
  if (rc == MC_ENOTFOUND || (!rc && strcmp(u->kind, kind) != 0)) {
    mc_err_clear(err);
    return mc_fail(err, MC_ECONFLICT, "dossier.step_unit", "workflow",
                   "The step \"%s\" runs at unit %s (%s), which does not exist.", s->name, colon + 1, kind);
  }
  if (rc) return rc;
  *unit_id = u->id;
  return MC_OK;
}

mc_rc mc_dossier_audit(mc_db *db, const mc_principal *who, const char *action, const mc_dossier *d,
                       json_t *detail, mc_err *err) {
  mc_audit_entry e = {.actor = who, .action = action, .object_type = "dossier", .object_id = d->id,
                      .object_code = d->code, .owner_id = d->owner_user_id, .detail = detail};
  mc_rc rc = mc_audit_append(db, &e, err);
  json_decref(detail);
  return rc;
}

/* ---- the write ----------------------------------------------------------------- */

mc_rc mc_dossier_write(mc_db *db, mc_dossier *d, const mc_dossier_facts *before,
                       const mc_dchange *ch, mc_err *err) {
  d->status = mc_dstate_status(d->state);
  d->updated_at = ch->at;
  mc_rc rc = mc_db_exec(db, "dossiers.update", err,
      "iiIIssisIsiIIIIiiiiIiiiiiiiiiiisii",
      d->id, d->version, d->receiving_unit_id, d->handling_unit_id, mc_dstate_name(d->state),
      d->resume == MC_DS_NEW ? NULL : mc_dstate_name(d->resume), (int64_t)d->step_index,
      d->step_code, d->step_unit_id, d->step_role, (int64_t)d->status, d->received_at, d->due_at,
      d->apology_due_at, d->paused_since, d->paused_seconds, d->paused_work_seconds,
      d->allowed_work_seconds, (int64_t)d->supplements, d->ended_at, (int64_t)d->end_status,
      (int64_t)d->on_time, d->handling_seconds, d->late_seconds, (int64_t)d->paid_online,
      (int64_t)d->e_result, (int64_t)d->digitised, (int64_t)d->reused, (int64_t)d->store_linked,
      (int64_t)d->synced, (int64_t)d->rating, d->rating_comment, (int64_t)d->complaint,
      (int64_t)d->updated_at);
  if (rc) { json_decref(ch->data); return rc; }
  if (mc_db_changes(db) != 1) {
    json_decref(ch->data);
    return mc_fail(err, MC_ECONFLICT, "dossier.conflict", NULL,
                   "The dossier %s was changed by someone else meanwhile; reload it and try again.", d->code);
  }
  d->version++;
  char *data = ch->data ? json_dumps(ch->data, JSON_COMPACT) : NULL;
  json_t *detail = json_pack("{s:o, s:s, s:I, s:o}", "from", ch->from == MC_DS_NEW ? json_null()
                             : json_string(mc_dstate_name(ch->from)), "to", mc_dstate_name(d->state),
                             "version", (json_int_t)d->version, "data", ch->data ? ch->data : json_null());
  const mc_principal *w = ch->who;
  rc = mc_db_exec(db, "dossiers.event_insert", err, "iiiIssssss" "s", d->id, d->version, ch->at,
                  w ? w->user_id : 0, w ? mc_role_name(w->role) : NULL, ch->action,
                  ch->from == MC_DS_NEW ? NULL : mc_dstate_name(ch->from), mc_dstate_name(d->state),
                  ch->step_code, ch->note, data);
  free(data);
  if (rc) { json_decref(detail); return rc; }
  mc_dossier_facts after;
  mc_dossier_facts_of(d, &after);
  if ((rc = mc_index_record(db, before, &after, err))) { json_decref(detail); return rc; }
  char action[48];
  snprintf(action, sizeof action, "dossier.%s", ch->action);
  return mc_dossier_audit(db, ch->who, action, d, detail, err);
}
