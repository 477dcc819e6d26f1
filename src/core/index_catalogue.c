/* index_catalogue.c — indicators measured on the procedure catalogue rather
 * than on dossiers: announcement and publication on time (1.1, 1.2),
 * publication in full (1.3), procedures online (3.1), online services used
 * (3.2), fee procedures integrated with payment / paid online (4.1, 4.2),
 * communes offering electronic certification (5.3), citizen procedures using
 * population data (5.6). A procedure counts for a group of units when one of
 * its handling unit kinds is a kind of a unit in the group (no kinds = every
 * group). "Used", "paid online" and "population data" come from the dossier
 * counters of the period (any unit of the group, ≥ 1 dossier). */
#include "core/calendar.h"
#include "core/index_int.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t iso_day(mc_stmt *st, int col) {
  int32_t d;
  return !mc_col_null(st, col) && mc_date_parse(mc_col_text(st, col), &d) ? d : 0;
}

static unsigned kinds_mask(const char *s) {
  unsigned m = 0;
  while (s && *s) {
    const char *e = strchr(s, ',');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    while (n && *s == ' ') { s++; n--; }
    char k[32];
    if (n < sizeof k) {
      memcpy(k, s, n);
      k[n] = 0;
      while (n && k[n - 1] == ' ') k[--n] = 0;
      int i = mc_index_kind(k);
      if (i >= 0) m |= 1u << i;
    }
    s = e ? e + 1 : NULL;
  }
  return m;
}

mc_rc mc_icatalogue_load(mc_db *db, mc_arena *a, mc_icatalogue *out, mc_err *err) {
  memset(out, 0, sizeof *out);
  int cap = 0, r;
  mc_stmt *st = mc_db_prep(db, "index.catalogue", err, NULL);
  if (!st) return err ? err->rc : MC_EDB;
  while ((r = mc_stmt_next(st, err)) > 0) {
    if (out->n == cap) {
      int ncap = cap ? cap * 2 : 1024;
      mc_iproc *np = mc_arena_alloc(a, sizeof *np * (size_t)ncap);
      if (!np) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
      if (out->n) memcpy(np, out->p, sizeof *np * (size_t)out->n);
      out->p = np;
      cap = ncap;
    }
    mc_iproc *p = &out->p[out->n++];
    p->id = mc_col_i64(st, 0);
    p->code = mc_arena_strdup(a, mc_col_text(st, 1));
    p->name = mc_arena_strdup(a, mc_col_text(st, 2));
    const char *kinds = mc_col_text(st, 3);
    p->kinds = kinds_mask(kinds);
    const char *online = mc_col_text(st, 4), *citizen = mc_col_text(st, 5);
    p->online = online && (strcmp(online, "full") == 0 || strcmp(online, "partial") == 0);
    p->citizen = citizen && (strcmp(citizen, "citizen") == 0 || strcmp(citizen, "both") == 0);
    p->decided = iso_day(st, 6);
    p->effective = iso_day(st, 7);
    p->published = iso_day(st, 8);
    p->integrated = mc_col_i64(st, 9) != 0;
    const char *result = mc_col_text(st, 10), *tunit = mc_col_text(st, 12), *field = mc_col_text(st, 13);
    p->field_fold = mc_arena_strdup(a, mc_col_null(st, 14) ? "" : mc_col_text(st, 14));
    p->fee = mc_col_i64(st, 18) > 0;
    p->active = mc_col_i64(st, 19) != 0;
    unsigned parts = 0;
    if (p->name && p->name[0]) parts |= 1u << MC_IP_NAME;
    if (field && field[0]) parts |= 1u << MC_IP_FIELD;
    if (mc_col_i64(st, 17) > 0) parts |= 1u << MC_IP_COMPONENTS;
    if (mc_col_i64(st, 11) > 0 || (tunit && strcmp(tunit, "same_day") == 0)) parts |= 1u << MC_IP_TIME;
    if (p->kinds) parts |= 1u << MC_IP_AGENCY;
    if (result && result[0]) parts |= 1u << MC_IP_RESULT;
    if (p->effective) parts |= 1u << MC_IP_LEGAL_BASIS;
    if (p->fee) parts |= 1u << MC_IP_FEES;
    if (mc_col_i64(st, 15)) parts |= 1u << MC_IP_EFORM;
    if (mc_col_i64(st, 16)) parts |= 1u << MC_IP_STEPS;
    p->parts = parts;
    if (!p->code || !p->name || !p->field_fold) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  return r < 0 ? (err && err->rc ? err->rc : MC_EDB) : MC_OK;
}

/* ---- the cache --------------------------------------------------------------- */

typedef struct centry { int refs; bool current; char key[256]; mc_time at; mc_arena *a; mc_icatalogue cat; } centry;

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static centry *cached;

static void drop(centry *e) {   /* with cache_mu held */
  if (e && e->refs == 0 && !e->current) {
    mc_arena_free(e->a);
    free(e);
  }
}

static mc_rc fingerprint(mc_db *db, char *key, size_t n, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "index.catalogue_version", err, NULL);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err && err->rc ? err->rc : MC_EDB;
  snprintf(key, n, "%lld|%s|%lld|%lld|%lld", (long long)mc_col_i64(st, 0), mc_col_null(st, 1) ? "" : mc_col_text(st, 1),
           (long long)mc_col_i64(st, 2), (long long)mc_col_i64(st, 3), (long long)mc_col_i64(st, 4));
  while (r > 0) r = mc_stmt_next(st, err);
  return r < 0 ? (err && err->rc ? err->rc : MC_EDB) : MC_OK;
}

mc_rc mc_icatalogue_acquire(mc_db *db, mc_icatalogue *out, void **ref, mc_err *err) {
  char key[256];
  mc_rc rc = fingerprint(db, key, sizeof key, err);
  if (rc) return rc;
  mc_time now = mc_now();
  pthread_mutex_lock(&cache_mu);
  if (cached && strcmp(cached->key, key) == 0 && now - cached->at < MC_INDEX_CATALOGUE_TTL) {
    cached->refs++;
    *out = cached->cat;
    *ref = cached;
    pthread_mutex_unlock(&cache_mu);
    return MC_OK;
  }
  pthread_mutex_unlock(&cache_mu);
  centry *e = calloc(1, sizeof *e);
  if (e) e->a = mc_arena_new(0);
  if (!e || !e->a) { free(e); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  if ((rc = mc_icatalogue_load(db, e->a, &e->cat, err))) {
    mc_arena_free(e->a);
    free(e);
    return rc;
  }
  snprintf(e->key, sizeof e->key, "%s", key);
  e->at = now;
  e->refs = 1;
  e->current = true;
  pthread_mutex_lock(&cache_mu);
  centry *old = cached;
  cached = e;
  if (old) { old->current = false; drop(old); }
  pthread_mutex_unlock(&cache_mu);
  *out = e->cat;
  *ref = e;
  return MC_OK;
}

void mc_icatalogue_release(void *ref) {
  centry *e = ref;
  if (!e) return;
  pthread_mutex_lock(&cache_mu);
  e->refs--;
  drop(e);
  pthread_mutex_unlock(&cache_mu);
}

int mc_icatalogue_find(const mc_icatalogue *c, int64_t id) {
  int lo = 0, hi = c->n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (c->p[mid].id == id) return mid;
    if (c->p[mid].id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/* Working days in [a, b). */
static int working_days(const mc_calendar *cal, int32_t a, int32_t b) {
  int n = 0;
  for (int32_t d = a; d < b; d++) n += mc_cal_is_working_day(cal, d);
  return n;
}

/* Activity of the period: per kind and group, a bit set over procedure ids. */
typedef struct actset { unsigned char *bits; size_t nbytes; int ngroups; } actset;

static bool act_has(const actset *a, int kind, int g, int64_t id) {
  if (id < 0 || (size_t)id / 8 >= a->nbytes) return false;
  const unsigned char *b = a->bits + ((size_t)kind * (size_t)a->ngroups + (size_t)g) * a->nbytes;
  return (b[id / 8] >> (id % 8)) & 1;
}

static bool certification(const mc_iedition *ed, const mc_iproc *p) {
  return ed->certification_field[0] && strstr(p->field_fold, ed->certification_field) != NULL;
}

/* 5.3: communes of each group valid in the period, and those that issued an
 * electronic result of a certification procedure in it. cb (when given)
 * hears every such commune of group 0. */
static mc_rc certification_scan(const mc_ireq *r, mc_imeasures *out, int32_t hi,
                                void (*cb)(void *ctx, int unit, bool in_num), void *ctx, mc_err *err) {
  int n = r->scope.n;
  mc_icounts *per = calloc((size_t)n + 1, sizeof *per);
  int *self = malloc(sizeof *self * ((size_t)n + 1));
  if (!per || !self) { free(per); free(self); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  for (int e = 0; e < n; e++) self[e] = e;
  mc_iscope each = {n, r->scope.unit_ids, self, n};   /* one group per entry */
  mc_rc rc = MC_OK;
  for (int i = 0; i < r->cat->n && !rc; i++) {
    const mc_iproc *p = &r->cat->p[i];
    if (!certification(r->ed, p) || (r->proc_id && p->id != r->proc_id)) continue;
    rc = mc_index_read_days(r->db, &each, p->id, r->period.lo, hi, 1, per, err);
  }
  for (int e = 0; e < n && !rc; e++) {
    int ui = mc_itree_find_id(r->tree, r->scope.unit_ids[e]);
    if (ui < 0 || r->tree->u[ui].kind != 3 || !mc_itree_valid_during(&r->tree->u[ui], r->period.lo, r->period.hi))
      continue;
    bool yes = per[e].c[MC_IC_END_ERES] > 0;
    if (out) {
      mc_ival *v = &out[r->scope.group[e]].v[MC_IM_E_CERTIFICATION_COMMUNES];
      v->den++;
      v->num += yes;
    }
    if (cb && r->scope.group[e] == 0) cb(ctx, ui, yes);
  }
  free(per);
  free(self);
  return rc;
}

static mc_rc measure_certification(const mc_ireq *r, mc_imeasures *out, int32_t hi, mc_err *err) {
  return certification_scan(r, out, hi, NULL, NULL, err);
}

mc_rc mc_icatalogue_communes(const mc_ireq *r, void (*cb)(void *ctx, int unit, bool in_num), void *ctx, mc_err *err) {
  int32_t hi = mc_local_day(mc_iperiod_eval_at(&r->period, r->now)) + 1;
  if (hi > r->period.hi) hi = r->period.hi;
  return certification_scan(r, NULL, hi, cb, ctx, err);
}

#define BIT(m) (1u << (m))

/* Which catalogue measures procedure p counts in, for group g: den and num bit sets. */
static void classify(const mc_ireq *r, const mc_iproc *p, const actset *act, int g, const mc_calendar *cal,
                     int32_t hi, unsigned *den, unsigned *num) {
  unsigned d = 0, n = 0;
  if (p->decided >= r->period.lo && p->decided < hi) {
    if (p->effective) {                                /* 1.1: judged when the effective date is known */
      d |= BIT(MC_IM_ANNOUNCED_ON_TIME);
      if (p->decided < p->effective && working_days(cal, p->decided, p->effective) >= r->ed->announce_lead_days)
        n |= BIT(MC_IM_ANNOUNCED_ON_TIME);
    }
    d |= BIT(MC_IM_PUBLISHED_ON_TIME);                 /* 1.2 */
    if (p->published && p->published >= p->decided &&
        working_days(cal, p->decided + 1, p->published + 1) <= r->ed->publish_within_days)
      n |= BIT(MC_IM_PUBLISHED_ON_TIME);
  }
  if (p->published && p->published >= r->period.lo && p->published < hi) {   /* 1.3 */
    d |= BIT(MC_IM_PUBLISHED_IN_FULL);
    if ((p->parts & r->ed->full_parts) == r->ed->full_parts) n |= BIT(MC_IM_PUBLISHED_IN_FULL);
  }
  if (p->active) {
    d |= BIT(MC_IM_PROCEDURES_ONLINE);                 /* 3.1 */
    if (p->online) {
      n |= BIT(MC_IM_PROCEDURES_ONLINE);
      d |= BIT(MC_IM_ONLINE_SERVICES_USED);            /* 3.2 */
      if (act_has(act, MC_IACT_ONLINE, g, p->id)) n |= BIT(MC_IM_ONLINE_SERVICES_USED);
    }
    if (p->fee) {                                      /* 4.1, 4.2 */
      d |= BIT(MC_IM_FEE_PROCEDURES_INTEGRATED) | BIT(MC_IM_FEE_PROCEDURES_PAID_ONLINE);
      if (p->integrated) n |= BIT(MC_IM_FEE_PROCEDURES_INTEGRATED);
      if (act_has(act, MC_IACT_PAID, g, p->id)) n |= BIT(MC_IM_FEE_PROCEDURES_PAID_ONLINE);
    }
    if (p->citizen) {                                  /* 5.6 */
      d |= BIT(MC_IM_POPULATION_PROCEDURES);
      if (act_has(act, MC_IACT_VNEID, g, p->id)) n |= BIT(MC_IM_POPULATION_PROCEDURES);
    }
  }
  *den = d;
  *num = n;
}

/* Shared by the measures and the member lists: activity and kinds per group. */
typedef struct catrun { unsigned *gkinds; actset act; const mc_calendar *cal; int32_t hi; } catrun;

static void catrun_free(catrun *k) {
  if (k->cal) mc_calendar_put(k->cal);
  free(k->gkinds);
  free(k->act.bits);
}

static mc_rc catrun_start(const mc_ireq *r, catrun *k, mc_err *err) {
  int ng = r->scope.ngroups;
  memset(k, 0, sizeof *k);
  k->hi = mc_local_day(mc_iperiod_eval_at(&r->period, r->now)) + 1;
  if (k->hi > r->period.hi) k->hi = r->period.hi;
  int64_t max_id = 0;
  for (int i = 0; i < r->cat->n; i++)
    if (r->cat->p[i].id > max_id) max_id = r->cat->p[i].id;
  if (max_id >= MC_INDEX_PROC_ID_MAX) max_id = MC_INDEX_PROC_ID_MAX - 1;
  k->gkinds = calloc((size_t)ng + 1, sizeof *k->gkinds);
  k->act.nbytes = (size_t)max_id / 8 + 1;
  k->act.ngroups = ng;
  k->act.bits = calloc((size_t)MC_IACT_KINDS * (size_t)(ng ? ng : 1) * k->act.nbytes, 1);
  if (!k->gkinds || !k->act.bits) {
    catrun_free(k);
    return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  for (int e = 0; e < r->scope.n; e++) {
    int ui = mc_itree_find_id(r->tree, r->scope.unit_ids[e]);
    if (ui >= 0 && r->tree->u[ui].kind >= 0) k->gkinds[r->scope.group[e]] |= 1u << r->tree->u[ui].kind;
  }
  mc_rc rc = mc_index_read_activity(r->db, &r->scope, r->period.lo, k->hi, k->act.nbytes, k->act.bits, err);
  if (!rc) rc = mc_calendar_get(r->db, &k->cal, err);
  if (rc) catrun_free(k);
  return rc;
}

static bool in_group(const mc_ireq *r, const catrun *k, const mc_iproc *p, int g) {
  if (r->proc_id && p->id != r->proc_id) return false;
  return !p->kinds || (p->kinds & k->gkinds[g]);
}

mc_rc mc_index_measure_catalogue(const mc_ireq *r, mc_imeasures *out, mc_err *err) {
  if (!r->cat) return MC_OK;
  catrun k;
  mc_rc rc = catrun_start(r, &k, err);
  if (rc) return rc;
  rc = measure_certification(r, out, k.hi, err);
  int np = r->cat->n;
  for (int g = 0; g < r->scope.ngroups && !rc; g++) {
    mc_ival *v = out[g].v;
    for (int i = 0; i < np; i++) {
      const mc_iproc *p = &r->cat->p[i];
      if (!in_group(r, &k, p, g)) continue;
      unsigned den, num;
      classify(r, p, &k.act, g, k.cal, k.hi, &den, &num);
      for (unsigned bits = den; bits; bits &= bits - 1) {
        int m = __builtin_ctz(bits);
        v[m].den++;
        v[m].num += (num >> m) & 1;
      }
    }
  }
  catrun_free(&k);
  return rc;
}

mc_rc mc_icatalogue_members(const mc_ireq *r, mc_imeasure m, void (*cb)(void *ctx, const mc_iproc *p, bool in_num),
                            void *ctx, mc_err *err) {
  catrun k;
  mc_rc rc = catrun_start(r, &k, err);
  if (rc) return rc;
  for (int i = 0; i < r->cat->n; i++) {
    const mc_iproc *p = &r->cat->p[i];
    if (!in_group(r, &k, p, 0)) continue;
    unsigned den, num;
    classify(r, p, &k.act, 0, k.cal, k.hi, &den, &num);
    if (den & BIT(m)) cb(ctx, p, (num & BIT(m)) != 0);
  }
  catrun_free(&k);
  return MC_OK;
}
