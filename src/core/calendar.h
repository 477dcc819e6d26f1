/* calendar.h — the Vietnamese working calendar (calendar.md).
 *
 * A calendar = generated public holidays (Labour Code art. 112, lunar Tết and
 * Hùng Kings' day) + per-year overrides from the database (extra days off,
 * make-up working days, each with its declaring document) + working sessions.
 * All deadline arithmetic in the system goes through this header.
 *
 * Time units of a procedure's processing time:                              */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "store/db.h"
#include "util/err.h"
#include "util/time.h"

typedef enum mc_time_unit {
  MC_TU_WORKING_DAYS = 0,   /* "ngày làm việc" */
  MC_TU_WORKING_HOURS,      /* "giờ làm việc" */
  MC_TU_DAYS,               /* calendar days ("ngày"): the end still moves to a working day */
  MC_TU_SAME_DAY,           /* "trong ngày": by the end of the receiving working day */
} mc_time_unit;

const char *mc_time_unit_name(mc_time_unit u);        /* "working_days", "working_hours", "days", "same_day" */
bool mc_time_unit_parse(const char *s, mc_time_unit *out);

/* Working sessions of one day, seconds after local midnight (default
 * 07:30–11:30 and 13:30–17:00). Per unit; NULL means the default. */
enum { MC_MAX_SESSIONS = 4 };
typedef struct mc_sessions { int n; int start[MC_MAX_SESSIONS], end[MC_MAX_SESSIONS]; } mc_sessions;
extern const mc_sessions mc_default_sessions;

typedef struct mc_calendar mc_calendar;

/* The shared, immutable calendar built from the database (holidays generated
 * for 1900–2100 plus every override). Thread-safe; reference-counted:
 * mc_calendar_get returns the current one (rebuilt after mc_calendar_changed),
 * release it with mc_calendar_put. */
mc_rc mc_calendar_get(mc_db *db, const mc_calendar **out, mc_err *err);
void mc_calendar_put(const mc_calendar *c);
void mc_calendar_changed(void);    /* call after committing an override */

bool mc_cal_is_working_day(const mc_calendar *c, int32_t day);
/* Why a day is off: "weekend", "holiday: Tết Nguyên đán", "day off: <document>"; NULL if working. */
const char *mc_cal_day_note(const mc_calendar *c, int32_t day);

/* The instant counting starts from for something received at t: t itself when
 * inside a session; otherwise the start of the next session. With the 15:00
 * rule, a receipt after 15:00 counts from the next working day's first session. */
mc_time mc_cal_start(const mc_calendar *c, const mc_sessions *s, mc_time t, bool rule_1500);
/* start + amount units of working time (start is normalised by mc_cal_start
 * first). "1 working day from Friday 10:00 is Monday 10:00." */
mc_time mc_cal_add(const mc_calendar *c, const mc_sessions *s, mc_time start, int64_t amount,
                   mc_time_unit unit);
/* Working seconds in [a, b) (0 if b <= a). */
int64_t mc_cal_working_seconds(const mc_calendar *c, const mc_sessions *s, mc_time a, mc_time b);
/* Length of a working day in seconds under s (for "late by X days Y hours"). */
int64_t mc_cal_day_length(const mc_sessions *s);

/* Lunar calendar at UTC+7 (Hồ Ngọc Đức's algorithm), 1900–2100. */
typedef struct mc_lunar { int year, month, day; bool leap; } mc_lunar;
bool mc_lunar_from_solar(int32_t day, mc_lunar *out);
bool mc_solar_from_lunar(const mc_lunar *l, int32_t *day);

/* Overrides (extra days off, make-up working days) from CSV
 * "date,kind,name,document" (kind: off | work) or JSON
 * [{"date","kind","name","document"}]. All rows or none; errors name the line. */
mc_rc mc_calendar_import(mc_db *db, const char *format, const char *text, size_t len,
                         int *count, mc_err *err);
