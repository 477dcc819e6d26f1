/* calendar.c — building the working calendar and sharing it between threads.
 *
 * A calendar is a set of per-day arrays over 1900–2100 (about 73,000 days):
 * the kind of each day (working, weekend, holiday, compensatory, declared off,
 * declared working), an index into its name/document/note, and the cumulative
 * count of working days, so that "is this a working day", "how many working
 * days between" and "the N-th working day after" are all O(1). It is built
 * from the generated holidays (holidays.c) and the overrides, then never
 * changes: threads share one through a reference count, and a change to the
 * overrides builds a new one (mc_calendar_changed / "calendar.version").    */
#include "core/calendar_int.h"
#include "util/log.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { CAL_ARENA_CAP = 64 << 20, CAL_RECHECK_NS = 1000000000 };

/* ---- building ----------------------------------------------------------------- */

static uint32_t add_info(mc_calendar *c, const char *name, const char *doc, const char *note) {
  cal_info *i = &c->infos[c->ninfos];
  i->name = name ? mc_arena_strdup(c->arena, name) : NULL;
  i->document = doc && *doc ? mc_arena_strdup(c->arena, doc) : NULL;
  i->note = mc_arena_strdup(c->arena, note);
  return c->ninfos++;
}

static mc_rc nomem(mc_calendar *c, mc_err *err) {
  if (c) mc_arena_free(c->arena);
  return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory building the calendar.");
}

mc_rc mc_calendar_build(const mc_holiday_rules *rules, const mc_cal_override *ov, int n,
                        const mc_calendar **out, mc_err *err) {
  if (!rules) rules = &mc_default_holiday_rules;
  mc_arena *a = mc_arena_new(CAL_ARENA_CAP);
  mc_calendar *c = a ? mc_arena_alloc(a, sizeof *c) : NULL;
  if (!c) { mc_arena_free(a); return nomem(NULL, err); }
  c->arena = a;
  atomic_init(&c->refs, 1);
  c->first = mc_days_from_civil(MC_CAL_FIRST_YEAR, 1, 1);
  c->last = mc_days_from_civil(MC_CAL_LAST_YEAR, 12, 31);
  c->ndays = c->last - c->first + 1;
  size_t nd = (size_t)c->ndays;
  size_t max_infos = (size_t)(MC_CAL_LAST_YEAR - MC_CAL_FIRST_YEAR + 1) * MC_HOLIDAYS_PER_YEAR_MAX + (size_t)n + 1;
  c->kind = mc_arena_alloc(a, nd);
  c->info = mc_arena_alloc(a, nd * sizeof *c->info);
  c->cum = mc_arena_alloc(a, (nd + 1) * sizeof *c->cum);
  c->work = mc_arena_alloc(a, nd * sizeof *c->work);
  c->infos = mc_arena_alloc(a, max_infos * sizeof *c->infos);
  if (!c->kind || !c->info || !c->cum || !c->work || !c->infos) return nomem(c, err);
  c->ninfos = 1;   /* index 0 = no info */
  for (int32_t i = 0; i < c->ndays; i++) {
    int w = mc_weekday(c->first + i);
    c->kind[i] = (w == 0 || w == 6) ? MC_DAY_WEEKEND : MC_DAY_WORKING;
  }
  char note[MC_CAL_NAME_MAX * 4 + MC_CAL_DOC_MAX * 4 + 64];
  for (int y = MC_CAL_FIRST_YEAR; y <= MC_CAL_LAST_YEAR; y++) {
    mc_holiday h[MC_HOLIDAYS_PER_YEAR_MAX];
    int k = mc_holidays_generate(y, rules, h, MC_HOLIDAYS_PER_YEAR_MAX);
    for (int i = 0; i < k; i++) {
      if (h[i].day < c->first || h[i].day > c->last) continue;
      snprintf(note, sizeof note, "holiday: %s", h[i].name);
      c->kind[h[i].day - c->first] = h[i].compensatory ? MC_DAY_COMPENSATORY : MC_DAY_HOLIDAY;
      c->info[h[i].day - c->first] = add_info(c, h[i].name, NULL, note);
    }
  }
  for (int i = 0; i < n; i++) {
    const mc_cal_override *o = &ov[i];
    if (o->day < c->first || o->day > c->last) continue;
    bool doc = o->document && *o->document;
    snprintf(note, sizeof note, "%s: %s%s%s%s", o->work ? "make-up working day" : "day off", o->name,
             doc ? " (" : "", doc ? o->document : "", doc ? ")" : "");
    c->kind[o->day - c->first] = o->work ? MC_DAY_DECLARED_WORK : MC_DAY_DECLARED_OFF;
    c->info[o->day - c->first] = add_info(c, o->name, o->document, note);
  }
  for (uint32_t i = 1; i < c->ninfos; i++)
    if (!c->infos[i].note) return nomem(c, err);
  c->cum[0] = 0;
  for (int32_t i = 0; i < c->ndays; i++) {
    bool w = cal_kind_working(c->kind[i]);
    if (w) c->work[c->nwork++] = c->first + i;
    c->cum[i + 1] = c->nwork;
  }
  *out = c;
  return MC_OK;
}

void mc_calendar_put(const mc_calendar *cc) {
  mc_calendar *c = (mc_calendar *)cc;
  if (c && atomic_fetch_sub(&c->refs, 1) == 1) mc_arena_free(c->arena);
}

/* ---- the shared calendar --------------------------------------------------------- */

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static mc_calendar *cache;            /* holds one reference */
static struct timespec cache_checked; /* when the database version was last compared */
static atomic_ulong generation = 1;

void mc_calendar_changed(void) { atomic_fetch_add(&generation, 1); }

static int64_t since_ns(const struct timespec *a, const struct timespec *b) {
  return (int64_t)(b->tv_sec - a->tv_sec) * 1000000000 + (b->tv_nsec - a->tv_nsec);
}

/* Under cache_mu: the cached calendar, referenced, if it is current. */
static const mc_calendar *cached(const char *dbver, const struct timespec *now) {
  if (!cache || cache->gen != atomic_load(&generation)) return NULL;
  if (dbver ? strcmp(dbver, cache->dbver) != 0 : since_ns(&cache_checked, now) >= CAL_RECHECK_NS) return NULL;
  if (dbver) cache_checked = *now;
  atomic_fetch_add(&cache->refs, 1);
  return cache;
}

static mc_rc build_from_db(mc_db *db, const char *dbver, unsigned long gen, mc_calendar **out, mc_err *err) {
  mc_arena *a = mc_arena_new(CAL_ARENA_CAP);
  if (!a) return nomem(NULL, err);
  mc_holiday_rules *rules = mc_arena_alloc(a, sizeof *rules);
  mc_cal_override *ov = NULL;
  int n = 0;
  const mc_calendar *c = NULL;
  mc_rc rc = rules ? MC_OK : nomem(NULL, err);
  if (!rc && !(rc = mc_calendar_rules(db, rules, err)) &&
      !(rc = mc_cal_overrides_list(db, a, mc_days_from_civil(MC_CAL_FIRST_YEAR, 1, 1),
                                   mc_days_from_civil(MC_CAL_LAST_YEAR, 12, 31), &ov, &n, err)) &&
      !(rc = mc_calendar_build(rules, ov, n, &c, err))) {
    mc_calendar *m = (mc_calendar *)c;
    m->gen = gen;
    snprintf(m->dbver, sizeof m->dbver, "%s", dbver);
    *out = m;
  }
  mc_arena_free(a);
  return rc;
}

mc_rc mc_calendar_get(mc_db *db, const mc_calendar **out, mc_err *err) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  pthread_mutex_lock(&cache_mu);
  const mc_calendar *c = cached(NULL, &now);
  pthread_mutex_unlock(&cache_mu);
  if (c) { *out = c; return MC_OK; }
  char ver[32];
  unsigned long gen = atomic_load(&generation);
  mc_rc rc = mc_cal_read_version(db, ver, sizeof ver, err);
  if (rc) return rc;
  pthread_mutex_lock(&cache_mu);
  c = cached(ver, &now);
  pthread_mutex_unlock(&cache_mu);
  if (c) { *out = c; return MC_OK; }
  mc_calendar *fresh = NULL;
  if ((rc = build_from_db(db, ver, gen, &fresh, err))) return rc;
  mc_debug("calendar built (generation %lu, version %s)", gen, ver);
  pthread_mutex_lock(&cache_mu);
  mc_calendar *old = NULL;
  if (!cache || cache->gen != fresh->gen || strcmp(cache->dbver, fresh->dbver) != 0) {
    old = cache;
    cache = fresh;
    atomic_fetch_add(&fresh->refs, 1);   /* the cache's reference */
    cache_checked = now;
  }
  pthread_mutex_unlock(&cache_mu);
  mc_calendar_put(old);
  *out = fresh;
  return MC_OK;
}

/* ---- days --------------------------------------------------------------------- */

bool mc_cal_is_working_day(const mc_calendar *c, int32_t day) {
  if (day < c->first || day > c->last) {
    int w = mc_weekday(day);
    return w != 0 && w != 6;
  }
  return cal_kind_working(c->kind[day - c->first]);
}

void mc_cal_day_info(const mc_calendar *c, int32_t day, mc_day_info *out) {
  memset(out, 0, sizeof *out);
  out->day = day;
  if (day < c->first || day > c->last) {
    int w = mc_weekday(day);
    out->kind = (w == 0 || w == 6) ? MC_DAY_WEEKEND : MC_DAY_WORKING;
  } else {
    out->kind = (mc_day_kind)c->kind[day - c->first];
    const cal_info *i = &c->infos[c->info[day - c->first]];
    out->name = i->name;
    out->document = i->document;
    out->note = i->note;
  }
  out->working = cal_kind_working((uint8_t)out->kind);
  if (out->kind == MC_DAY_WEEKEND) out->note = "weekend";
}

const char *mc_cal_day_note(const mc_calendar *c, int32_t day) {
  mc_day_info i;
  mc_cal_day_info(c, day, &i);
  return i.working ? NULL : i.note;
}

const char *mc_day_kind_name(mc_day_kind k) {
  static const char *const n[] = {"working", "weekend", "holiday", "compensatory", "declared_off", "declared_work"};
  return (unsigned)k < sizeof n / sizeof *n ? n[k] : "working";
}

int32_t mc_cal_next_working_day(const mc_calendar *c, int32_t day) {
  if (day < c->first - 1) day = c->first - 1;
  if (day >= c->last) return c->last + 1;
  int32_t k = cal_count_before(c, day + 1);   /* working days up to and including day */
  return k < c->nwork ? c->work[k] : c->last + 1;
}
