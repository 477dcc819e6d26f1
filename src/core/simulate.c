/* simulate.c — the simulator's parameters and rates, the daily volume over
 * the range (growth, days off, Tết), the arrivals of each day (unit,
 * procedure, channel, instant), and the run's checks, marker and audit entry
 * (simulate.h); the run itself is simulate_run.c. */
#include "core/simulate_int.h"
#include "core/audit.h"
#include "util/str.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const kind_names[MC_SIM_KINDS] = {"province", "department", "district", "commune", "other"};
const char *mc_sim_kind_name(int kind) { return kind >= 0 && kind < MC_SIM_KINDS ? kind_names[kind] : "?"; }

/* ---- rates ------------------------------------------------------------------------ */

typedef struct rate_def { const char *name; size_t off; double min, max; } rate_def;
#define R(m, lo, hi) {#m, offsetof(mc_sim_rates, m), lo, hi}
static const rate_def rate_defs[] = {
  R(weight, 0, 1000), R(online, 0, 1), R(online_slope, -1, 1), R(postal, 0, 1), R(refused, 0, 1),
  R(pre_supplement, 0, 1), R(supplement, 0, 1), R(withdrawn, 0, 1), R(stopped, 0, 1), R(sent_back, 0, 1), R(on_time, 0, 1),
  R(apology, 0, 1), R(paid_online, 0, 1), R(digitised, 0, 1), R(reused, 0, 1), R(e_result, 0, 1),
  R(vneid, 0, 1), R(synced, 0, 1), R(rated, 0, 1), R(satisfied, 0, 1), R(complaint, 0, 1),
};
#undef R
enum { NRATES = sizeof rate_defs / sizeof rate_defs[0] };

static double *rate_at(mc_sim_rates *r, int i) { return (double *)(void *)((char *)r + rate_defs[i].off); }

void mc_sim_defaults(mc_sim_params *p) {
  memset(p, 0, sizeof *p);
  p->seed = 1;
  p->dossiers = 100000;
  p->to = mc_local_day(mc_now());
  p->from = p->to - 5 * 365;
  p->growth = 0.08;
  p->zipf = 1.1;
  p->batch = 50000;
  p->data_dir = "var/data";
  /* Shared by every kind: the seed figures (online payment 34 %, on time 92 %,
   * satisfaction 98 %) and the rest of a dossier's life. */
  mc_sim_rates base = {.weight = 1, .online = 0.22, .online_slope = 0.05, .postal = 0.03, .refused = 0.012,
                       .pre_supplement = 0.06, .supplement = 0.05, .withdrawn = 0.006, .stopped = 0.003, .sent_back = 0.03,
                       .on_time = 0.92, .apology = 0.7, .paid_online = 0.34, .digitised = 0.75, .reused = 0.35,
                       .e_result = 0.6, .vneid = 0.6, .synced = 0.97, .rated = 0.25, .satisfied = 0.98,
                       .complaint = 0.001};
  for (int k = 0; k < MC_SIM_KINDS; k++) p->rates[k] = base;
  /* Volume per unit: a commune files most, a district more per unit, departments
   * the specialised procedures; online 22 % overall, more for departments. */
  p->rates[MC_SIM_PROVINCE].weight = 1.0;
  p->rates[MC_SIM_DEPARTMENT].weight = 2.5;
  p->rates[MC_SIM_DISTRICT].weight = 3.5;
  p->rates[MC_SIM_COMMUNE].weight = 1.0;
  p->rates[MC_SIM_OTHER].weight = 0.2;
  p->rates[MC_SIM_PROVINCE].online = 0.30;
  p->rates[MC_SIM_DEPARTMENT].online = 0.30;
  p->rates[MC_SIM_DISTRICT].online = 0.20;
  p->rates[MC_SIM_COMMUNE].online = 0.18;
  p->rates[MC_SIM_PROVINCE].on_time = 0.90;
  p->rates[MC_SIM_DEPARTMENT].on_time = 0.90;
  p->rates[MC_SIM_DISTRICT].on_time = 0.92;
  p->rates[MC_SIM_COMMUNE].on_time = 0.94;
}

json_t *mc_sim_rates_json(const mc_sim_rates rates[MC_SIM_KINDS]) {
  json_t *o = json_object();
  for (int k = 0; k < MC_SIM_KINDS; k++) {
    json_t *r = json_object();
    for (int i = 0; i < NRATES; i++)
      json_object_set_new(r, rate_defs[i].name, json_real(*rate_at((mc_sim_rates *)&rates[k], i)));
    json_object_set_new(o, kind_names[k], r);
  }
  return o;
}

mc_rc mc_sim_rates_apply(mc_sim_rates rates[MC_SIM_KINDS], const json_t *doc, mc_err *err) {
  if (!json_is_object(doc))
    return mc_fail(err, MC_EINVAL, "simulate.bad_rates", NULL, "Rates are a JSON object keyed by unit kind.");
  const char *kind;
  json_t *v;
  json_object_foreach((json_t *)doc, kind, v) {
    int k = 0;
    while (k < MC_SIM_KINDS && strcmp(kind_names[k], kind) != 0) k++;
    if (k == MC_SIM_KINDS || !json_is_object(v))
      return mc_fail(err, MC_EINVAL, "simulate.bad_rates", kind,
                     "\"%s\" is not a unit kind (province, department, district, commune, other) with an object of rates.",
                     kind);
    const char *name;
    json_t *x;
    json_object_foreach(v, name, x) {
      int i = 0;
      while (i < NRATES && strcmp(rate_defs[i].name, name) != 0) i++;
      char field[MC_ERR_FIELD_MAX];
      snprintf(field, sizeof field, "%s.%s", kind, name);
      if (i == NRATES)
        return mc_fail(err, MC_EINVAL, "simulate.bad_rates", field, "%s: no such rate.", field);
      double d = json_number_value(x);
      if (!json_is_number(x) || !isfinite(d) || d < rate_defs[i].min || d > rate_defs[i].max)
        return mc_fail(err, MC_EINVAL, "simulate.bad_rates", field, "%s must be a number from %g to %g.", field,
                       rate_defs[i].min, rate_defs[i].max);
      *rate_at(&rates[k], i) = d;
    }
  }
  return MC_OK;
}

/* ---- the daily volume ----------------------------------------------------------------- */

static int32_t tet_of(int year) {
  mc_lunar l = {.year = year, .month = 1, .day = 1};
  int32_t d;
  return mc_solar_from_lunar(&l, &d) ? d : INT32_MIN;
}

double sim_day_weight(const sim_world *w, int32_t day) {
  const mc_sim_params *p = w->p;
  double g = pow(1.0 + p->growth, (double)(day - p->from) / 365.25);
  if (!mc_cal_is_working_day(w->cal, day)) return g * 0.06;     /* online only */
  int y, m, dd;
  mc_civil_from_days(day, &y, &m, &dd);
  double f = 1.0;
  int wd = mc_weekday(day);
  if (wd == 1) f = 1.12;
  else if (wd == 5) f = 0.92;
  else if (wd == 6 || wd == 0) f = 0.5;                           /* a make-up working day */
  for (int k = 0; k < 2; k++) {
    int32_t tet = tet_of(y + k);
    if (tet == INT32_MIN) continue;
    if (day >= tet - 14 && day < tet) f *= 1.25;                  /* the rush before Tết */
    else if (day > tet && day <= tet + 12) f *= 0.6;              /* the slow days after */
  }
  sim_rng r;
  sim_rng_seed(&r, p->seed, 0x444159, (uint64_t)(int64_t)day);
  return g * f * (0.85 + 0.3 * sim_unit01(&r));
}

/* ---- one day's arrivals ---------------------------------------------------------------- */

static int cmp_arrival(const void *a, const void *b) {
  const sim_arrival *x = a, *y = b;
  if (x->at != y->at) return x->at < y->at ? -1 : 1;
  return x->j < y->j ? -1 : x->j > y->j;
}

/* A triangular draw on [lo, hi] with its mode at c. */
static int tri(sim_rng *r, int lo, int c, int hi) {
  double u = sim_unit01(r), f = (double)(c - lo) / (double)(hi - lo);
  double x = u < f ? lo + sqrt(u * (hi - lo) * (c - lo)) : hi - sqrt((1 - u) * (hi - lo) * (hi - c));
  return (int)x;
}

static mc_time desk_time(sim_rng *r, int32_t day) {
  const mc_sessions *s = mc_dossier_sessions;
  int k = s->n > 1 && sim_chance(r, 0.4) ? 1 : 0;
  int lo = s->start[k], hi = s->end[k] - 60;
  int peak = lo + (hi - lo) * (k == 0 ? 2 : 1) / 5;                /* ≈ 09:00 and 14:50 */
  return mc_local_instant(day, tri(r, lo, peak, hi));
}

static mc_time online_time(sim_rng *r, int32_t day) {
  static const double hours[24] = {1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2.5, 4.5, 5.5, 5.5, 5, 3.5, 3.5, 4.5, 5,
                                   4.5, 3.5, 3, 3.5, 4, 3.5, 2.5, 1.5};
  double cum[24], t = 0;
  for (int h = 0; h < 24; h++) cum[h] = (t += hours[h]);
  int h = sim_pick(r, cum, 24);
  return mc_local_instant(day, h * 3600 + (int)sim_range(r, 0, 3599));
}

/* The share of a kind's dossiers filed online on a working day of year t. */
static double online_rate(const sim_world *w, int kind, int32_t day) {
  const mc_sim_params *p = w->p;
  const mc_sim_rates *rt = &p->rates[kind];
  double mid = (p->from + p->to) / 2.0;
  double v = rt->online + rt->online_slope * (day - mid) / 365.25;
  v = v < 0 ? 0 : v > 1 ? 1 : v;
  double nw = w->nonworking_share;
  v = nw < 1 ? (v - nw) / (1 - nw) : v;          /* days off are all online */
  double cap = w->mix[kind].online_share;
  v = cap > 0 ? v / cap : 0;                     /* only procedures offered online */
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

int sim_draw_arrivals(sim_world *w, int32_t day, int64_t n, const double *ucum, const int *uidx, int nu,
                      sim_arrival *out) {
  bool working = mc_cal_is_working_day(w->cal, day);
  for (int64_t j = 0; j < n; j++) {
    sim_rng r;
    sim_rng_seed(&r, w->p->seed, 0x415252 + ((uint64_t)(uint32_t)day << 20), (uint64_t)j);
    sim_arrival *a = &out[j];
    a->j = (int32_t)j;
    int u = uidx[sim_pick(&r, ucum, nu)];
    int kind = w->units[u].kind;
    const sim_mix *mx = &w->mix[kind];
    a->unit = u;
    if (!working) {
      /* A day off: only online procedures (the unit list holds kinds that have some). */
      a->proc = mx->oprocs[sim_pick(&r, mx->ocum, mx->on)];
      a->channel = 2;
    } else {
      a->proc = mx->procs[sim_pick(&r, mx->cum, mx->n)];
      if (w->procs[a->proc].online && sim_chance(&r, online_rate(w, kind, day))) a->channel = 2;
      else a->channel = sim_chance(&r, w->p->rates[kind].postal) ? 3 : 1;
    }
    a->at = a->channel == 2 ? online_time(&r, day) : desk_time(&r, day);
  }
  qsort(out, (size_t)n, sizeof *out, cmp_arrival);
  return (int)n;
}

/* Units filing on day, as cumulative weights (kind weight × size): on a
 * working day every unit valid that day whose kind handles procedures; on a
 * day off those whose kind has procedures offered online. */
int sim_day_units(const sim_world *w, int32_t day, bool working, double *cum, int *idx) {
  int n = 0;
  double t = 0;
  for (int i = 0; i < w->nunits; i++) {
    const sim_unit *u = &w->units[i];
    const sim_mix *m = &w->mix[u->kind];
    double wt = w->p->rates[u->kind].weight * u->size;
    if (!sim_unit_valid(u, day) || m->n == 0 || (!working && m->on == 0) || wt <= 0) continue;
    cum[n] = (t += wt);
    idx[n++] = i;
  }
  return n;
}

/* ---- before the run ------------------------------------------------------------------------ */

enum { RANGE_DAYS_MAX = 366 * 100 };

mc_rc sim_check_params(const mc_sim_params *p, mc_err *err) {
  if (p->dossiers < 1 || p->dossiers > MC_SIM_DOSSIERS_MAX)
    return mc_fail(err, MC_EINVAL, "simulate.bad_params", "dossiers", "The number of dossiers is 1 to %d.",
                   MC_SIM_DOSSIERS_MAX);
  if (p->from > p->to || p->to - p->from > RANGE_DAYS_MAX ||
      p->from < mc_days_from_civil(MC_CAL_FIRST_YEAR + 1, 1, 1) || p->to > mc_days_from_civil(MC_CAL_LAST_YEAR - 1, 1, 1))
    return mc_fail(err, MC_EINVAL, "simulate.bad_params", "from",
                   "The range is from ≤ to, at most 100 years, within the calendar's range.");
  if (p->batch < 1 || p->batch > MC_SIM_BATCH_MAX)
    return mc_fail(err, MC_EINVAL, "simulate.bad_params", "batch", "A batch is 1 to %d dossiers.", MC_SIM_BATCH_MAX);
  if (!(p->growth > -0.9 && p->growth < 10) || !(p->zipf >= 0 && p->zipf <= 5))
    return mc_fail(err, MC_EINVAL, "simulate.bad_params", "growth", "Growth is above -0.9 and below 10; zipf 0 to 5.");
  if (mc_str_empty(p->data_dir))
    return mc_fail(err, MC_EINVAL, "simulate.bad_params", "data", "A data folder for attachments is needed.");
  double weight = 0;
  for (int k = 0; k < MC_SIM_KINDS; k++)
    for (int i = 0; i < NRATES; i++) {
      double v = *rate_at((mc_sim_rates *)&p->rates[k], i);
      if (!isfinite(v) || v < rate_defs[i].min || v > rate_defs[i].max)
        return mc_fail(err, MC_EINVAL, "simulate.bad_rates", rate_defs[i].name, "%s.%s must be from %g to %g.",
                       kind_names[k], rate_defs[i].name, rate_defs[i].min, rate_defs[i].max);
      if (i == 0) weight += v;
    }
  if (weight <= 0)
    return mc_fail(err, MC_EINVAL, "simulate.bad_rates", "weight", "At least one unit kind needs a weight above 0.");
  return MC_OK;
}

#define RUN_SETTING "simulate.run"

static json_t *params_json(const mc_sim_params *p, mc_time now) {
  char from[16], to[16];
  mc_date_format(p->from, from, sizeof from);
  mc_date_format(p->to, to, sizeof to);
  return json_pack("{s:I, s:I, s:s, s:s, s:o, s:f, s:f, s:s, s:o}", "seed", (json_int_t)p->seed, "dossiers",
                   (json_int_t)p->dossiers, "from", from, "to", to, "now", mc_time_json(now), "growth", p->growth,
                   "zipf", p->zipf, "writer", p->engine ? "engine" : "bulk", "rates", mc_sim_rates_json(p->rates));
}

/* The marker (one simulation per database) and the run's audit entry. */
mc_rc sim_mark_run(sim_world *w, const char *state, mc_err *err) {
  json_t *doc = params_json(w->p, w->now);
  json_object_set_new(doc, "state", json_string(state));
  json_object_set_new(doc, "written", json_integer(w->st->dossiers));
  char *text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
  mc_rc rc = text ? mc_db_begin(w->db, err) : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (!rc) rc = mc_db_exec(w->db, "meta.setting_put", err, "ss", RUN_SETTING, text);
  if (!rc) {
    mc_audit_entry e = {.action = strcmp(state, "running") == 0 ? "simulate.start" : "simulate.finish",
                        .object_type = "simulation", .detail = doc};
    rc = mc_audit_append(w->db, &e, err);
  }
  if (!rc) rc = mc_db_commit(w->db, err);
  else if (text) mc_db_rollback(w->db);
  free(text);
  json_decref(doc);
  return rc;
}

mc_rc sim_already_run(mc_db *db, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "simulate.province", err, NULL);
  if (!st || mc_stmt_next(st, err) < 0) return err->rc;
  bool empty = mc_col_i64(st, 0) == 0 || mc_col_i64(st, 1) == 0;
  while (mc_stmt_next(st, NULL) > 0) {}
  if (empty)
    return mc_fail(err, MC_EINVAL, "simulate.no_province", NULL,
                   "The database has no province to simulate (units and procedures): run `motcua demo` first.");
  st = mc_db_prep(db, "meta.setting_get", err, "s", RUN_SETTING);
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  while (r > 0 && mc_stmt_next(st, NULL) > 0) {}
  if (r < 0) return err->rc;
  if (r > 0)
    return mc_fail(err, MC_ECONFLICT, "simulate.already_run", NULL,
                   "This database already holds a simulated history; simulate into a new database.");
  return MC_OK;
}
