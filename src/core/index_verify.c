/* index_verify.c — checking the 766 index against the dossiers, and
 * rebuilding it (index766.h: mc_index_verify, mc_index_repair).
 *
 * One pass reads every dossier in id order, in batches, with its idx_dossier
 * row beside it; derives its facts as the dossier core does (the row decoder
 * of dossier_int.h, mc_dossier_facts_of, then the index's mc_ifacts_from);
 * compares them with the stored row; and adds them to the recount
 * (index_recount.c). The stored buckets and activity bit sets are then read
 * in key order and compared with the recount; recounted values nothing
 * stored matched are reported last. When the recount outgrows max_buckets it
 * drops its highest procedures, which a further pass counts. A repair runs
 * the same passes and writes what it recounted into the emptied tables. */
#include "core/dossier_int.h"
#include "core/index_int.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DOSSIER_BATCH = 500, BUCKET_BATCH = 5000, ACTIVE_BATCH = 1000, ORPHAN_BATCH = 5000, NFACTS = 13 };

/* Columns of index.verify_dossiers after the view's: the stored facts. */
enum { VF_ID = DC_COUNT, VF_FIRST };

static const char *const fact_names[NFACTS] = {
  "unit_id", "proc_id", "channel", "received_at", "due_at", "eff_due", "ended_at",
  "end_status", "on_time", "supplements", "handling_seconds", "flags", "rating"};

static const char *const counter_names[MC_IC_COUNT] = {
  "rcv", "rcv_online", "rcv_synced", "rcv_fee", "rcv_paid", "rcv_reused", "rcv_store", "rcv_vneid",
  "w_start", "end_n", "end_ontime", "end_secs", "end_res", "end_eres", "end_done", "end_dig",
  "end_bad", "w_end"};

static const char *const kind_names[MC_IACT_KINDS] = {"online", "paid_online", "vneid"};

typedef struct vctx {
  mc_db *db;
  mc_index_verify_report *rep;
  bool repair;
  int max_diffs;
  int64_t max_buckets;
  mc_irecount rc;
  int64_t matched_facts;     /* idx_dossier rows met beside their dossier */
} vctx;

static mc_rc db_rc(mc_err *err) { return err && err->rc ? err->rc : MC_EDB; }

static mc_rc no_memory(mc_err *err) {
  return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

/* ---- differences ------------------------------------------------------------ */

static bool listing(const vctx *c) { return c->rep->ndiffs < c->max_diffs; }

static void diff(vctx *c, int64_t stored, int64_t recomputed, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));
static void diff(vctx *c, int64_t stored, int64_t recomputed, const char *fmt, ...) {
  c->rep->differences++;
  if (!listing(c)) return;
  mc_index_diff *d = &c->rep->diffs[c->rep->ndiffs++];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->what, sizeof d->what, fmt, ap);
  va_end(ap);
  d->stored = stored;
  d->recomputed = recomputed;
}

/* The code of a unit or procedure for a message ("#id" when there is none). */
static void code_of(vctx *c, const char *query, int64_t id, char *out, size_t n) {
  mc_err e = {0};
  snprintf(out, n, "#%lld", (long long)id);
  mc_stmt *st = mc_db_prep(c->db, query, &e, "i", id);
  if (st && mc_stmt_next(st, &e) > 0) {
    const char *s = mc_col_text(st, 0);
    if (s && *s) snprintf(out, n, "%s", s);
    while (mc_stmt_next(st, &e) > 0) {}
  }
  mc_err_clear(&e);
}

/* "procedure P, unit U, day 2025-07-03" (month 2025-07, all time). */
static void key_text(vctx *c, int64_t proc, int64_t gran, int64_t day, int64_t unit, char *out, size_t n) {
  char p[80] = "every procedure", u[64], d[64] = "all time", date[16];
  if (proc != 0) {
    char code[64];
    code_of(c, "index.verify_procedure_code", proc, code, sizeof code);
    snprintf(p, sizeof p, "procedure %s", code);
  }
  code_of(c, "index.verify_unit_code", unit, u, sizeof u);
  if (gran == MC_IG_DAY || gran == MC_IG_MONTH) {
    mc_date_format((int32_t)day, date, sizeof date);
    if (gran == MC_IG_DAY) snprintf(d, sizeof d, "day %s", date);
    else snprintf(d, sizeof d, "month %.7s", date);
  } else if (gran != MC_IG_ALL) {
    snprintf(d, sizeof d, "gran %lld, day %lld", (long long)gran, (long long)day);
  }
  snprintf(out, n, "%s, unit %s, %s", p, u, d);
}

/* ---- facts ---------------------------------------------------------------- */

static void facts_vec(const mc_ifacts *f, int64_t v[NFACTS]) {
  const int64_t x[NFACTS] = {f->unit_id, f->proc_id, f->channel, f->received_at, f->due_at, f->eff_due,
                             f->ended_at, f->end_status, f->on_time, f->supplements, f->handling_seconds,
                             f->flags, f->rating};
  memcpy(v, x, sizeof x);
}

typedef struct drow {
  const char *code;
  mc_ifacts want;            /* derived from the dossier row */
  bool stored;               /* idx_dossier has a row */
  int64_t have[NFACTS];      /* its columns */
} drow;

static void check_facts(vctx *c, const drow *x) {
  bool counted = x->want.received_at != 0;
  if (x->stored) c->matched_facts++;
  if (!counted && !x->stored) return;
  c->rep->facts++;
  if (counted != x->stored) {
    diff(c, x->stored, counted, "dossier %s: its idx_dossier row (%s)", x->code,
         counted ? "missing for a received dossier" : "kept for a dossier not received");
    return;
  }
  int64_t want[NFACTS];
  facts_vec(&x->want, want);
  for (int i = 0; i < NFACTS; i++)
    if (want[i] != x->have[i]) diff(c, x->have[i], want[i], "dossier %s: %s", x->code, fact_names[i]);
}


/* Read one batch of dossiers after id *after into rows (arena a). */
static mc_rc read_batch(vctx *c, mc_arena *a, int64_t *after, drow *rows, int *n, mc_err *err) {
  *n = 0;
  mc_stmt *st = mc_db_prep(c->db, "index.verify_dossiers", err, "ii", *after, (int64_t)DOSSIER_BATCH);
  if (!st) return db_rc(err);
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    mc_dossier d;
    mc_rc rc = mc_dossier_from_row(st, a, false, &d, err);
    if (rc) {
      while (mc_stmt_next(st, NULL) > 0) {}
      return rc;
    }
    mc_dossier_facts df;
    mc_dossier_facts_of(&d, &df);
    drow *x = &rows[(*n)++];
    x->code = d.code;
    mc_ifacts_from(&df, &x->want);
    x->stored = !mc_col_null(st, VF_ID);
    for (int i = 0; i < NFACTS && x->stored; i++) x->have[i] = mc_col_i64(st, VF_FIRST + i);
    *after = d.id;
  }
  return r < 0 ? db_rc(err) : MC_OK;
}

/* One pass over the dossiers: the recount of c->rc's procedures, and on the
 * first pass the facts (compared, or written by a repair). */
static mc_rc dossier_pass(vctx *c, bool first, mc_err *err) {
  int64_t after = INT64_MIN;
  for (;;) {
    mc_arena *a = mc_arena_new(0);
    drow *rows = a ? mc_arena_alloc(a, DOSSIER_BATCH * sizeof *rows) : NULL;
    int n = 0;
    mc_rc rc = rows ? read_batch(c, a, &after, rows, &n, err) : no_memory(err);
    for (int i = 0; i < n && !rc; i++) {
      const drow *x = &rows[i];
      if (first) {
        c->rep->dossiers++;
        if (!c->repair) check_facts(c, x);
        else if (x->want.received_at) { c->rep->facts++; rc = mc_ifacts_put(c->db, &x->want, err); }
      }
      if (!rc && !mc_irecount_add(&c->rc, &x->want)) rc = no_memory(err);
      if (!rc && (int64_t)c->rc.n > c->max_buckets) mc_irecount_shrink(&c->rc);
    }
    mc_arena_free(a);
    if (rc) return rc;
    if (n < DOSSIER_BATCH) return MC_OK;
  }
}

/* idx_dossier rows whose dossier is not among the dossiers. */
static mc_rc check_orphans(vctx *c, mc_err *err) {
  int64_t total = 0;
  mc_rc rc = mc_db_i64(c->db, "index.verify_facts_count", &total, err, NULL);
  if (rc || total <= c->matched_facts) return rc;
  int64_t after = INT64_MIN;
  for (;;) {
    mc_stmt *st = mc_db_prep(c->db, "index.verify_orphans", err, "ii", after, (int64_t)ORPHAN_BATCH);
    if (!st) return db_rc(err);
    int r, n = 0;
    while ((r = mc_stmt_next(st, err)) > 0) {
      after = mc_col_i64(st, 0);
      n++;
      c->rep->facts++;
      diff(c, 1, 0, "idx_dossier row of dossier id %lld, which is not among the dossiers", (long long)after);
    }
    if (r < 0) return db_rc(err);
    if (n < ORPHAN_BATCH) return MC_OK;
  }
}

/* ---- counters ------------------------------------------------------------- */

static mc_irc_entry *find(const vctx *c, int64_t proc, int64_t gran, int64_t day, int64_t unit) {
  if (gran < MC_IG_DAY || gran > MC_IG_ALL || day < INT32_MIN || day > INT32_MAX) return NULL;
  return mc_irecount_find(&c->rc, proc, (int)gran, (int32_t)day, unit);
}

static void bucket_diffs(vctx *c, int64_t proc, int64_t gran, int64_t day, int64_t unit, const int64_t *have,
                         const int64_t *want) {
  for (int k = 0; k < MC_IC_COUNT; k++) {
    if (have[k] == want[k]) continue;
    char key[200] = "";
    if (listing(c)) key_text(c, proc, gran, day, unit, key, sizeof key);
    diff(c, have[k], want[k], "bucket (%s): %s", key, counter_names[k]);
  }
}

/* The stored buckets of the pass's procedures against the recount. */
static mc_rc compare_buckets(vctx *c, mc_err *err) {
  int64_t key[4] = {c->rc.lo, INT64_MIN, INT64_MIN, INT64_MIN};
  static const int64_t zero[MC_IC_COUNT];
  for (;;) {
    mc_stmt *st = mc_db_prep(c->db, "index.verify_buckets", err, "iiiiii", key[0], key[1], key[2], key[3],
                             c->rc.hi, (int64_t)BUCKET_BATCH);
    if (!st) return db_rc(err);
    int r, n = 0;
    while ((r = mc_stmt_next(st, err)) > 0) {
      n++;
      for (int i = 0; i < 4; i++) key[i] = mc_col_i64(st, i);
      int64_t have[MC_IC_COUNT];
      for (int k = 0; k < MC_IC_COUNT; k++) have[k] = mc_col_i64(st, 4 + k);
      mc_irc_entry *x = find(c, key[0], key[1], key[2], key[3]);
      if (x) x->seen |= 1;
      c->rep->buckets++;
      c->rep->counters += MC_IC_COUNT;
      bucket_diffs(c, key[0], key[1], key[2], key[3], have, x ? x->v.c : zero);
    }
    if (r < 0) return db_rc(err);
    if (n < BUCKET_BATCH) return MC_OK;
  }
}


static void bit_diff(vctx *c, const char *kind, int64_t proc, int64_t gran, int64_t day, int64_t unit, int stored) {
  char key[200] = "";
  if (listing(c)) key_text(c, proc, gran, day, unit, key, sizeof key);
  diff(c, stored, !stored, "activity (%s): %s", key, kind);
}

/* The set bits of one stored bit set within the pass's procedures. */
static void compare_bits(vctx *c, int k, int64_t unit, int64_t gran, int64_t day, const unsigned char *b, size_t len) {
  size_t from = c->rc.lo <= 0 ? 0 : (size_t)(c->rc.lo / 8);
  size_t to = c->rc.hi >= (int64_t)(len * 8) ? len : (size_t)((c->rc.hi + 7) / 8);
  for (size_t i = from; i < to; i++) {
    if (!b[i]) continue;
    for (int j = 0; j < 8; j++) {
      int64_t p = (int64_t)i * 8 + j;
      if (!(b[i] & (1u << j)) || p < c->rc.lo || p >= c->rc.hi) continue;
      c->rep->counters++;
      mc_irc_entry *x = find(c, p, gran, day, unit);
      if (x && mc_irecount_expect_bit(x, k)) x->seen |= (uint8_t)(2u << k);
      else bit_diff(c, kind_names[k], p, gran, day, unit, 1);
    }
  }
}

static mc_rc compare_active(vctx *c, mc_err *err) {
  int64_t key[3] = {INT64_MIN, INT64_MIN, INT64_MIN};
  for (;;) {
    mc_stmt *st = mc_db_prep(c->db, "index.verify_active", err, "iiii", key[0], key[1], key[2], (int64_t)ACTIVE_BATCH);
    if (!st) return db_rc(err);
    int r, n = 0;
    while ((r = mc_stmt_next(st, err)) > 0) {
      n++;
      for (int i = 0; i < 3; i++) key[i] = mc_col_i64(st, i);
      for (int k = 0; k < MC_IACT_KINDS; k++) {
        size_t len = 0;
        const unsigned char *b = mc_col_blob(st, 3 + k, &len);
        if (b && len) compare_bits(c, k, key[0], key[1], key[2], b, len);
      }
    }
    if (r < 0) return db_rc(err);
    if (n < ACTIVE_BATCH) return MC_OK;
  }
}

/* Recounted values that no stored bucket or bit matched. */
static void report_unmatched(vctx *c) {
  static const int64_t zero[MC_IC_COUNT];
  for (size_t i = 0; i < c->rc.cap; i++) {
    const mc_irc_entry *x = &c->rc.e[i];
    if (!x->gran) continue;
    if (!(x->seen & 1)) {
      c->rep->buckets++;
      c->rep->counters += MC_IC_COUNT;
      bucket_diffs(c, x->proc, x->gran, x->day, x->unit, zero, x->v.c);
    }
    for (int k = 0; k < MC_IACT_KINDS; k++) {
      if (!mc_irecount_expect_bit(x, k) || (x->seen & (2u << k))) continue;
      c->rep->counters++;
      bit_diff(c, kind_names[k], x->proc, x->gran, x->day, x->unit, 0);
    }
  }
}

/* ---- the passes ------------------------------------------------------------ */

static mc_rc run_passes(vctx *c, mc_err *err) {
  int64_t lo = INT64_MIN;
  for (;;) {
    if (!mc_irecount_init(&c->rc, lo)) return no_memory(err);
    bool first = ++c->rep->passes == 1;
    mc_rc rc = dossier_pass(c, first, err);
    if (!rc && first && !c->repair) rc = check_orphans(c, err);
    if (!rc && c->repair) rc = mc_irecount_write(c->db, &c->rc, &c->rep->buckets, err);
    if (!rc && !c->repair) rc = compare_buckets(c, err);
    if (!rc && !c->repair) rc = compare_active(c, err);
    if (!rc && !c->repair) report_unmatched(c);
    int64_t hi = c->rc.hi;
    mc_irecount_release(&c->rc);
    if (rc || hi == INT64_MAX) return rc;
    lo = hi;
  }
}

static mc_rc run(mc_db *db, mc_index_verify_report *rep, bool repair, mc_err *err) {
  int64_t max_buckets = rep->max_buckets > 0 ? rep->max_buckets : MC_INDEX_VERIFY_BUCKETS_DEFAULT;
  int max_diffs = rep->max_diffs > 0 && rep->max_diffs < MC_INDEX_VERIFY_DIFFS_MAX ? rep->max_diffs
                                                                                  : MC_INDEX_VERIFY_DIFFS_MAX;
  memset(rep, 0, sizeof *rep);
  rep->max_buckets = max_buckets;
  rep->max_diffs = max_diffs;
  vctx c = {.db = db, .rep = rep, .repair = repair, .max_diffs = max_diffs, .max_buckets = max_buckets};
  bool own = !mc_db_in_tx(db);
  mc_rc rc = own ? mc_db_begin(db, err) : MC_OK;
  if (rc) return rc;
  if (own) rc = mc_db_exec(db, "index.verify_snapshot", err, NULL);
  if (!rc && repair) rc = mc_db_exec(db, "index.repair_lock", err, NULL);
  if (!rc && repair) rc = mc_db_exec(db, "index.repair_clear_dossiers", err, NULL);
  if (!rc && repair) rc = mc_db_exec(db, "index.repair_clear_buckets", err, NULL);
  if (!rc && repair) rc = mc_db_exec(db, "index.repair_clear_active", err, NULL);
  if (!rc) rc = run_passes(&c, err);
  if (own) {
    if (!rc && repair) rc = mc_db_commit(db, err);
    else mc_db_rollback(db);
  }
  return rc;
}

mc_rc mc_index_verify(mc_db *db, mc_index_verify_report *rep, mc_err *err) {
  mc_rc rc = run(db, rep, false, err);
  if (rc || !rep->differences) return rc;
  const mc_index_diff *d = &rep->diffs[0];
  return mc_fail(err, MC_ECONFLICT, "index.mismatch", NULL,
                 "The index differs from a recount from the dossiers in %lld value%s; the first: %s "
                 "(stored %lld, recomputed %lld).",
                 (long long)rep->differences, rep->differences == 1 ? "" : "s", d->what, (long long)d->stored,
                 (long long)d->recomputed);
}

mc_rc mc_index_repair(mc_db *db, mc_index_verify_report *rep, mc_err *err) {
  return run(db, rep, true, err);
}
