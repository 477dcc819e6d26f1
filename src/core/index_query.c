/* index_query.c — reading the index: a query's context (period, unit, edition,
 * roll-up, procedure, access), the summary of one unit with its change since
 * the previous period and its targets, and the ranking of a unit's children. */
#include "core/index_int.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_CAP = 64 << 20 };

double mc_index_round(double v, int decimals) {
  double f = decimals == 4 ? 10000 : 100;
  return round(v * f) / f;
}

static mc_rc check_access(mc_ictx *c, const mc_index_query *q, mc_iaccess what, mc_err *err) {
  const mc_principal *who = q->who;
  if (q->anonymous) {
    if (what != MC_IA_SUMMARY || !c->cfg.public_summary)
      return mc_fail(err, MC_EUNAUTH, "auth.required", NULL, "Log in to read this part of the index.");
    c->public_view = true;
    return MC_OK;
  }
  if (!who) return MC_OK;   /* the command line */
  switch (who->role) {
  case MC_ROLE_ADMIN:
  case MC_ROLE_PROVINCE_LEADER:
    return MC_OK;
  case MC_ROLE_UNIT_LEADER:
    for (int i = c->unit; i >= 0; i = c->tree.u[i].parent)
      if (c->tree.u[i].id == who->unit_id) return MC_OK;
    break;
  case MC_ROLE_OFFICER:
  case MC_ROLE_SPECIALIST:
    if (c->tree.u[c->unit].id == who->unit_id) return MC_OK;
    break;
  default:
    return mc_fail(err, MC_EFORBIDDEN, "index.forbidden", NULL, "The service index is read by staff and leaders.");
  }
  return mc_fail(err, MC_EFORBIDDEN, "index.forbidden", "unit",
                 "You may read the index of your own unit%s only.", who->role == MC_ROLE_UNIT_LEADER ? " and the units under it" : "");
}

/* The unit a reader sees by default: their own, or the province. */
static const char *default_unit(const mc_ictx *c, const mc_principal *who) {
  if (!who || who->role == MC_ROLE_ADMIN || who->role == MC_ROLE_PROVINCE_LEADER || !who->unit_id) return NULL;
  int i = mc_itree_find_id(&c->tree, who->unit_id);
  return i >= 0 ? c->tree.u[i].code : NULL;
}

mc_rc mc_ictx_open(mc_db *db, const mc_index_query *q, mc_iaccess what, mc_ictx *c, mc_err *err) {
  memset(c, 0, sizeof *c);
  c->db = db;
  c->a = mc_arena_new(ARENA_CAP);
  if (!c->a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  c->now = q->now ? q->now : mc_now();
  mc_rc rc;
  int32_t today = mc_local_day(c->now);
  const char *period = q->period;
  char month[24];
  if (!period && !q->from && !q->to) {   /* default: the current month */
    int y, mo, d;
    mc_civil_from_days(today, &y, &mo, &d);
    snprintf(month, sizeof month, "%04d-%02d", y % 10000, mo % 100);
    period = month;
  }
  if ((rc = mc_iperiod_parse(period, q->from, q->to, &c->period, err))) return rc;
  if (c->period.lo > today)
    return mc_fail(err, MC_EINVAL, "index.period_in_future", q->period ? "period" : "from",
                   "The period %s has not started yet.", c->period.label);
  mc_iperiod_prev(&c->period, &c->prev);
  if ((rc = mc_iconfig_load(db, c->a, &c->cfg, err)) || (rc = mc_itree_load(db, c->a, &c->tree, err)))
    return rc;
  c->successor = c->cfg.successor_rollup;
  if (q->rollup) {
    if (strcmp(q->rollup, "as_of") == 0) c->successor = false;
    else if (strcmp(q->rollup, "successor") == 0) c->successor = true;
    else return mc_fail(err, MC_EINVAL, "index.bad_rollup", "rollup", "rollup must be \"as_of\" or \"successor\".");
  }
  const char *unit = q->unit ? q->unit : default_unit(c, q->who);
  if ((rc = mc_itree_find(&c->tree, unit, c->period.hi - 1, &c->unit, err)) ||
      (rc = check_access(c, q, what, err)) ||
      (rc = mc_index_edition_pick(q->edition, c->period.hi - 1, &c->ed, err)) ||
      (rc = mc_icatalogue_acquire(db, &c->cat, &c->cat_ref, err)))
    return rc;
  if (q->procedure) {
    for (int i = 0; i < c->cat.n && !c->proc; i++)
      if (strcmp(c->cat.p[i].code, q->procedure) == 0) c->proc = &c->cat.p[i];
    if (!c->proc)
      return mc_fail(err, MC_ENOTFOUND, "procedure.not_found", "procedure", "There is no procedure with code \"%.64s\".", q->procedure);
  }
  return MC_OK;
}

void mc_ictx_close(mc_ictx *c) {
  mc_icatalogue_release(c->cat_ref);
  c->cat_ref = NULL;
  if (c->a) mc_arena_free(c->a);
  c->a = NULL;
}

void mc_ictx_scope(mc_ictx *c, const int *ix, int n, mc_iscope *out) {
  mc_iscope_b b = {0};
  int *tmp = mc_arena_alloc(c->a, sizeof *tmp * (size_t)(c->tree.n + 1));
  for (int g = 0; g < n && tmp; g++) {
    int k = mc_itree_scope(&c->tree, ix[g], c->successor, tmp);
    for (int i = 0; i < k; i++) mc_iscope_add(c->a, &b, c->tree.u[tmp[i]].id, g);
  }
  mc_iscope_finish(&b, n, out);
}

mc_rc mc_ictx_eval(mc_ictx *c, const mc_iperiod *p, const mc_iscope *s, mc_imeasures *m, mc_iresult *res,
                   mc_err *err) {
  mc_ireq r = {c->db, c->a, c->ed, &c->tree, &c->cat, c->proc ? c->proc->id : 0, *p, c->now, *s, NULL};
  mc_rc rc = mc_index_measure(&r, m, err);
  for (int g = 0; g < s->ngroups && !rc; g++) mc_index_score(c->ed, &m[g], &res[g]);
  return rc;
}

json_t *mc_ictx_unit_json(const mc_ictx *c, int ix) {
  const mc_iunit *u = &c->tree.u[ix];
  return json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "kind", u->kind_name);
}

static json_t *num_or_null(bool has, double v, int decimals) {
  return has ? json_real(mc_index_round(v, decimals)) : json_null();
}

static const char *status_name(mc_istatus s) {
  static const char *const names[] = {"ok", "no_data", "full_when_none", "shown"};
  return names[s];
}

static const char *rule_name(mc_irule r) {
  static const char *const names[] = {"linear", "full_at", "full_when_none", "shown"};
  return names[r];
}

/* One indicator of one unit: definition, figures, points, target, change. */
static json_t *indicator_json(const mc_ictx *c, int i, const mc_imeasures *m, const mc_iresult *res,
                              const mc_imeasures *pm, const mc_iresult *pres, int kind) {
  const mc_iind *ind = &c->ed->inds[i];
  const mc_ival *v = &m->v[ind->measure];
  const mc_iscore *s = &res->ind[i];
  bool has_points = s->status == MC_IS_OK || s->status == MC_IS_FULL_WHEN_NONE;
  json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:I, s:I, s:o, s:o, s:s}",
      "code", ind->code, "name", ind->name, "group", c->ed->groups[ind->group].code,
      "measure", mc_imeasure_name(ind->measure), "rule", rule_name(ind->rule), "max", ind->max,
      "numerator", (json_int_t)v->num, "denominator", (json_int_t)v->den,
      "value", num_or_null(s->has_value, s->value, 4),
      "points", num_or_null(has_points, s->points, 2), "status", status_name(s->status));
  if (ind->rule == MC_IR_FULL_AT) json_object_set_new(o, "threshold", json_real(ind->threshold));
  if (ind->measure != MC_IM_HANDLING_TIME) {
    json_object_set_new(o, "ratio", num_or_null(s->has_value, s->value, 4));
    json_object_set_new(o, "percent", num_or_null(s->has_value, 100 * s->value, 2));
  } else if (s->has_value) {
    json_object_set_new(o, "average_hours", json_real(mc_index_round(s->value / 3600, 2)));
  }
  const char *why = mc_imeasure_unavailable(ind->measure);
  if (!s->has_value && why) json_object_set_new(o, "reason", json_string(why));
  else if (s->status == MC_IS_NO_DATA) json_object_set_new(o, "reason", json_string("Không có dữ liệu trong kỳ (mẫu số bằng 0)."));
  if (s->status == MC_IS_FULL_WHEN_NONE)
    json_object_set_new(o, "note", json_string("Đạt tối đa vì không phát sinh trong kỳ (quy tắc \"full when none\")."));
  double target = mc_iconfig_target(&c->cfg, ind->code, kind);
  if (target > 0) {
    json_object_set_new(o, "target", json_real(target));
    json_object_set_new(o, "progress", num_or_null(s->has_value, s->value / target, 4));
    json_object_set_new(o, "target_met", s->has_value ? json_boolean(s->value >= target) : json_null());
  }
  if (pm && pres) {
    const mc_iscore *ps = &pres->ind[i];
    bool p_points = ps->status == MC_IS_OK || ps->status == MC_IS_FULL_WHEN_NONE;
    bool both = s->has_value && ps->has_value;
    /* change: of the rate (or of the average, 2.2); change_points: of the points;
     * change_percent_points: of the rate in percentage points. */
    json_object_set_new(o, "change", num_or_null(both, s->value - ps->value, 4));
    json_object_set_new(o, "change_points", num_or_null(has_points && p_points, s->points - ps->points, 2));
    if (ind->measure != MC_IM_HANDLING_TIME)
      json_object_set_new(o, "change_percent_points", num_or_null(both, 100 * (s->value - ps->value), 2));
    json_object_set_new(o, "previous", json_pack("{s:I, s:I, s:o, s:o}", "numerator", (json_int_t)pm->v[ind->measure].num,
        "denominator", (json_int_t)pm->v[ind->measure].den, "value", num_or_null(ps->has_value, ps->value, 4),
        "points", num_or_null(p_points, ps->points, 2)));
  }
  return o;
}

json_t *mc_index_result_json(const mc_ictx *c, int unit, const mc_imeasures *m, const mc_iresult *res,
                             const mc_imeasures *pm, const mc_iresult *pres) {
  int kind = c->tree.u[unit].kind;
  const char *band = res->total_has ? mc_iconfig_band(&c->cfg, res->total) : NULL;
  json_t *total = json_pack("{s:o, s:f, s:o, s:f}", "points", num_or_null(res->total_has, res->total, 2),
                            "max", c->ed->total_max, "band", band ? json_string(band) : json_null(),
                            "coverage", mc_index_round(res->coverage, 4));
  if (pres)
    json_object_set_new(total, "change", num_or_null(res->total_has && pres->total_has, res->total - pres->total, 2));
  json_t *groups = json_array(), *inds = json_array();
  for (int g = 0; g < c->ed->ngroups; g++) {
    const mc_igroup *grp = &c->ed->groups[g];
    json_t *o = json_pack("{s:s, s:s, s:f, s:o, s:f}", "code", grp->code, "name", grp->name, "max", grp->max,
                          "points", num_or_null(res->group_has[g], res->group[g], 2),
                          "scored_max", res->group_scored_max[g]);
    if (pres)
      json_object_set_new(o, "change", num_or_null(res->group_has[g] && pres->group_has[g], res->group[g] - pres->group[g], 2));
    json_array_append_new(groups, o);
  }
  for (int i = 0; i < c->ed->ninds; i++) json_array_append_new(inds, indicator_json(c, i, m, res, pm, pres, kind));
  return json_pack("{s:o, s:o, s:o}", "total", total, "groups", groups, "indicators", inds);
}

static json_t *header_json(const mc_ictx *c) {
  json_t *o = json_pack("{s:o, s:o, s:o, s:{s:s, s:s}, s:s, s:s}",
      "unit", mc_ictx_unit_json(c, c->unit), "period", mc_iperiod_json(&c->period, c->now),
      "previous_period", mc_iperiod_json(&c->prev, c->now), "edition", "code", c->ed->code, "name", c->ed->name,
      "rollup", c->successor ? "successor" : "as_of", "no_data", c->ed->no_data == MC_IND_ZERO ? "zero" : "renormalise");
  json_object_set_new(o, "procedure", c->proc ? json_pack("{s:s, s:s}", "code", c->proc->code, "name", c->proc->name)
                                              : json_null());
  json_t *path = json_array();            /* the unit's ancestors, root first (breadcrumbs) */
  for (int i = c->tree.u[c->unit].parent, depth = 0; i >= 0 && depth < 64; i = c->tree.u[i].parent, depth++)
    json_array_insert_new(path, 0, mc_ictx_unit_json(c, i));
  json_object_set_new(o, "path", path);
  return o;
}

/* Summary of the context's unit: the measures, scores and JSON. */
mc_rc mc_index_summary_ctx(mc_ictx *c, json_t **out, mc_err *err) {
  mc_iscope s;
  mc_ictx_scope(c, &c->unit, 1, &s);
  mc_imeasures m[2];
  mc_iresult *res = mc_arena_alloc(c->a, sizeof *res * 2);
  if (!res) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc;
  if ((rc = mc_ictx_eval(c, &c->period, &s, &m[0], &res[0], err)) ||
      (rc = mc_ictx_eval(c, &c->prev, &s, &m[1], &res[1], err)))
    return rc;
  json_t *o = header_json(c);
  json_object_update_new(o, mc_index_result_json(c, c->unit, &m[0], &res[0], &m[1], &res[1]));
  json_object_set(o, "band", json_object_get(json_object_get(o, "total"), "band"));
  if (c->public_view) json_object_set_new(o, "audience", json_string("public"));
  *out = o;
  return MC_OK;
}

mc_rc mc_index_summary(mc_db *db, const mc_index_query *q, json_t **out, mc_err *err) {
  mc_ictx c;
  mc_rc rc = mc_ictx_open(db, q, MC_IA_SUMMARY, &c, err);
  if (!rc) rc = mc_index_summary_ctx(&c, out, err);
  mc_ictx_close(&c);
  return rc;
}

/* ---- ranking --------------------------------------------------------------- */

typedef struct ranked { int child; double key; bool sufficient; int64_t den; } ranked;

static int by_key(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->sufficient != y->sufficient) return x->sufficient ? -1 : 1;
  if (x->key != y->key) return x->key > y->key ? -1 : 1;
  return (x->child > y->child) - (x->child < y->child);
}

/* Compact: per unit only total, band, change and each indicator's ratio,
 * numerator, denominator and points (what a dashboard table shows). */
static json_t *compact_json(const mc_ictx *c, const mc_imeasures *m, const mc_iresult *res, const mc_iresult *pres) {
  json_t *inds = json_array();
  for (int i = 0; i < c->ed->ninds; i++) {
    const mc_iind *ind = &c->ed->inds[i];
    const mc_iscore *s = &res->ind[i];
    bool pts = s->status == MC_IS_OK || s->status == MC_IS_FULL_WHEN_NONE;
    json_array_append_new(inds, json_pack("{s:s, s:o, s:I, s:I, s:o}", "code", ind->code,
        "ratio", num_or_null(s->has_value, s->value, 4), "numerator", (json_int_t)m->v[ind->measure].num,
        "denominator", (json_int_t)m->v[ind->measure].den, "points", num_or_null(pts, s->points, 2)));
  }
  const char *band = res->total_has ? mc_iconfig_band(&c->cfg, res->total) : NULL;
  return json_pack("{s:o, s:o, s:o, s:o}", "points", num_or_null(res->total_has, res->total, 2),
                   "band", band ? json_string(band) : json_null(),
                   "change", num_or_null(res->total_has && pres->total_has, res->total - pres->total, 2),
                   "indicators", inds);
}

mc_rc mc_index_ranking_ctx(mc_ictx *c, const char *indicator, bool compact, json_t **out, mc_err *err) {
  const mc_iind *ind = NULL;
  if (indicator && !(ind = mc_iedition_find(c->ed, indicator)))
    return mc_fail(err, MC_EINVAL, "index.unknown_indicator", "indicator",
                   "Edition %s has no indicator \"%.16s\".", c->ed->code, indicator);
  if (ind && ind->rule == MC_IR_SHOWN && ind->measure != MC_IM_HANDLING_TIME)
    return mc_fail(err, MC_EINVAL, "index.not_rankable", "indicator", "Indicator %s is shown only, not ranked.", ind->code);
  int *kids = mc_arena_alloc(c->a, sizeof *kids * (size_t)(c->tree.n + 1));
  if (!kids) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  int n = mc_itree_children(&c->tree, c->unit, c->successor, c->period.lo, c->period.hi, mc_local_day(c->now), kids);
  mc_iscope s;
  mc_ictx_scope(c, kids, n, &s);
  mc_imeasures *m = mc_arena_alloc(c->a, sizeof *m * (size_t)(2 * n + 1));
  mc_iresult *res = mc_arena_alloc(c->a, sizeof *res * (size_t)(2 * n + 1));
  ranked *rk = mc_arena_alloc(c->a, sizeof *rk * (size_t)(n + 1));
  if (!m || !res || !rk) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc;
  if (n && ((rc = mc_ictx_eval(c, &c->period, &s, m, res, err)) ||
            (rc = mc_ictx_eval(c, &c->prev, &s, m + n, res + n, err))))
    return rc;
  for (int i = 0; i < n; i++) {
    rk[i].child = i;
    if (ind) {
      int k = (int)(ind - c->ed->inds);
      rk[i].den = m[i].v[ind->measure].den;
      rk[i].key = res[i].ind[k].value;
      if (ind->measure == MC_IM_HANDLING_TIME) rk[i].key = -rk[i].key;   /* shorter is better */
      rk[i].sufficient = res[i].ind[k].has_value && rk[i].den >= c->cfg.min_denominator;
    } else {
      rk[i].den = m[i].v[MC_IM_ON_TIME].den;     /* dossiers handled in the period */
      rk[i].key = res[i].total;
      rk[i].sufficient = res[i].total_has && rk[i].den >= c->cfg.min_denominator;
    }
  }
  qsort(rk, (size_t)n, sizeof *rk, by_key);
  json_t *items = json_array();
  int rank = 0;
  for (int i = 0; i < n; i++) {
    int ch = rk[i].child;
    if (rk[i].sufficient && (i == 0 || rk[i].key != rk[i - 1].key || !rk[i - 1].sufficient)) rank = i + 1;
    json_t *o = json_pack("{s:o, s:o, s:b, s:I}", "unit", mc_ictx_unit_json(c, kids[ch]),
                          "rank", rk[i].sufficient ? json_integer(rank) : json_null(),
                          "insufficient_data", !rk[i].sufficient, "ranked_denominator", (json_int_t)rk[i].den);
    if (compact) {
      json_object_set_new(o, "dossiers", json_integer(m[ch].v[MC_IM_ON_TIME].den));
      json_object_update_new(o, compact_json(c, &m[ch], &res[ch], &res[n + ch]));
    } else {
      json_object_update_new(o, mc_index_result_json(c, kids[ch], &m[ch], &res[ch], &m[n + ch], &res[n + ch]));
    }
    json_array_append_new(items, o);
  }
  json_t *o = header_json(c);
  json_object_set(o, "parent", json_object_get(o, "unit"));
  json_object_del(o, "unit");
  json_object_set_new(o, "ranked_by", ind ? json_string(ind->code) : json_string("total"));
  json_object_set_new(o, "min_denominator", json_integer(c->cfg.min_denominator));
  json_object_set_new(o, "items", items);
  *out = o;
  return MC_OK;
}

mc_rc mc_index_ranking(mc_db *db, const mc_index_query *q, const char *indicator, json_t **out, mc_err *err) {
  mc_ictx c;
  mc_rc rc = mc_ictx_open(db, q, MC_IA_RANKING, &c, err);
  if (!rc) rc = mc_index_ranking_ctx(&c, indicator, false, out, err);
  mc_ictx_close(&c);
  return rc;
}
