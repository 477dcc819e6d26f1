/* index766.c — recording dossier changes into the counters of the 766 index.
 *
 * Each received dossier contributes additive counters at up to three anchors
 * (index_int.h): its reception day (received, online, synced, fee, paid
 * online, reused, store, VNeID, and the start of its "open and within
 * deadline" interval), the day it ended (ended, on time, handling time,
 * results, digitised, complaints) and the last day of that interval. A change
 * subtracts what the dossier contributed as last stored in idx_dossier and
 * adds what its new facts contribute, at day, month and all-time granularity,
 * for its procedure and for "every procedure" (proc_id 0). The counters
 * therefore always equal a recomputation from the facts, and a dossier that
 * is still open turns late by itself when its deadline passes: nothing is
 * rewritten by a batch job (see index_read.c for how instants are counted). */
#include "core/index_int.h"
#include <stdlib.h>
#include <string.h>

int32_t mc_index_month_start(int32_t day) {
  int y, m, d;
  mc_civil_from_days(day, &y, &m, &d);
  return mc_days_from_civil(y, m, 1);
}

void mc_ifacts_from(const mc_dossier_facts *f, mc_ifacts *o) {
  memset(o, 0, sizeof *o);
  o->dossier_id = f->dossier_id;
  o->unit_id = f->unit_id;
  o->proc_id = f->procedure_id;
  o->channel = f->channel;
  o->received_at = f->received_at;
  o->due_at = f->due_at;
  o->eff_due = f->effective_due_at ? f->effective_due_at : f->due_at;
  if (o->eff_due == 0) o->eff_due = INT64_MAX;          /* no deadline: cannot be late */
  o->ended_at = f->ended_at;
  o->end_status = f->ended_at ? f->end_status : 0;
  o->supplements = f->supplements < 0 ? 0 : f->supplements;
  if (!f->ended_at) o->on_time = -1;
  else if (f->on_time == 0 || f->on_time == 1) o->on_time = f->on_time;
  else o->on_time = f->ended_at <= o->eff_due && o->supplements < 2;   /* verdict not given */
  o->handling_seconds = f->ended_at && f->handling_seconds > 0 ? f->handling_seconds : 0;
  o->flags = (f->has_fee ? MC_IF_HAS_FEE : 0) | (f->paid_online ? MC_IF_PAID_ONLINE : 0) |
             (f->has_result ? MC_IF_HAS_RESULT : 0) | (f->e_result ? MC_IF_E_RESULT : 0) |
             (f->digitised ? MC_IF_DIGITISED : 0) | (f->reused ? MC_IF_REUSED : 0) |
             (f->store_linked ? MC_IF_STORE_LINKED : 0) | (f->vneid ? MC_IF_VNEID : 0) |
             (f->synced ? MC_IF_SYNCED : 0) | (f->complaint ? MC_IF_COMPLAINT : 0);
  o->rating = f->rating >= 1 && f->rating <= 5 ? f->rating : 0;
}

mc_time mc_index_within_end(const mc_ifacts *f) {
  if (f->supplements >= 2) return 0;                   /* two requests: late (dossiers.md) */
  mc_time b = f->eff_due == INT64_MAX ? INT64_MAX : f->eff_due - 1;   /* T < eff_due ⇔ T ≤ eff_due − 1 */
  if (f->ended_at) {
    mc_time e = f->ended_at < f->received_at ? f->received_at : f->ended_at;
    if (e < b) b = e;
  }
  return b > f->received_at ? b : 0;
}

static mc_icounts *at(mc_icontrib *out, int *n, const mc_ifacts *f, int32_t day) {
  for (int i = 0; i < *n; i++)
    if (out[i].day == day) return &out[i].v;
  mc_icontrib *c = &out[(*n)++];
  memset(c, 0, sizeof *c);
  c->unit_id = f->unit_id;
  c->proc_id = f->proc_id;
  c->day = day;
  return &c->v;
}

int mc_index_contrib(const mc_ifacts *f, mc_icontrib out[MC_ICONTRIB_MAX]) {
  int n = 0;
  if (!f->received_at) return 0;
  int fl = f->flags;
  mc_time w = mc_index_within_end(f);
  int64_t *r = at(out, &n, f, mc_local_day(f->received_at))->c;
  r[MC_IC_RCV] += 1;
  r[MC_IC_RCV_ONLINE] += f->channel == 2;
  r[MC_IC_RCV_SYNCED] += !!(fl & MC_IF_SYNCED);
  r[MC_IC_RCV_FEE] += !!(fl & MC_IF_HAS_FEE);
  r[MC_IC_RCV_PAID] += (fl & MC_IF_HAS_FEE) && (fl & MC_IF_PAID_ONLINE);
  r[MC_IC_RCV_REUSED] += !!(fl & MC_IF_REUSED);
  r[MC_IC_RCV_STORE] += !!(fl & MC_IF_STORE_LINKED);
  r[MC_IC_RCV_VNEID] += !!(fl & MC_IF_VNEID);
  r[MC_IC_W_START] += w != 0;
  if (f->ended_at) {
    mc_time e = f->ended_at < f->received_at ? f->received_at : f->ended_at;
    int64_t *x = at(out, &n, f, mc_local_day(e))->c;
    bool done = f->end_status == 9 || f->end_status == 10;
    bool res = done && (fl & MC_IF_HAS_RESULT);
    x[MC_IC_END_N] += 1;
    x[MC_IC_END_ONTIME] += f->on_time == 1;
    x[MC_IC_END_SECS] += f->handling_seconds;
    x[MC_IC_END_RES] += res;
    x[MC_IC_END_ERES] += res && (fl & MC_IF_E_RESULT);
    x[MC_IC_END_DONE] += done;
    x[MC_IC_END_DIG] += done && (fl & MC_IF_DIGITISED) && (fl & MC_IF_E_RESULT);
    x[MC_IC_END_BAD] += (fl & MC_IF_COMPLAINT) || (f->rating >= 1 && f->rating <= MC_INDEX_DISSATISFIED_MAX);
  }
  if (w != 0 && w != INT64_MAX) at(out, &n, f, mc_local_day(w))->c[MC_IC_W_END] += 1;
  return n;
}

static bool same_facts(const mc_ifacts *a, const mc_ifacts *b) {
  return a->unit_id == b->unit_id && a->proc_id == b->proc_id && a->channel == b->channel &&
         a->received_at == b->received_at && a->due_at == b->due_at && a->eff_due == b->eff_due &&
         a->ended_at == b->ended_at && a->end_status == b->end_status && a->on_time == b->on_time &&
         a->supplements == b->supplements && a->handling_seconds == b->handling_seconds &&
         a->flags == b->flags && a->rating == b->rating;
}

static mc_rc load_stored(mc_db *db, int64_t id, mc_ifacts *o, bool *found, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "index.dossier_get", err, "i", id);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err && err->rc ? err->rc : MC_EDB;
  *found = r > 0;
  if (r > 0) {
    memset(o, 0, sizeof *o);
    o->dossier_id = id;
    o->unit_id = mc_col_i64(st, 0);
    o->proc_id = mc_col_i64(st, 1);
    o->channel = (int)mc_col_i64(st, 2);
    o->received_at = mc_col_i64(st, 3);
    o->due_at = mc_col_i64(st, 4);
    o->eff_due = mc_col_i64(st, 5);
    o->ended_at = mc_col_i64(st, 6);
    o->end_status = (int)mc_col_i64(st, 7);
    o->on_time = (int)mc_col_i64(st, 8);
    o->supplements = (int)mc_col_i64(st, 9);
    o->handling_seconds = mc_col_i64(st, 10);
    o->flags = (int)mc_col_i64(st, 11);
    o->rating = (int)mc_col_i64(st, 12);
    while ((r = mc_stmt_next(st, err)) > 0) {}
    if (r < 0) return err && err->rc ? err->rc : MC_EDB;
  }
  return MC_OK;
}

/* The activity counters (online, paid online, VNeID) of a procedure's bucket. */
static const int act_counter[MC_IACT_KINDS] = {MC_IC_RCV_ONLINE, MC_IC_RCV_PAID, MC_IC_RCV_VNEID};

/* Set or clear procedure proc's bit of each kind whose flip[k] is non-zero. */
static mc_rc flip_active(mc_db *db, int64_t unit, int gran, int32_t day, int64_t proc, const int flip[MC_IACT_KINDS],
                         mc_err *err) {
  if (proc < 0 || proc >= MC_INDEX_PROC_ID_MAX)
    return mc_fail(err, MC_EINTERNAL, "index.procedure_id", NULL, "Procedure id %lld is beyond the index's bit sets.",
                   (long long)proc);
  size_t need = (size_t)proc / 8 + 1;
  unsigned char *bits[MC_IACT_KINDS] = {0};
  size_t len[MC_IACT_KINDS] = {0};
  mc_rc rc = MC_OK;
  mc_stmt *st = mc_db_prep(db, "index.active_get", err, "iii", unit, (int64_t)gran, (int64_t)day);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  for (int k = 0; k < MC_IACT_KINDS && !rc; k++) {
    size_t have = 0;
    const void *b = r > 0 ? mc_col_blob(st, k, &have) : NULL;
    len[k] = have > need ? have : need;
    bits[k] = calloc(len[k], 1);
    if (!bits[k]) rc = mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
    else if (b && have) memcpy(bits[k], b, have);
  }
  if (r > 0) while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0 && !rc) rc = err && err->rc ? err->rc : MC_EDB;
  for (int k = 0; k < MC_IACT_KINDS && !rc; k++) {
    unsigned char m = (unsigned char)(1u << (proc % 8));
    if (flip[k] > 0) bits[k][proc / 8] |= m;
    else if (flip[k] < 0) bits[k][proc / 8] &= (unsigned char)~m;
  }
  if (!rc)
    rc = mc_db_exec(db, "index.active_put", err, "iiibbb", unit, (int64_t)gran, (int64_t)day, (const void *)bits[0],
                    len[0], (const void *)bits[1], len[1], (const void *)bits[2], len[2]);
  for (int k = 0; k < MC_IACT_KINDS; k++) free(bits[k]);
  return rc;
}

/* A contribution's change lands in six buckets: its procedure's and every
 * procedure's (0), each of the day, of the month and of all time; one
 * statement writes them. When the procedure's activity counters moved, its
 * day and month counters are read back so that the activity bits follow
 * them across zero. */
static mc_rc apply(mc_db *db, const mc_icontrib *d, mc_err *err) {
  const int64_t *c = d->v.c;
  int64_t month = mc_index_month_start(d->day);
  mc_rc rc = mc_db_exec(db, "index.bucket_add6", err, "iiiiiiiiiiiiiiiiiiiiii", d->proc_id, (int64_t)d->day, month,
                        d->unit_id, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12],
                        c[13], c[14], c[15], c[16], c[17]);
  bool activity = false;
  for (int k = 0; k < MC_IACT_KINDS; k++) activity = activity || c[act_counter[k]] != 0;
  if (rc || !activity) return rc;
  int64_t after[2][MC_IACT_KINDS];
  bool have[2] = {false, false};
  mc_stmt *st = mc_db_prep(db, "index.bucket_activity", err, "iiii", d->proc_id, (int64_t)d->day, month, d->unit_id);
  if (!st) return err ? err->rc : MC_EDB;
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    int g = mc_col_i64(st, 0) == MC_IG_DAY ? 0 : 1;
    have[g] = true;
    for (int k = 0; k < MC_IACT_KINDS; k++) after[g][k] = mc_col_i64(st, k + 1);
  }
  if (r < 0) return err && err->rc ? err->rc : MC_EDB;
  for (int g = 0; g < 2; g++) {
    if (!have[g]) return mc_fail(err, MC_EINTERNAL, "index.no_bucket", NULL, "The index bucket did not come back.");
    int flip[MC_IACT_KINDS] = {0};
    bool any = false;
    for (int k = 0; k < MC_IACT_KINDS; k++) {
      int64_t before = after[g][k] - c[act_counter[k]];
      flip[k] = (before > 0) == (after[g][k] > 0) ? 0 : after[g][k] > 0 ? 1 : -1;
      any = any || flip[k];
    }
    if (any && (rc = flip_active(db, d->unit_id, g == 0 ? MC_IG_DAY : MC_IG_MONTH, g == 0 ? d->day : (int32_t)month,
                                 d->proc_id, flip, err)))
      return rc;
  }
  return MC_OK;
}

static bool zero(const mc_icounts *v) {
  for (int i = 0; i < MC_IC_COUNT; i++) if (v->c[i]) return false;
  return true;
}

mc_rc mc_index_record(mc_db *db, const mc_dossier_facts *before, const mc_dossier_facts *after,
                      mc_err *err) {
  if (!after || after->dossier_id <= 0 || (before && before->dossier_id != after->dossier_id))
    return mc_fail(err, MC_EINVAL, "index.bad_facts", "dossier_id",
                   "The index needs the facts of one dossier, before and after the change.");
  if (after->received_at && (after->unit_id <= 0 || after->procedure_id <= 0))
    return mc_fail(err, MC_EINVAL, "index.bad_facts", after->unit_id <= 0 ? "unit_id" : "procedure_id",
                   "A received dossier must name its unit and its procedure.");
  if (!mc_db_in_tx(db))
    return mc_fail(err, MC_EINTERNAL, "index.no_transaction", NULL,
                   "Index counters must change in the transaction of the dossier change.");
  /* The stored facts, not the caller's `before`, are what the counters hold. */
  mc_ifacts old, now;
  bool found = false;
  mc_rc rc = load_stored(db, after->dossier_id, &old, &found, err);
  if (rc) return rc;
  mc_ifacts_from(after, &now);
  bool counted = now.received_at != 0;
  if (found && counted && same_facts(&old, &now)) return MC_OK;
  if (!found && !counted) return MC_OK;

  mc_icontrib parts[2 * MC_ICONTRIB_MAX];
  int n = 0;
  if (found) {
    n = mc_index_contrib(&old, parts);
    for (int i = 0; i < n; i++)
      for (int k = 0; k < MC_IC_COUNT; k++) parts[i].v.c[k] = -parts[i].v.c[k];
  }
  mc_icontrib add[MC_ICONTRIB_MAX];
  int na = counted ? mc_index_contrib(&now, add) : 0;
  for (int j = 0; j < na; j++) {
    int i = 0;
    while (i < n && !(parts[i].unit_id == add[j].unit_id && parts[i].proc_id == add[j].proc_id &&
                      parts[i].day == add[j].day)) i++;
    if (i == n) { parts[n] = add[j]; memset(&parts[n].v, 0, sizeof parts[n].v); n++; }
    for (int k = 0; k < MC_IC_COUNT; k++) parts[i].v.c[k] += add[j].v.c[k];
  }
  for (int i = 0; i < n; i++)
    if (!zero(&parts[i].v) && (rc = apply(db, &parts[i], err))) return rc;

  if (!counted)
    return mc_db_exec(db, "index.dossier_delete", err, "i", after->dossier_id);
  return mc_db_exec(db, "index.dossier_put", err, "iiiiiiiiiiiiii", now.dossier_id, now.unit_id,
                    now.proc_id, (int64_t)now.channel, now.received_at, now.due_at, now.eff_due,
                    now.ended_at, (int64_t)now.end_status, (int64_t)now.on_time,
                    (int64_t)now.supplements, now.handling_seconds, (int64_t)now.flags,
                    (int64_t)now.rating);
}
