/* workflow.c — the dossier workflow ENGINE: state and action names, the one
 * transition table, and the one function that applies it (dossier.h).
 *
 * Who may act (mc_wf_rule.who): O = the owner citizen, D = an officer of the
 * receiving unit (desk), S = the current step's actor (its unit and role; a
 * unit leader may also act on specialist steps), L = a unit leader of the
 * current step's or the handling unit. Province leaders and admins read but
 * hold no relation, so they may not act (unless a workflow names the
 * province_leader role for a step, which makes them S of that step).      */
#include "core/dossier.h"
#include <string.h>

static const char *const state_names[MC_DS_COUNT] = {
  [MC_DS_NEW] = "new",
  [MC_DS_SUBMITTED] = "submitted",
  [MC_DS_RECEIVED] = "received",
  [MC_DS_PROCESSING] = "processing",
  [MC_DS_SUPPLEMENT] = "supplement_requested",
  [MC_DS_WAITING_PAYMENT] = "waiting_payment",
  [MC_DS_PROCESSED] = "processed",
  [MC_DS_RETURNED] = "returned",
  [MC_DS_REFUSED] = "refused",
  [MC_DS_WITHDRAWN] = "withdrawn",
  [MC_DS_STOPPED] = "stopped",
};

static const int state_status[MC_DS_COUNT] = {
  [MC_DS_NEW] = 0,
  [MC_DS_SUBMITTED] = 1,
  [MC_DS_RECEIVED] = 2,
  [MC_DS_PROCESSING] = 4,
  [MC_DS_SUPPLEMENT] = 5,
  [MC_DS_WAITING_PAYMENT] = 6,
  [MC_DS_PROCESSED] = 9,
  [MC_DS_RETURNED] = 10,
  [MC_DS_REFUSED] = 3,
  [MC_DS_WITHDRAWN] = 7,
  [MC_DS_STOPPED] = 8,
};

static const char *const action_names[MC_DA_COUNT] = {
  [MC_DA_SUBMIT] = "submit",
  [MC_DA_RECEIVE] = "receive",
  [MC_DA_REFUSE] = "refuse",
  [MC_DA_REQUEST_SUPPLEMENT] = "request_supplement",
  [MC_DA_COMPLETE_SUPPLEMENT] = "complete_supplement",
  [MC_DA_FORWARD] = "forward",
  [MC_DA_SEND_BACK] = "send_back",
  [MC_DA_TRANSFER] = "transfer",
  [MC_DA_REQUEST_PAYMENT] = "request_payment",
  [MC_DA_CONFIRM_PAYMENT] = "confirm_payment",
  [MC_DA_STOP] = "stop",
  [MC_DA_WITHDRAW] = "withdraw",
  [MC_DA_RETURN_RESULT] = "return_result",
  [MC_DA_APOLOGY] = "apology",
  [MC_DA_RATE] = "rate",
};

/* TrangThaiHoSo labels, dossiers.md. */
static const char *const status_labels[11] = {
  "", "Mới đăng ký", "Được tiếp nhận", "Không được tiếp nhận", "Đang xử lý",
  "Yêu cầu bổ sung giấy tờ", "Yêu cầu thực hiện nghĩa vụ tài chính",
  "Công dân yêu cầu rút hồ sơ", "Dừng xử lý", "Đã xử lý xong", "Đã trả kết quả",
};

const char *mc_dstate_name(mc_dstate s) { return s < MC_DS_COUNT ? state_names[s] : "?"; }
const char *mc_daction_name(mc_daction a) { return a < MC_DA_COUNT ? action_names[a] : "?"; }
int mc_dstate_status(mc_dstate s) { return s < MC_DS_COUNT ? state_status[s] : 0; }
const char *mc_status_label(int status) { return status >= 1 && status <= 10 ? status_labels[status] : ""; }

bool mc_dstate_parse(const char *s, mc_dstate *out) {
  for (int i = 1; s && i < MC_DS_COUNT; i++)
    if (strcmp(s, state_names[i]) == 0) { *out = (mc_dstate)i; return true; }
  return false;
}

bool mc_daction_parse(const char *s, mc_daction *out) {
  for (int i = 0; s && i < MC_DA_COUNT; i++)
    if (strcmp(s, action_names[i]) == 0) { *out = (mc_daction)i; return true; }
  return false;
}

bool mc_dstate_final(mc_dstate s) {
  return s == MC_DS_RETURNED || s == MC_DS_REFUSED || s == MC_DS_WITHDRAWN || s == MC_DS_STOPPED;
}

/* ---- guards ------------------------------------------------------------------ */

static bool more_steps(const mc_wf_ctx *c) { return c->step_index + 1 < c->nsteps; }
static bool last_step(const mc_wf_ctx *c) { return c->step_index + 1 >= c->nsteps; }
static bool not_first_step(const mc_wf_ctx *c) { return c->step_index > 0; }
static bool before_reception(const mc_wf_ctx *c) { return c->resume == MC_DS_SUBMITTED; }
static bool after_reception(const mc_wf_ctx *c) { return c->resume == MC_DS_PROCESSING; }
static bool not_rated(const mc_wf_ctx *c) { return c->rating == 0; }

#define O MC_WHO_OWNER
#define D MC_WHO_DESK
#define S MC_WHO_STEP
#define L MC_WHO_LEADER
#define G(f) f, #f

/* THE transition table. Order matters only among rows of the same (state,
 * action), told apart by their guards. */
const mc_wf_rule mc_wf_rules[] = {
  {MC_DS_NEW, MC_DA_SUBMIT, MC_DS_SUBMITTED, O | D, NULL, NULL},

  {MC_DS_SUBMITTED, MC_DA_RECEIVE, MC_DS_RECEIVED, D, NULL, NULL},
  {MC_DS_SUBMITTED, MC_DA_REFUSE, MC_DS_REFUSED, D, NULL, NULL},
  {MC_DS_SUBMITTED, MC_DA_REQUEST_SUPPLEMENT, MC_DS_SUPPLEMENT, D, NULL, NULL},
  {MC_DS_SUBMITTED, MC_DA_TRANSFER, MC_DS_SUBMITTED, D, NULL, NULL},
  {MC_DS_SUBMITTED, MC_DA_WITHDRAW, MC_DS_WITHDRAWN, O | D, NULL, NULL},

  {MC_DS_RECEIVED, MC_DA_FORWARD, MC_DS_PROCESSING, S, G(more_steps)},
  {MC_DS_RECEIVED, MC_DA_FORWARD, MC_DS_PROCESSED, S, G(last_step)},
  {MC_DS_RECEIVED, MC_DA_REQUEST_SUPPLEMENT, MC_DS_SUPPLEMENT, S, NULL, NULL},
  {MC_DS_RECEIVED, MC_DA_TRANSFER, MC_DS_RECEIVED, S, NULL, NULL},
  {MC_DS_RECEIVED, MC_DA_REQUEST_PAYMENT, MC_DS_WAITING_PAYMENT, S, NULL, NULL},
  {MC_DS_RECEIVED, MC_DA_STOP, MC_DS_STOPPED, L, NULL, NULL},
  {MC_DS_RECEIVED, MC_DA_WITHDRAW, MC_DS_WITHDRAWN, O | D, NULL, NULL},
  {MC_DS_RECEIVED, MC_DA_APOLOGY, MC_DS_RECEIVED, S | L, NULL, NULL},

  {MC_DS_PROCESSING, MC_DA_FORWARD, MC_DS_PROCESSING, S, G(more_steps)},
  {MC_DS_PROCESSING, MC_DA_FORWARD, MC_DS_PROCESSED, S, G(last_step)},
  {MC_DS_PROCESSING, MC_DA_SEND_BACK, MC_DS_PROCESSING, S, G(not_first_step)},
  {MC_DS_PROCESSING, MC_DA_REQUEST_SUPPLEMENT, MC_DS_SUPPLEMENT, S, NULL, NULL},
  {MC_DS_PROCESSING, MC_DA_TRANSFER, MC_DS_PROCESSING, S, NULL, NULL},
  {MC_DS_PROCESSING, MC_DA_REQUEST_PAYMENT, MC_DS_WAITING_PAYMENT, S, NULL, NULL},
  {MC_DS_PROCESSING, MC_DA_STOP, MC_DS_STOPPED, L, NULL, NULL},
  {MC_DS_PROCESSING, MC_DA_WITHDRAW, MC_DS_WITHDRAWN, O | D, NULL, NULL},
  {MC_DS_PROCESSING, MC_DA_APOLOGY, MC_DS_PROCESSING, S | L, NULL, NULL},

  {MC_DS_SUPPLEMENT, MC_DA_COMPLETE_SUPPLEMENT, MC_DS_SUBMITTED, O | D, G(before_reception)},
  {MC_DS_SUPPLEMENT, MC_DA_COMPLETE_SUPPLEMENT, MC_DS_PROCESSING, O | D, G(after_reception)},
  {MC_DS_SUPPLEMENT, MC_DA_REFUSE, MC_DS_REFUSED, D, G(before_reception)},
  {MC_DS_SUPPLEMENT, MC_DA_STOP, MC_DS_STOPPED, L, G(after_reception)},
  {MC_DS_SUPPLEMENT, MC_DA_WITHDRAW, MC_DS_WITHDRAWN, O | D, NULL, NULL},

  {MC_DS_WAITING_PAYMENT, MC_DA_CONFIRM_PAYMENT, MC_DS_PROCESSING, S | D, NULL, NULL},
  {MC_DS_WAITING_PAYMENT, MC_DA_STOP, MC_DS_STOPPED, L, NULL, NULL},
  {MC_DS_WAITING_PAYMENT, MC_DA_WITHDRAW, MC_DS_WITHDRAWN, O | D, NULL, NULL},
  {MC_DS_WAITING_PAYMENT, MC_DA_APOLOGY, MC_DS_WAITING_PAYMENT, S | L, NULL, NULL},

  {MC_DS_PROCESSED, MC_DA_RETURN_RESULT, MC_DS_RETURNED, D, NULL, NULL},

  {MC_DS_RETURNED, MC_DA_RATE, MC_DS_RETURNED, O, G(not_rated)},
};
const int mc_wf_nrules = (int)(sizeof mc_wf_rules / sizeof mc_wf_rules[0]);

#undef O
#undef D
#undef S
#undef L
#undef G

static bool guard_ok(const mc_wf_rule *r, const mc_wf_ctx *c) { return !r->guard || r->guard(c); }

unsigned mc_wf_allowed(const mc_wf_ctx *c) {
  unsigned mask = 0;
  for (int i = 0; i < mc_wf_nrules; i++) {
    const mc_wf_rule *r = &mc_wf_rules[i];
    if (r->from == c->state && (r->who & c->who) && guard_ok(r, c)) mask |= 1u << r->action;
  }
  return mask;
}

json_t *mc_wf_allowed_json(unsigned mask) {
  json_t *arr = json_array();
  for (int a = 0; a < MC_DA_COUNT; a++)
    if (mask & (1u << a)) json_array_append_new(arr, json_string(action_names[a]));
  return arr;
}

mc_rc mc_wf_decide(const mc_wf_ctx *c, mc_daction a, mc_dstate *to, mc_err *err) {
  bool state_has = false, who_has = false;
  for (int i = 0; i < mc_wf_nrules; i++) {
    const mc_wf_rule *r = &mc_wf_rules[i];
    if (r->from != c->state || r->action != a) continue;
    state_has = true;
    if (!(r->who & c->who)) continue;
    who_has = true;
    if (!guard_ok(r, c)) continue;
    *to = r->to;
    return MC_OK;
  }
  mc_rc rc;
  if (state_has && !who_has)
    rc = mc_fail(err, MC_EFORBIDDEN, "dossier.not_your_turn", "action",
                 "You may not %s this dossier now: it is not at your unit or role.",
                 mc_daction_name(a));
  else
    rc = mc_fail(err, MC_ECONFLICT, "dossier.invalid_transition", "action",
                 "The action \"%s\" is not possible while the dossier is %s.", mc_daction_name(a),
                 mc_dstate_name(c->state));
  mc_err_detail(err, "allowed", mc_wf_allowed_json(mc_wf_allowed(c)));
  mc_err_detail(err, "state", json_string(mc_dstate_name(c->state)));
  return rc;
}
