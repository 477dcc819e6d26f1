/* simulate_run.c — the simulator's run (mc_sim_run): day by day, the
 * arrivals of the day in time order, each dossier's life planned and played
 * in memory, then written. With the bulk writer, planning and writing run on
 * two threads joined by a ring of dossier slots: a planner thread fills slots
 * in order (it never touches the database: ids, account ids and code numbers
 * are the simulator's own), the calling thread writes them in the same order,
 * commits every `batch` dossiers and reports progress. The planner also counts
 * the 766 index of what it plans (mc_index_load), handing a full count over
 * in a slot; the rest is written after the last batch. (Or the index is
 * rebuilt from the dossiers at the end, mc_index_repair.) The engine writer
 * runs on the calling thread alone. */
#include "core/simulate_int.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RING_SLOTS = 64 };

static double mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct runner runner;
typedef mc_rc (*emit_fn)(runner *R, int32_t day, const sim_arrival *a, mc_err *err);

struct runner {
  sim_world *w;
  emit_fn emit;
  /* The writer. */
  sim_batch *b;
  int64_t in_batch, done;
  double t0, last;
  /* The ring (bulk) or the one slot (engine). */
  sim_dossier *slot;
  int64_t head, tail;          /* slots filled, slots written */
  pthread_mutex_t mu;
  pthread_cond_t filled, freed;
  bool planned, stop;          /* the planner finished; the writer gave up */
  bool writer_waits, planner_waits;
  mc_rc plan_rc;
  mc_err plan_err;
  mc_index_load *load;         /* MC_SIM_INDEX_COUNT: the planner's count, then the writer's */
  const double *wt;
  double total;
};

static void plan_one(runner *R, sim_dossier *sd, int32_t day, const sim_arrival *a) {
  const mc_sim_params *p = R->w->p;
  memset(sd, 0, sizeof *sd);
  sd->proc = &R->w->procs[a->proc];
  sd->unit = a->unit;
  sd->d.channel = a->channel;
  sd->d.submitted_at = a->at;
  sim_rng_seed(&sd->rng, p->seed, 0x4c494645 + ((uint64_t)(uint32_t)day << 20), (uint64_t)a->j);
}

/* ---- the writer's side ------------------------------------------------------------ */

static mc_rc written(runner *R, mc_err *err) {
  const mc_sim_params *p = R->w->p;
  R->done++;
  if (++R->in_batch >= p->batch) {
    if (R->b) {
      mc_rc rc = sim_batch_commit(R->b, err);
      sim_batch_free(R->b);
      R->b = NULL;
      if (rc) return rc;
    }
    R->in_batch = 0;
  }
  if ((R->done & 255) == 0 && p->progress) {
    double t = mono();
    if (t - R->last >= 0.5) {
      R->last = t;
      p->progress(p->progress_ctx, R->done, p->dossiers, t - R->t0);
    }
  }
  return MC_OK;
}

/* The slot's memory is released by the planner when it fills the slot again
 * (a free on the thread that allocated is cheaper), or at the end. */
static mc_rc write_bulk(runner *R, sim_dossier *sd, mc_err *err) {
  mc_rc rc = R->b ? MC_OK : sim_batch_open(R->w, &R->b, err);
  if (!rc) rc = sim_batch_add(R->b, sd, err);
  return rc ? rc : written(R, err);
}

/* Engine writer: plan and write at once, on this thread. */
static mc_rc emit_engine(runner *R, int32_t day, const sim_arrival *a, mc_err *err) {
  sim_dossier *sd = R->slot;
  plan_one(R, sd, day, a);
  mc_rc rc = sim_life(R->w, sd, err);
  if (!rc) rc = sim_account_write(R->w, sd, err);
  if (!rc) rc = sim_engine_write(R->w, sd, err);
  sim_dossier_release(sd);
  return rc ? rc : written(R, err);
}

/* ---- the planner's side (bulk) -------------------------------------------------------- */

/* Count sd's final facts; a full count goes to the writer with sd. */
static mc_rc count_index(runner *R, sim_dossier *sd, mc_err *err) {
  mc_dossier_facts_of(&sd->d, &sd->facts);
  if (!mc_index_load_add(R->load, &sd->facts))
    return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  int64_t most = R->w->p->index_buckets > 0 ? R->w->p->index_buckets : MC_INDEX_VERIFY_BUCKETS_DEFAULT;
  if (mc_index_load_buckets(R->load) < most) return MC_OK;
  sd->index_full = R->load;
  R->load = mc_index_load_new();
  return R->load ? MC_OK : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

static mc_rc emit_ring(runner *R, int32_t day, const sim_arrival *a, mc_err *err) {
  pthread_mutex_lock(&R->mu);
  while (R->head - R->tail >= RING_SLOTS && !R->stop) {
    R->planner_waits = true;
    pthread_cond_wait(&R->freed, &R->mu);
  }
  bool stop = R->stop;
  pthread_mutex_unlock(&R->mu);
  if (stop) return mc_fail(err, MC_EINTERNAL, "simulate.stopped", NULL, "The writer stopped.");
  sim_dossier *sd = &R->slot[R->head % RING_SLOTS];   /* ours until head moves past it */
  sim_dossier_release(sd);                           /* what the writer left of its last use */
  plan_one(R, sd, day, a);
  mc_rc rc = sim_life(R->w, sd, err);
  if (!rc && R->load) rc = count_index(R, sd, err);
  if (rc) { sim_dossier_release(sd); return rc; }
  pthread_mutex_lock(&R->mu);
  R->head++;
  if (R->writer_waits) { R->writer_waits = false; pthread_cond_signal(&R->filled); }
  pthread_mutex_unlock(&R->mu);
  return MC_OK;
}

static mc_rc run_days(runner *R, mc_err *err) {
  sim_world *w = R->w;
  const mc_sim_params *p = w->p;
  int nd = p->to - p->from + 1;
  double *ucum = malloc(sizeof *ucum * (size_t)(w->nunits + 1));
  int *uidx = malloc(sizeof *uidx * (size_t)(w->nunits + 1));
  sim_arrival *arr = NULL;
  int64_t cap = 0, prev = 0;
  double acc = 0;
  mc_rc rc = ucum && uidx ? MC_OK : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  for (int i = 0; i < nd && !rc; i++) {
    int32_t day = p->from + i;
    acc += R->wt[i];
    int64_t cum = (int64_t)llround((double)p->dossiers * acc / R->total);
    int64_t n = cum - prev;
    prev = cum;
    int nu = n > 0 ? sim_day_units(w, day, mc_cal_is_working_day(w->cal, day), ucum, uidx) : 0;
    if (nu == 0) continue;
    if (n > cap) {
      sim_arrival *more = realloc(arr, sizeof *arr * (size_t)n);
      if (!more) { rc = mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); break; }
      arr = more;
      cap = n;
    }
    int m = sim_draw_arrivals(w, day, n, ucum, uidx, nu, arr);
    /* Arrivals after `now` have not happened (the day's arrivals are in time order). */
    for (int k = 0; k < m && !rc && arr[k].at <= w->now; k++) rc = R->emit(R, day, &arr[k], err);
  }
  free(arr);
  free(ucum);
  free(uidx);
  return rc;
}

static void *planner(void *arg) {
  runner *R = arg;
  mc_rc rc = run_days(R, &R->plan_err);
  pthread_mutex_lock(&R->mu);
  R->plan_rc = rc;
  R->planned = true;
  R->writer_waits = false;
  pthread_cond_signal(&R->filled);
  pthread_mutex_unlock(&R->mu);
  return NULL;
}

/* Write the slots as the planner fills them. */
static mc_rc pipeline(runner *R, mc_err *err) {
  pthread_t th;
  if (pthread_create(&th, NULL, planner, R) != 0)
    return mc_fail(err, MC_EINTERNAL, "simulate.thread", NULL, "Cannot start the planner thread.");
  mc_rc rc = MC_OK;
  for (;;) {
    pthread_mutex_lock(&R->mu);
    while (R->tail == R->head && !R->planned) {
      R->writer_waits = true;
      pthread_cond_wait(&R->filled, &R->mu);
    }
    bool empty = R->tail == R->head;
    pthread_mutex_unlock(&R->mu);
    if (empty) break;                              /* planned and all written */
    rc = write_bulk(R, &R->slot[R->tail % RING_SLOTS], err);
    pthread_mutex_lock(&R->mu);
    R->tail++;
    if (rc) R->stop = true;
    /* Wake a waiting planner only once half the ring is free: one wake-up per
     * RING_SLOTS/2 dossiers, not one per dossier (each costs a context switch). */
    if (R->planner_waits && (rc || R->head - R->tail <= RING_SLOTS / 2)) {
      R->planner_waits = false;
      pthread_cond_signal(&R->freed);
    }
    pthread_mutex_unlock(&R->mu);
    if (rc) break;
  }
  pthread_join(th, NULL);
  /* Every slot, written or not (after a writer error). */
  for (int i = 0; i < RING_SLOTS; i++) sim_dossier_release(&R->slot[i]);
  if (!rc && R->plan_rc) {
    *err = R->plan_err;
    R->plan_err.detail = NULL;
    rc = R->plan_rc;
  }
  mc_err_clear(&R->plan_err);
  return rc;
}

mc_rc mc_sim_run(mc_db *db, const mc_sim_params *p, mc_sim_stats *st, mc_err *err) {
  memset(st, 0, sizeof *st);
  mc_rc rc = sim_check_params(p, err);
  if (rc || (rc = sim_already_run(db, err))) return rc;
  sim_world w = {.db = db, .p = p, .st = st, .now = p->now ? p->now : mc_now()};
  runner R = {.w = &w, .t0 = mono(), .emit = p->engine ? emit_engine : emit_ring};
  R.last = R.t0;
  pthread_mutex_init(&R.mu, NULL);
  pthread_cond_init(&R.filled, NULL);
  pthread_cond_init(&R.freed, NULL);
  w.a = mc_arena_new(0);
  R.slot = calloc(p->engine ? 1 : RING_SLOTS, sizeof *R.slot);
  if (!p->engine && p->index == MC_SIM_INDEX_COUNT && !(R.load = mc_index_load_new()))
    rc = mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  int nd = p->to - p->from + 1;
  double *wt = malloc(sizeof *wt * (size_t)nd);
  if (!w.a || !R.slot || !wt) rc = mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (!rc) rc = sim_mark_run(&w, "running", err);
  if (!rc) rc = sim_world_load(&w, err);
  if (!rc) {
    double off = 0;
    for (int i = 0; i < nd; i++) {
      wt[i] = sim_day_weight(&w, p->from + i);
      R.total += wt[i];
      if (!mc_cal_is_working_day(w.cal, p->from + i)) off += wt[i];
    }
    w.nonworking_share = R.total > 0 ? off / R.total : 0;
    R.wt = wt;
    rc = p->engine ? run_days(&R, err) : pipeline(&R, err);
  }
  if (R.b) {
    mc_rc c = rc ? MC_OK : sim_batch_commit(R.b, err);
    sim_batch_free(R.b);
    if (!rc) rc = c;
  }
  if (!rc && R.load) {   /* the rest of the planner's count */
    double t = mono();
    rc = mc_db_begin(db, err);
    if (!rc) rc = mc_index_load_write(db, R.load, err);
    if (!rc) rc = mc_db_commit(db, err);
    else mc_db_rollback(db);
    st->index_seconds = mono() - t;
  }
  if (!p->engine) {   /* references are checked again from here on */
    mc_rc c = mc_db_exec(db, "simulate.bulk_references_on", err, NULL);
    if (!rc) rc = c;
  }
  if (!rc && !p->engine && p->index == MC_SIM_INDEX_REBUILD) {
    /* The 766 index of everything written, by the index module's own recount. */
    double t = mono();
    mc_index_verify_report *rep = calloc(1, sizeof *rep);
    rc = rep ? mc_index_repair(db, rep, err) : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
    free(rep);
    st->index_seconds = mono() - t;
  }
  st->seconds = mono() - R.t0;
  if (!rc) rc = sim_mark_run(&w, "done", err);
  if (!rc && p->progress) p->progress(p->progress_ctx, R.done, p->dossiers, st->seconds);
  sim_world_release(&w);
  mc_index_load_free(R.load);
  free(wt);
  free(R.slot);
  mc_arena_free(w.a);
  pthread_mutex_destroy(&R.mu);
  pthread_cond_destroy(&R.filled);
  pthread_cond_destroy(&R.freed);
  return rc;
}
