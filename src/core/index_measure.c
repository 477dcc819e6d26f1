/* index_measure.c — from counters to numerators and denominators, and from
 * those to points, group scores and the total.
 *
 * Numerator / denominator of each measure (docs/index766.md has the table):
 * dossier measures count dossiers received in the period (1.4, 3.3, 4.3, 5.4,
 * 5.5, 5.7) or ended in it (2.2, 5.1, 5.2, 6.4); 2.1 counts dossiers ended in
 * the period plus those still open at its end (or now), the on-time ones
 * being those ended on time plus those open and before their deadline.
 *
 * Scoring: linear = max × ratio; full_at T = max × min(1, ratio / T);
 * full_when_none = linear, but full points when the denominator is 0; shown =
 * not scored. A denominator of 0 is "no data": points null. A group's score
 * under "renormalise" is its max × (points of indicators with data) / (their
 * maxima), null when none has data; the total is total_max × (sum of group
 * scores with data) / (sum of those groups' maxima). Under "zero" no-data
 * indicators score 0 and every group counts. */
#include "core/index_int.h"
#include <stdlib.h>
#include <string.h>

const char *mc_imeasure_unavailable(mc_imeasure m) {
  switch (m) {
  case MC_IM_FEEDBACK_TOPICS:
  case MC_IM_FEEDBACK_ON_TIME:
  case MC_IM_FEEDBACK_SATISFACTION:
    return "Chưa có dữ liệu phản ánh, kiến nghị: hệ thống chưa có chức năng tiếp nhận PAKN.";
  default:
    return NULL;
  }
}

mc_rc mc_index_measure(const mc_ireq *r, mc_imeasures *out, mc_err *err) {
  int ng = r->scope.ngroups;
  memset(out, 0, sizeof *out * (size_t)ng);
  mc_icounts *c = calloc((size_t)ng + 1, sizeof *c);
  mc_iopen *o = calloc((size_t)ng + 1, sizeof *o);
  if (!c || !o) { free(c); free(o); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  mc_time t = mc_iperiod_eval_at(&r->period, r->now);
  mc_rc rc = mc_index_read_days(r->db, &r->scope, r->proc_id, r->period.lo, r->period.hi, 1, c, err);
  if (!rc && r->open_at_start && t == mc_local_instant(r->period.hi, 0)) {
    /* Open at the end = open at the start + receptions − ends in between. */
    for (int g = 0; g < ng; g++) {
      o[g].open = r->open_at_start[g].open + c[g].c[MC_IC_RCV] - c[g].c[MC_IC_END_N];
      o[g].within = r->open_at_start[g].within + c[g].c[MC_IC_W_START] - c[g].c[MC_IC_W_END];
    }
  } else if (!rc) {
    rc = mc_index_read_open_at(r->db, &r->scope, r->proc_id, t, o, err);
  }
  for (int g = 0; g < ng && !rc; g++) {
    const int64_t *k = c[g].c;
    mc_ival *v = out[g].v;
    out[g].period = c[g];
    out[g].at_end = o[g];
    v[MC_IM_SYNCED] = (mc_ival){k[MC_IC_RCV_SYNCED], k[MC_IC_RCV]};
    v[MC_IM_ON_TIME] = (mc_ival){k[MC_IC_END_ONTIME] + o[g].within, k[MC_IC_END_N] + o[g].open};
    v[MC_IM_HANDLING_TIME] = (mc_ival){k[MC_IC_END_SECS], k[MC_IC_END_N]};
    v[MC_IM_ONLINE_DOSSIERS] = (mc_ival){k[MC_IC_RCV_ONLINE], k[MC_IC_RCV]};
    v[MC_IM_PAID_ONLINE] = (mc_ival){k[MC_IC_RCV_PAID], k[MC_IC_RCV_FEE]};
    v[MC_IM_E_RESULTS] = (mc_ival){k[MC_IC_END_ERES], k[MC_IC_END_RES]};
    v[MC_IM_DIGITISED] = (mc_ival){k[MC_IC_END_DIG], k[MC_IC_END_DONE]};
    v[MC_IM_REUSED] = (mc_ival){k[MC_IC_RCV_REUSED], k[MC_IC_RCV]};
    v[MC_IM_STORE_LINKED] = (mc_ival){k[MC_IC_RCV_STORE], k[MC_IC_RCV]};
    v[MC_IM_POPULATION_DOSSIERS] = (mc_ival){k[MC_IC_RCV_VNEID], k[MC_IC_RCV]};
    out[g].late_ended = k[MC_IC_END_N] - k[MC_IC_END_ONTIME];
    out[g].bad_ended = k[MC_IC_END_BAD];
    int64_t good = k[MC_IC_END_N] - out[g].late_ended - out[g].bad_ended;
    v[MC_IM_SATISFACTION] = (mc_ival){good > 0 ? good : 0, k[MC_IC_END_N]};
  }
  free(c);
  free(o);
  if (!rc) rc = mc_index_measure_catalogue(r, out, err);
  return rc;
}

mc_iscore mc_index_score_one(const mc_iind *ind, const mc_ival *v) {
  mc_iscore s = {0};
  s.has_value = v->den > 0;
  s.value = s.has_value ? (double)v->num / (double)v->den : 0;
  switch (ind->rule) {
  case MC_IR_SHOWN:
    s.status = MC_IS_SHOWN;
    break;
  case MC_IR_FULL_WHEN_NONE:
    if (!s.has_value) { s.status = MC_IS_FULL_WHEN_NONE; s.points = ind->max; break; }
    s.points = ind->max * (s.value > 1 ? 1 : s.value);
    break;
  case MC_IR_LINEAR:
    if (!s.has_value) { s.status = MC_IS_NO_DATA; break; }
    s.points = ind->max * (s.value > 1 ? 1 : s.value);
    break;
  case MC_IR_FULL_AT: {
    if (!s.has_value) { s.status = MC_IS_NO_DATA; break; }
    double f = s.value / ind->threshold;
    s.points = ind->max * (f > 1 ? 1 : f);
    break;
  }
  }
  return s;
}

void mc_index_score(const mc_iedition *ed, const mc_imeasures *m, mc_iresult *out) {
  memset(out, 0, sizeof *out);
  double sum = 0, sum_max = 0;
  for (int g = 0; g < ed->ngroups; g++) {
    const mc_igroup *grp = &ed->groups[g];
    double earned = 0, possible = 0;
    for (int i = grp->first; i < grp->first + grp->n; i++) {
      const mc_iind *ind = &ed->inds[i];
      out->ind[i] = mc_index_score_one(ind, &m->v[ind->measure]);
      mc_istatus st = out->ind[i].status;
      if (st == MC_IS_SHOWN) continue;
      if (st == MC_IS_NO_DATA && ed->no_data == MC_IND_RENORMALISE) continue;
      earned += out->ind[i].points;
      possible += ind->max;
    }
    out->group_scored_max[g] = possible;
    if (ed->no_data == MC_IND_ZERO) {
      out->group[g] = earned;
      out->group_has[g] = true;
    } else if (possible > 0) {
      out->group[g] = grp->max * earned / possible;
      out->group_has[g] = true;
    }
    if (out->group_has[g]) {
      sum += out->group[g];
      sum_max += grp->max;
    }
    out->coverage += possible;
  }
  out->coverage = ed->total_max > 0 ? out->coverage / ed->total_max : 0;
  if (sum_max > 0) {
    out->total = ed->no_data == MC_IND_ZERO ? sum : ed->total_max * sum / sum_max;
    out->total_has = true;
  }
}
