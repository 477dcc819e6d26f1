/* index_trend.c — the index over time and for the dashboard: weekly values
 * of one indicator or of the total (trend), and the IOC summary — the
 * summary with its changes and targets, the ranking of child units, and the
 * unit's dossiers that are late now or will be within the province's
 * "soon late" horizon. */
#include "core/index_int.h"
#include <stdio.h>
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
  mc_iopen carry = {0};   /* open dossiers at the end of the week before */
  for (int k = 0; k < weeks && !rc; k++, wk.lo += 7, wk.hi += 7) {
    mc_iperiod p;
    mc_iperiod_week_of(wk.lo, &p);
    mc_imeasures m;
    mc_iresult res;
    mc_ireq r = {c.db, c.a, c.ed, &c.tree, need_cat ? &c.cat : NULL, c.proc ? c.proc->id : 0, p, c.now, s,
                 k > 0 ? &carry : NULL};
    if ((rc = mc_index_measure(&r, &m, err))) break;
    carry = m.at_end;
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

/* Up to ALERTS_MAX open dossiers of the scope due in (t1, t2], soonest first. */
enum { ALERTS_MAX = 10 };

typedef struct alert { int64_t id, unit, proc; mc_time due, eff_due; int supplements; char code[64]; } alert;

static mc_rc due_list(mc_ictx *c, const mc_iscope *s, mc_time t1, mc_time t2, json_t **out, mc_err *err) {
  alert best[ALERTS_MAX];
  int n = 0;
  for (int e = 0; e < s->n; e++) {
    if (e > 0 && s->unit_ids[e] == s->unit_ids[e - 1]) continue;
    mc_stmt *st = mc_db_prep(c->db, "index.open_due_unit", err, "iiii", s->unit_ids[e], t1, t2, (int64_t)ALERTS_MAX);
    if (!st) return err ? err->rc : MC_EDB;
    int r;
    while ((r = mc_stmt_next(st, err)) > 0) {
      if (c->proc && mc_col_i64(st, 1) != c->proc->id) continue;
      alert a = {mc_col_i64(st, 0), s->unit_ids[e], mc_col_i64(st, 1), mc_col_i64(st, 3), mc_col_i64(st, 4),
                 (int)mc_col_i64(st, 5), ""};
      if (!mc_col_null(st, 6)) snprintf(a.code, sizeof a.code, "%s", mc_col_text(st, 6));
      int at = n < ALERTS_MAX ? n : ALERTS_MAX - 1;
      if (n == ALERTS_MAX && a.eff_due >= best[at].eff_due) continue;
      while (at > 0 && best[at - 1].eff_due > a.eff_due) { best[at] = best[at - 1]; at--; }
      best[at] = a;
      if (n < ALERTS_MAX) n++;
    }
    if (r < 0) return err && err->rc ? err->rc : MC_EDB;
  }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) {
    const alert *a = &best[i];
    int ui = mc_itree_find_id(&c->tree, a->unit), pi = mc_icatalogue_find(&c->cat, a->proc);
    char due[32] = "", eff[32] = "";
    if (a->due > 0 && a->due != INT64_MAX) mc_time_format(a->due, due, sizeof due);
    if (a->eff_due > 0 && a->eff_due != INT64_MAX) mc_time_format(a->eff_due, eff, sizeof eff);
    json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "dossier_id", (json_int_t)a->id,
        "code", a->code[0] ? json_string(a->code) : json_null(),
        "procedure_code", pi >= 0 ? json_string(c->cat.p[pi].code) : json_null(),
        "procedure_name", pi >= 0 ? json_string(c->cat.p[pi].name) : json_null(),
        "handling_unit", ui >= 0 ? mc_ictx_unit_json(c, ui) : json_null(),
        "due_at", due[0] ? json_string(due) : json_null(), "effective_due_at", eff[0] ? json_string(eff) : json_null(),
        "time_left", mc_index_time_left_json(a->eff_due, 0, a->supplements, c->now, c->cfg.soon_late_hours)));
  }
  *out = arr;
  return MC_OK;
}

/* The most overdue open dossiers, and those due within the horizon. */
static mc_rc alerts_json(mc_ictx *c, const mc_iscope *s, mc_time horizon, json_t **out, mc_err *err) {
  json_t *late = NULL, *soon = NULL;
  mc_rc rc = due_list(c, s, INT64_MIN + 1, c->now, &late, err);
  if (!rc) rc = due_list(c, s, c->now, horizon, &soon, err);
  if (rc) { json_decref(late); json_decref(soon); return rc; }
  *out = json_pack("{s:o, s:o}", "late", late, "soon", soon);
  return MC_OK;
}

mc_rc mc_index_ioc(mc_db *db, const mc_index_query *q, json_t **out, mc_err *err) {
  mc_ictx c;
  json_t *summary = NULL, *ranking = NULL;
  mc_rc rc = mc_ictx_open(db, q, MC_IA_IOC, &c, err);
  if (!rc) rc = mc_index_summary_ctx(&c, &summary, err);
  if (!rc) rc = mc_index_ranking_ctx(&c, NULL, true, &ranking, err);
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
  json_t *alerts = NULL;
  if (!rc) rc = alerts_json(&c, &s, horizon, &alerts, err);
  if (!rc) {
    json_t *units = json_object_get(ranking, "items");
    char at[32], hz[32];
    mc_time_format(c.now, at, sizeof at);
    mc_time_format(horizon, hz, sizeof hz);
    json_object_set(summary, "ranking", units);
    json_object_set_new(summary, "dossiers_now", json_pack("{s:s, s:I, s:I, s:I, s:I, s:s}", "as_of", at,
        "open", (json_int_t)open.open, "late", (json_int_t)(open.open - open.within),
        "within_deadline", (json_int_t)open.within, "soon_late", (json_int_t)soon, "soon_late_until", hz));
    json_object_set_new(alerts, "late_total", json_integer(open.open - open.within));
    json_object_set_new(alerts, "soon_total", json_integer(soon));
    json_object_set_new(summary, "alerts", alerts);
    alerts = NULL;
    json_object_set_new(summary, "soon_late_hours", json_integer(c.cfg.soon_late_hours));
    *out = summary;
    summary = NULL;
  }
  json_decref(alerts);
  json_decref(summary);
  json_decref(ranking);
  mc_ictx_close(&c);
  return rc;
}
