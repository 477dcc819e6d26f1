/* dossier_time.c — deadline arithmetic of dossiers on the working calendar:
 * the effective deadline, step deadlines by share, the frozen end verdict,
 * and "còn 2 ngày" / "quá hạn 1 ngày 3 giờ" (dossier.h). */
#include "core/dossier_int.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

const mc_sessions *const mc_dossier_sessions = &mc_default_sessions;

mc_time mc_dossier_effective_due(const mc_dossier *d) {
  if (!d->due_at) return 0;
  if (d->paused_since) return INT64_MAX;
  return d->due_at + d->paused_seconds;
}

void mc_dossier_freeze_end(const mc_calendar *c, mc_dossier *d, mc_time at, int end_status) {
  if (d->ended_at) return;            /* the first final event counts */
  d->ended_at = at;
  d->end_status = end_status;
  if (!d->received_at || !d->due_at) {
    /* Never received: no deadline could be missed. */
    d->on_time = 1;
    d->handling_seconds = 0;
    d->late_seconds = 0;
    return;
  }
  mc_time eff = d->due_at + d->paused_seconds;
  d->on_time = (at <= eff && d->supplements < 2) ? 1 : 0;
  int64_t h = mc_cal_working_seconds(c, mc_dossier_sessions, d->received_at, at) - d->paused_work_seconds;
  d->handling_seconds = h > 0 ? h : 0;
  d->late_seconds = at > eff ? mc_cal_working_seconds(c, mc_dossier_sessions, eff, at) : 0;
}

int64_t mc_dossier_warn_seconds(mc_db *db) {
  char v[32];
  mc_dossier_setting(db, "dossier.warn_working_days", "1", v, sizeof v);
  char *end;
  errno = 0;
  double days = strtod(v, &end);
  if (errno || end == v || *end || days < 0 || days > 100) days = 1;
  return (int64_t)(days * (double)mc_cal_day_length(mc_dossier_sessions));
}

/* "1 ngày 3 giờ", "2 ngày", "3 giờ", "25 phút". */
static void span_vi(char *out, size_t n, const mc_time_left *t) {
  if (t->days && t->hours) snprintf(out, n, "%d ngày %d giờ", t->days, t->hours);
  else if (t->days) snprintf(out, n, "%d ngày", t->days);
  else if (t->hours) snprintf(out, n, "%d giờ", t->hours);
  else snprintf(out, n, "%d phút", t->minutes);
}

static void split(mc_time_left *t, int64_t seconds, int64_t day) {
  t->seconds = seconds;
  t->days = (int)(seconds / day);
  t->hours = (int)(seconds % day / 3600);
  t->minutes = (int)(seconds % day % 3600 / 60);
}

void mc_dossier_time_left(const mc_calendar *cal, const mc_dossier *d, mc_time now,
                          int64_t warn_seconds, mc_time_left *t) {
  const mc_sessions *s = mc_dossier_sessions;
  int64_t day = mc_cal_day_length(s);
  if (day <= 0) day = 1;
  *t = (mc_time_left){0};
  char span[48];
  if (!d->due_at) {
    snprintf(t->text_vi, sizeof t->text_vi, "%s",
             mc_dstate_final(d->state) ? "không có thời hạn" : "chưa tiếp nhận");
    t->ended = d->ended_at != 0;
    return;
  }
  t->known = true;
  t->effective_due = d->due_at + d->paused_seconds;
  if (d->ended_at) {
    t->ended = true;
    t->late = d->on_time == 0;
    split(t, d->late_seconds, day);
    span_vi(span, sizeof span, t);
    if (!t->late) snprintf(t->text_vi, sizeof t->text_vi, "đúng hạn");
    else if (d->late_seconds > 0) snprintf(t->text_vi, sizeof t->text_vi, "trễ hạn %s", span);
    else snprintf(t->text_vi, sizeof t->text_vi, "trễ hạn (yêu cầu bổ sung %d lần)", d->supplements);
    return;
  }
  if (d->paused_since) {
    /* The clock stopped at the request: what was left then is still left. */
    t->paused = true;
    mc_time eff = t->effective_due;
    if (d->paused_since <= eff) split(t, mc_cal_working_seconds(cal, s, d->paused_since, eff), day);
    else { t->late = true; split(t, mc_cal_working_seconds(cal, s, eff, d->paused_since), day); }
    span_vi(span, sizeof span, t);
    snprintf(t->text_vi, sizeof t->text_vi, "tạm dừng chờ bổ sung (%s %s)",
             t->late ? "đã quá hạn" : "còn", span);
    return;
  }
  mc_time_left_until(cal, t->effective_due, now, warn_seconds, t);
}

void mc_time_left_until(const mc_calendar *cal, mc_time due, mc_time now, int64_t warn_seconds,
                        mc_time_left *t) {
  const mc_sessions *s = mc_dossier_sessions;
  int64_t day = mc_cal_day_length(s);
  if (day <= 0) day = 1;
  if (warn_seconds < 0) warn_seconds = day;
  char span[48];
  *t = (mc_time_left){.known = true, .effective_due = due};
  if (now > due) {
    t->late = true;
    split(t, mc_cal_working_seconds(cal, s, due, now), day);
    span_vi(span, sizeof span, t);
    if (t->seconds >= 60) snprintf(t->text_vi, sizeof t->text_vi, "quá hạn %s", span);
    else snprintf(t->text_vi, sizeof t->text_vi, "quá hạn");
    return;
  }
  split(t, mc_cal_working_seconds(cal, s, now, due), day);
  t->soon = t->seconds < warn_seconds;
  span_vi(span, sizeof span, t);
  snprintf(t->text_vi, sizeof t->text_vi, "còn %s", span);
}

json_t *mc_time_left_json(const mc_time_left *t) {
  json_t *j = json_pack("{s:b, s:b, s:b, s:b, s:b, s:I, s:i, s:i, s:i, s:s}", "known", t->known,
                        "ended", t->ended, "paused", t->paused, "late", t->late, "soon", t->soon,
                        "seconds", (json_int_t)t->seconds, "days", t->days, "hours", t->hours,
                        "minutes", t->minutes, "text_vi", t->text_vi);
  if (t->known && !t->paused) json_object_set_new(j, "effective_due_at", mc_time_json(t->effective_due));
  return j;
}
