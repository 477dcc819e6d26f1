/* index_trend.c — the index over time and for the dashboard: weekly values
 * of one indicator or of the total (trend), and the IOC summary — the
 * summary with its changes and targets, the ranking of child units, and the
 * unit's dossiers that are late now or will be within the province's
 * "soon late" horizon. */
#include "core/index_int.h"
#include <string.h>

mc_rc mc_index_trend(mc_db *db, const mc_index_query *q, const char *indicator, int weeks, json_t **out,
                     mc_err *err) {
  if (weeks < 1 || weeks > MC_INDEX_TREND_WEEKS_MAX)
    return mc_fail(err, MC_EINVAL, "index.bad_weeks", "weeks", "weeks must be 1–%d.", MC_INDEX_TREND_WEEKS_MAX);
  mc_ictx c;
  mc_rc rc = mc_ictx_open(db, q, MC_IA_TREND, &c, err);
  const mc_iind *ind = NULL;
  if (!rc && indicator && !(ind = mc_iedition_find(c.ed, indicator)))
    rc = mc_fail(err, MC_EINVAL, "index.unknown_indicator", "indicator", "Edition %s has no indicator \"%.16s\".",
                 c.ed->code, indicator);
  if (rc) { mc_ictx_close(&c); return rc; }
  int32_t last = c.period.hi - 1, today = mc_local_day(c.now);
  if (last > today) last = today;
  mc_iperiod wk;
  mc_iperiod_week_of(last, &wk);
  wk.lo -= 7 * (weeks - 1);
  wk.hi = wk.lo + 7;
  mc_iscope s;
  mc_ictx_scope(&c, &c.unit, 1, &s);
  json_t *items = json_array();
  /* A dossier indicator needs no catalogue: leave it out of each week's work. */
  bool need_cat = !ind || mc_imeasure_is_catalogue(ind->measure);
  for (int k = 0; k < weeks && !rc; k++, wk.lo += 7, wk.hi += 7) {
    mc_iperiod p;
    mc_iperiod_week_of(wk.lo, &p);
    mc_imeasures m;
    mc_iresult res;
    mc_ireq r = {c.db, c.a, c.ed, &c.tree, need_cat ? &c.cat : NULL, c.proc ? c.proc->id : 0, p, c.now, s};
    if ((rc = mc_index_measure(&r, &m, err))) break;
    mc_index_score(c.ed, &m, &res);
    char a[11], b[11];
    mc_date_format(p.lo, a, sizeof a);
    mc_date_format(p.hi - 1, b, sizeof b);
    json_t *o = json_pack("{s:s, s:s, s:s}", "week", p.label, "from", a, "to", b);
    if (ind) {
      int i = (int)(ind - c.ed->inds);
      const mc_iscore *sc = &res.ind[i];
      bool pts = sc->status == MC_IS_OK || sc->status == MC_IS_FULL_WHEN_NONE;
      json_object_set_new(o, "numerator", json_integer(m.v[ind->measure].num));
      json_object_set_new(o, "denominator", json_integer(m.v[ind->measure].den));
      json_object_set_new(o, "value", sc->has_value ? json_real(mc_index_round(sc->value, 4)) : json_null());
      json_object_set_new(o, "points", pts ? json_real(mc_index_round(sc->points, 2)) : json_null());
    } else {
      json_object_set_new(o, "points", res.total_has ? json_real(mc_index_round(res.total, 2)) : json_null());
      json_object_set_new(o, "coverage", json_real(mc_index_round(res.coverage, 4)));
    }
    json_array_append_new(items, o);
  }
  if (!rc) {
    *out = json_pack("{s:o, s:s, s:o, s:{s:s}, s:i, s:o}", "unit", mc_ictx_unit_json(&c, c.unit),
                     "indicator", ind ? ind->code : "total",
                     "procedure", c.proc ? json_string(c.proc->code) : json_null(), "edition", "code", c.ed->code,
                     "weeks", weeks, "items", items);
  } else {
    json_decref(items);
  }
  mc_ictx_close(&c);
  return rc;
}

mc_rc mc_index_ioc(mc_db *db, const mc_index_query *q, json_t **out, mc_err *err) {
  mc_ictx c;
  json_t *summary = NULL, *ranking = NULL;
  mc_rc rc = mc_ictx_open(db, q, MC_IA_IOC, &c, err);
  if (!rc) rc = mc_index_summary_ctx(&c, &summary, err);
  if (!rc) rc = mc_index_ranking_ctx(&c, NULL, &ranking, err);
  mc_iscope s;
  mc_iopen open = {0};
  int64_t soon = 0;
  mc_time horizon = c.now + (mc_time)c.cfg.soon_late_hours * 3600;
  if (!rc) {
    mc_ictx_scope(&c, &c.unit, 1, &s);
    int64_t proc = c.proc ? c.proc->id : 0;
    rc = mc_index_read_open_at(db, &s, proc, c.now, &open, err);
    if (!rc) rc = mc_index_read_due_between(db, &s, proc, c.now, horizon, &soon, err);
  }
  if (!rc) {
    json_t *units = json_array(), *item;
    size_t i;
    json_array_foreach(json_object_get(ranking, "items"), i, item) {
      json_t *t = json_object_get(item, "total");
      json_array_append_new(units, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "unit", json_object_get(item, "unit"),
          "rank", json_object_get(item, "rank"), "insufficient_data", json_object_get(item, "insufficient_data"),
          "points", json_object_get(t, "points"), "band", json_object_get(t, "band"), "change", json_object_get(t, "change")));
    }
    char at[32], hz[32];
    mc_time_format(c.now, at, sizeof at);
    mc_time_format(horizon, hz, sizeof hz);
    json_object_set_new(summary, "ranking", units);
    json_object_set_new(summary, "dossiers_now", json_pack("{s:s, s:I, s:I, s:I, s:I, s:s}", "as_of", at,
        "open", (json_int_t)open.open, "late", (json_int_t)(open.open - open.within),
        "within_deadline", (json_int_t)open.within, "soon_late", (json_int_t)soon, "soon_late_until", hz));
    json_object_set_new(summary, "soon_late_hours", json_integer(c.cfg.soon_late_hours));
    *out = summary;
    summary = NULL;
  }
  json_decref(summary);
  json_decref(ranking);
  mc_ictx_close(&c);
  return rc;
}
