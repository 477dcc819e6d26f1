/* simulate_life.c — what happens to one simulated dossier, and when: the
 * applicant and the form, then the actions of its life in time order, each
 * played at once in memory (simulate_apply.c) so the next can be planned on
 * the state it leaves (deadlines, pauses, the step the dossier is at).
 *
 * Timing: desk work happens in working time (mc_cal_add_working_seconds from
 * the previous event), citizens act at any hour. The processing steps share a
 * budget of f × the dossier's allowed working time, f drawn below 1 for
 * dossiers meant to end on time and above 1 for the others, split by the
 * steps' shares; a supplement pause stops that clock as it stops the
 * deadline. Actions dated after `now` are not played: the dossier stays as it
 * is then (open, paused, waiting for payment …). */
#include "core/simulate_int.h"
#include "util/str.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct life {
  sim_world *w;
  sim_dossier *sd;
  mc_dossier *d;
  sim_rng *r;
  const mc_sim_rates *rt;
  uint64_t desk_pick, step_pick;
  mc_time t;                 /* the last event */
} life;

static const char *const refuse_reasons[] = {
  "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan", "Người nộp không đủ điều kiện theo quy định",
  "Thành phần hồ sơ không đúng quy định, đã hướng dẫn người nộp"};
static const char *const supplement_reasons[] = {
  "Bổ sung bản sao có chứng thực giấy tờ tùy thân", "Tờ khai thiếu chữ ký của người nộp",
  "Bổ sung giấy tờ chứng minh quyền sử dụng đất", "Thông tin trên tờ khai không khớp với giấy tờ kèm theo"};
static const char *const stop_reasons[] = {"Cơ quan có thẩm quyền dừng giải quyết theo quy định",
                                           "Phát hiện hồ sơ giả mạo giấy tờ"};
static const char *const apology_reasons[] = {
  "Cần xác minh thêm thông tin với cơ quan liên quan", "Khối lượng hồ sơ tăng đột biến",
  "Chờ ý kiến phối hợp của cơ quan chuyên môn"};
#define NELEM(x) ((int)(sizeof(x) / sizeof((x)[0])))
#define ONE_OF(L, arr) ((arr)[sim_next((L)->r) % (uint64_t)NELEM(arr)])

static mc_time work(const life *L, mc_time t, double seconds) {
  return mc_cal_add_working_seconds(L->w->cal, mc_dossier_sessions, t, seconds > 1 ? (int64_t)seconds : 1);
}

static int role_index(const char *role) {
  if (mc_str_eq(role, "officer")) return SIM_OFFICER;
  if (mc_str_eq(role, "unit_leader")) return SIM_LEADER;
  if (mc_str_eq(role, "province_leader")) return SIM_PROVINCE_LEADER;
  return SIM_SPECIALIST;
}

/* Fill the actor of `by` into ac. */
static bool actor(const life *L, int by, sim_action *ac) {
  const mc_dossier *d = L->d;
  static const mc_role roles[SIM_ROLES] = {MC_ROLE_OFFICER, MC_ROLE_SPECIALIST, MC_ROLE_UNIT_LEADER,
                                           MC_ROLE_PROVINCE_LEADER};
  int unit = L->sd->unit, role = SIM_OFFICER;
  uint64_t pick = L->desk_pick;
  switch (by) {
  case SIM_BY_OWNER:
    ac->actor_id = d->owner_user_id;
    ac->role = MC_ROLE_CITIZEN;
    ac->actor_unit = 0;
    return ac->actor_id != 0;
  case SIM_BY_DESK: break;
  case SIM_BY_STEP:
    unit = sim_unit_find_id(L->w, d->step_unit_id);
    role = role_index(d->step_role);
    pick = L->step_pick;
    break;
  case SIM_BY_LEADER:
    unit = sim_unit_find_id(L->w, d->step_unit_id ? d->step_unit_id : d->handling_unit_id);
    role = SIM_LEADER;
    break;
  default: return false;
  }
  if (unit < 0) return false;
  ac->actor_id = sim_staff(L->w, unit, role, pick);
  ac->role = roles[role];
  ac->actor_unit = L->w->units[unit].id;
  return ac->actor_id != 0;
}

/* Play ac at max(at, the last event): 1 played, 0 after `now` (the life
 * stops there), -1 error. */
static int play(life *L, sim_action *ac, mc_time at, int by, mc_err *err) {
  if (at < L->t) at = L->t;
  if (at > L->w->now) return 0;
  ac->at = at;
  if (!actor(L, by, ac)) {
    mc_fail(err, MC_EINTERNAL, "simulate.no_actor", NULL, "No simulated staff can act on dossier %s.", L->d->code);
    return -1;
  }
  if (sim_apply(L->w, L->sd, ac, err)) return -1;
  L->t = at;
  return 1;
}

static int act(life *L, mc_daction a, mc_time at, int by, const char *reason, mc_err *err) {
  sim_action ac = {.kind = SIM_DO_ACT, .action = a, .reason = reason};
  return play(L, &ac, at, by, err);
}

static int attach(life *L, mc_time at, int by, mc_attach_kind k, const char *component, int sample,
                  bool dig, bool reu, mc_err *err) {
  sim_action ac = {.kind = SIM_DO_ATTACH, .akind = k, .component = component, .sample = sample,
                   .digitised = dig, .reused = reu};
  return play(L, &ac, at, by, err);
}

/* Stop the life unless the action was played. */
#define DO(expr) do { int r_ = (expr); if (r_ <= 0) return r_; } while (0)

/* The components: uploaded by the citizen online, or scanned at the desk. */
static int components(life *L, bool online, mc_err *err) {
  const mc_procedure *p = L->sd->proc->p;
  bool scan = !online && sim_chance(L->r, L->rt->digitised);
  if (!online && !scan) return 1;
  /* Of the dossiers whose procedure lets a component come from the store. */
  bool store = L->sd->proc->from_store && sim_chance(L->r, L->rt->reused);
  int n = 0;
  for (int i = 0; i < p->ncomponents && n < 6; i++) {
    const mc_component *c = &p->components[i];
    if (!c->required && !sim_chance(L->r, 0.3)) continue;
    bool reu = store && c->from_store;
    mc_time at = online ? L->t + 20 + (mc_time)sim_range(L->r, 10, 240) : work(L, L->t, (double)sim_range(L->r, 30, 180));
    DO(attach(L, at, online ? SIM_BY_OWNER : SIM_BY_DESK, MC_ATT_COMPONENT, c->code,
              online ? SIM_SAMPLE_COMPONENT : SIM_SAMPLE_SCAN, true, reu, err));
    n++;
  }
  return 1;
}

/* A pause for a supplement: requested by `by`, completed by the applicant
 * (online) or at the desk. Returns 2 when the applicant withdrew instead. */
static int supplement(life *L, int by, bool online, mc_err *err) {
  DO(act(L, MC_DA_REQUEST_SUPPLEMENT, L->t, by, ONE_OF(L, supplement_reasons), err));
  int who = online && L->d->owner_user_id ? SIM_BY_OWNER : SIM_BY_DESK;
  double wait = 3600 + sim_exp(L->r, 3.5 * 86400);
  if (sim_chance(L->r, 0.1)) {
    DO(act(L, MC_DA_WITHDRAW, L->t + (mc_time)wait, who, NULL, err));
    return 2;
  }
  const mc_procedure *p = L->sd->proc->p;
  if (who == SIM_BY_OWNER && p->ncomponents > 0) {
    /* The citizen uploads the missing paper (one of the components), then completes. */
    const char *comp = p->components[sim_next(L->r) % (uint64_t)p->ncomponents].code;
    DO(attach(L, L->t + (mc_time)wait, SIM_BY_OWNER, MC_ATT_SUPPLEMENT, comp, SIM_SAMPLE_COMPONENT, true, false, err));
    DO(act(L, MC_DA_COMPLETE_SUPPLEMENT, L->t + 30 + (mc_time)sim_range(L->r, 0, 300), SIM_BY_OWNER, NULL, err));
  } else if (who == SIM_BY_OWNER) {
    DO(act(L, MC_DA_COMPLETE_SUPPLEMENT, L->t + (mc_time)wait, SIM_BY_OWNER, NULL, err));
  } else {
    DO(act(L, MC_DA_COMPLETE_SUPPLEMENT, work(L, L->t + (mc_time)wait, 60), SIM_BY_DESK, NULL, err));
  }
  return 1;
}

typedef struct plan {
  bool late, pay, paid_online, supp, supp2, withdraw, stop, apology, send_back;
  int end_step;              /* the step where a withdrawal or stop happens */
  double dur[SIM_STEPS_MAX]; /* working seconds of each step */
} plan;

static void draw_plan(life *L, plan *pl) {
  const sim_proc *sp = L->sd->proc;
  const mc_sim_rates *rt = L->rt;
  const sim_mix *m = &L->w->mix[L->w->units[L->sd->unit].kind];
  pl->late = !sim_chance(L->r, rt->on_time);
  pl->pay = sp->has_fee;
  double po = m->integrated_share > 0 ? rt->paid_online / m->integrated_share : 0;
  pl->paid_online = pl->pay && sp->integrated && sim_chance(L->r, po > 1 ? 1 : po);
  pl->supp = sim_chance(L->r, rt->supplement);
  pl->supp2 = pl->supp && sim_chance(L->r, 0.08);
  pl->withdraw = sim_chance(L->r, rt->withdrawn);
  pl->stop = !pl->withdraw && sim_chance(L->r, rt->stopped);
  pl->end_step = (int)sim_range(L->r, 0, sp->nsteps - 1);
  pl->apology = pl->late && sim_chance(L->r, rt->apology);
  pl->send_back = sp->nsteps >= 2 && sim_chance(L->r, rt->sent_back);
  double f = pl->late ? 1.04 + sim_exp(L->r, 0.35) : 0.15 + 0.8 * sim_unit01(L->r);
  double budget = f * (double)L->d->allowed_work_seconds, total = 0;
  double share[SIM_STEPS_MAX];
  for (int i = 0; i < sp->nsteps; i++) {
    mc_dstep s;
    double base = mc_dossier_step(L->d, i, &s) && s.share > 0 ? s.share : 1.0 / sp->nsteps;
    share[i] = base * (0.7 + 0.6 * sim_unit01(L->r));
    total += share[i];
  }
  for (int i = 0; i < sp->nsteps; i++) pl->dur[i] = budget * share[i] / total;
}

/* The apology letter, sent before the forward at `at` that will miss the deadline. */
static int apology(life *L, plan *pl, mc_time at, double left, mc_err *err) {
  mc_dossier *d = L->d;
  mc_time eff = d->due_at + d->paused_seconds;
  if (!pl->apology || d->paused_since || at <= eff) return 1;
  pl->apology = false;
  mc_time when = eff - 4 * 3600 > L->t ? eff - 4 * 3600 : L->t + 60;
  if (when >= at) when = at - 1 > L->t ? at - 1 : L->t;
  sim_action ac = {.kind = SIM_DO_ACT, .action = MC_DA_APOLOGY, .reason = ONE_OF(L, apology_reasons)};
  ac.new_due = work(L, at, left + 27000);
  if (ac.new_due <= d->due_at) ac.new_due = d->due_at + 86400;
  return play(L, &ac, when, SIM_BY_STEP, err);
}

/* Processing: the steps, with payment, supplements, an apology, a withdrawal
 * or stop; then the result and its return. */
static int process(life *L, plan *pl, bool online, mc_err *err) {
  const sim_proc *sp = L->sd->proc;
  mc_dossier *d = L->d;
  mc_time start = mc_cal_start(L->w->cal, mc_dossier_sessions, d->received_at, sp->p->rule_1500);
  if (start > L->t) L->t = start;
  for (int i = 0; i < sp->nsteps; i++) {
    double dur = pl->dur[i], done = 0;
    /* Payment and supplement requests happen within the step's time (the
     * clock runs while a fee is unpaid; a supplement pause stops it). */
    if (i == 0 && pl->pay) {
      DO(act(L, MC_DA_REQUEST_PAYMENT, work(L, L->t, dur * 0.15), SIM_BY_STEP, NULL, err));
      double wait = dur * (pl->paid_online ? 0.1 : 0.25) * (0.5 + sim_unit01(L->r));
      DO(act(L, MC_DA_CONFIRM_PAYMENT, work(L, L->t, wait), pl->paid_online ? SIM_BY_STEP : SIM_BY_DESK, NULL, err));
      done += dur * 0.15 + wait;
      if (pl->paid_online) L->sd->paid_online = true;
    }
    if (i == 0 && pl->supp) {
      L->t = work(L, L->t, dur * 0.2);
      done += dur * 0.2;
      int s = supplement(L, SIM_BY_STEP, online, err);
      if (s <= 0 || s == 2) return s;
      if (pl->supp2 && (s = supplement(L, SIM_BY_STEP, online, err)) != 1) return s;
    }
    if (i == 1 && pl->send_back) {
      /* Rework: the dossier goes back to the step before, which forwards it again. */
      DO(act(L, MC_DA_SEND_BACK, work(L, L->t, dur * 0.3), SIM_BY_STEP, NULL, err));
      done += dur * 0.3;
      DO(act(L, MC_DA_FORWARD, work(L, L->t, pl->dur[0] * 0.3), SIM_BY_STEP, NULL, err));
    }
    if (i == pl->end_step && (pl->withdraw || pl->stop)) {
      mc_time at = work(L, L->t, (dur - done) * 0.5);
      if (pl->withdraw)
        return act(L, MC_DA_WITHDRAW, at, online && d->owner_user_id ? SIM_BY_OWNER : SIM_BY_DESK, NULL, err);
      return act(L, MC_DA_STOP, at, SIM_BY_LEADER, ONE_OF(L, stop_reasons), err);
    }
    mc_time at = work(L, L->t, dur - done);
    double left = 0;
    for (int k = i + 1; k < sp->nsteps; k++) left += pl->dur[k];
    DO(apology(L, pl, at, left, err));
    DO(act(L, MC_DA_FORWARD, at, SIM_BY_STEP, NULL, err));
  }
  /* Processed: the result, then its return at the desk. */
  bool e = sp->e_result_ok && sim_chance(L->r, L->rt->e_result);
  if (e) DO(attach(L, work(L, L->t, 300 + sim_exp(L->r, 1200)), SIM_BY_DESK, MC_ATT_RESULT, NULL, SIM_SAMPLE_RESULT,
                   false, false, err));
  double wait = online && e ? 600 + sim_exp(L->r, 7200) : 1800 + sim_exp(L->r, 1.5 * 27000);
  DO(act(L, MC_DA_RETURN_RESULT, work(L, L->t, wait), SIM_BY_DESK, NULL, err));
  if (d->owner_user_id && sim_chance(L->r, L->rt->rated)) {
    sim_action ac = {.kind = SIM_DO_ACT, .action = MC_DA_RATE};
    if (sim_chance(L->r, L->rt->satisfied)) ac.score = sim_chance(L->r, 0.7) ? 5 : sim_chance(L->r, 0.8) ? 4 : 3;
    else ac.score = sim_chance(L->r, 0.4) ? 1 : 2;
    DO(play(L, &ac, L->t + 300 + (mc_time)sim_exp(L->r, 86400), SIM_BY_OWNER, err));
  }
  return 1;
}

/* Before reception: components, an incomplete online dossier, then receive or refuse. */
static int run(life *L, mc_err *err) {
  mc_dossier *d = L->d;
  bool online = d->channel == 2;
  sim_action sub = {.kind = SIM_DO_SUBMIT};
  DO(play(L, &sub, d->submitted_at, online ? SIM_BY_OWNER : SIM_BY_DESK, err));
  DO(components(L, online, err));
  if (online && sim_chance(L->r, L->rt->pre_supplement)) {
    L->t = work(L, L->t, sim_exp(L->r, 3 * 3600));
    int s = supplement(L, SIM_BY_DESK, true, err);
    if (s <= 0 || s == 2) return s;
  }
  double wait = d->channel == 1 ? 120 + sim_exp(L->r, 600) : d->channel == 3 ? 600 + sim_exp(L->r, 3600)
                                                                           : 300 + sim_exp(L->r, 4 * 3600);
  mc_time at = work(L, L->t, wait);
  if (sim_chance(L->r, L->rt->refused)) return act(L, MC_DA_REFUSE, at, SIM_BY_DESK, ONE_OF(L, refuse_reasons), err);
  DO(act(L, MC_DA_RECEIVE, at, SIM_BY_DESK, NULL, err));
  plan pl;
  draw_plan(L, &pl);
  return process(L, &pl, online, err);
}

/* ---- the applicant and the row --------------------------------------------------- */

static mc_rc header(life *L, mc_err *err) {
  sim_world *w = L->w;
  sim_dossier *sd = L->sd;
  mc_dossier *d = L->d;
  const sim_proc *sp = sd->proc;
  const sim_unit *u = &w->units[sd->unit];
  bool business = sp->applicant == 1 || (sp->applicant == 2 && sim_chance(L->r, 0.3));
  sim_person ps;
  sim_business bz;
  int64_t holder;
  if (business) {
    sd->business = sim_range(L->r, 0, w->businesses - 1);
    sim_business_of(w, sd->business, &bz);
    holder = bz.owner;
  } else {
    holder = sim_range(L->r, 0, w->persons - 1);
  }
  sd->person = holder;
  sim_person_of(w, holder, &ps);
  bool online = d->channel == 2;
  sd->account_person = -1;
  if (online && !w->person_user[holder]) {
    /* The filer's first online dossier: their account, opened just before (written with the dossier). */
    sd->account_person = holder;
    sd->account = w->person_user[holder] = w->next_user_id++;
    sd->account_at = d->submitted_at - 60 - (mc_time)sim_range(L->r, 0, 3000);
    w->st->accounts++;
  }
  d->id = w->next_dossier_id++;
  d->procedure_id = sp->id;
  d->procedure_code = sp->code;
  d->receiving_unit_id = d->handling_unit_id = u->id;
  d->applicant.kind = business ? "business" : "citizen";
  d->applicant.name = sd->app_name;
  d->applicant.id_number = sd->app_id;
  d->applicant.phone = sd->app_phone;
  d->applicant.address = sd->app_address;
  snprintf(sd->app_name, sizeof sd->app_name, "%s", business ? bz.name : ps.name);
  snprintf(sd->app_id, sizeof sd->app_id, "%s", business ? bz.tax_code : ps.id_number);
  snprintf(sd->app_phone, sizeof sd->app_phone, "%s", business ? bz.phone : ps.phone);
  snprintf(sd->app_address, sizeof sd->app_address, "%s", business ? bz.address : ps.address);
  d->owner_user_id = online || !business ? w->person_user[holder] : 0;
  d->on_behalf = !online;
  d->vneid = online && sim_chance(L->r, L->rt->vneid);
  d->submitted_by = online ? d->owner_user_id : sim_staff(w, sd->unit, SIM_OFFICER, L->desk_pick);
  d->workflow = sp->workflow;
  d->nsteps = sp->nsteps;
  d->has_fee = sp->has_fee;
  d->has_result = sp->has_result;
  sim_applicant_view v = {.name = ps.name, .id_number = ps.id_number, .phone = business ? bz.phone : ps.phone,
                          .address = business ? bz.address : ps.address, .business = business ? bz.name : NULL,
                          .tax_code = business ? bz.tax_code : NULL, .birth = ps.birth, .female = ps.female};
  sd->form = sim_form_fill(sp, L->r, mc_local_day(d->submitted_at), &v);
  sd->form_text = sd->form ? json_dumps(sd->form, JSON_COMPACT) : NULL;
  if (!sd->form_text) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  /* The code, as mc_dossier_make_code numbers it. */
  mc_rc rc = mc_dossier_render_code(w->code_pattern, u->code, sp->code, d->submitted_at, -1, sd->scope,
                                    sizeof sd->scope, err);
  if (rc) return rc;
  int64_t *last = sim_counters_at(&w->ctr, sd->scope);
  if (!last) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  sd->seq = ++*last;
  rc = mc_dossier_render_code(w->code_pattern, u->code, sp->code, d->submitted_at, sd->seq, sd->code,
                                       sizeof sd->code, err);
  d->code = sd->code;
  return rc;
}

static void tally(sim_world *w, const sim_dossier *sd) {
  mc_sim_stats *st = w->st;
  const mc_dossier *d = &sd->d;
  st->dossiers++;
  st->events += sd->nev;
  st->steps += sd->nsteps;
  st->attachments += sd->natt;
  st->online += d->channel == 2;
  st->postal += d->channel == 3;
  st->received += d->received_at != 0;
  st->ended += d->ended_at != 0;
  st->on_time += d->ended_at && d->on_time == 1;
  st->with_fee += d->received_at && d->has_fee;
  st->paid_online += d->received_at && d->has_fee && d->paid_online;
  st->refused += d->end_status == 3;
  st->withdrawn += d->end_status == 7;
  st->stopped += d->end_status == 8;
  st->returned += d->state == MC_DS_RETURNED;
  st->open += !mc_dstate_final(d->state);
  st->supplements += d->supplements;
  st->apologies += d->apology_due_at != 0;
  st->rated += d->rating > 0;
  st->satisfied += d->rating > 2;
  st->vneid += d->vneid;
  st->e_results += d->e_result;
  st->digitised += d->digitised;
  if (!st->first_id) st->first_id = d->id;
  st->last_id = d->id;
}

mc_rc sim_life(sim_world *w, sim_dossier *sd, mc_err *err) {
  life L = {.w = w, .sd = sd, .d = &sd->d, .r = &sd->rng, .rt = &w->p->rates[w->units[sd->unit].kind]};
  L.desk_pick = sim_next(L.r);
  L.step_pick = sim_next(L.r);
  sd->business = -1;
  sd->person = -1;
  mc_rc rc = header(&L, err);
  if (rc) return rc;
  if (run(&L, err) < 0) return err->rc ? err->rc : MC_EINTERNAL;
  /* Facts no engine action sets (payments, the national portal, complaints). */
  mc_dossier *d = &sd->d;
  d->paid_online = sd->paid_online;
  sd->synced = d->received_at && sim_chance(L.r, L.rt->synced);
  d->synced = sd->synced;
  sd->complaint = d->ended_at && d->received_at && sim_chance(L.r, L.rt->complaint);
  d->complaint = sd->complaint;
  tally(w, sd);
  return MC_OK;
}
