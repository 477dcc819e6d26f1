/* simulate_write.c — the simulator's bulk writer: a played dossier (its
 * final row, events, form-06 steps, attachments and their file rows) written
 * with named queries inside a batch transaction, and its facts counted in the
 * 766 index. With MC_SIM_INDEX_BATCH the index counters of a whole batch are
 * summed in memory with the index module's own contribution function
 * (index_int.h: the same anchors and granularities mc_index_record writes)
 * and added once per key at commit; with MC_SIM_INDEX_RECORD each dossier
 * goes through mc_index_record. Both leave the same counters.            */
#include "core/simulate_int.h"
#include "core/files.h"
#include "core/index_int.h"
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
  sim_imap map;
  sim_counters ctr;          /* the highest code number written per scope in this batch */
  pend_event ev[EV_ROWS];
  pend_step st[STEP_ROWS];
  pend_att att[ATT_ROWS], file[FILE_ROWS];
  int nev, nst, natt, nfile;
};

/* ---- index counters summed in memory ------------------------------------------------ */

static uint64_t key_hash(const sim_ikey *k) {
  return sim_hash2(sim_hash2((uint64_t)k->proc, (uint64_t)k->unit), ((uint64_t)(uint32_t)k->gran << 32) | (uint32_t)k->day);
}

static bool grow(sim_imap *b) {
  size_t cap = b->cap ? b->cap * 2 : 1 << 14;
  sim_ikey *keys = malloc(cap * sizeof *keys);
  mc_icounts *vals = malloc(cap * sizeof *vals);
  bool *used = calloc(cap, sizeof *used);
  if (!keys || !vals || !used) { free(keys); free(vals); free(used); return false; }
  for (size_t i = 0; i < b->cap; i++) {
    if (!b->used[i]) continue;
    size_t j = key_hash(&b->keys[i]) & (cap - 1);
    while (used[j]) j = (j + 1) & (cap - 1);
    used[j] = true;
    keys[j] = b->keys[i];
    vals[j] = b->vals[i];
  }
  free(b->keys);
  free(b->vals);
  free(b->used);
  b->keys = keys;
  b->vals = vals;
  b->used = used;
  b->cap = cap;
  return true;
}

mc_icounts *sim_imap_at(sim_imap *b, const sim_ikey *k, bool create) {
  if (create && (b->n + 1) * 2 > b->cap && !grow(b)) return NULL;
  if (!b->cap) return NULL;
  size_t j = key_hash(k) & (b->cap - 1);
  while (b->used[j] && memcmp(&b->keys[j], k, sizeof *k) != 0) j = (j + 1) & (b->cap - 1);
  if (!b->used[j]) {
    if (!create) return NULL;
    b->used[j] = true;
    b->keys[j] = *k;
    memset(&b->vals[j], 0, sizeof b->vals[j]);
    b->n++;
  }
  return &b->vals[j];
}

bool sim_imap_add(sim_imap *m, const mc_ifacts *f) {
  mc_icontrib parts[MC_ICONTRIB_MAX];
  int n = mc_index_contrib(f, parts);
  for (int i = 0; i < n; i++) {
    int32_t days[3] = {parts[i].day, mc_index_month_start(parts[i].day), 0};
    static const int grans[3] = {MC_IG_DAY, MC_IG_MONTH, MC_IG_ALL};
    for (int g = 0; g < 3; g++)
      for (int pr = 0; pr < 2; pr++) {
        sim_ikey k = {.proc = pr ? 0 : parts[i].proc_id, .unit = parts[i].unit_id, .gran = grans[g], .day = days[g]};
        mc_icounts *c = sim_imap_at(m, &k, true);
        if (!c) return false;
        for (int x = 0; x < MC_IC_COUNT; x++) c->c[x] += parts[i].v.c[x];
      }
  }
  return true;
}

void sim_imap_clear(sim_imap *m) {
  if (m->used) memset(m->used, 0, m->cap * sizeof *m->used);
  m->n = 0;
}

void sim_imap_release(sim_imap *m) {
  free(m->keys);
  free(m->vals);
  free(m->used);
  memset(m, 0, sizeof *m);
}

/* What mc_index_record does for a dossier the index has not seen. */
static mc_rc index_add(sim_batch *b, const mc_dossier *d, mc_err *err) {
  mc_dossier_facts facts;
  mc_dossier_facts_of(d, &facts);
  if (b->w->p->index == MC_SIM_INDEX_RECORD) return mc_index_record(b->w->db, NULL, &facts, err);
  mc_ifacts f;
  mc_ifacts_from(&facts, &f);
  if (!f.received_at) return MC_OK;
  if (!sim_imap_add(&b->map, &f)) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  return mc_db_exec(b->w->db, "index.dossier_put", err, "iiiiiiiiiiiiii", f.dossier_id, f.unit_id, f.proc_id,
                    (int64_t)f.channel, f.received_at, f.due_at, f.eff_due, f.ended_at, (int64_t)f.end_status,
                    (int64_t)f.on_time, (int64_t)f.supplements, f.handling_seconds, (int64_t)f.flags,
                    (int64_t)f.rating);
}

static mc_rc flush_index(sim_batch *b, mc_err *err) {
  sim_imap *m = &b->map;
  for (size_t j = 0; j < m->cap; j++) {
    if (!m->used[j]) continue;
    const sim_ikey *k = &m->keys[j];
    const int64_t *c = m->vals[j].c;
    mc_rc rc = mc_db_exec(b->w->db, "index.bucket_add", err, "iiiiiiiiiiiiiiiiiiiiii", k->proc, (int64_t)k->gran,
                          (int64_t)k->day, k->unit, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9],
                          c[10], c[11], c[12], c[13], c[14], c[15], c[16], c[17]);
    if (rc) return rc;
  }
  sim_imap_clear(m);
  return MC_OK;
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
  for (int i = 0; i < b->nev; i++) free(b->ev[i].e.data);
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
    b->ev[b->nev++] = (pend_event){.dossier = id, .e = sd->ev[i]};
    sd->ev[i].data = NULL;                          /* the batch owns it now */
    if (b->nev == EV_ROWS) rc = flush_events(b, err);
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
  if (!b || !grow(&b->map)) { free(b); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
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
  if (!rc) rc = index_add(b, &sd->d, err);
  return rc;
}

mc_rc sim_batch_commit(sim_batch *b, mc_err *err) {
  sim_world *w = b->w;
  mc_rc rc = flush_children(b, err);
  if (!rc) rc = flush_index(b, err);
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
  for (int i = 0; i < b->nev; i++) free(b->ev[i].e.data);
  if (mc_db_in_tx(b->w->db)) mc_db_rollback(b->w->db);
  sim_imap_release(&b->map);
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
