/* dossier_submit.c — submission of a dossier (nộp hồ sơ): who may submit on
 * which channel, the procedure and unit checks, the applicant, the e-form,
 * the workflow snapshot, the code, and the first event, step row and index
 * facts, all in one transaction (dossier.h). */
#include "core/dossier_int.h"
#include "core/eform.h"
#include "core/unit.h"
#include "core/workflow.h"
#include "util/str.h"
#include <stdlib.h>
#include <string.h>

static mc_rc applicant_bad(mc_err *err, const char *field, const char *msg) {
  return mc_fail(err, MC_EINVAL, "dossier.bad_applicant", field, "%s", msg);
}

/* A business's tax code: 10 digits, or 10 digits, '-', 3 digits (branch). */
static bool tax_code_valid(const char *s) {
  size_t n = strlen(s);
  if (n != 10 && n != 14) return false;
  for (size_t i = 0; i < n; i++) {
    if (i == 10) { if (s[i] != '-') return false; continue; }
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

static mc_rc check_applicant(mc_arena *a, mc_applicant *ap, const mc_procedure *p, mc_err *err) {
  if (mc_str_empty(ap->kind)) ap->kind = "citizen";
  if (strcmp(ap->kind, "citizen") != 0 && strcmp(ap->kind, "business") != 0)
    return applicant_bad(err, "applicant.kind", "The applicant is a \"citizen\" or a \"business\".");
  if (strcmp(p->citizen_kind, "both") != 0 && strcmp(p->citizen_kind, ap->kind) != 0)
    return mc_fail(err, MC_EINVAL, "dossier.applicant_kind", "applicant.kind",
                   "The procedure %s is for %s applicants only.", p->code,
                   strcmp(p->citizen_kind, "citizen") == 0 ? "citizen" : "business");
  if (mc_str_empty(ap->name) || mc_utf8_len(ap->name) > MC_APPLICANT_NAME_MAX)
    return applicant_bad(err, "applicant.name", "The applicant's name is required (at most 200 characters).");
  if (!mc_str_empty(ap->id_number)) {
    bool ok = strcmp(ap->kind, "citizen") == 0 ? mc_id_number_valid(ap->id_number) : tax_code_valid(ap->id_number);
    if (!ok)
      return applicant_bad(err, "applicant.id_number",
                           strcmp(ap->kind, "citizen") == 0
                               ? "The personal identification number has 12 digits (CCCD)."
                               : "The tax code has 10 digits, or 10 digits, '-' and 3 digits.");
  } else {
    ap->id_number = NULL;
  }
  if (!mc_str_empty(ap->phone)) {
    char norm[MC_PHONE_MAX];
    if (!mc_phone_normalize(ap->phone, norm))
      return applicant_bad(err, "applicant.phone", "The phone number is not a Vietnamese number.");
    ap->phone = mc_arena_strdup(a, norm);
  } else {
    ap->phone = NULL;
  }
  if (!mc_str_empty(ap->email) && !mc_email_valid(ap->email))
    return applicant_bad(err, "applicant.email", "The e-mail address is not valid.");
  if (mc_str_empty(ap->email)) ap->email = NULL;
  if (ap->address && mc_utf8_len(ap->address) > MC_ADDRESS_MAX)
    return applicant_bad(err, "applicant.address", "The address has at most 300 characters.");
  if (mc_str_empty(ap->address)) ap->address = NULL;
  if (!ap->phone && !ap->id_number)
    return applicant_bad(err, "applicant.phone",
                         "Give the applicant's phone number or identification number (used to look the dossier up).");
  return MC_OK;
}

/* Fill what the citizen did not give from their account. */
static mc_rc applicant_from_account(mc_db *db, mc_arena *a, int64_t user_id, mc_applicant *ap,
                                    mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "dossiers.user_contact", err, "i", user_id);
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err->rc;
  if (r > 0) {
    const char *v[4];
    for (int i = 0; i < 4; i++) v[i] = mc_col_null(st, i) ? NULL : mc_arena_strdup(a, mc_col_text(st, i));
    /* The account's name and number describe the account holder only. */
    bool self = mc_str_empty(ap->name) || mc_str_eq(ap->name, v[0]);
    if (mc_str_empty(ap->name)) ap->name = v[0];
    if (self && mc_str_empty(ap->id_number) && !mc_str_eq(ap->kind, "business")) ap->id_number = v[1];
    if (mc_str_empty(ap->phone)) ap->phone = v[2];
    if (mc_str_empty(ap->email)) ap->email = v[3];
    while (mc_stmt_next(st, err) > 0) {}
  }
  return MC_OK;
}

static mc_rc find_unit(mc_db *db, mc_arena *a, const char *code, const char *field, mc_time at,
                       mc_unit **u, mc_err *err) {
  mc_rc rc = mc_unit_get(db, a, code, u, err);
  if (rc == MC_ENOTFOUND) {
    mc_err_clear(err);
    return mc_fail(err, MC_EINVAL, "dossier.unit_unknown", field, "No unit has the code \"%.64s\".", code);
  }
  if (rc) return rc;
  int32_t today = mc_local_day(at);
  if (((*u)->valid_to && (*u)->valid_to <= today) || ((*u)->valid_from && (*u)->valid_from > today))
    return mc_fail(err, MC_EINVAL, "dossier.unit_closed", field,
                   "The unit %s is not in operation on this date.", (*u)->name);
  return MC_OK;
}

typedef struct plan {
  mc_procedure *p;
  mc_unit *recv, *hand;
  int channel;
  mc_applicant ap;
  int64_t owner;
  bool on_behalf;
  const json_t *workflow;
  int nsteps;
  bool has_fee, has_result;
  bool vneid;
} plan;

static mc_rc prepare(mc_db *db, mc_arena *a, const mc_principal *who, const mc_dossier_new *in,
                     mc_time at, plan *pl, mc_err *err) {
  if (!who || (who->role != MC_ROLE_CITIZEN && who->role != MC_ROLE_OFFICER))
    return mc_fail(err, MC_EFORBIDDEN, "auth.forbidden", NULL,
                   "Dossiers are submitted by citizens (online) or by one-stop officers (at the desk).");
  bool citizen = who->role == MC_ROLE_CITIZEN;
  mc_wf_ctx c = {.state = MC_DS_NEW, .who = citizen ? MC_WHO_OWNER : MC_WHO_DESK};
  mc_dstate to;
  mc_rc rc = mc_wf_decide(&c, MC_DA_SUBMIT, &to, err);
  if (rc) return rc;
  pl->channel = in->channel ? in->channel : citizen ? 2 : 1;
  if (citizen && pl->channel != 2)
    return mc_fail(err, MC_EINVAL, "dossier.bad_channel", "channel", "Citizens submit online (channel 2).");
  if (!citizen && pl->channel != 1 && pl->channel != 3)
    return mc_fail(err, MC_EINVAL, "dossier.bad_channel", "channel",
                   "Officers record dossiers received in person (1) or by post (3).");
  rc = mc_procedure_get(db, a, in->procedure_code, &pl->p, err);
  if (rc == MC_ENOTFOUND) {
    mc_err_clear(err);
    return mc_fail(err, MC_EINVAL, "procedure.unknown", "procedure", "No procedure has the code \"%.64s\".",
                   in->procedure_code ? in->procedure_code : "");
  }
  if (rc) return rc;
  const mc_procedure *p = pl->p;
  if (!p->active)
    return mc_fail(err, MC_EINVAL, "procedure.inactive", "procedure", "The procedure %s is no longer offered.", p->code);
  if (pl->channel == 2 && strcmp(p->online_level, "none") == 0)
    return mc_fail(err, MC_EINVAL, "dossier.not_online", "channel",
                   "The procedure %s is not offered online; submit it at a one-stop desk.", p->code);
  /* Units: a citizen names the desk; an officer receives at their own unit. */
  if (citizen) {
    if (mc_str_empty(in->unit_code))
      return mc_fail(err, MC_EINVAL, "dossier.unit_required", "unit", "Choose the unit to submit to.");
    if ((rc = find_unit(db, a, in->unit_code, "unit", at, &pl->recv, err))) return rc;
  } else {
    if ((rc = mc_unit_get_id(db, a, who->unit_id, &pl->recv, err))) return rc;
    if (!mc_str_empty(in->unit_code) && strcmp(in->unit_code, pl->recv->code) != 0)
      return mc_fail(err, MC_EINVAL, "dossier.not_your_unit", "unit",
                     "Officers record dossiers for their own unit (%s).", pl->recv->code);
  }
  pl->hand = pl->recv;
  if (!mc_str_empty(in->handling_unit_code) &&
      (rc = find_unit(db, a, in->handling_unit_code, "handling_unit", at, &pl->hand, err)))
    return rc;
  if (!mc_list_has(p->unit_kinds, pl->hand->kind))
    return mc_fail(err, MC_EINVAL, "dossier.unit_kind", in->handling_unit_code ? "handling_unit" : "unit",
                   "%s (%s) does not handle the procedure %s (handled by: %s).", pl->hand->name,
                   pl->hand->kind, p->code, p->unit_kinds);
  /* The applicant. */
  pl->ap = in->applicant;
  if (citizen) {
    if ((rc = applicant_from_account(db, a, who->user_id, &pl->ap, err))) return rc;
    pl->owner = who->user_id;
    pl->vneid = who->vneid;     /* the session was opened through VNeID (index 5.6–5.7) */
  } else {
    pl->on_behalf = true;
  }
  if ((rc = check_applicant(a, &pl->ap, p, err))) return rc;
  if (!citizen && pl->ap.id_number) {
    int64_t owner = 0;
    rc = mc_db_i64(db, "dossiers.citizen_by_id_number", &owner, err, "s", pl->ap.id_number);
    if (rc == MC_ENOTFOUND) { mc_err_clear(err); owner = 0; }
    else if (rc) return rc;
    pl->owner = owner;
  }
  /* The e-form. */
  if ((rc = mc_eform_validate(p->eform, in->form, err))) return rc;
  pl->workflow = p->workflow && json_is_object(p->workflow) ? p->workflow : mc_workflow_default();
  pl->nsteps = (int)json_array_size(json_object_get(pl->workflow, "steps"));
  if (pl->nsteps < 1)
    return mc_fail(err, MC_EINTERNAL, "dossier.no_steps", "workflow", "The procedure %s has no processing steps.", p->code);
  for (int i = 0; i < p->nfees; i++) pl->has_fee |= p->fees[i].amount > 0;
  pl->has_result = !mc_str_empty(p->result_type);
  return MC_OK;
}

mc_rc mc_dossier_submit(mc_db *db, mc_arena *a, const mc_principal *who, const mc_dossier_new *in,
                        mc_dossier **out, mc_err *err) {
  mc_time at = in->at ? in->at : mc_now();
  plan pl = {0};
  mc_rc rc = prepare(db, a, who, in, at, &pl, err);
  if (rc) return rc;
  char *form = in->form ? json_dumps(in->form, JSON_COMPACT) : strdup("{}");
  char *wf = json_dumps(pl.workflow, JSON_COMPACT);
  if (!form || !wf) { free(form); free(wf); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  if ((rc = mc_db_begin(db, err))) { free(form); free(wf); return rc; }
  const char *code;
  int64_t id = 0;
  rc = mc_dossier_make_code(db, a, pl.recv->code, pl.p->code, at, &code, err);
  if (!rc)
    rc = mc_db_i64(db, "dossiers.insert", &id, err, "siiiissssssIIiissssiisisiiii",
                   code, pl.p->id, pl.recv->id, pl.hand->id, (int64_t)pl.channel, pl.ap.name, pl.ap.kind,
                   pl.ap.id_number, pl.ap.phone, pl.ap.email, pl.ap.address, pl.owner, who->user_id,
                   (int64_t)pl.on_behalf, (int64_t)pl.vneid, form, wf,
                   mc_dstate_name(MC_DS_SUBMITTED), NULL, (int64_t)-1, (int64_t)pl.nsteps, "tiep_nhan",
                   pl.recv->id, "officer", (int64_t)mc_dstate_status(MC_DS_SUBMITTED), (int64_t)at,
                   (int64_t)pl.has_fee, (int64_t)pl.has_result);
  free(form);
  free(wf);
  if (!rc)
    rc = mc_db_exec(db, "dossiers.step_insert", err, "iissisiI", id, (int64_t)-1, "tiep_nhan",
                    "Tiếp nhận hồ sơ", pl.recv->id, "officer", (int64_t)at, (int64_t)0);
  if (!rc) {
    json_t *j = json_pack("{s:i, s:b}", "channel", pl.channel, "on_behalf", pl.on_behalf);
    char *data = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    rc = mc_db_exec(db, "dossiers.event_insert", err, "iiiIssssss" "s", id, (int64_t)1, (int64_t)at,
                    who->user_id, mc_role_name(who->role), "submit", NULL, mc_dstate_name(MC_DS_SUBMITTED),
                    "tiep_nhan", NULL, data);
    free(data);
  }
  mc_dossier *d = NULL;
  if (!rc) {
    mc_stmt *st = mc_db_prep(db, "dossiers.by_id", err, "i", id);
    int r = st ? mc_stmt_next(st, err) : -1;
    d = mc_arena_alloc(a, sizeof *d);
    if (r <= 0 || !d) rc = err->rc ? err->rc : mc_fail(err, MC_EINTERNAL, "dossier.lost", NULL, "The new dossier vanished.");
    else rc = mc_dossier_from_row(st, a, true, d, err);
    while (st && mc_stmt_next(st, NULL) > 0) {}
  }
  if (!rc) {
    mc_dossier_facts after;
    mc_dossier_facts_of(d, &after);
    rc = mc_index_record(db, NULL, &after, err);
  }
  if (!rc) {
    json_t *detail = json_pack("{s:s, s:i, s:b, s:b}", "procedure", pl.p->code, "channel", pl.channel,
                               "on_behalf", pl.on_behalf, "vneid", pl.vneid);
    rc = mc_dossier_audit(db, who, "dossier.submit", d, detail, err);
  }
  if (!rc) rc = mc_db_commit(db, err);
  else mc_db_rollback(db);
  if (!rc) *out = d;
  return rc;
}
