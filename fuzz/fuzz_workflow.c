/* fuzz_workflow.c — workflow event sequences: a dossier walked through any
 * sequence of (actor relation, action) pairs by the one transition table.
 * The input's first byte picks the number of processing steps, then each pair
 * of bytes is an event. Invariants: an action succeeds exactly when
 * mc_wf_allowed lists it; a refusal is invalid_transition or not_your_turn
 * and lists what is allowed; nothing leaves a final state but a single
 * rating; the status code always matches the state; the step stays in range;
 * a dossier never goes back to "new". */
#include <stdint.h>
#include <string.h>
#include "core/dossier.h"
#include "fuzz.h"
#include "core/workflow.h"

/* What the dossier engine (dossier_act.c) does to the context on success. */
static void apply(mc_wf_ctx *c, mc_daction a, mc_dstate to) {
  mc_dstate from = c->state;
  if (a == MC_DA_REQUEST_SUPPLEMENT) c->resume = from == MC_DS_SUBMITTED ? MC_DS_SUBMITTED : MC_DS_PROCESSING;
  if (a == MC_DA_COMPLETE_SUPPLEMENT) c->resume = MC_DS_NEW;
  if (a == MC_DA_FORWARD && to == MC_DS_PROCESSING) c->step_index++;
  if (a == MC_DA_FORWARD && to == MC_DS_PROCESSED) c->step_index = c->nsteps;   /* the return step */
  if (a == MC_DA_SEND_BACK) c->step_index--;
  if (a == MC_DA_RATE) c->rating = 3;
  c->state = to;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  mc_wf_ctx c = {.state = MC_DS_NEW, .nsteps = 1 + data[0] % MC_WORKFLOW_STEPS_MAX, .resume = MC_DS_SUBMITTED};
  for (size_t i = 1; i + 1 < size; i += 2) {
    mc_daction a = (mc_daction)(data[i] % MC_DA_COUNT);
    c.who = data[i + 1] & (MC_WHO_OWNER | MC_WHO_DESK | MC_WHO_STEP | MC_WHO_LEADER);
    unsigned allowed = mc_wf_allowed(&c);
    mc_dstate to = MC_DS_COUNT;
    mc_err err = {0};
    mc_rc rc = mc_wf_decide(&c, a, &to, &err);
    FUZZ_CHECK((rc == MC_OK) == ((allowed >> a) & 1u));
    if (rc != MC_OK) {
      FUZZ_CHECK(!strcmp(err.code, "dossier.invalid_transition") || !strcmp(err.code, "dossier.not_your_turn"));
      json_t *al = err.detail ? json_object_get(err.detail, "allowed") : NULL;
      FUZZ_CHECK(json_is_array(al));
      json_t *want = mc_wf_allowed_json(allowed);
      FUZZ_CHECK(json_equal(al, want));
      json_decref(want);
      fuzz_check_err(rc, &err);
      continue;
    }
    fuzz_check_err(rc, &err);
    FUZZ_CHECK(to > MC_DS_NEW && to < MC_DS_COUNT);
    if (mc_dstate_final(c.state)) FUZZ_CHECK(c.state == MC_DS_RETURNED && a == MC_DA_RATE && to == MC_DS_RETURNED);
    int status = mc_dstate_status(to);
    FUZZ_CHECK(status >= 1 && status <= 10 && mc_status_label(status)[0]);
    apply(&c, a, to);
    FUZZ_CHECK(c.step_index >= 0 && (c.step_index < c.nsteps || (c.step_index == c.nsteps && c.state >= MC_DS_PROCESSED)));
  }
  return 0;
}
