/* index_def.c — the 766 index as data: editions (data/index766/<edition>.json:
 * groups, indicators, maxima, thresholds, scoring rules, validity) and the
 * province's reading settings (data/index766/province.json, or the setting
 * "index766.province": bands, targets per unit kind, ranking minimum, roll-up
 * mode). Editions are loaded once from the files embedded in the binary and
 * checked strictly: a wrong definition stops the index, never scores quietly. */
#include "core/index_int.h"
#include "index766_defs.h"
#include "util/json.h"
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const measure_names[MC_IM_COUNT] = {
  "announced_on_time", "published_on_time", "published_in_full", "synced",
  "on_time", "handling_time",
  "procedures_online", "online_services_used", "online_dossiers",
  "fee_procedures_integrated", "fee_procedures_paid_online", "paid_online",
  "e_results", "digitised", "e_certification_communes", "reused",
  "store_linked", "population_procedures", "population_dossiers",
  "feedback_topics", "feedback_on_time", "feedback_satisfaction", "satisfaction",
};

const char *mc_imeasure_name(mc_imeasure m) { return m < MC_IM_COUNT ? measure_names[m] : "?"; }

bool mc_imeasure_is_catalogue(mc_imeasure m) {
  switch (m) {
  case MC_IM_ANNOUNCED_ON_TIME: case MC_IM_PUBLISHED_ON_TIME: case MC_IM_PUBLISHED_IN_FULL:
  case MC_IM_PROCEDURES_ONLINE: case MC_IM_ONLINE_SERVICES_USED: case MC_IM_FEE_PROCEDURES_INTEGRATED:
  case MC_IM_FEE_PROCEDURES_PAID_ONLINE: case MC_IM_E_CERTIFICATION_COMMUNES: case MC_IM_POPULATION_PROCEDURES:
    return true;
  default:
    return false;
  }
}

bool mc_imeasure_parse(const char *s, mc_imeasure *out) {
  for (int i = 0; i < MC_IM_COUNT; i++)
    if (strcmp(s, measure_names[i]) == 0) { *out = (mc_imeasure)i; return true; }
  return false;
}

static const char *const part_names[MC_IP_COUNT] = {
  "name", "field", "components", "time", "agency", "result", "legal_basis", "fees", "eform", "steps",
};

static const char *const kind_names[MC_INDEX_UNIT_KINDS] = {
  "province", "department", "district", "commune", "other",
};

int mc_index_kind(const char *kind) {
  for (int i = 0; kind && i < MC_INDEX_UNIT_KINDS; i++)
    if (strcmp(kind, kind_names[i]) == 0) return i;
  return -1;
}

static mc_rc bad(mc_err *err, const char *field, const char *what) {
  return mc_fail(err, MC_EINVAL, "index.bad_definition", field, "Index definition: %s (%s).", what, field);
}

static mc_rc num(const json_t *o, const char *key, bool required, double min, double max, double *out,
                 const char *path, mc_err *err) {
  char f[MC_ERR_FIELD_MAX];
  snprintf(f, sizeof f, "%s%s%s", path ? path : "", path ? "." : "", key);
  json_t *v = json_object_get(o, key);
  if (!v || json_is_null(v)) return required ? bad(err, f, "missing number") : MC_OK;
  if (!json_is_number(v)) return bad(err, f, "not a number");
  double d = json_number_value(v);
  if (!(d >= min && d <= max)) return bad(err, f, "out of range");
  *out = d;
  return MC_OK;
}

static mc_rc day_of(const json_t *o, const char *key, int32_t open, int32_t *out, mc_err *err) {
  const char *s = NULL;
  mc_rc rc = mc_json_str(o, key, false, 10, &s, NULL, err);
  if (rc) return rc;
  if (!s) { *out = open; return MC_OK; }
  return mc_date_parse(s, out) ? MC_OK : bad(err, key, "not a date YYYY-MM-DD");
}

static mc_rc parse_rule(const char *s, mc_irule *out) {
  static const char *const names[] = {"linear", "full_at", "full_when_none", "shown"};
  for (int i = 0; i < 4; i++)
    if (strcmp(s, names[i]) == 0) { *out = (mc_irule)i; return MC_OK; }
  return MC_EINVAL;
}

static mc_rc parse_indicator(const json_t *o, const char *path, mc_iind *ind, mc_err *err) {
  static const char *const fields[] = {"code", "name", "measure", "max", "rule", "threshold", NULL};
  const char *measure = NULL, *rule = NULL;
  mc_rc rc;
  if ((rc = mc_json_only(o, fields, path, err)) ||
      (rc = mc_json_str(o, "code", true, 16, &ind->code, path, err)) ||
      (rc = mc_json_str(o, "name", true, 300, &ind->name, path, err)) ||
      (rc = mc_json_str(o, "measure", true, 64, &measure, path, err)) ||
      (rc = mc_json_str(o, "rule", true, 32, &rule, path, err)) ||
      (rc = num(o, "max", true, 0, 100, &ind->max, path, err)))
    return rc;
  char f[MC_ERR_FIELD_MAX];
  snprintf(f, sizeof f, "%.100s.measure", path);
  if (!mc_imeasure_parse(measure, &ind->measure)) return bad(err, f, "unknown measure");
  snprintf(f, sizeof f, "%.100s.rule", path);
  if (parse_rule(rule, &ind->rule)) return bad(err, f, "rule is not linear, full_at, full_when_none or shown");
  ind->threshold = 0;
  if (ind->rule == MC_IR_FULL_AT) {
    if ((rc = num(o, "threshold", true, 0.0001, 1, &ind->threshold, path, err))) return rc;
  } else if (json_object_get(o, "threshold")) {
    snprintf(f, sizeof f, "%.100s.threshold", path);
    return bad(err, f, "a threshold belongs to rule full_at only");
  }
  snprintf(f, sizeof f, "%.100s.max", path);
  if ((ind->rule == MC_IR_SHOWN) != (ind->max == 0)) return bad(err, f, "shown indicators have max 0, scored ones more");
  return MC_OK;
}

static mc_rc parse_params(const json_t *doc, mc_iedition *e, mc_err *err) {
  static const char *const fields[] = {"announce_lead_working_days", "publish_within_working_days",
                                       "full_parts", "certification_field", NULL};
  json_t *p = NULL, *parts = NULL;
  int64_t lead = 5, within = 5;
  mc_rc rc;
  if ((rc = mc_json_obj(doc, "params", true, &p, NULL, err)) ||
      (rc = mc_json_only(p, fields, "params", err)) ||
      (rc = mc_json_int(p, "announce_lead_working_days", true, 0, 365, &lead, "params", err)) ||
      (rc = mc_json_int(p, "publish_within_working_days", true, 0, 365, &within, "params", err)) ||
      (rc = mc_json_arr(p, "full_parts", true, MC_INDEX_PARTS_MAX, &parts, "params", err)) ||
      (rc = mc_json_str(p, "certification_field", true, 100, &e->certification_field, "params", err)))
    return rc;
  e->announce_lead_days = (int)lead;
  e->publish_within_days = (int)within;
  e->full_parts = 0;
  size_t i;
  json_t *v;
  json_array_foreach(parts, i, v) {
    int k = -1;
    for (int j = 0; j < MC_IP_COUNT && json_is_string(v); j++)
      if (strcmp(json_string_value(v), part_names[j]) == 0) k = j;
    if (k < 0) return bad(err, "params.full_parts", "unknown part");
    e->full_parts |= 1u << k;
  }
  return MC_OK;
}

mc_rc mc_iedition_parse(json_t *doc, mc_iedition *e, mc_err *err) {
  static const char *const fields[] = {"format", "edition", "name", "note", "valid_from", "valid_to",
                                       "total_max", "no_data", "params", "groups", NULL};
  static const char *const gfields[] = {"code", "name", "max", "indicators", NULL};
  memset(e, 0, sizeof *e);
  e->doc = doc;
  const char *format = NULL, *nodata = NULL;
  json_t *groups = NULL;
  mc_rc rc;
  if ((rc = mc_json_only(doc, fields, NULL, err)) ||
      (rc = mc_json_str(doc, "format", true, 64, &format, NULL, err)) ||
      (rc = mc_json_str(doc, "edition", true, 32, &e->code, NULL, err)) ||
      (rc = mc_json_str(doc, "name", true, 300, &e->name, NULL, err)) ||
      (rc = mc_json_str(doc, "note", false, 2000, &e->note, NULL, err)) ||
      (rc = mc_json_str(doc, "no_data", true, 32, &nodata, NULL, err)) ||
      (rc = day_of(doc, "valid_from", INT32_MIN, &e->valid_from, err)) ||
      (rc = day_of(doc, "valid_to", INT32_MAX, &e->valid_to, err)) ||
      (rc = num(doc, "total_max", true, 1, 1000, &e->total_max, NULL, err)) ||
      (rc = parse_params(doc, e, err)) ||
      (rc = mc_json_arr(doc, "groups", true, MC_INDEX_GROUPS_MAX, &groups, NULL, err)))
    return rc;
  if (strcmp(format, "motcua-index766/1") != 0) return bad(err, "format", "not motcua-index766/1");
  if (strcmp(nodata, "renormalise") == 0) e->no_data = MC_IND_RENORMALISE;
  else if (strcmp(nodata, "zero") == 0) e->no_data = MC_IND_ZERO;
  else return bad(err, "no_data", "not renormalise or zero");
  if (e->valid_from >= e->valid_to) return bad(err, "valid_to", "not after valid_from");
  double sum_groups = 0;
  size_t gi;
  json_t *g;
  json_array_foreach(groups, gi, g) {
    char path[64];
    snprintf(path, sizeof path, "groups[%zu]", gi);
    if (!json_is_object(g)) return bad(err, path, "not an object");
    mc_igroup *grp = &e->groups[e->ngroups];
    json_t *inds = NULL;
    if ((rc = mc_json_only(g, gfields, path, err)) ||
        (rc = mc_json_str(g, "code", true, 16, &grp->code, path, err)) ||
        (rc = mc_json_str(g, "name", true, 300, &grp->name, path, err)) ||
        (rc = num(g, "max", true, 0, 1000, &grp->max, path, err)) ||
        (rc = mc_json_arr(g, "indicators", true, MC_INDEX_INDICATORS_MAX, &inds, path, err)))
      return rc;
    grp->first = e->ninds;
    double sum = 0;
    size_t ii;
    json_t *io;
    json_array_foreach(inds, ii, io) {
      char ipath[128];
      snprintf(ipath, sizeof ipath, "%.40s.indicators[%zu]", path, ii);
      if (e->ninds >= MC_INDEX_INDICATORS_MAX) return bad(err, ipath, "too many indicators");
      if (!json_is_object(io)) return bad(err, ipath, "not an object");
      mc_iind *ind = &e->inds[e->ninds];
      if ((rc = parse_indicator(io, ipath, ind, err))) return rc;
      if (mc_iedition_find(e, ind->code)) return bad(err, ipath, "indicator code used twice");
      ind->group = e->ngroups;
      sum += ind->max;
      e->ninds++;
    }
    grp->n = e->ninds - grp->first;
    if (fabs(sum - grp->max) > 1e-9) return bad(err, path, "indicator maxima do not add up to the group's max");
    sum_groups += grp->max;
    e->ngroups++;
  }
  if (fabs(sum_groups - e->total_max) > 1e-9) return bad(err, "groups", "group maxima do not add up to total_max");
  return MC_OK;
}

const mc_iind *mc_iedition_find(const mc_iedition *e, const char *code) {
  for (int i = 0; code && i < e->ninds; i++)
    if (strcmp(e->inds[i].code, code) == 0) return &e->inds[i];
  return NULL;
}

/* ---- the embedded editions ------------------------------------------------ */

static mc_iedition *editions;
static int neditions;
static mc_err load_err;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int by_from(const void *a, const void *b) {
  const mc_iedition *x = a, *y = b;
  return (x->valid_from > y->valid_from) - (x->valid_from < y->valid_from);
}

static void load_editions(void) {
  editions = calloc((size_t)mc_index766_defs_count, sizeof *editions);
  if (!editions) { mc_fail(&load_err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); return; }
  for (int i = 0; i < mc_index766_defs_count; i++) {
    const mc_embedded *f = &mc_index766_defs[i];
    if (strcmp(f->path, "province.json") == 0) continue;
    json_error_t je;
    json_t *doc = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, &je);
    mc_err e = {0};
    if (!doc) {
      mc_fail(&load_err, MC_EINTERNAL, "index.bad_definition", f->path, "Index definition %s: %s (line %d).",
              f->path, je.text, je.line);
      return;
    }
    if (mc_iedition_parse(doc, &editions[neditions], &e)) {
      mc_fail(&load_err, MC_EINTERNAL, "index.bad_definition", e.field, "%s: %s", f->path, e.message);
      mc_err_clear(&e);
      json_decref(doc);
      return;
    }
    neditions++;
  }
  qsort(editions, (size_t)neditions, sizeof *editions, by_from);
  for (int i = 1; i < neditions; i++)
    if (editions[i].valid_from < editions[i - 1].valid_to)
      mc_fail(&load_err, MC_EINTERNAL, "index.bad_definition", editions[i].code,
              "Editions %s and %s overlap in time.", editions[i - 1].code, editions[i].code);
}

mc_rc mc_index_editions(const mc_iedition **out, int *n, mc_err *err) {
  pthread_once(&once, load_editions);
  if (load_err.rc)
    return mc_fail(err, load_err.rc, load_err.code, load_err.field, "%s", load_err.message);
  *out = editions;
  *n = neditions;
  return MC_OK;
}

mc_rc mc_index_edition_pick(const char *code, int32_t day, const mc_iedition **out, mc_err *err) {
  const mc_iedition *all;
  int n;
  mc_rc rc = mc_index_editions(&all, &n, err);
  if (rc) return rc;
  for (int i = 0; i < n; i++) {
    if (code ? strcmp(all[i].code, code) == 0 : (day >= all[i].valid_from && day < all[i].valid_to)) {
      *out = &all[i];
      return MC_OK;
    }
  }
  if (code) {
    json_t *known = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(known, json_string(all[i].code));
    mc_err_detail(err, "allowed", known);
    return mc_fail(err, MC_EINVAL, "index.unknown_edition", "edition", "There is no index edition \"%s\".", code);
  }
  /* Before the first edition: score under the earliest one. */
  if (n > 0 && day < all[0].valid_from) { *out = &all[0]; return MC_OK; }
  return mc_fail(err, MC_EINVAL, "index.no_edition", "period", "No index edition is in force for this period.");
}

mc_rc mc_index_editions_json(json_t **out, mc_err *err) {
  const mc_iedition *all;
  int n;
  mc_rc rc = mc_index_editions(&all, &n, err);
  if (rc) return rc;
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) json_array_append(arr, all[i].doc);
  *out = arr;
  return MC_OK;
}

/* ---- the province's settings ---------------------------------------------- */

static int by_min_desc(const void *a, const void *b) {
  const mc_iband *x = a, *y = b;
  return (x->min < y->min) - (x->min > y->min);
}

mc_rc mc_iconfig_parse(mc_arena *a, json_t *doc, mc_iconfig *c, mc_err *err) {
  static const char *const fields[] = {"format", "note", "rollup", "min_denominator", "soon_late_hours",
                                       "public_summary", "bands", "targets", NULL};
  memset(c, 0, sizeof *c);
  c->doc = doc;
  const char *format = NULL, *rollup = NULL;
  json_t *bands = NULL, *targets = NULL;
  int64_t hours = 24;
  mc_rc rc;
  if (!json_is_object(doc)) return mc_fail(err, MC_EINVAL, "index.bad_config", NULL, "The index configuration must be a JSON object.");
  if ((rc = mc_json_only(doc, fields, NULL, err)) ||
      (rc = mc_json_str(doc, "format", true, 64, &format, NULL, err)) ||
      (rc = mc_json_str(doc, "rollup", true, 16, &rollup, NULL, err)) ||
      (rc = mc_json_int(doc, "min_denominator", true, 0, 1000000000, &c->min_denominator, NULL, err)) ||
      (rc = mc_json_int(doc, "soon_late_hours", true, 1, 24 * 90, &hours, NULL, err)) ||
      (rc = mc_json_bool(doc, "public_summary", true, &c->public_summary, NULL, err)) ||
      (rc = mc_json_arr(doc, "bands", true, MC_INDEX_BANDS_MAX, &bands, NULL, err)) ||
      (rc = mc_json_obj(doc, "targets", true, &targets, NULL, err)))
    return rc;
  c->soon_late_hours = (int)hours;
  if (strcmp(format, "motcua-index766-province/1") != 0)
    return mc_fail(err, MC_EINVAL, "index.bad_config", "format", "The format must be \"motcua-index766-province/1\".");
  if (strcmp(rollup, "as_of") == 0) c->successor_rollup = false;
  else if (strcmp(rollup, "successor") == 0) c->successor_rollup = true;
  else return mc_fail(err, MC_EINVAL, "index.bad_config", "rollup", "rollup must be \"as_of\" or \"successor\".");
  size_t i;
  json_t *b;
  json_array_foreach(bands, i, b) {
    static const char *const bf[] = {"min", "label", NULL};
    char path[32];
    snprintf(path, sizeof path, "bands[%zu]", i);
    mc_iband *band = &c->bands[c->nbands];
    if (!json_is_object(b)) return mc_fail(err, MC_EINVAL, "index.bad_config", path, "A band is {\"min\": points, \"label\": text}.");
    if ((rc = mc_json_only(b, bf, path, err)) ||
        (rc = mc_json_str(b, "label", true, 100, &band->label, path, err)))
      return rc;
    if ((rc = num(b, "min", true, 0, 1000, &band->min, path, err)))
      return mc_fail(err, MC_EINVAL, "index.bad_config", path, "A band's min is a number of points from 0.");
    c->nbands++;
  }
  qsort(c->bands, (size_t)c->nbands, sizeof *c->bands, by_min_desc);
  const char *ind;
  json_t *t;
  json_object_foreach(targets, ind, t) {
    char path[64];
    snprintf(path, sizeof path, "targets.%.40s", ind);
    if (c->ntargets >= MC_INDEX_TARGETS_MAX)
      return mc_fail(err, MC_EINVAL, "index.bad_config", "targets", "Too many targets (at most %d indicators).", MC_INDEX_TARGETS_MAX);
    if (!json_is_object(t))
      return mc_fail(err, MC_EINVAL, "index.bad_config", path, "Targets are {\"unit kind\": rate 0–1}.");
    mc_itarget *tg = &c->targets[c->ntargets++];
    tg->indicator = mc_arena_strdup(a, ind);
    const char *kind;
    json_t *v;
    json_object_foreach(t, kind, v) {
      int k = mc_index_kind(kind);
      double d = json_is_number(v) ? json_number_value(v) : -1;
      if (k < 0 || !(d > 0 && d <= 1))
        return mc_fail(err, MC_EINVAL, "index.bad_config", path,
                       "Targets are {\"unit kind\": rate 0–1}; unit kinds: province, department, district, commune, other.");
      tg->by_kind[k] = d;
    }
  }
  return MC_OK;
}

mc_rc mc_iconfig_load(mc_db *db, mc_arena *a, mc_iconfig *out, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "meta.setting_get", err, "s", "index766.province");
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err && err->rc ? err->rc : MC_EDB;
  json_t *doc = NULL;
  if (r > 0) {
    doc = json_loads(mc_col_text(st, 0), JSON_REJECT_DUPLICATES, NULL);
    while (mc_stmt_next(st, err) > 0) {}
  }
  if (!doc) {   /* no setting: the embedded default */
    for (int i = 0; i < mc_index766_defs_count && !doc; i++)
      if (strcmp(mc_index766_defs[i].path, "province.json") == 0)
        doc = json_loadb(mc_index766_defs[i].data, mc_index766_defs[i].len, 0, NULL);
  }
  if (!doc || !mc_json_keep(a, doc))
    return mc_fail(err, MC_EINTERNAL, "index.bad_config", NULL, "The index configuration cannot be read.");
  return mc_iconfig_parse(a, doc, out, err);
}

double mc_iconfig_target(const mc_iconfig *c, const char *indicator, int kind) {
  if (kind < 0) return 0;
  for (int i = 0; i < c->ntargets; i++)
    if (strcmp(c->targets[i].indicator, indicator) == 0) return c->targets[i].by_kind[kind];
  return 0;
}

const char *mc_iconfig_band(const mc_iconfig *c, double total) {
  for (int i = 0; i < c->nbands; i++)
    if (total >= c->bands[i].min) return c->bands[i].label;
  return NULL;
}

mc_rc mc_index_config_json(mc_db *db, json_t **out, mc_err *err) {
  mc_arena *a = mc_arena_new(1 << 20);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_iconfig c;
  mc_rc rc = mc_iconfig_load(db, a, &c, err);
  if (!rc) *out = json_incref(c.doc);
  mc_arena_free(a);
  return rc;
}

mc_rc mc_index_config_put(mc_db *db, const json_t *doc, mc_err *err) {
  mc_arena *a = mc_arena_new(1 << 20);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_iconfig c;
  mc_rc rc = mc_iconfig_parse(a, (json_t *)doc, &c, err);
  char *text = rc ? NULL : json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
  if (!rc && !text) rc = mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (!rc && strlen(text) > MC_INDEX_CONFIG_MAX)
    rc = mc_fail(err, MC_ETOOBIG, "index.config_too_large", NULL, "The index configuration is larger than %d bytes.", MC_INDEX_CONFIG_MAX);
  if (!rc) rc = mc_db_exec(db, "meta.setting_put", err, "ss", "index766.province", text);
  free(text);
  mc_arena_free(a);
  return rc;
}
