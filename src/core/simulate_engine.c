/* simulate_engine.c — the simulator's engine writer: a planned dossier's
 * actions replayed through the dossier engine itself (mc_dossier_submit,
 * mc_dossier_act, mc_dossier_attach), each in its own transaction with its
 * audit entry, the clock set to the action's instant. Slow, but exactly what
 * the server would have written; tests compare it with the bulk writer. */
#include "core/simulate_int.h"
#include "util/str.h"
#include <string.h>
#include <time.h>

static void principal(const sim_action *ac, bool vneid, mc_principal *p) {
  *p = (mc_principal){.user_id = ac->actor_id, .role = ac->role, .unit_id = ac->actor_unit,
                      .auth_method = "oidc", .vneid = ac->role == MC_ROLE_CITIZEN && vneid};
}

/* Let mc_now() read the action's instant (files, audit, "today" in forms). */
static void clock_at(mc_time at) { mc_clock_set_offset(at - (mc_time)time(NULL)); }

mc_rc sim_engine_write(sim_world *w, sim_dossier *sd, mc_err *err) {
  mc_arena *a = mc_arena_new(0);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  const mc_dossier *plan = &sd->d;
  mc_dossier *d = NULL;
  mc_rc rc = MC_OK;
  for (int i = 0; i < sd->nacts && !rc; i++) {
    const sim_action *ac = &sd->acts[i];
    mc_principal who;
    principal(ac, plan->vneid, &who);
    clock_at(ac->at);
    if (ac->kind == SIM_DO_SUBMIT) {
      const sim_unit *u = &w->units[sd->unit];
      mc_dossier_new in = {.procedure_code = sd->proc->code, .channel = plan->channel, .unit_code = u->code,
                           .applicant = {.name = plan->applicant.name, .kind = plan->applicant.kind,
                                         .id_number = plan->applicant.id_number, .phone = plan->applicant.phone,
                                         .address = plan->applicant.address},
                           .form = sd->form, .at = ac->at};
      rc = mc_dossier_submit(w->db, a, &who, &in, &d, err);
      if (!rc && strcmp(d->code, sd->code) != 0)
        rc = mc_fail(err, MC_EINTERNAL, "simulate.code_mismatch", NULL, "The engine numbered %s as %s.",
                     sd->code, d->code);
    } else if (!d) {
      rc = mc_fail(err, MC_EINTERNAL, "simulate.no_dossier", NULL, "An action came before the submission.");
    } else if (ac->kind == SIM_DO_ATTACH) {
      const sim_sample *s = &w->samples[ac->sample];
      mc_attach_new in = {.kind = ac->akind, .component = ac->component, .name = s->name,
                          .content_type = s->mime, .data = s->data, .len = s->len,
                          .digitised = ac->digitised, .reused = ac->reused, .at = ac->at};
      int64_t id;
      rc = mc_dossier_attach(w->db, a, w->p->data_dir, &who, d, &in, &id, err);
    } else {
      mc_act_params p = {.reason = ac->reason, .new_due = ac->new_due, .score = ac->score, .at = ac->at};
      rc = mc_dossier_act(w->db, a, &who, d, ac->action, &p, err);
    }
  }
  mc_clock_set_offset(0);
  mc_arena_free(a);
  return rc;
}
