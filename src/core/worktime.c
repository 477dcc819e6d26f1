/* worktime.c — working-time arithmetic on a calendar: where counting starts,
 * deadlines in working days / hours / calendar days / within the day, and
 * working seconds between two instants (semantics in calendar.h).
 *
 * Everything goes through the "working clock" W(t): working days before t's
 * day × the day length + the session time of t's day before t. W is O(1) from
 * the calendar's cumulative count, and so is its inverse: W / day length is
 * the ordinal of a working day (calendar->work[]), W mod day length a point
 * inside its sessions. So adding 400 working days costs what adding 1 does. */
#include "core/calendar_int.h"
#include <string.h>

/* 07:30–11:30 and 13:30–17:00. */
const mc_sessions mc_default_sessions = {2, {7 * 3600 + 1800, 13 * 3600 + 1800}, {11 * 3600 + 1800, 17 * 3600}};

static const char *const unit_names[] = {"working_days", "working_hours", "days", "same_day"};

const char *mc_time_unit_name(mc_time_unit u) {
  return (unsigned)u < sizeof unit_names / sizeof *unit_names ? unit_names[u] : "working_days";
}

bool mc_time_unit_parse(const char *s, mc_time_unit *out) {
  for (unsigned i = 0; s && i < sizeof unit_names / sizeof *unit_names; i++)
    if (strcmp(s, unit_names[i]) == 0) { *out = (mc_time_unit)i; return true; }
  return false;
}

mc_rc mc_sessions_check(const mc_sessions *s, mc_err *err) {
  if (!s || s->n < 1 || s->n > MC_MAX_SESSIONS)
    return mc_fail(err, MC_EINVAL, "calendar.bad_sessions", "sessions",
                   "A working day has 1 to %d sessions.", MC_MAX_SESSIONS);
  for (int i = 0; i < s->n; i++) {
    if (s->start[i] < 0 || s->end[i] > 86400 || s->start[i] >= s->end[i])
      return mc_fail(err, MC_EINVAL, "calendar.bad_sessions", "sessions",
                     "Session %d must start before it ends, within the day.", i + 1);
    if (i > 0 && s->start[i] < s->end[i - 1])
      return mc_fail(err, MC_EINVAL, "calendar.bad_sessions", "sessions",
                     "Session %d starts before session %d ends.", i + 1, i);
  }
  return MC_OK;
}

static const mc_sessions *sess(const mc_sessions *s) {
  return s && mc_sessions_check(s, NULL) == MC_OK ? s : &mc_default_sessions;
}

int64_t mc_cal_day_length(const mc_sessions *s) {
  s = sess(s);
  int64_t n = 0;
  for (int i = 0; i < s->n; i++) n += s->end[i] - s->start[i];
  return n;
}

/* The range as instants: [range_start, range_end]. */
static mc_time range_start(const mc_calendar *c) { return mc_local_instant(c->first, 0); }
static mc_time range_end(const mc_calendar *c) { return mc_local_instant(c->last + 1, 0); }

static mc_time clamp(const mc_calendar *c, mc_time t) {
  mc_time a = range_start(c), b = range_end(c);
  return t < a ? a : t > b ? b : t;
}

/* W(t): working seconds from the start of the range to t. */
static int64_t wclock(const mc_calendar *c, const mc_sessions *s, int64_t len, mc_time t) {
  t = clamp(c, t);
  int32_t d = mc_local_day(t);
  int64_t w = (int64_t)cal_count_before(c, d) * len;
  if (d <= c->last && mc_cal_is_working_day(c, d)) {
    int sec = mc_local_sec_of_day(t);
    for (int i = 0; i < s->n && sec > s->start[i]; i++) w += (sec < s->end[i] ? sec : s->end[i]) - s->start[i];
  }
  return w;
}

/* The latest instant with W = w: a point on a session boundary is the start
 * of the next session (the office opening), never the end of the previous. */
static mc_time wlatest(const mc_calendar *c, const mc_sessions *s, int64_t len, int64_t w) {
  if (w < 0) w = 0;
  int64_t k = w / len, r = w % len;
  if (k >= c->nwork) return range_end(c);
  for (int i = 0; i < s->n; i++) {
    int64_t l = s->end[i] - s->start[i];
    if (r < l) return mc_local_instant(c->work[k], (int)(s->start[i] + r));
    r -= l;
  }
  return range_end(c);   /* not reached: r < len */
}

/* The earliest instant with W = w: a point on a session boundary is the end
 * of the session just worked. */
static mc_time wearliest(const mc_calendar *c, const mc_sessions *s, int64_t len, int64_t w) {
  if (w <= 0) return wlatest(c, s, len, 0);
  int64_t k = w / len, r = w % len;
  if (r == 0) { k--; r = len; }
  if (k >= c->nwork) return range_end(c);
  for (int i = 0; i < s->n; i++) {
    int64_t l = s->end[i] - s->start[i];
    if (r <= l) return mc_local_instant(c->work[k], (int)(s->start[i] + r));
    r -= l;
  }
  return range_end(c);   /* not reached: r ≤ len */
}

mc_time mc_cal_start(const mc_calendar *c, const mc_sessions *s, mc_time t, bool rule_1500) {
  s = sess(s);
  t = clamp(c, t);
  int32_t d = mc_local_day(t);
  if (d > c->last) return range_end(c);
  if (mc_cal_is_working_day(c, d)) {
    int sec = mc_local_sec_of_day(t);
    if (!(rule_1500 && sec > MC_CAL_RULE_1500_SEC)) {
      for (int i = 0; i < s->n; i++)
        if (sec < s->end[i]) return sec >= s->start[i] ? t : mc_local_instant(d, s->start[i]);
    }
  }
  int32_t next = mc_cal_next_working_day(c, d);
  return next > c->last ? range_end(c) : mc_local_instant(next, s->start[0]);
}

mc_time mc_cal_add(const mc_calendar *c, const mc_sessions *s, mc_time start, int64_t amount,
                   mc_time_unit unit) {
  s = sess(s);
  int64_t len = mc_cal_day_length(s);
  mc_time from = mc_cal_start(c, s, start, false);
  if (from >= range_end(c)) return range_end(c);
  int32_t d = mc_local_day(from);
  if (unit == MC_TU_SAME_DAY) return mc_local_instant(d, s->end[s->n - 1]);
  if (amount <= 0) return from;
  switch (unit) {
  case MC_TU_WORKING_DAYS:
    if (amount > c->nwork) return range_end(c);
    return wlatest(c, s, len, wclock(c, s, len, from) + amount * len);
  case MC_TU_WORKING_HOURS:
    if (amount > (int64_t)c->nwork * 24) return range_end(c);
    return wearliest(c, s, len, wclock(c, s, len, from) + amount * 3600);
  case MC_TU_DAYS: {
    if (amount > c->ndays) return range_end(c);
    int32_t last = d + (int32_t)amount;
    if (last > c->last) return range_end(c);
    if (!mc_cal_is_working_day(c, last)) last = mc_cal_next_working_day(c, last);
    return last > c->last ? range_end(c) : mc_local_instant(last, s->end[s->n - 1]);
  }
  default:
    return from;
  }
}

mc_time mc_cal_add_working_seconds(const mc_calendar *c, const mc_sessions *s, mc_time start, int64_t seconds) {
  if (seconds <= 0) return start;
  s = sess(s);
  int64_t len = mc_cal_day_length(s);
  if (seconds > (int64_t)c->nwork * len) return range_end(c);
  return wearliest(c, s, len, wclock(c, s, len, start) + seconds);
}

int64_t mc_cal_working_seconds(const mc_calendar *c, const mc_sessions *s, mc_time a, mc_time b) {
  if (b <= a) return 0;
  s = sess(s);
  int64_t len = mc_cal_day_length(s);
  return wclock(c, s, len, b) - wclock(c, s, len, a);
}
