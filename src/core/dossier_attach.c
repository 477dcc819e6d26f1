/* dossier_attach.c — files of a dossier: components (at submission or
 * reception; digitised, or reused from the citizen's document store),
 * supplements, and results (an uploaded result is electronic). Each upload
 * is one transaction with the dossier's digitisation flags, an event and
 * the 766 index (dossier.h; the bytes go through files.h).
 *
 * Flags (index766.md group 5):
 *   digitised    every required component of the procedure has a component
 *                file that is digitised or reused (a procedure without
 *                required components: at least one such file);
 *   reused       at least one component was taken from the document store;
 *   store_linked the dossier uses the store (reused);
 *   e_result     an electronic result file was issued.                     */
#include "core/dossier_int.h"
#include "core/files.h"
#include "util/str.h"
#include <string.h>

static const char *const kind_names[] = {"component", "supplement", "result"};

const char *mc_attach_kind_name(mc_attach_kind k) { return k <= MC_ATT_RESULT ? kind_names[k] : "?"; }

bool mc_attach_kind_parse(const char *s, mc_attach_kind *out) {
  for (int i = 0; s && i <= MC_ATT_RESULT; i++)
    if (strcmp(s, kind_names[i]) == 0) { *out = (mc_attach_kind)i; return true; }
  return false;
}

/* Who may attach what, when. */
static bool may_attach(unsigned w, mc_dstate s, mc_attach_kind k) {
  switch (k) {
  case MC_ATT_COMPONENT:
    if ((w & MC_WHO_OWNER) && s == MC_DS_SUBMITTED) return true;
    return (w & (MC_WHO_DESK | MC_WHO_STEP)) &&
           (s == MC_DS_SUBMITTED || s == MC_DS_RECEIVED || s == MC_DS_PROCESSING || s == MC_DS_WAITING_PAYMENT);
  case MC_ATT_SUPPLEMENT:
    return (w & (MC_WHO_OWNER | MC_WHO_DESK)) && s == MC_DS_SUPPLEMENT;
  case MC_ATT_RESULT:
    return ((w & MC_WHO_STEP) && (s == MC_DS_RECEIVED || s == MC_DS_PROCESSING)) ||
           ((w & MC_WHO_DESK) && s == MC_DS_PROCESSED);
  }
  return false;
}

/* Recompute digitised / reused from the stored component files. */
static mc_rc digitisation(mc_db *db, const mc_procedure *p, mc_dossier *d, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "dossiers.attachments", err, "i", d->id);
  if (!st) return err->rc;
  bool covered[MC_PROC_COMPONENTS_MAX] = {0};
  bool any = false, reused = false;
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    const char *comp = mc_col_null(st, 2) ? NULL : mc_col_text(st, 2);
    const char *kind = mc_col_text(st, 3);
    bool dig = mc_col_i64(st, 4) != 0, reu = mc_col_i64(st, 5) != 0;
    if (strcmp(kind, "result") == 0 || !(dig || reu)) continue;
    any = true;
    reused |= reu;
    for (int i = 0; comp && i < p->ncomponents && i < MC_PROC_COMPONENTS_MAX; i++)
      if (strcmp(p->components[i].code, comp) == 0) covered[i] = true;
  }
  if (r < 0) return err->rc;
  bool all = true, required = false;
  for (int i = 0; i < p->ncomponents && i < MC_PROC_COMPONENTS_MAX; i++)
    if (p->components[i].required) { required = true; all &= covered[i]; }
  d->digitised = required ? all : any;
  d->reused = reused;
  d->store_linked = reused || d->store_linked;
  return MC_OK;
}

mc_rc mc_dossier_attach(mc_db *db, mc_arena *a, const char *data_dir, const mc_principal *who,
                        mc_dossier *d, const mc_attach_new *in, int64_t *id, mc_err *err) {
  unsigned w = mc_dossier_who(who, d);
  if (!may_attach(w, d->state, in->kind)) {
    if (!w)
      return mc_fail(err, MC_EFORBIDDEN, "dossier.not_your_turn", "kind",
                     "You may not add files to this dossier now.");
    return mc_fail(err, MC_ECONFLICT, "dossier.attach_not_allowed", "kind",
                   "A %s file cannot be added while the dossier is %s.", mc_attach_kind_name(in->kind),
                   mc_dstate_name(d->state));
  }
  mc_procedure *p;
  mc_rc rc = mc_procedure_get_id(db, a, d->procedure_id, &p, err);
  if (rc) return rc;
  if (in->kind != MC_ATT_RESULT || !mc_str_empty(in->component)) {
    bool known = false;
    for (int i = 0; in->component && i < p->ncomponents; i++) known |= strcmp(p->components[i].code, in->component) == 0;
    if (!known)
      return mc_fail(err, MC_EINVAL, "dossier.unknown_component", "component",
                     "The procedure %s has no component \"%.64s\".", p->code, in->component ? in->component : "");
  }
  mc_time at = in->at ? in->at : mc_now();
  mc_dossier work = *d;
  mc_dossier_facts before;
  mc_dossier_facts_of(d, &before);
  if ((rc = mc_db_begin(db, err))) return rc;
  int64_t file_id = 0;
  bool dig = in->kind != MC_ATT_RESULT && in->digitised, reu = in->kind != MC_ATT_RESULT && in->reused;
  rc = mc_files_put(db, data_dir, in->data, in->len, in->content_type, in->name, &file_id, err);
  if (!rc)
    rc = mc_db_i64(db, "dossiers.attachment_insert", id, err, "iissiiIi", d->id, file_id,
                   mc_str_empty(in->component) ? NULL : in->component, mc_attach_kind_name(in->kind),
                   (int64_t)dig, (int64_t)reu, who ? who->user_id : 0, (int64_t)at);
  if (!rc && in->kind == MC_ATT_RESULT) work.e_result = true;
  if (!rc && in->kind != MC_ATT_RESULT) rc = digitisation(db, p, &work, err);
  if (!rc) {
    mc_dchange ch = {.who = who, .action = "attach", .from = d->state, .step_code = d->step_code,
                     .at = at,
                     .data = json_pack("{s:I, s:I, s:s, s:o, s:b, s:b}", "attachment_id", (json_int_t)*id,
                                       "file_id", (json_int_t)file_id, "kind", mc_attach_kind_name(in->kind),
                                       "component", in->component && *in->component ? json_string(in->component) : json_null(),
                                       "digitised", dig, "reused", reu)};
    rc = mc_dossier_write(db, &work, &before, &ch, err);
  }
  if (!rc) rc = mc_db_commit(db, err);
  else mc_db_rollback(db);
  if (!rc) *d = work;
  return rc;
}

mc_rc mc_dossier_attachment(mc_db *db, mc_arena *a, const char *data_dir, const mc_principal *who,
                            const mc_dossier *d, int64_t id, const void **data, size_t *len,
                            const char **type, const char **name, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "dossiers.attachment", err, "ii", d->id, id);
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err->rc;
  if (r == 0)
    return mc_fail(err, MC_ENOTFOUND, "dossier.attachment_not_found", "id",
                   "The dossier %s has no attachment %lld.", d->code, (long long)id);
  int64_t file_id = mc_col_i64(st, 1);
  while (mc_stmt_next(st, NULL) > 0) {}
  mc_file_meta m;
  mc_rc rc = mc_files_get(db, a, file_id, &m, err);
  if (rc || (rc = mc_files_read(data_dir, m.sha256, a, data, len, err))) return rc;
  if (who && who->role != MC_ROLE_CITIZEN &&
      (rc = mc_dossier_audit(db, who, "dossier.download", d, json_pack("{s:I}", "attachment_id", (json_int_t)id), err)))
    return rc;
  *type = m.mime;
  *name = m.filename;
  return MC_OK;
}
