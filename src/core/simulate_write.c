/* simulate_write.c — the simulator's bulk writer: a played dossier (its
 * final row, events, form-06 steps, attachments and their file rows, the
 * account it brings) written with named queries inside a batch transaction,
 * several rows per statement, and the code counters at commit. The 766
 * index: each dossier's idx_dossier row and the buckets the planner counted
 * (mc_index_load), or rebuilt by the run when it ends (mc_index_repair), or
 * recorded per dossier (mc_index_record).                                  */
#include "core/simulate_int.h"
#include "core/files.h"
#include "util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows waiting to be written several to a statement. */
enum { EV_ROWS = 5, STEP_ROWS = 5, ATT_ROWS = 7, FILE_ROWS = 10 };
typedef struct pend_event { int64_t dossier; sim_event e; } pend_event;
typedef struct pend_step { int64_t dossier; sim_step s; } pend_step;
typedef struct pend_att { int64_t dossier; sim_attach a; } pend_att;

struct sim_batch {
  sim_world *w;
  sim_counters ctr;          /* the highest code number written per scope in this batch */
  pend_event ev[EV_ROWS];
  char *evdata[EV_ROWS];     /* copies of the events' JSON (the slot's own is freed by the planner) */
  size_t evcap[EV_ROWS];
  pend_step st[STEP_ROWS];
  pend_att att[ATT_ROWS], file[FILE_ROWS];
  int nev, nst, natt, nfile;
};

/* ---- the 766 index ------------------------------------------------------------------- */

/* MC_SIM_INDEX_COUNT: the dossier's idx_dossier row (the planner counted its
 * facts), then a full count handed over with it. MC_SIM_INDEX_RECORD: as the
 * engine would record the dossier's last change (the index keeps only what
 * the final facts contribute). MC_SIM_INDEX_REBUILD: nothing (the run
 * rebuilds the whole index at its end, mc_index_repair). */
static mc_rc index_add(sim_batch *b, sim_dossier *sd, mc_err *err) {
  mc_rc rc = MC_OK;
  switch (b->w->p->index) {
  case MC_SIM_INDEX_COUNT:
    rc = mc_index_load_facts(b->w->db, &sd->facts, err);
    if (!rc && sd->index_full) rc = mc_index_load_write(b->w->db, sd->index_full, err);
    mc_index_load_free(sd->index_full);   /* large: not kept until the slot is reused */
    sd->index_full = NULL;
    return rc;
  case MC_SIM_INDEX_RECORD: {
    mc_dossier_facts facts;
    mc_dossier_facts_of(&sd->d, &facts);
    return mc_index_record(b->w->db, NULL, &facts, err);
  }
  case MC_SIM_INDEX_REBUILD: break;
  }
  return rc;
}

/* ---- the dossier row ------------------------------------------------------------------ */

static mc_rc write_row(sim_world *w, const sim_dossier *sd, mc_err *err) {
  const mc_dossier *d = &sd->d;
  return mc_db_exec(w->db, "simulate.dossier_insert", err,
      "isiiiissssssIIiissssiisIsiiIIIIiiiiIiiiiiiiiiiiiisiii",
      d->id, d->code, d->procedure_id, d->receiving_unit_id, d->handling_unit_id, (int64_t)d->channel,
      d->applicant.name, d->applicant.kind, d->applicant.id_number, d->applicant.phone, d->applicant.email,
      d->applicant.address, d->owner_user_id, d->submitted_by, (int64_t)d->on_behalf, (int64_t)d->vneid,
      sd->form_text, sd->proc->workflow_text, mc_dstate_name(d->state),
      d->resume == MC_DS_NEW ? NULL : mc_dstate_name(d->resume), (int64_t)d->step_index, (int64_t)d->nsteps,
      d->step_code, d->step_unit_id, d->step_role, (int64_t)d->status, d->submitted_at, d->received_at,
      d->due_at, d->apology_due_at, d->paused_since, d->paused_seconds, d->paused_work_seconds,
      d->allowed_work_seconds, (int64_t)d->supplements, d->ended_at, (int64_t)d->end_status,
      (int64_t)d->on_time, d->handling_seconds, d->late_seconds, (int64_t)d->has_fee, (int64_t)d->paid_online,
      (int64_t)d->has_result, (int64_t)d->e_result, (int64_t)d->digitised, (int64_t)d->reused,
      (int64_t)d->store_linked, (int64_t)d->synced, (int64_t)d->rating, d->rating_comment,
      (int64_t)d->complaint, d->version, d->updated_at);
}

/* ---- children, several rows per statement --------------------------------------------- */

#define EV(i) b->ev[i].dossier, b->ev[i].e.seq, b->ev[i].e.at, b->ev[i].e.actor_id, b->ev[i].e.actor_role, \
    b->ev[i].e.action, b->ev[i].e.from, b->ev[i].e.to, b->ev[i].e.step_code, (const char *)NULL, b->ev[i].e.data
#define EV_T "iiiIssssss" "s"
#define ST(i) b->st[i].dossier, (int64_t)b->st[i].s.index, b->st[i].s.code, b->st[i].s.name, b->st[i].s.unit, \
    b->st[i].s.role, b->st[i].s.started, b->st[i].s.due, b->st[i].s.ended, (int64_t)b->st[i].s.on_time, \
    b->st[i].s.actor, b->st[i].s.outcome
#define ST_T "iissisiIIiIs"
#define AT(i) b->att[i].a.id, b->att[i].dossier, b->att[i].a.file_id, b->att[i].a.component, \
    mc_attach_kind_name(b->att[i].a.kind), (int64_t)b->att[i].a.digitised, (int64_t)b->att[i].a.reused, \
    b->att[i].a.by, b->att[i].a.at
#define AT_T "iiissiiIi"
#define FI(i) b->file[i].a.file_id, w->samples[b->file[i].a.sample].sha256, w->samples[b->file[i].a.sample].size, \
    w->samples[b->file[i].a.sample].mime, fname[i], fat[i]
#define FI_T "isisss"

static mc_rc flush_events(sim_batch *b, mc_err *err) {
  mc_db *db = b->w->db;
  mc_rc rc = MC_OK;
  if (b->nev == EV_ROWS)
    rc = mc_db_exec(db, "simulate.event_insert5", err, EV_T EV_T EV_T EV_T EV_T, EV(0), EV(1), EV(2), EV(3), EV(4));
  else
    for (int i = 0; i < b->nev && !rc; i++) rc = mc_db_exec(db, "dossiers.event_insert", err, EV_T, EV(i));
  b->nev = 0;
  return rc;
}

static mc_rc flush_steps(sim_batch *b, mc_err *err) {
  mc_db *db = b->w->db;
  mc_rc rc = MC_OK;
  if (b->nst == STEP_ROWS)
    rc = mc_db_exec(db, "simulate.step_insert5", err, ST_T ST_T ST_T ST_T ST_T, ST(0), ST(1), ST(2), ST(3), ST(4));
  else
    for (int i = 0; i < b->nst && !rc; i++) rc = mc_db_exec(db, "simulate.step_insert", err, ST_T, ST(i));
  b->nst = 0;
  return rc;
}

static mc_rc flush_attachments(sim_batch *b, mc_err *err) {
  mc_db *db = b->w->db;
  mc_rc rc = MC_OK;
  if (b->natt == ATT_ROWS)
    rc = mc_db_exec(db, "simulate.attachment_insert7", err, AT_T AT_T AT_T AT_T AT_T AT_T AT_T, AT(0), AT(1), AT(2),
                    AT(3), AT(4), AT(5), AT(6));
  else
    for (int i = 0; i < b->natt && !rc; i++) rc = mc_db_exec(db, "simulate.attachment_insert", err, AT_T, AT(i));
  b->natt = 0;
  return rc;
}

static mc_rc flush_files(sim_batch *b, mc_err *err) {
  sim_world *w = b->w;
  char fname[FILE_ROWS][MC_FILES_NAME_MAX + 1], fat[FILE_ROWS][32];
  for (int i = 0; i < b->nfile; i++) {
    mc_files_sanitize_name(w->samples[b->file[i].a.sample].name, "pdf", fname[i], sizeof fname[i]);
    mc_time_format(b->file[i].a.at, fat[i], sizeof fat[i]);
  }
  mc_rc rc = MC_OK;
  if (b->nfile == FILE_ROWS)
    rc = mc_db_exec(w->db, "simulate.file_insert10", err, FI_T FI_T FI_T FI_T FI_T FI_T FI_T FI_T FI_T FI_T, FI(0),
                    FI(1), FI(2), FI(3), FI(4), FI(5), FI(6), FI(7), FI(8), FI(9));
  else
    for (int i = 0; i < b->nfile && !rc; i++) rc = mc_db_exec(w->db, "simulate.file_insert", err, FI_T, FI(i));
  b->nfile = 0;
  return rc;
}

/* Files before attachments: an attachment row names its file. */
static mc_rc flush_children(sim_batch *b, mc_err *err) {
  mc_rc rc;
  if ((rc = flush_events(b, err)) || (rc = flush_steps(b, err)) || (rc = flush_files(b, err))) return rc;
  return flush_attachments(b, err);
}

static mc_rc write_children(sim_batch *b, sim_dossier *sd, mc_err *err) {
  mc_rc rc = MC_OK;
  int64_t id = sd->d.id;
  for (int i = 0; i < sd->nev && !rc; i++) {
    int k = b->nev;
    size_t n = sd->ev[i].data ? strlen(sd->ev[i].data) + 1 : 0;
    if (n > b->evcap[k]) {
      char *more = realloc(b->evdata[k], n);
      if (!more) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
      b->evdata[k] = more;
      b->evcap[k] = n;
    }
    b->ev[k] = (pend_event){.dossier = id, .e = sd->ev[i]};
    b->ev[k].e.data = n ? memcpy(b->evdata[k], sd->ev[i].data, n) : NULL;
    if (++b->nev == EV_ROWS) rc = flush_events(b, err);
  }
  for (int i = 0; i < sd->nsteps && !rc; i++) {
    b->st[b->nst++] = (pend_step){.dossier = id, .s = sd->steps[i]};
    if (b->nst == STEP_ROWS) rc = flush_steps(b, err);
  }
  for (int i = 0; i < sd->natt && !rc; i++) {
    if (b->nfile == FILE_ROWS) rc = flush_files(b, err);
    if (!rc) b->file[b->nfile++] = (pend_att){.dossier = id, .a = sd->att[i]};
    if (!rc && b->natt == ATT_ROWS) rc = flush_files(b, err) ? err->rc : flush_attachments(b, err);
    if (!rc) b->att[b->natt++] = (pend_att){.dossier = id, .a = sd->att[i]};
  }
  return rc;
}

/* ---- the batch ---------------------------------------------------------------------- */

mc_rc sim_batch_open(sim_world *w, sim_batch **out, mc_err *err) {
  sim_batch *b = calloc(1, sizeof *b);
  if (!b) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  b->w = w;
  mc_rc rc = mc_db_begin(w->db, err);
  if (rc) { sim_batch_free(b); return rc; }
  *out = b;
  return MC_OK;
}

mc_rc sim_batch_add(sim_batch *b, sim_dossier *sd, mc_err *err) {
  int64_t *last = sim_counters_at(&b->ctr, sd->scope);
  if (!last) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (sd->seq > *last) *last = sd->seq;
  mc_rc rc = sim_account_write(b->w, sd, err);
  if (!rc) rc = write_row(b->w, sd, err);
  if (!rc) rc = write_children(b, sd, err);
  if (!rc) rc = index_add(b, sd, err);
  return rc;
}

mc_rc sim_batch_commit(sim_batch *b, mc_err *err) {
  sim_world *w = b->w;
  mc_rc rc = flush_children(b, err);
  for (size_t i = 0; !rc && i < b->ctr.cap; i++)
    if (b->ctr.scope[i]) rc = mc_db_exec(w->db, "simulate.counter_set", err, "si", b->ctr.scope[i], b->ctr.last[i]);
  sim_counters_clear(&b->ctr);
  if (!rc) rc = mc_db_exec(w->db, "simulate.sync_ids", err, NULL);
  if (!rc) rc = mc_db_commit(w->db, err);
  else mc_db_rollback(w->db);
  return rc;
}

void sim_batch_free(sim_batch *b) {
  if (!b) return;
  for (int i = 0; i < EV_ROWS; i++) free(b->evdata[i]);
  if (mc_db_in_tx(b->w->db)) mc_db_rollback(b->w->db);
  sim_counters_release(&b->ctr);
  free(b);
}

/* ---- citizen accounts ------------------------------------------------------------------ */

/* A bijection of 64-bit words (the splitmix64 finaliser): distinct people get
 * distinct account names. */
static uint64_t scramble(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

mc_rc sim_account_write(sim_world *w, const sim_dossier *sd, mc_err *err) {
  if (!sd->account) return MC_OK;
  sim_person ps;
  sim_person_of(w, sd->account_person, &ps);
  uint64_t h = scramble((uint64_t)sd->account_person + w->p->seed * 0x9e3779b97f4a7c15ULL);
  char user[40], subject[40], created[32];
  snprintf(user, sizeof user, "vneid.%016llx", (unsigned long long)h);
  snprintf(subject, sizeof subject, "%016llx", (unsigned long long)scramble(h ^ 0x5a5a5a5a5a5a5a5aULL));
  mc_time_format(sd->account_at, created, sizeof created);
  /* As an account opened by a first login through VNeID (oidc.c): no password. */
  mc_rc rc = mc_db_exec(w->db, "simulate.citizen_insert", err, "issssssssis", sd->account, user, ps.name,
                        ps.id_number, ps.phone, NULL, ps.birth, ps.female ? "female" : "male", "citizen",
                        (int64_t)2, created);
  if (!rc) rc = mc_db_exec(w->db, "users.identity_insert", err, "ssiii", "vneid", subject, sd->account, (int64_t)2,
                           sd->account_at);
  return rc;
}
