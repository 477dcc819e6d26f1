/* simulate_apply.c — one action played on a dossier in memory, by the rules
 * of the dossier engine: the transition table (mc_wf_decide), then what
 * dossier_submit.c, dossier_act.c, dossier_attach.c and mc_dossier_write do
 * to the row, the events and the form-06 steps, with the same deadline
 * arithmetic (calendar.h, mc_dossier_freeze_end) and the same event data.
 * The bulk writer stores the result; tests/core/test_simulate.c replays the
 * same actions through the engine and compares the rows.                  */
#include "core/simulate_int.h"
#include "util/str.h"
#include <stdlib.h>
#include <string.h>

typedef struct ax {
  sim_world *w;
  sim_dossier *sd;
  const sim_action *ac;
  json_t *data;
} ax;

static mc_rc full(mc_err *err) {
  return mc_fail(err, MC_EINTERNAL, "simulate.too_many_events", NULL, "A simulated dossier has too many events.");
}

static sim_step *step_add(ax *x, int index, const char *code, const char *name, int64_t unit,
                          const char *role, mc_time due) {
  sim_dossier *sd = x->sd;
  if (sd->nsteps >= SIM_ACTIONS_MAX) return NULL;
  sim_step *s = &sd->steps[sd->nsteps++];
  *s = (sim_step){.index = index, .code = code, .name = name, .unit = unit, .role = role,
                  .started = x->ac->at, .due = due, .on_time = -1};
  return s;
}

/* dossiers.step_end: close every open step. */
static void step_end(ax *x, const char *outcome) {
  for (int i = 0; i < x->sd->nsteps; i++) {
    sim_step *s = &x->sd->steps[i];
    if (s->ended) continue;
    s->ended = x->ac->at;
    s->actor = x->ac->actor_id;
    s->outcome = outcome;
    s->on_time = s->due ? (x->ac->at <= s->due) : -1;
  }
}

static mc_rc resolve_unit(ax *x, const mc_dstep *s, int64_t *unit, mc_err *err) {
  const mc_dossier *d = &x->sd->d;
  if (strcmp(s->unit, "receiving") == 0) { *unit = d->receiving_unit_id; return MC_OK; }
  if (strcmp(s->unit, "handling") == 0) { *unit = d->handling_unit_id; return MC_OK; }
  const char *colon = strchr(s->unit, ':');
  if (!colon) return mc_fail(err, MC_EINTERNAL, "dossier.step_unit", "workflow", "The step %s names no unit.", s->code);
  size_t kl = (size_t)(colon - s->unit);
  const sim_world *w = x->w;
  static const char *const kinds[MC_SIM_KINDS] = {"province", "department", "district", "commune", "other"};
  if (kl == 4 && strncmp(s->unit, "kind", 4) == 0) {
    int i = sim_unit_find_id(w, d->handling_unit_id);
    for (int depth = 0; i >= 0 && depth < 32; depth++) {
      if (strcmp(kinds[w->units[i].kind], colon + 1) == 0) { *unit = w->units[i].id; return MC_OK; }
      i = w->units[i].parent;
    }
  } else {
    int i = sim_unit_find_code(w, colon + 1);
    if (i >= 0 && strlen(kinds[w->units[i].kind]) == kl && strncmp(kinds[w->units[i].kind], s->unit, kl) == 0) {
      *unit = w->units[i].id;
      return MC_OK;
    }
  }
  return mc_fail(err, MC_ECONFLICT, "dossier.step_unit", "workflow", "The step \"%s\" has no unit to run at.", s->name);
}

static mc_rc enter_step(ax *x, int i, mc_time base, mc_err *err) {
  mc_dossier *d = &x->sd->d;
  mc_dstep s;
  if (!mc_dossier_step(d, i, &s))
    return mc_fail(err, MC_EINTERNAL, "dossier.corrupt", "workflow", "The dossier %s has no step %d.", d->code, i);
  int64_t unit = 0;
  mc_rc rc = resolve_unit(x, &s, &unit, err);
  if (rc) return rc;
  double share = s.share > 0 && s.share <= 1 ? s.share : 1.0 / (double)d->nsteps;
  mc_time due = mc_cal_add_working_seconds(x->w->cal, mc_dossier_sessions, base,
                                           (int64_t)((double)d->allowed_work_seconds * share + 0.5));
  d->step_index = i;
  d->step_code = s.code;
  d->step_unit_id = unit;
  d->step_role = s.role;
  return step_add(x, i, s.code, s.name, unit, s.role, due) ? MC_OK : full(err);
}

static mc_rc enter_return(ax *x, mc_err *err) {
  mc_dossier *d = &x->sd->d;
  d->step_index = d->nsteps;
  d->step_code = "tra_ket_qua";
  d->step_unit_id = d->receiving_unit_id;
  d->step_role = "officer";
  return step_add(x, d->nsteps, "tra_ket_qua", "Trả kết quả", d->receiving_unit_id, "officer", 0) ? MC_OK : full(err);
}

static int64_t end_pause(ax *x) {
  mc_dossier *d = &x->sd->d;
  if (!d->paused_since) return 0;
  mc_time at = x->ac->at;
  int64_t wall = at > d->paused_since ? at - d->paused_since : 0;
  d->paused_seconds += wall;
  d->paused_work_seconds += mc_cal_working_seconds(x->w->cal, mc_dossier_sessions, d->paused_since, at);
  d->paused_since = 0;
  json_object_set_new(x->data, "paused_seconds", json_integer(wall));
  return wall;
}

static void finish(ax *x, const char *outcome, int end_status) {
  mc_dossier *d = &x->sd->d;
  end_pause(x);
  step_end(x, outcome);
  mc_dossier_freeze_end(x->w->cal, d, x->ac->at, end_status);
  d->step_code = NULL;
  d->step_unit_id = 0;
  d->step_role = NULL;
}

static mc_rc receive(ax *x, mc_err *err) {
  mc_dossier *d = &x->sd->d;
  const mc_procedure *p = x->sd->proc->p;
  const mc_sessions *s = mc_dossier_sessions;
  mc_time start = mc_cal_start(x->w->cal, s, x->ac->at, p->rule_1500);
  d->received_at = x->ac->at;
  d->due_at = mc_cal_add(x->w->cal, s, start, p->time_amount, p->time_unit);
  d->allowed_work_seconds = mc_cal_working_seconds(x->w->cal, s, start, d->due_at);
  json_object_set_new(x->data, "due_at", mc_time_json(d->due_at));
  step_end(x, "receive");
  return enter_step(x, 0, start, err);
}

static mc_rc carry_out(ax *x, mc_dstate to, mc_err *err) {
  mc_dossier *d = &x->sd->d;
  const sim_action *ac = x->ac;
  if (ac->reason) json_object_set_new(x->data, "reason", json_string(ac->reason));
  switch (ac->action) {
  case MC_DA_RECEIVE: return receive(x, err);
  case MC_DA_REFUSE: finish(x, "refuse", 3); return MC_OK;
  case MC_DA_REQUEST_SUPPLEMENT:
    d->resume = d->state == MC_DS_SUBMITTED ? MC_DS_SUBMITTED : MC_DS_PROCESSING;
    if (d->resume == MC_DS_PROCESSING) { d->supplements++; d->paused_since = ac->at; }
    json_object_set_new(x->data, "supplements", json_integer(d->supplements));
    return MC_OK;
  case MC_DA_COMPLETE_SUPPLEMENT: {
    int64_t wall = end_pause(x);
    d->resume = MC_DS_NEW;
    for (int i = 0; wall > 0 && i < x->sd->nsteps; i++)
      if (!x->sd->steps[i].ended && x->sd->steps[i].due) x->sd->steps[i].due += wall;
    return MC_OK;
  }
  case MC_DA_FORWARD:
    step_end(x, "forward");
    if (to == MC_DS_PROCESSING) return enter_step(x, d->step_index + 1, ac->at, err);
    mc_dossier_freeze_end(x->w->cal, d, ac->at, 9);
    return enter_return(x, err);
  case MC_DA_SEND_BACK:
    step_end(x, "send_back");
    return enter_step(x, d->step_index - 1, ac->at, err);
  case MC_DA_REQUEST_PAYMENT:
  case MC_DA_CONFIRM_PAYMENT: return MC_OK;
  case MC_DA_STOP: finish(x, "stop", 8); return MC_OK;
  case MC_DA_WITHDRAW: finish(x, "withdraw", 7); return MC_OK;
  case MC_DA_RETURN_RESULT: finish(x, "return_result", 10); return MC_OK;
  case MC_DA_APOLOGY:
    d->apology_due_at = ac->new_due;
    json_object_set_new(x->data, "new_due", mc_time_json(ac->new_due));
    json_object_set_new(x->data, "due_at", mc_time_json(d->due_at));
    return MC_OK;
  case MC_DA_RATE:
    d->rating = ac->score;
    json_object_set_new(x->data, "score", json_integer(ac->score));
    return MC_OK;
  default: break;
  }
  return mc_fail(err, MC_EINTERNAL, "simulate.bad_action", "action", "The simulator does not play \"%s\".",
                 mc_daction_name(ac->action));
}

/* mc_dossier_write: the version, the status and the event. */
static mc_rc event(ax *x, const char *action, mc_dstate from, const char *step_code, mc_err *err) {
  sim_dossier *sd = x->sd;
  mc_dossier *d = &sd->d;
  if (sd->nev >= SIM_ACTIONS_MAX) return full(err);
  d->status = mc_dstate_status(d->state);
  d->updated_at = x->ac->at;
  if (from != MC_DS_NEW) d->version++;
  char *data = x->data ? json_dumps(x->data, JSON_COMPACT) : NULL;
  sd->ev[sd->nev++] = (sim_event){.seq = d->version, .at = x->ac->at, .actor_id = x->ac->actor_id,
                                  .actor_role = mc_role_name(x->ac->role), .action = action,
                                  .from = from == MC_DS_NEW ? NULL : mc_dstate_name(from),
                                  .to = mc_dstate_name(d->state), .step_code = step_code, .data = data};
  return MC_OK;
}

static mc_rc submit(ax *x, mc_err *err) {
  mc_dossier *d = &x->sd->d;
  d->state = MC_DS_SUBMITTED;
  d->resume = MC_DS_NEW;
  d->step_index = -1;
  d->step_code = "tiep_nhan";
  d->step_unit_id = d->receiving_unit_id;
  d->step_role = "officer";
  d->submitted_at = x->ac->at;
  d->on_time = -1;
  d->version = 1;
  if (!step_add(x, -1, "tiep_nhan", "Tiếp nhận hồ sơ", d->receiving_unit_id, "officer", 0)) return full(err);
  x->data = json_pack("{s:i, s:b}", "channel", d->channel, "on_behalf", d->on_behalf);
  return event(x, "submit", MC_DS_NEW, "tiep_nhan", err);
}

/* dossier_attach.c: the file, its row, the digitisation flags. */
static mc_rc attach(ax *x, mc_err *err) {
  sim_dossier *sd = x->sd;
  mc_dossier *d = &sd->d;
  const sim_action *ac = x->ac;
  if (sd->natt >= SIM_ACTIONS_MAX) return full(err);
  bool dig = ac->akind != MC_ATT_RESULT && ac->digitised, reu = ac->akind != MC_ATT_RESULT && ac->reused;
  sim_attach *t = &sd->att[sd->natt++];
  *t = (sim_attach){.id = x->w->next_attachment_id++, .file_id = x->w->next_file_id++,
                    .component = mc_str_empty(ac->component) ? NULL : ac->component, .kind = ac->akind,
                    .digitised = dig, .reused = reu, .by = ac->actor_id, .at = ac->at, .sample = ac->sample};
  if (ac->akind == MC_ATT_RESULT) {
    d->e_result = true;
  } else {
    const mc_procedure *p = sd->proc->p;
    bool covered[MC_PROC_COMPONENTS_MAX] = {0}, any = false, reused = false;
    for (int i = 0; i < sd->natt; i++) {
      const sim_attach *a = &sd->att[i];
      if (a->kind == MC_ATT_RESULT || !(a->digitised || a->reused)) continue;
      any = true;
      reused |= a->reused;
      for (int k = 0; a->component && k < p->ncomponents && k < MC_PROC_COMPONENTS_MAX; k++)
        if (strcmp(p->components[k].code, a->component) == 0) covered[k] = true;
    }
    bool all = true, required = false;
    for (int k = 0; k < p->ncomponents && k < MC_PROC_COMPONENTS_MAX; k++)
      if (p->components[k].required) { required = true; all &= covered[k]; }
    d->digitised = required ? all : any;
    d->reused = reused;
    d->store_linked = reused || d->store_linked;
  }
  x->data = json_pack("{s:I, s:I, s:s, s:o, s:b, s:b}", "attachment_id", (json_int_t)t->id,
                      "file_id", (json_int_t)t->file_id, "kind", mc_attach_kind_name(ac->akind),
                      "component", t->component ? json_string(t->component) : json_null(), "digitised", dig,
                      "reused", reu);
  return event(x, "attach", d->state, d->step_code, err);
}

mc_rc sim_apply(sim_world *w, sim_dossier *sd, const sim_action *ac, mc_err *err) {
  if (sd->nacts >= SIM_ACTIONS_MAX) return full(err);
  ax x = {.w = w, .sd = sd, .ac = ac};
  mc_rc rc;
  if (ac->kind == SIM_DO_SUBMIT) {
    rc = submit(&x, err);
  } else if (ac->kind == SIM_DO_ATTACH) {
    rc = attach(&x, err);
  } else {
    mc_dossier *d = &sd->d;
    mc_principal who = {.user_id = ac->actor_id, .role = ac->role, .unit_id = ac->actor_unit};
    mc_wf_ctx c = {.state = d->state, .who = mc_dossier_who(&who, d), .step_index = d->step_index,
                   .nsteps = d->nsteps, .resume = d->resume, .rating = d->rating};
    mc_dstate to;
    if ((rc = mc_wf_decide(&c, ac->action, &to, err))) return rc;
    mc_dstate from = d->state;
    const char *step_code = d->step_code;
    x.data = json_object();
    rc = carry_out(&x, to, err);
    if (!rc) {
      d->state = to;
      rc = event(&x, mc_daction_name(ac->action), from, step_code, err);
    }
  }
  json_decref(x.data);
  if (!rc) sd->acts[sd->nacts++] = *ac;
  return rc;
}

void sim_dossier_release(sim_dossier *sd) {
  for (int i = 0; i < sd->nev; i++) free(sd->ev[i].data);
  sd->nev = 0;
  json_decref(sd->form);
  sd->form = NULL;
  free(sd->form_text);
  sd->form_text = NULL;
  mc_index_load_free(sd->index_full);
  sd->index_full = NULL;
}
