/* index_recount.c — the 766 counters recomputed from dossier facts, written
 * a second time from the definitions (docs/index766.md §1) rather than from
 * mc_index_contrib, so that mc_index_verify compares two independent
 * derivations. A dossier received at R contributes:
 *   on R's day:   received; online (channel 2); synced; with a fee; fee paid
 *                 online; reused; store-linked; VNeID; and one "within
 *                 deadline" start when that interval is not empty;
 *   on its end's day (an end recorded before R counts on R's day): ended;
 *                 on time (frozen verdict 1); handling seconds; ended 9/10;
 *                 … with a result; … with an electronic result; … digitised
 *                 with an electronic result; complaint or rating 1–2;
 *   on the day of the last instant "within deadline": one interval end.
 * "Within deadline at T" holds for R < T ≤ end (or no end), T < the
 * effective deadline (none while paused or without deadline) and fewer than
 * two supplement requests. Each contribution is counted for its day, its
 * month (keyed by the month's first day) and all time (day 0), for the
 * dossier's procedure and for procedure 0. */
#include "core/index_int.h"
#include <stdlib.h>
#include <string.h>

enum { INITIAL_CAP = 1024 };

static uint64_t mix(uint64_t h) {   /* splitmix64 finaliser */
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

static size_t slot_of(const mc_irecount *r, int64_t proc, int gran, int32_t day, int64_t unit) {
  uint64_t h = mix((uint64_t)proc * 0x9E3779B97F4A7C15ULL ^ (uint64_t)unit);
  h = mix(h ^ ((uint64_t)(uint32_t)day << 2) ^ (uint64_t)gran);
  return (size_t)h & (r->cap - 1);
}

bool mc_irecount_init(mc_irecount *r, int64_t lo) {
  memset(r, 0, sizeof *r);
  r->e = calloc(INITIAL_CAP, sizeof *r->e);
  if (!r->e) return false;
  r->cap = INITIAL_CAP;
  r->lo = lo;
  r->hi = INT64_MAX;
  return true;
}

void mc_irecount_release(mc_irecount *r) {
  free(r->e);
  memset(r, 0, sizeof *r);
}

mc_irc_entry *mc_irecount_find(const mc_irecount *r, int64_t proc, int gran, int32_t day, int64_t unit) {
  for (size_t i = slot_of(r, proc, gran, day, unit);; i = (i + 1) & (r->cap - 1)) {
    mc_irc_entry *x = &r->e[i];
    if (!x->gran) return NULL;
    if (x->proc == proc && x->gran == gran && x->day == day && x->unit == unit) return x;
  }
}

/* Move the entries of procedures below `below` to a table of cap slots (a power of two). */
static bool rehash(mc_irecount *r, size_t cap, int64_t below) {
  mc_irc_entry *old = r->e;
  size_t ocap = r->cap;
  mc_irc_entry *e = calloc(cap, sizeof *e);
  if (!e) return false;
  r->e = e;
  r->cap = cap;
  r->n = 0;
  for (size_t i = 0; i < ocap; i++) {
    if (!old[i].gran || old[i].proc >= below) continue;
    size_t j = slot_of(r, old[i].proc, old[i].gran, old[i].day, old[i].unit);
    while (e[j].gran) j = (j + 1) & (cap - 1);
    e[j] = old[i];
    r->n++;
  }
  free(old);
  return true;
}

static mc_icounts *bucket(mc_irecount *r, int64_t proc, int gran, int32_t day, int64_t unit) {
  if ((r->n + 1) * 10 > r->cap * 7 && !rehash(r, r->cap * 2, INT64_MAX)) return NULL;
  size_t i = slot_of(r, proc, gran, day, unit);
  for (;; i = (i + 1) & (r->cap - 1)) {
    mc_irc_entry *x = &r->e[i];
    if (!x->gran) break;
    if (x->proc == proc && x->gran == gran && x->day == day && x->unit == unit) return &x->v;
  }
  mc_irc_entry *x = &r->e[i];
  memset(x, 0, sizeof *x);
  x->proc = proc;
  x->unit = unit;
  x->day = day;
  x->gran = (uint8_t)gran;
  r->n++;
  return &x->v;
}

static int32_t first_of_month(int32_t day) {
  int y, m, d;
  mc_civil_from_days(day, &y, &m, &d);
  return day - (d - 1);
}

/* Add v at day for the procedure and for the totals, at the three granularities. */
static bool put(mc_irecount *r, const mc_ifacts *f, int32_t day, const mc_icounts *v) {
  const int64_t procs[2] = {f->proc_id, 0};
  for (int p = 0; p < 2; p++) {
    if (procs[p] < r->lo || procs[p] >= r->hi) continue;
    const int32_t keys[3] = {day, first_of_month(day), 0};
    const int grans[3] = {MC_IG_DAY, MC_IG_MONTH, MC_IG_ALL};
    for (int g = 0; g < 3; g++) {
      mc_icounts *b = bucket(r, procs[p], grans[g], keys[g], f->unit_id);
      if (!b) return false;
      for (int k = 0; k < MC_IC_COUNT; k++) b->c[k] += v->c[k];
    }
  }
  return true;
}

bool mc_irecount_add(mc_irecount *r, const mc_ifacts *f) {
  if (!f->received_at) return true;
  bool fee = f->flags & MC_IF_HAS_FEE, paid = f->flags & MC_IF_PAID_ONLINE;
  bool result = f->flags & MC_IF_HAS_RESULT, eres = f->flags & MC_IF_E_RESULT;
  bool ended = f->ended_at != 0;
  mc_time end = !ended ? 0 : f->ended_at > f->received_at ? f->ended_at : f->received_at;

  /* The "within deadline" interval: R < T ≤ last. */
  mc_time last = f->eff_due == INT64_MAX ? INT64_MAX : f->eff_due - 1;
  if (ended && end < last) last = end;
  bool within = f->supplements < 2 && last > f->received_at;

  mc_icounts at_r = {{0}};
  at_r.c[MC_IC_RCV] = 1;
  at_r.c[MC_IC_RCV_ONLINE] = f->channel == 2;
  at_r.c[MC_IC_RCV_SYNCED] = (f->flags & MC_IF_SYNCED) != 0;
  at_r.c[MC_IC_RCV_FEE] = fee;
  at_r.c[MC_IC_RCV_PAID] = fee && paid;
  at_r.c[MC_IC_RCV_REUSED] = (f->flags & MC_IF_REUSED) != 0;
  at_r.c[MC_IC_RCV_STORE] = (f->flags & MC_IF_STORE_LINKED) != 0;
  at_r.c[MC_IC_RCV_VNEID] = (f->flags & MC_IF_VNEID) != 0;
  at_r.c[MC_IC_W_START] = within;
  if (!put(r, f, mc_local_day(f->received_at), &at_r)) return false;

  if (ended) {
    bool done = f->end_status == 9 || f->end_status == 10;
    mc_icounts at_e = {{0}};
    at_e.c[MC_IC_END_N] = 1;
    at_e.c[MC_IC_END_ONTIME] = f->on_time == 1;
    at_e.c[MC_IC_END_SECS] = f->handling_seconds;
    at_e.c[MC_IC_END_DONE] = done;
    at_e.c[MC_IC_END_RES] = done && result;
    at_e.c[MC_IC_END_ERES] = done && result && eres;
    at_e.c[MC_IC_END_DIG] = done && eres && (f->flags & MC_IF_DIGITISED);
    at_e.c[MC_IC_END_BAD] = (f->flags & MC_IF_COMPLAINT) || (f->rating >= 1 && f->rating <= MC_INDEX_DISSATISFIED_MAX);
    if (!put(r, f, mc_local_day(end), &at_e)) return false;
  }
  if (within && last != INT64_MAX) {
    mc_icounts at_w = {{0}};
    at_w.c[MC_IC_W_END] = 1;
    if (!put(r, f, mc_local_day(last), &at_w)) return false;
  }
  return true;
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

bool mc_irecount_shrink(mc_irecount *r) {
  if (r->n < 2) return false;
  int64_t *procs = malloc(r->n * sizeof *procs);
  if (!procs) return false;
  size_t n = 0;
  for (size_t i = 0; i < r->cap; i++)
    if (r->e[i].gran) procs[n++] = r->e[i].proc;
  qsort(procs, n, sizeof *procs, cmp_i64);
  size_t i = n / 2;
  while (i < n && procs[i] == procs[0]) i++;   /* the lowest procedure fills half: keep just it */
  int64_t cut = i < n ? procs[i] : procs[0];
  free(procs);
  if (i == n || !rehash(r, r->cap, cut)) return false;
  r->hi = cut;
  return true;
}

int64_t mc_irecount_activity(const mc_icounts *v, int k) {
  switch (k) {
  case MC_IACT_ONLINE: return v->c[MC_IC_RCV_ONLINE];
  case MC_IACT_PAID: return v->c[MC_IC_RCV_PAID];
  case MC_IACT_VNEID: return v->c[MC_IC_RCV_VNEID];
  default: return 0;
  }
}

bool mc_irecount_expect_bit(const mc_irc_entry *x, int k) {
  return x->proc > 0 && x->proc < MC_INDEX_PROC_ID_MAX && (x->gran == MC_IG_DAY || x->gran == MC_IG_MONTH) &&
         mc_irecount_activity(&x->v, k) > 0;
}
