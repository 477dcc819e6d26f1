/* calendar_int.h — inside the calendar module: the built calendar's layout,
 * shared by calendar.c (building, sharing, day queries), worktime.c (working
 * time arithmetic) and calendar_store.c (overrides in the database). */
#pragma once
#include "core/calendar.h"
#include <stdatomic.h>

typedef struct cal_info { const char *name, *document, *note; } cal_info;

struct mc_calendar {
  atomic_int refs;
  unsigned long gen;            /* mc_calendar_changed generation it was built at */
  char dbver[32];               /* the database's "calendar.version" it was built from */
  mc_arena *arena;              /* owns everything below */
  int32_t first, last;          /* day numbers of 1900-01-01 and 2100-12-31 */
  int32_t ndays;
  uint8_t *kind;                /* mc_day_kind of each day */
  uint32_t *info;               /* index into infos (0 = none) */
  int32_t *cum;                 /* cum[i]: working days in [first, first + i), i ≤ ndays */
  int32_t *work;                /* work[k]: the k-th working day (k < nwork) */
  int32_t nwork;
  cal_info *infos;
  uint32_t ninfos;
};

static inline bool cal_kind_working(uint8_t k) {
  return k == MC_DAY_WORKING || k == MC_DAY_DECLARED_WORK;
}

/* Working days in [first, d), for any d (clamped to the range). */
static inline int32_t cal_count_before(const mc_calendar *c, int32_t d) {
  if (d <= c->first) return 0;
  if (d > c->last) return c->nwork;
  return c->cum[d - c->first];
}

/* The setting keys of the module. */
#define MC_CAL_SETTING_VERSION "calendar.version"
#define MC_CAL_SETTING_RULES "calendar.holiday_rules"

/* Read the version tag from the database ("0" when never set). */
mc_rc mc_cal_read_version(mc_db *db, char *buf, size_t n, mc_err *err);
