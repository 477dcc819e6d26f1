/* test_workflow.c — the dossier workflow engine: EVERY (state, action) pair
 * for every kind of actor, in two guard contexts, against the transition
 * table written out here by hand; status codes and names. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "core/dossier.h"

/* Two contexts that flip every guard:
 *   A: at processing step 0 of 2, a supplement requested after reception,
 *      not rated;
 *   B: at step 1 of 2 (the last), a supplement requested before reception,
 *      rated already.                                                     */
static const mc_wf_ctx ctx_a = {.step_index = 0, .nsteps = 2, .resume = MC_DS_PROCESSING, .rating = 0};
static const mc_wf_ctx ctx_b = {.step_index = 1, .nsteps = 2, .resume = MC_DS_SUBMITTED, .rating = 3};

/* Who may act (O owner, D desk officer, S step actor, L unit leader) and the
 * next state, in context A and in context B. Pairs not listed: nobody. */
typedef struct expect { mc_dstate s; mc_daction a; const char *who_a; mc_dstate to_a; const char *who_b; mc_dstate to_b; } expect;
#define X MC_DS_NEW  /* "no next state" */
static const expect table[] = {
  {MC_DS_NEW, MC_DA_SUBMIT, "OD", MC_DS_SUBMITTED, "OD", MC_DS_SUBMITTED},

  {MC_DS_SUBMITTED, MC_DA_RECEIVE, "D", MC_DS_RECEIVED, "D", MC_DS_RECEIVED},
  {MC_DS_SUBMITTED, MC_DA_REFUSE, "D", MC_DS_REFUSED, "D", MC_DS_REFUSED},
  {MC_DS_SUBMITTED, MC_DA_REQUEST_SUPPLEMENT, "D", MC_DS_SUPPLEMENT, "D", MC_DS_SUPPLEMENT},
  {MC_DS_SUBMITTED, MC_DA_TRANSFER, "D", MC_DS_SUBMITTED, "D", MC_DS_SUBMITTED},
  {MC_DS_SUBMITTED, MC_DA_WITHDRAW, "OD", MC_DS_WITHDRAWN, "OD", MC_DS_WITHDRAWN},

  {MC_DS_RECEIVED, MC_DA_FORWARD, "S", MC_DS_PROCESSING, "S", MC_DS_PROCESSED},
  {MC_DS_RECEIVED, MC_DA_REQUEST_SUPPLEMENT, "S", MC_DS_SUPPLEMENT, "S", MC_DS_SUPPLEMENT},
  {MC_DS_RECEIVED, MC_DA_TRANSFER, "S", MC_DS_RECEIVED, "S", MC_DS_RECEIVED},
  {MC_DS_RECEIVED, MC_DA_REQUEST_PAYMENT, "S", MC_DS_WAITING_PAYMENT, "S", MC_DS_WAITING_PAYMENT},
  {MC_DS_RECEIVED, MC_DA_STOP, "L", MC_DS_STOPPED, "L", MC_DS_STOPPED},
  {MC_DS_RECEIVED, MC_DA_WITHDRAW, "OD", MC_DS_WITHDRAWN, "OD", MC_DS_WITHDRAWN},
  {MC_DS_RECEIVED, MC_DA_APOLOGY, "SL", MC_DS_RECEIVED, "SL", MC_DS_RECEIVED},

  {MC_DS_PROCESSING, MC_DA_FORWARD, "S", MC_DS_PROCESSING, "S", MC_DS_PROCESSED},
  {MC_DS_PROCESSING, MC_DA_SEND_BACK, "", X, "S", MC_DS_PROCESSING},
  {MC_DS_PROCESSING, MC_DA_REQUEST_SUPPLEMENT, "S", MC_DS_SUPPLEMENT, "S", MC_DS_SUPPLEMENT},
  {MC_DS_PROCESSING, MC_DA_TRANSFER, "S", MC_DS_PROCESSING, "S", MC_DS_PROCESSING},
  {MC_DS_PROCESSING, MC_DA_REQUEST_PAYMENT, "S", MC_DS_WAITING_PAYMENT, "S", MC_DS_WAITING_PAYMENT},
  {MC_DS_PROCESSING, MC_DA_STOP, "L", MC_DS_STOPPED, "L", MC_DS_STOPPED},
  {MC_DS_PROCESSING, MC_DA_WITHDRAW, "OD", MC_DS_WITHDRAWN, "OD", MC_DS_WITHDRAWN},
  {MC_DS_PROCESSING, MC_DA_APOLOGY, "SL", MC_DS_PROCESSING, "SL", MC_DS_PROCESSING},

  {MC_DS_SUPPLEMENT, MC_DA_COMPLETE_SUPPLEMENT, "OD", MC_DS_PROCESSING, "OD", MC_DS_SUBMITTED},
  {MC_DS_SUPPLEMENT, MC_DA_REFUSE, "", X, "D", MC_DS_REFUSED},
  {MC_DS_SUPPLEMENT, MC_DA_STOP, "L", MC_DS_STOPPED, "", X},
  {MC_DS_SUPPLEMENT, MC_DA_WITHDRAW, "OD", MC_DS_WITHDRAWN, "OD", MC_DS_WITHDRAWN},

  {MC_DS_WAITING_PAYMENT, MC_DA_CONFIRM_PAYMENT, "SD", MC_DS_PROCESSING, "SD", MC_DS_PROCESSING},
  {MC_DS_WAITING_PAYMENT, MC_DA_STOP, "L", MC_DS_STOPPED, "L", MC_DS_STOPPED},
  {MC_DS_WAITING_PAYMENT, MC_DA_WITHDRAW, "OD", MC_DS_WITHDRAWN, "OD", MC_DS_WITHDRAWN},
  {MC_DS_WAITING_PAYMENT, MC_DA_APOLOGY, "SL", MC_DS_WAITING_PAYMENT, "SL", MC_DS_WAITING_PAYMENT},

  {MC_DS_PROCESSED, MC_DA_RETURN_RESULT, "D", MC_DS_RETURNED, "D", MC_DS_RETURNED},

  {MC_DS_RETURNED, MC_DA_RATE, "O", MC_DS_RETURNED, "", X},
  /* refused, withdrawn, stopped: final, nothing is possible. */
};
#undef X

static const struct { char letter; unsigned bit; } actors[] = {
  {'O', MC_WHO_OWNER}, {'D', MC_WHO_DESK}, {'S', MC_WHO_STEP}, {'L', MC_WHO_LEADER},
};

static const expect *find(mc_dstate s, mc_daction a) {
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (table[i].s == s && table[i].a == a) return &table[i];
  return NULL;
}

static void check_pair(const mc_wf_ctx *base, bool in_a, mc_dstate s, mc_daction a) {
  const expect *e = find(s, a);
  const char *who = e ? (in_a ? e->who_a : e->who_b) : "";
  /* Everyone the pair exists for, whatever the guards say. */
  char both[8] = "";
  size_t k = 0;
  for (const char *p = e ? e->who_a : ""; *p; p++) if (!strchr(both, *p)) { both[k++] = *p; both[k] = 0; }
  for (const char *p = e ? e->who_b : ""; *p; p++) if (!strchr(both, *p)) { both[k++] = *p; both[k] = 0; }
  /* Nobody, each single actor, and everybody at once. */
  for (int i = -1; i <= 4; i++) {
    mc_wf_ctx c = *base;
    c.state = s;
    c.who = i < 0 ? 0 : i == 4 ? (MC_WHO_OWNER | MC_WHO_DESK | MC_WHO_STEP | MC_WHO_LEADER) : actors[i].bit;
    bool want = i < 0 ? false : i == 4 ? *who != 0 : strchr(who, actors[i].letter) != NULL;
    mc_err err = {0};
    mc_dstate to = MC_DS_NEW;
    mc_rc rc = mc_wf_decide(&c, a, &to, &err);
    cr_assert_eq(rc == MC_OK, want, "%s × %s, actor %c, context %c: got %s (%s), table says %s",
                 mc_dstate_name(s), mc_daction_name(a), i < 0 ? '-' : i == 4 ? '*' : actors[i].letter,
                 in_a ? 'A' : 'B', rc ? "denied" : "allowed", err.code, want ? "allowed" : "denied");
    if (want) {
      cr_assert_eq(to, in_a ? e->to_a : e->to_b, "%s × %s → %s", mc_dstate_name(s), mc_daction_name(a),
                   mc_dstate_name(to));
    } else {
      /* 403 when the pair exists for someone else; 409 when the state (or a
       * guard) does not allow it for this actor either. */
      bool other_actor = e && i >= 0 && i < 4 && !strchr(both, actors[i].letter);
      bool nobody = e && i < 0 && *both;
      const char *code = other_actor || nobody ? "dossier.not_your_turn" : "dossier.invalid_transition";
      cr_assert_str_eq(err.code, code, "%s × %s, actor %c, context %c", mc_dstate_name(s), mc_daction_name(a),
                       i < 0 ? '-' : i == 4 ? '*' : actors[i].letter, in_a ? 'A' : 'B');
      cr_assert_eq(rc, other_actor || nobody ? MC_EFORBIDDEN : MC_ECONFLICT);
      /* The error lists exactly the actions allowed now for this actor. */
      json_t *allowed = json_object_get(err.detail, "allowed");
      cr_assert(json_is_array(allowed));
      unsigned mask = mc_wf_allowed(&c), seen = 0;
      size_t n;
      json_t *v;
      json_array_foreach(allowed, n, v) {
        mc_daction x;
        cr_assert(mc_daction_parse(json_string_value(v), &x));
        seen |= 1u << x;
      }
      cr_assert_eq(seen, mask);
    }
    mc_err_clear(&err);
  }
}

Test(workflow, every_state_action_pair_matches_the_table) {
  int pairs = 0;
  for (int s = 0; s < MC_DS_COUNT; s++)
    for (int a = 0; a < MC_DA_COUNT; a++) {
      check_pair(&ctx_a, true, (mc_dstate)s, (mc_daction)a);
      check_pair(&ctx_b, false, (mc_dstate)s, (mc_daction)a);
      pairs++;
    }
  cr_assert_eq(pairs, 11 * 15);
}

Test(workflow, allowed_lists_per_actor) {
  /* An officer at the desk of a submitted dossier. */
  mc_wf_ctx c = ctx_a;
  c.state = MC_DS_SUBMITTED;
  c.who = MC_WHO_DESK;
  json_t *j = mc_wf_allowed_json(mc_wf_allowed(&c));
  char *s = json_dumps(j, JSON_COMPACT);
  cr_assert_str_eq(s, "[\"receive\",\"refuse\",\"request_supplement\",\"transfer\",\"withdraw\"]");
  free(s);
  json_decref(j);
  /* The owner of a processing dossier may only withdraw. */
  c.state = MC_DS_PROCESSING;
  c.who = MC_WHO_OWNER;
  cr_assert_eq(mc_wf_allowed(&c), 1u << MC_DA_WITHDRAW);
  /* Readers without a relation (province leader, admin) may do nothing anywhere. */
  for (int st = 0; st < MC_DS_COUNT; st++) {
    c.state = (mc_dstate)st;
    c.who = 0;
    cr_assert_eq(mc_wf_allowed(&c), 0u);
  }
}

Test(workflow, status_codes_and_names) {
  static const struct { mc_dstate s; const char *name; int status; const char *label; } want[] = {
    {MC_DS_SUBMITTED, "submitted", 1, "Mới đăng ký"},
    {MC_DS_RECEIVED, "received", 2, "Được tiếp nhận"},
    {MC_DS_REFUSED, "refused", 3, "Không được tiếp nhận"},
    {MC_DS_PROCESSING, "processing", 4, "Đang xử lý"},
    {MC_DS_SUPPLEMENT, "supplement_requested", 5, "Yêu cầu bổ sung giấy tờ"},
    {MC_DS_WAITING_PAYMENT, "waiting_payment", 6, "Yêu cầu thực hiện nghĩa vụ tài chính"},
    {MC_DS_WITHDRAWN, "withdrawn", 7, "Công dân yêu cầu rút hồ sơ"},
    {MC_DS_STOPPED, "stopped", 8, "Dừng xử lý"},
    {MC_DS_PROCESSED, "processed", 9, "Đã xử lý xong"},
    {MC_DS_RETURNED, "returned", 10, "Đã trả kết quả"},
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    cr_assert_str_eq(mc_dstate_name(want[i].s), want[i].name);
    cr_assert_eq(mc_dstate_status(want[i].s), want[i].status);
    cr_assert_str_eq(mc_status_label(want[i].status), want[i].label);
    mc_dstate back;
    cr_assert(mc_dstate_parse(want[i].name, &back));
    cr_assert_eq(back, want[i].s);
  }
  cr_assert_not(mc_dstate_parse("new", &(mc_dstate){0}), "the pseudo-state is never stored");
  cr_assert_not(mc_daction_parse("approve", &(mc_daction){0}));
  cr_assert_str_eq(mc_status_label(11), "");
}

Test(workflow, table_is_well_formed) {
  /* Nothing leaves a final state; rows of the same pair differ by guard. */
  for (int i = 0; i < mc_wf_nrules; i++) {
    const mc_wf_rule *r = &mc_wf_rules[i];
    cr_assert_not(mc_dstate_final(r->from) && r->action != MC_DA_RATE, "rule %d leaves a final state", i);
    cr_assert(r->who != 0, "rule %d allows nobody", i);
    for (int j = i + 1; j < mc_wf_nrules; j++)
      if (mc_wf_rules[j].from == r->from && mc_wf_rules[j].action == r->action)
        cr_assert(r->guard && mc_wf_rules[j].guard, "rules %d and %d overlap without guards", i, j);
  }
}
