/* dossier_act.c — applying an action to a dossier: the engine decides
 * (workflow.c), this file carries it out in one transaction: the row, the
 * per-step timing (form 06), the deadline, pauses, the frozen end, the
 * event and the 766 index (dossier.h). */
#include "core/dossier_int.h"
#include "core/unit.h"
#include "util/str.h"
#include <string.h>

typedef struct act_ctx {
  mc_db *db;
  mc_arena *a;
  const mc_calendar *cal;
  const mc_principal *who;
  mc_dossier *d;             /* the working copy */
  mc_time at;
  json_t *data;              /* event data */
} act_ctx;

static int64_t uid(const act_ctx *x) { return x->who ? x->who->user_id : 0; }

/* Close the open step row (reception, a processing step or the return). */
static mc_rc step_end(act_ctx *x, const char *outcome, mc_err *err) {
  return mc_db_exec(x->db, "dossiers.step_end", err, "iiIs", x->d->id, x->at, uid(x), outcome);
}

static mc_rc step_row(act_ctx *x, int index, const char *code, const char *name, int64_t unit,
                      const char *role, mc_time due, mc_err *err) {
  return mc_db_exec(x->db, "dossiers.step_insert", err, "iissisiI", x->d->id, (int64_t)index, code,
                    name, unit, role, x->at, due);
}

/* Enter processing step i: its unit, role, and deadline = its share of the
 * dossier's working time counted from base. keep_due ≠ 0 keeps a deadline
 * (a transfer to another unit does not restart the step's clock). */
static mc_rc enter_step(act_ctx *x, int i, mc_time base, mc_time keep_due, int64_t unit_override,
                        mc_err *err) {
  mc_dossier *d = x->d;
  mc_dstep s;
  if (!mc_dossier_step(d, i, &s))
    return mc_fail(err, MC_EINTERNAL, "dossier.corrupt", "workflow", "The dossier %s has no step %d.", d->code, i);
  int64_t unit = unit_override;
  mc_rc rc;
  if (!unit && (rc = mc_dossier_step_unit(x->db, x->a, d, &s, &unit, err))) return rc;
  mc_time due = keep_due;
  if (!due) {
    double share = s.share > 0 && s.share <= 1 ? s.share : 1.0 / (double)d->nsteps;
    due = mc_cal_add_working_seconds(x->cal, mc_dossier_sessions, base,
                               (int64_t)((double)d->allowed_work_seconds * share + 0.5));
  }
  d->step_index = i;
  d->step_code = s.code;
  d->step_unit_id = unit;
  d->step_role = s.role;
  return step_row(x, i, s.code, s.name, unit, s.role, due, err);
}

/* The return step: back at the receiving desk, no deadline of its own. */
static mc_rc enter_return(act_ctx *x, mc_err *err) {
  mc_dossier *d = x->d;
  d->step_index = d->nsteps;
  d->step_code = "tra_ket_qua";
  d->step_unit_id = d->receiving_unit_id;
  d->step_role = "officer";
  return step_row(x, d->nsteps, "tra_ket_qua", "Trả kết quả", d->receiving_unit_id, "officer", 0, err);
}

static void clear_step(mc_dossier *d) {
  d->step_code = NULL;
  d->step_unit_id = 0;
  d->step_role = NULL;
}

/* End a supplement pause at x->at; returns the wall-clock seconds paused. */
static int64_t end_pause(act_ctx *x) {
  mc_dossier *d = x->d;
  if (!d->paused_since) return 0;
  int64_t wall = x->at > d->paused_since ? x->at - d->paused_since : 0;
  d->paused_seconds += wall;
  d->paused_work_seconds += mc_cal_working_seconds(x->cal, mc_dossier_sessions, d->paused_since, x->at);
  d->paused_since = 0;
  json_object_set_new(x->data, "paused_seconds", json_integer(wall));
  return wall;
}

/* A final event: close the pause and the open step, freeze the end. */
static mc_rc finish(act_ctx *x, const char *outcome, int end_status, mc_err *err) {
  end_pause(x);
  mc_rc rc = step_end(x, outcome, err);
  if (rc) return rc;
  mc_dossier_freeze_end(x->cal, x->d, x->at, end_status);
  clear_step(x->d);
  return MC_OK;
}

static mc_rc do_receive(act_ctx *x, mc_err *err) {
  mc_dossier *d = x->d;
  mc_procedure *p;
  mc_rc rc = mc_procedure_get_id(x->db, x->a, d->procedure_id, &p, err);
  if (rc) return rc;
  const mc_sessions *s = mc_dossier_sessions;
  mc_time start = mc_cal_start(x->cal, s, x->at, p->rule_1500);
  d->received_at = x->at;
  d->due_at = mc_cal_add(x->cal, s, start, p->time_amount, p->time_unit);
  d->allowed_work_seconds = mc_cal_working_seconds(x->cal, s, start, d->due_at);
  json_object_set_new(x->data, "due_at", mc_time_json(d->due_at));
  if ((rc = step_end(x, "receive", err))) return rc;
  return enter_step(x, 0, start, 0, 0, err);
}

static mc_rc do_transfer(act_ctx *x, const char *to_code, mc_err *err) {
  mc_dossier *d = x->d;
  mc_unit *u;
  mc_rc rc = mc_unit_get(x->db, x->a, to_code, &u, err);
  if (rc == MC_ENOTFOUND) {
    mc_err_clear(err);
    return mc_fail(err, MC_EINVAL, "dossier.unit_unknown", "to_unit", "No unit has the code \"%.64s\".", to_code);
  }
  if (rc) return rc;
  if (u->id == d->step_unit_id)
    return mc_fail(err, MC_EINVAL, "dossier.same_unit", "to_unit", "The dossier is already at %s.", u->name);
  json_object_set_new(x->data, "to_unit", json_string(u->code));
  if (d->state == MC_DS_SUBMITTED) {
    /* Wrong desk: the dossier goes to another receiving unit. */
    mc_procedure *p;
    if ((rc = mc_procedure_get_id(x->db, x->a, d->procedure_id, &p, err))) return rc;
    bool same = d->handling_unit_id == d->receiving_unit_id;
    if (same && !mc_list_has(p->unit_kinds, u->kind))
      return mc_fail(err, MC_EINVAL, "dossier.unit_kind", "to_unit",
                     "%s (%s) does not handle the procedure %s.", u->name, u->kind, p->code);
    d->receiving_unit_id = u->id;
    if (same) d->handling_unit_id = u->id;
    d->step_unit_id = u->id;
    if ((rc = step_end(x, "transfer", err))) return rc;
    return step_row(x, -1, "tiep_nhan", "Tiếp nhận hồ sơ", u->id, "officer", 0, err);
  }
  /* Same step, other unit; the step keeps its deadline. */
  int64_t due = 0;
  mc_stmt *st = mc_db_prep(x->db, "dossiers.step_open_due", err, "i", d->id);
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  if (r > 0) due = mc_col_null(st, 0) ? 0 : mc_col_i64(st, 0);
  while (r > 0 && (r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err->rc;
  mc_dstep s;
  if (mc_dossier_step(d, d->step_index, &s) && strcmp(s.unit, "handling") == 0) d->handling_unit_id = u->id;
  if ((rc = step_end(x, "transfer", err))) return rc;
  return enter_step(x, d->step_index, x->at, due, u->id, err);
}

static mc_rc need_reason(const mc_act_params *p, mc_daction a, mc_err *err) {
  if (!mc_str_empty(p->reason)) return MC_OK;
  return mc_fail(err, MC_EINVAL, "dossier.reason_required", "reason",
                 "The action \"%s\" needs a reason (it is printed on the slip).", mc_daction_name(a));
}

/* Input checks that need no transaction. */
static mc_rc check_params(const mc_dossier *d, mc_daction a, const mc_act_params *p, mc_err *err) {
  if ((p->note && mc_utf8_len(p->note) > MC_NOTE_MAX) || (p->reason && mc_utf8_len(p->reason) > MC_NOTE_MAX) ||
      (p->comment && mc_utf8_len(p->comment) > MC_NOTE_MAX))
    return mc_fail(err, MC_EINVAL, "dossier.note_too_long", "note", "A note has at most %d characters.", MC_NOTE_MAX);
  switch (a) {
  case MC_DA_REFUSE:
  case MC_DA_REQUEST_SUPPLEMENT:
  case MC_DA_STOP:
    return need_reason(p, a, err);
  case MC_DA_APOLOGY:
    if (need_reason(p, a, err)) return err->rc;
    if (!p->new_due || p->new_due <= d->due_at)
      return mc_fail(err, MC_EINVAL, "dossier.bad_due", "new_due",
                     "An apology letter sets a new return date after the current one.");
    return MC_OK;
  case MC_DA_TRANSFER:
    if (mc_str_empty(p->to_unit))
      return mc_fail(err, MC_EINVAL, "dossier.unit_required", "to_unit", "Name the unit to transfer to.");
    return MC_OK;
  case MC_DA_RATE:
    if (p->score < 1 || p->score > 5)
      return mc_fail(err, MC_EINVAL, "dossier.bad_score", "score", "A rating is 1 (very dissatisfied) to 5 (very satisfied).");
    return MC_OK;
  default:
    return MC_OK;
  }
}

static mc_rc carry_out(act_ctx *x, mc_daction a, mc_dstate to, const mc_act_params *p, mc_err *err) {
  mc_dossier *d = x->d;
  if (p->reason) json_object_set_new(x->data, "reason", json_string(p->reason));
  mc_rc rc;
  switch (a) {
  case MC_DA_RECEIVE:
    return do_receive(x, err);
  case MC_DA_REFUSE:
    return finish(x, "refuse", 3, err);
  case MC_DA_REQUEST_SUPPLEMENT:
    d->resume = d->state == MC_DS_SUBMITTED ? MC_DS_SUBMITTED : MC_DS_PROCESSING;
    if (d->resume == MC_DS_PROCESSING) {    /* after reception: count it, stop the clock */
      d->supplements++;
      d->paused_since = x->at;
    }
    json_object_set_new(x->data, "supplements", json_integer(d->supplements));
    return MC_OK;
  case MC_DA_COMPLETE_SUPPLEMENT: {
    int64_t wall = end_pause(x);
    d->resume = MC_DS_NEW;
    if (wall > 0) return mc_db_exec(x->db, "dossiers.step_shift_due", err, "ii", d->id, wall);
    return MC_OK;
  }
  case MC_DA_FORWARD:
    if ((rc = step_end(x, "forward", err))) return rc;
    if (to == MC_DS_PROCESSING) return enter_step(x, d->step_index + 1, x->at, 0, 0, err);
    mc_dossier_freeze_end(x->cal, d, x->at, 9);
    return enter_return(x, err);
  case MC_DA_SEND_BACK:
    if ((rc = step_end(x, "send_back", err))) return rc;
    return enter_step(x, d->step_index - 1, x->at, 0, 0, err);
  case MC_DA_TRANSFER:
    return do_transfer(x, p->to_unit, err);
  case MC_DA_REQUEST_PAYMENT:
  case MC_DA_CONFIRM_PAYMENT:
    return MC_OK;
  case MC_DA_STOP:
    return finish(x, "stop", 8, err);
  case MC_DA_WITHDRAW:
    return finish(x, "withdraw", 7, err);
  case MC_DA_RETURN_RESULT:
    return finish(x, "return_result", 10, err);
  case MC_DA_APOLOGY:
    d->apology_due_at = p->new_due;
    json_object_set_new(x->data, "new_due", mc_time_json(p->new_due));
    json_object_set_new(x->data, "due_at", mc_time_json(d->due_at));
    return MC_OK;
  case MC_DA_RATE:
    d->rating = p->score;
    d->rating_comment = p->comment ? mc_arena_strdup(x->a, p->comment) : NULL;
    json_object_set_new(x->data, "score", json_integer(p->score));
    return MC_OK;
  case MC_DA_SUBMIT:
  case MC_DA_COUNT:
    break;
  }
  return mc_fail(err, MC_EINTERNAL, "dossier.bad_action", "action", "Unhandled action.");
}

mc_rc mc_dossier_act(mc_db *db, mc_arena *a, const mc_principal *who, mc_dossier *d,
                     mc_daction action, const mc_act_params *p, mc_err *err) {
  static const mc_act_params none = {0};
  if (!p) p = &none;
  if (p->expected_version && p->expected_version != d->version)
    return mc_fail(err, MC_ECONFLICT, "dossier.conflict", "version",
                   "The dossier %s has changed since you loaded it; reload it and try again.", d->code);
  mc_wf_ctx c = {.state = d->state, .who = mc_dossier_who(who, d), .step_index = d->step_index,
                 .nsteps = d->nsteps, .resume = d->resume, .rating = d->rating};
  mc_dstate to;
  mc_rc rc = mc_wf_decide(&c, action, &to, err);
  if (rc || (rc = check_params(d, action, p, err))) return rc;
  const mc_calendar *cal;
  if ((rc = mc_calendar_get(db, &cal, err))) return rc;
  mc_dossier work = *d;
  mc_dossier_facts before;
  mc_dossier_facts_of(d, &before);
  act_ctx x = {.db = db, .a = a, .cal = cal, .who = who, .d = &work, .at = p->at ? p->at : mc_now(),
               .data = json_object()};
  mc_dchange ch = {.who = who, .action = mc_daction_name(action), .from = d->state,
                   .step_code = d->step_code, .note = p->note, .at = x.at};
  if ((rc = mc_db_begin(db, err))) { json_decref(x.data); mc_calendar_put(cal); return rc; }
  rc = carry_out(&x, action, to, p, err);
  if (!rc) {
    work.state = to;
    ch.data = x.data;
    x.data = NULL;
    rc = mc_dossier_write(db, &work, &before, &ch, err);
  }
  json_decref(x.data);
  if (!rc) rc = mc_db_commit(db, err);
  else mc_db_rollback(db);
  mc_calendar_put(cal);
  if (rc) return rc;
  /* Re-read, so the display fields (unit names) follow the change. */
  mc_dossier *fresh;
  mc_err e = {0};
  *d = mc_dossier_get_id(db, a, work.id, &fresh, &e) ? work : *fresh;
  mc_err_clear(&e);
  return MC_OK;
}
