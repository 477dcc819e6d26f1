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

mc_rc mc_icatalogue_load(mc_db *db, mc_arena *a, const mc_iedition *ed, mc_icatalogue *out, mc_err *err) {
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
    const char *field_fold = mc_col_null(st, 14) ? "" : mc_col_text(st, 14);
    p->certification = ed->certification_field[0] && strstr(field_fold, ed->certification_field) != NULL;
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
    if (!p->code || !p->name) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  return r < 0 ? (err && err->rc ? err->rc : MC_EDB) : MC_OK;
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

/* Bits of the activity sets: per group, per procedure. */
enum { ACT_ONLINE = 1, ACT_PAID = 2, ACT_VNEID = 4 };

static int first_entry(const mc_iscope *s, int64_t unit) {
  int lo = 0, hi = s->n;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (s->unit_ids[mid] < unit) lo = mid + 1;
    else hi = mid;
  }
  return lo < s->n && s->unit_ids[lo] == unit ? lo : -1;
}

static mc_rc read_activity(const mc_ireq *r, unsigned char *act, int32_t hi, mc_err *err) {
  mc_irange rg[3];
  int n = mc_index_split(r->period.lo, hi, rg);
  for (int i = 0; i < n; i++) {
    mc_stmt *st = mc_db_prep(r->db, "index.proc_activity", err, "iii", (int64_t)rg[i].gran,
                             (int64_t)rg[i].lo, (int64_t)rg[i].hi);
    if (!st) return err ? err->rc : MC_EDB;
    int x;
    while ((x = mc_stmt_next(st, err)) > 0) {
      int pi = mc_icatalogue_find(r->cat, mc_col_i64(st, 0));
      int64_t unit = mc_col_i64(st, 1);
      int e = first_entry(&r->scope, unit);
      if (pi < 0 || e < 0) continue;
      unsigned char bits = (unsigned char)((mc_col_i64(st, 2) > 0 ? ACT_ONLINE : 0) |
                                           (mc_col_i64(st, 3) > 0 ? ACT_PAID : 0) |
                                           (mc_col_i64(st, 4) > 0 ? ACT_VNEID : 0));
      for (; e < r->scope.n && r->scope.unit_ids[e] == unit; e++)
        act[(size_t)r->scope.group[e] * (size_t)r->cat->n + (size_t)pi] |= bits;
    }
    if (x < 0) return err && err->rc ? err->rc : MC_EDB;
  }
  return MC_OK;
}

/* 5.3: communes of each group valid in the period, and those that issued an
 * electronic result of a certification procedure in it. */
static mc_rc measure_certification(const mc_ireq *r, mc_imeasures *out, int32_t hi, mc_err *err) {
  int n = r->scope.n;
  mc_icounts *per = calloc((size_t)n + 1, sizeof *per);
  int *self = malloc(sizeof *self * ((size_t)n + 1));
  if (!per || !self) { free(per); free(self); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  for (int e = 0; e < n; e++) self[e] = e;
  mc_iscope each = {n, r->scope.unit_ids, self, n};   /* one group per entry */
  mc_rc rc = MC_OK;
  for (int i = 0; i < r->cat->n && !rc; i++) {
    const mc_iproc *p = &r->cat->p[i];
    if (!p->certification || (r->proc_id && p->id != r->proc_id)) continue;
    rc = mc_index_read_days(r->db, &each, p->id, r->period.lo, hi, 1, per, err);
  }
  for (int e = 0; e < n && !rc; e++) {
    int ui = mc_itree_find_id(r->tree, r->scope.unit_ids[e]);
    if (ui < 0 || r->tree->u[ui].kind != 3 || !mc_itree_valid_during(&r->tree->u[ui], r->period.lo, r->period.hi))
      continue;
    mc_ival *v = &out[r->scope.group[e]].v[MC_IM_E_CERTIFICATION_COMMUNES];
    v->den++;
    v->num += per[e].c[MC_IC_END_ERES] > 0;
  }
  free(per);
  free(self);
  return rc;
}

mc_rc mc_index_measure_catalogue(const mc_ireq *r, mc_imeasures *out, mc_err *err) {
  if (!r->cat) return MC_OK;
  int ng = r->scope.ngroups, np = r->cat->n;
  int32_t hi = mc_local_day(mc_iperiod_eval_at(&r->period, r->now)) + 1;
  if (hi > r->period.hi) hi = r->period.hi;
  unsigned *gkinds = calloc((size_t)ng + 1, sizeof *gkinds);
  unsigned char *act = calloc((size_t)ng * (size_t)np + 1, 1);
  if (!gkinds || !act) { free(gkinds); free(act); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  for (int e = 0; e < r->scope.n; e++) {
    int ui = mc_itree_find_id(r->tree, r->scope.unit_ids[e]);
    if (ui >= 0 && r->tree->u[ui].kind >= 0) gkinds[r->scope.group[e]] |= 1u << r->tree->u[ui].kind;
  }
  const mc_calendar *cal = NULL;
  mc_rc rc = read_activity(r, act, hi, err);
  if (!rc) rc = mc_calendar_get(r->db, &cal, err);
  if (!rc) rc = measure_certification(r, out, hi, err);
  for (int g = 0; g < ng && !rc; g++) {
    mc_ival *v = out[g].v;
    for (int i = 0; i < np; i++) {
      const mc_iproc *p = &r->cat->p[i];
      if (r->proc_id && p->id != r->proc_id) continue;
      if (p->kinds && !(p->kinds & gkinds[g])) continue;
      if (p->decided >= r->period.lo && p->decided < hi) {
        if (p->effective) {                             /* 1.1: judged when the effective date is known */
          v[MC_IM_ANNOUNCED_ON_TIME].den++;
          v[MC_IM_ANNOUNCED_ON_TIME].num += p->decided < p->effective &&
                                            working_days(cal, p->decided, p->effective) >= r->ed->announce_lead_days;
        }
        v[MC_IM_PUBLISHED_ON_TIME].den++;                /* 1.2 */
        v[MC_IM_PUBLISHED_ON_TIME].num += p->published && p->published >= p->decided &&
                                          working_days(cal, p->decided + 1, p->published + 1) <= r->ed->publish_within_days;
      }
      if (p->published && p->published >= r->period.lo && p->published < hi) {   /* 1.3 */
        v[MC_IM_PUBLISHED_IN_FULL].den++;
        v[MC_IM_PUBLISHED_IN_FULL].num += (p->parts & r->ed->full_parts) == r->ed->full_parts;
      }
      if (!p->active) continue;
      unsigned char a = act[(size_t)g * (size_t)np + (size_t)i];
      v[MC_IM_PROCEDURES_ONLINE].den++;                  /* 3.1 */
      v[MC_IM_PROCEDURES_ONLINE].num += p->online;
      if (p->online) {                                   /* 3.2 */
        v[MC_IM_ONLINE_SERVICES_USED].den++;
        v[MC_IM_ONLINE_SERVICES_USED].num += (a & ACT_ONLINE) != 0;
      }
      if (p->fee) {                                      /* 4.1, 4.2 */
        v[MC_IM_FEE_PROCEDURES_INTEGRATED].den++;
        v[MC_IM_FEE_PROCEDURES_INTEGRATED].num += p->integrated;
        v[MC_IM_FEE_PROCEDURES_PAID_ONLINE].den++;
        v[MC_IM_FEE_PROCEDURES_PAID_ONLINE].num += (a & ACT_PAID) != 0;
      }
      if (p->citizen) {                                  /* 5.6 */
        v[MC_IM_POPULATION_PROCEDURES].den++;
        v[MC_IM_POPULATION_PROCEDURES].num += (a & ACT_VNEID) != 0;
      }
    }
  }
  if (cal) mc_calendar_put(cal);
  free(gkinds);
  free(act);
  return rc;
}
