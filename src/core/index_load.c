/* index_load.c — writing the recount (index_recount.c) into the index's
 * tables, for a repair (index_verify.c) and for bulk loaders (index766.h:
 * mc_index_load_*): buckets added to idx_bucket by upserts that add, activity
 * bits OR-ed into idx_active one (unit, granularity, day) row at a time, and
 * a dossier's idx_dossier row. */
#include "core/index_int.h"
#include <stdlib.h>
#include <string.h>

struct mc_index_load { mc_irecount rc; };

static mc_rc no_memory(mc_err *err) {
  return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

static mc_rc db_rc(mc_err *err) { return err && err->rc ? err->rc : MC_EDB; }

mc_rc mc_ifacts_put(mc_db *db, const mc_ifacts *f, mc_err *err) {
  return mc_db_exec(db, "index.dossier_put", err, "iiiiiiiiiiiiii", f->dossier_id, f->unit_id, f->proc_id,
                    (int64_t)f->channel, f->received_at, f->due_at, f->eff_due, f->ended_at, (int64_t)f->end_status,
                    (int64_t)f->on_time, (int64_t)f->supplements, f->handling_seconds, (int64_t)f->flags,
                    (int64_t)f->rating);
}

/* idx_bucket's key order: rows go in as appends to its b-tree. */
static int cmp_key(const void *pa, const void *pb) {
  const mc_irc_entry *a = *(const mc_irc_entry *const *)pa, *b = *(const mc_irc_entry *const *)pb;
  if (a->proc != b->proc) return a->proc < b->proc ? -1 : 1;
  if (a->gran != b->gran) return a->gran < b->gran ? -1 : 1;
  if (a->day != b->day) return a->day < b->day ? -1 : 1;
  return (a->unit > b->unit) - (a->unit < b->unit);
}

static int cmp_active(const void *pa, const void *pb) {
  const mc_irc_entry *a = *(const mc_irc_entry *const *)pa, *b = *(const mc_irc_entry *const *)pb;
  if (a->unit != b->unit) return a->unit < b->unit ? -1 : 1;
  if (a->gran != b->gran) return a->gran < b->gran ? -1 : 1;
  if (a->day != b->day) return a->day < b->day ? -1 : 1;
  return (a->proc > b->proc) - (a->proc < b->proc);
}

/* OR the bits of entries x[0..n) (one unit, granularity and day; sorted by
 * procedure) into its row. */
static mc_rc write_bits(mc_db *db, mc_irc_entry *const *x, size_t n, mc_err *err) {
  size_t need = (size_t)(x[n - 1]->proc / 8 + 1), len[MC_IACT_KINDS];
  unsigned char *bits[MC_IACT_KINDS] = {0};
  mc_stmt *st = mc_db_prep(db, "index.active_get", err, "iii", x[0]->unit, (int64_t)x[0]->gran, (int64_t)x[0]->day);
  if (!st) return db_rc(err);
  int r = mc_stmt_next(st, err);
  mc_rc rc = r < 0 ? db_rc(err) : MC_OK;
  for (int k = 0; k < MC_IACT_KINDS && !rc; k++) {
    size_t have = 0;
    const void *old = r > 0 ? mc_col_blob(st, k, &have) : NULL;   /* valid until the next column read */
    len[k] = have > need ? have : need;
    bits[k] = calloc(len[k], 1);
    if (!bits[k]) rc = no_memory(err);
    else if (old && have) memcpy(bits[k], old, have);
  }
  if (r > 0) while (mc_stmt_next(st, NULL) > 0) {}
  for (size_t i = 0; i < n && !rc; i++)
    for (int k = 0; k < MC_IACT_KINDS; k++)
      if (mc_irecount_expect_bit(x[i], k)) bits[k][x[i]->proc / 8] |= (unsigned char)(1u << (x[i]->proc % 8));
  if (!rc)
    rc = mc_db_exec(db, "index.active_put", err, "iiibbb", x[0]->unit, (int64_t)x[0]->gran, (int64_t)x[0]->day,
                    (const void *)bits[0], len[0], (const void *)bits[1], len[1], (const void *)bits[2], len[2]);
  for (int k = 0; k < MC_IACT_KINDS; k++) free(bits[k]);
  return rc;
}

mc_rc mc_irecount_write(mc_db *db, const mc_irecount *r, int64_t *buckets, mc_err *err) {
  mc_irc_entry **all = malloc((r->n + 1) * sizeof *all), **act = malloc((r->n + 1) * sizeof *act);
  if (!all || !act) { free(all); free(act); return no_memory(err); }
  size_t n = 0, nact = 0;
  for (size_t i = 0; i < r->cap; i++)
    if (r->e[i].gran) all[n++] = &r->e[i];
  qsort(all, n, sizeof *all, cmp_key);
  mc_rc rc = MC_OK;
  for (size_t i = 0; i < n && !rc; i++) {
    mc_irc_entry *x = all[i];
    const int64_t *v = x->v.c;
    (*buckets)++;
    rc = mc_db_exec(db, "index.bucket_add", err, "iiiiiiiiiiiiiiiiiiiiii", x->proc, (int64_t)x->gran,
                    (int64_t)x->day, x->unit, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                    v[11], v[12], v[13], v[14], v[15], v[16], v[17]);
    bool any = false;
    for (int k = 0; k < MC_IACT_KINDS; k++) any = any || mc_irecount_expect_bit(x, k);
    if (any) act[nact++] = x;
  }
  if (!rc && nact) qsort(act, nact, sizeof *act, cmp_active);
  for (size_t i = 0; i < nact && !rc;) {
    size_t j = i + 1;
    while (j < nact && act[j]->unit == act[i]->unit && act[j]->gran == act[i]->gran && act[j]->day == act[i]->day) j++;
    rc = write_bits(db, act + i, j - i, err);
    i = j;
  }
  free(all);
  free(act);
  return rc;
}

/* ---- bulk loading ------------------------------------------------------------- */

mc_index_load *mc_index_load_new(void) {
  mc_index_load *l = malloc(sizeof *l);
  if (l && !mc_irecount_init(&l->rc, INT64_MIN)) { free(l); return NULL; }
  return l;
}

void mc_index_load_free(mc_index_load *l) {
  if (!l) return;
  mc_irecount_release(&l->rc);
  free(l);
}

bool mc_index_load_add(mc_index_load *l, const mc_dossier_facts *f) {
  mc_ifacts x;
  mc_ifacts_from(f, &x);
  return mc_irecount_add(&l->rc, &x);
}

int64_t mc_index_load_buckets(const mc_index_load *l) { return (int64_t)l->rc.n; }

mc_rc mc_index_load_facts(mc_db *db, const mc_dossier_facts *f, mc_err *err) {
  mc_ifacts x;
  mc_ifacts_from(f, &x);
  return x.received_at ? mc_ifacts_put(db, &x, err) : MC_OK;
}

mc_rc mc_index_load_write(mc_db *db, mc_index_load *l, mc_err *err) {
  int64_t n = 0;
  mc_rc rc = mc_irecount_write(db, &l->rc, &n, err);
  if (rc) return rc;
  mc_irecount_release(&l->rc);
  return mc_irecount_init(&l->rc, INT64_MIN) ? MC_OK : no_memory(err);
}
