/* calendar.h — the Vietnamese working calendar (calendar.md).
 *
 * A calendar = generated public holidays (Labour Code art. 112, lunar Tết and
 * Hùng Kings' day) + per-year overrides from the database (extra days off,
 * make-up working days, each with its declaring document) + working sessions.
 * All deadline arithmetic in the system goes through this header.
 *
 * Range: 1900-01-01 … 2100-12-31 (MC_CAL_FIRST_YEAR … MC_CAL_LAST_YEAR). An
 * instant outside the range is clamped to it; a result that would fall after
 * it is the range's end (local midnight after 2100-12-31). Callers reading
 * dates from people (HTTP, CLI, imports) reject dates outside the range.
 *
 * Working days: Monday–Friday, minus public holidays, compensatory days off
 * and declared days off, plus declared make-up working days. A declared
 * override wins over everything generated.
 *
 * Working time. A day's sessions (default 07:30–11:30 and 13:30–17:00, 7.5 h)
 * are its working time; time outside them counts for nothing. Think of a
 * "working clock" W(t): the working seconds from the start of the range to t.
 * Then, with s = mc_cal_start(start) (the next instant the office is open):
 *   MC_TU_WORKING_DAYS  N → the instant at the same point of the working day
 *       N working days later: W(end) = W(s) + N × day length. Same clock time
 *       on the N-th next working day: Friday 10:00 + 1 → Monday 10:00;
 *       Monday 07:30 + 1 → Tuesday 07:30; a make-up Saturday counts.
 *   MC_TU_WORKING_HOURS N → the earliest instant with W(end) = W(s) + N h:
 *       Monday 07:30 + 4 h → Monday 11:30 (not 13:30); 10:00 + 4 h → 16:00;
 *       07:30 + 7.5 h → Monday 17:00.
 *   MC_TU_DAYS N → calendar days, as the Civil Code 2015 (art. 147–148) counts
 *       a period in days: the last day is day(s) + N; when it is not a working
 *       day the period ends on the next working day; the deadline is the end
 *       of that day's last session (the end of the working day).
 *   MC_TU_SAME_DAY → the end of the last session of s's working day (N ignored).
 * N ≤ 0 gives s itself. Every operation is O(1) or O(log n): per-day arrays
 * over the range and a cumulative working-day count.
 *
 * Time units of a procedure's processing time:                              */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/time.h"

enum { MC_CAL_FIRST_YEAR = 1900, MC_CAL_LAST_YEAR = 2100 };

typedef enum mc_time_unit {
  MC_TU_WORKING_DAYS = 0,   /* "ngày làm việc" */
  MC_TU_WORKING_HOURS,      /* "giờ làm việc" */
  MC_TU_DAYS,               /* calendar days ("ngày"): the end still moves to a working day */
  MC_TU_SAME_DAY,           /* "trong ngày": by the end of the receiving working day */
} mc_time_unit;

const char *mc_time_unit_name(mc_time_unit u);        /* "working_days", "working_hours", "days", "same_day" */
bool mc_time_unit_parse(const char *s, mc_time_unit *out);

/* Working sessions of one day, seconds after local midnight (default
 * 07:30–11:30 and 13:30–17:00). Per unit; NULL means the default. Sessions
 * are in order, non-empty and do not overlap (mc_sessions_check); a set that
 * fails the check is replaced by the default. */
enum { MC_MAX_SESSIONS = 4 };
typedef struct mc_sessions { int n; int start[MC_MAX_SESSIONS], end[MC_MAX_SESSIONS]; } mc_sessions;
extern const mc_sessions mc_default_sessions;
/* calendar.bad_sessions when s is not a valid set of sessions. */
mc_rc mc_sessions_check(const mc_sessions *s, mc_err *err);

/* The 15:00 rule: received after this second of the day (strictly) ⇒ counted
 * from the next working day's first session. */
enum { MC_CAL_RULE_1500_SEC = 15 * 3600 };

typedef struct mc_calendar mc_calendar;

/* The shared, immutable calendar built from the database (holidays generated
 * for 1900–2100 plus every override). Thread-safe; reference-counted:
 * mc_calendar_get returns the current one (rebuilt after mc_calendar_changed),
 * release it with mc_calendar_put. Changes made by another process (a CLI
 * import) are seen within a second: every change bumps the setting
 * "calendar.version", which mc_calendar_get re-reads at most once a second.
 * One database per process (tests that switch databases call
 * mc_calendar_changed). Do not call it inside a transaction that changes
 * overrides: it would read and share uncommitted rows. */
mc_rc mc_calendar_get(mc_db *db, const mc_calendar **out, mc_err *err);
void mc_calendar_put(const mc_calendar *c);
void mc_calendar_changed(void);    /* call after committing an override */

bool mc_cal_is_working_day(const mc_calendar *c, int32_t day);
/* Why a day is off: "weekend", "holiday: Tết Nguyên đán", "day off: <document>"; NULL if working. */
const char *mc_cal_day_note(const mc_calendar *c, int32_t day);

/* What a day is, with its name and declaring document (strings owned by c). */
typedef enum mc_day_kind {
  MC_DAY_WORKING = 0,       /* an ordinary working day (Monday–Friday) */
  MC_DAY_WEEKEND,           /* Saturday or Sunday */
  MC_DAY_HOLIDAY,           /* public holiday (Labour Code art. 112) */
  MC_DAY_COMPENSATORY,      /* day off in place of a holiday on a weekend */
  MC_DAY_DECLARED_OFF,      /* override: declared day off */
  MC_DAY_DECLARED_WORK,     /* override: declared (make-up) working day */
} mc_day_kind;
typedef struct mc_day_info {
  int32_t day;
  bool working;
  mc_day_kind kind;
  const char *name;         /* "Tết Nguyên đán", "Nghỉ bù Quốc khánh", an override's name; or NULL */
  const char *document;     /* the declaring document of an override, or NULL */
  const char *note;         /* mc_cal_day_note for days off; "make-up working day: …" for those; or NULL */
} mc_day_info;
void mc_cal_day_info(const mc_calendar *c, int32_t day, mc_day_info *out);
const char *mc_day_kind_name(mc_day_kind k);   /* "working", "weekend", "holiday", "compensatory", "declared_off", "declared_work" */

/* The instant counting starts from for something received at t: t itself when
 * inside a session; otherwise the start of the next session. With the 15:00
 * rule, a receipt after 15:00 counts from the next working day's first session. */
mc_time mc_cal_start(const mc_calendar *c, const mc_sessions *s, mc_time t, bool rule_1500);
/* start + amount units of working time (start is normalised by mc_cal_start
 * first). "1 working day from Friday 10:00 is Monday 10:00." */
mc_time mc_cal_add(const mc_calendar *c, const mc_sessions *s, mc_time start, int64_t amount,
                   mc_time_unit unit);
/* The earliest instant at which `seconds` of working time have passed since
 * start (start itself for seconds ≤ 0); O(1). The inverse of
 * mc_cal_working_seconds: working_seconds(start, result) == seconds. For
 * shares of a time limit (a workflow step's part of the deadline). */
mc_time mc_cal_add_working_seconds(const mc_calendar *c, const mc_sessions *s, mc_time start, int64_t seconds);
/* Working seconds in [a, b) (0 if b <= a). */
int64_t mc_cal_working_seconds(const mc_calendar *c, const mc_sessions *s, mc_time a, mc_time b);
/* Length of a working day in seconds under s (for "late by X days Y hours"). */
int64_t mc_cal_day_length(const mc_sessions *s);
/* The first working day after day (the range's end + 1 when there is none). */
int32_t mc_cal_next_working_day(const mc_calendar *c, int32_t day);

/* Lunar calendar at UTC+7 (Hồ Ngọc Đức's algorithm), 1900–2100. */
typedef struct mc_lunar { int year, month, day; bool leap; } mc_lunar;
bool mc_lunar_from_solar(int32_t day, mc_lunar *out);
bool mc_solar_from_lunar(const mc_lunar *l, int32_t *day);
/* Days (29 or 30) of a lunar month; 0 when there is no such month. */
int mc_lunar_month_days(int year, int month, bool leap);
/* The leap month of a lunar year (1–12), 0 when it has none. */
int mc_lunar_leap_month(int year);
/* The sexagenary name of a lunar year: 2025 → "Ất Tỵ" (buf ≥ 24). */
void mc_lunar_year_name(int year, char *buf, size_t n);

/* ---- public holidays (holidays.c) ----------------------------------------
 * Which days are holidays is law; which five days make Tết, and which day
 * joins 2 September, the government chooses. Those choices are data: rules
 * with year ranges, the last matching rule winning. Defaults (see holidays.c
 * for the sources): Tết = the last day of the old lunar year + the first 4 of
 * the new (first = -1, count = 5; 4 days before 2014), with the declared
 * choices of 2020, 2021, 2023, 2024, 2025 (two days before: first = -2);
 * the day joining 2 September from 2021: 3 Sep (2021, 2024), 1 Sep (2022,
 * 2023, and from 2025 on). Hùng Kings' day from 2007. The database setting
 * "calendar.holiday_rules" (JSON, mc_holiday_rules_parse) overrides them: each
 * member given replaces that part of the defaults.
 * A holiday on Saturday or Sunday gives a compensatory day off on the next
 * working day that is not itself a holiday or compensatory day. */
enum { MC_HOLIDAY_RULES_MAX = 64, MC_HOLIDAYS_PER_YEAR_MAX = 32 };
typedef struct mc_tet_rule { int from, to, first, count; } mc_tet_rule;        /* first: offset from 1/1 lunar */
typedef struct mc_national_day_rule { int from, to, offset; } mc_national_day_rule;  /* offset: -1 = 1 Sep, +1 = 3 Sep, 0 = none */
typedef struct mc_holiday_rules {
  int hung_kings_from;                 /* first year of Hùng Kings' day as a holiday */
  int ntet;
  mc_tet_rule tet[MC_HOLIDAY_RULES_MAX];
  int nnational;
  mc_national_day_rule national[MC_HOLIDAY_RULES_MAX];
} mc_holiday_rules;
extern const mc_holiday_rules mc_default_holiday_rules;

typedef struct mc_holiday { int32_t day; const char *name; bool compensatory; } mc_holiday;
/* The holidays and compensatory days of solar year y, in date order; returns
 * how many (≤ max), 0 outside 1900–2100. Names are static strings. */
int mc_holidays_generate(int y, const mc_holiday_rules *r, mc_holiday *out, int max);
/* {"hung_kings_from":2007, "tet":[{"from","to","first","count"}…],
 *  "national_day":[{"from","to","offset"}…]}: members absent keep the default. */
mc_rc mc_holiday_rules_parse(const char *json, size_t len, mc_holiday_rules *out, mc_err *err);
json_t *mc_holiday_rules_json(const mc_holiday_rules *r);
/* The rules in force: the setting when present, else the defaults. */
mc_rc mc_calendar_rules(mc_db *db, mc_holiday_rules *out, mc_err *err);
/* Validate and store rules (JSON text as above) in the setting
 * "calendar.holiday_rules"; NULL removes it (back to the defaults). */
mc_rc mc_calendar_set_rules(mc_db *db, const char *json, mc_err *err);

/* ---- overrides -------------------------------------------------------------- */

enum { MC_CAL_NAME_MAX = 200, MC_CAL_DOC_MAX = 200, MC_CAL_IMPORT_ROWS_MAX = 10000,
       MC_CAL_IMPORT_BYTES_MAX = 1 << 20 };
typedef struct mc_cal_override {
  int32_t day;
  bool work;                /* true: make-up working day; false: day off */
  const char *name;         /* "Nghỉ hoán đổi dịp 30/4–1/5" */
  const char *document;     /* "Thông báo 6150/TB-LĐTBXH", or NULL */
  const char *created_at;   /* when read from the database, else NULL */
  int line;                 /* CSV line / JSON item (1-based) when parsed, else 0 */
} mc_cal_override;

/* Parse (and check) overrides without touching the database; all-or-nothing.
 * Arrays and strings live in a. */
mc_rc mc_cal_overrides_parse(mc_arena *a, const char *format, const char *text, size_t len,
                             mc_cal_override **out, int *n, mc_err *err);
/* A private calendar from rules (NULL = defaults) and overrides, e.g. for
 * tests and tools; refcount 1, release with mc_calendar_put. */
mc_rc mc_calendar_build(const mc_holiday_rules *rules, const mc_cal_override *ov, int n,
                        const mc_calendar **out, mc_err *err);

/* Overrides (extra days off, make-up working days) from CSV
 * "date,kind,name,document" (kind: off | work) or JSON
 * [{"date","kind","name","document"}]. All rows or none; errors name the line.
 * CSV: UTF-8, RFC 4180, lines starting with '#' are comments, an optional
 * header "date,kind,name,document", empty document = none. An existing date
 * is replaced (re-importing a corrected file updates it). When the caller has
 * a transaction open the rows join it (the caller commits and then calls
 * mc_calendar_changed); otherwise the import is its own transaction. Codes:
 * calendar.bad_format, calendar.too_large, calendar.bad_date,
 * calendar.out_of_range, calendar.bad_kind, calendar.missing_name,
 * calendar.too_long, calendar.duplicate_date, calendar.too_many_rows (JSON;
 * csv.too_many_rows for CSV), csv.*, json.*; err->detail "line" (CSV) or
 * "item" (JSON). */
mc_rc mc_calendar_import(mc_db *db, const char *format, const char *text, size_t len,
                         int *count, mc_err *err);
/* Add one override; calendar.override_exists (conflict) when the date has one. */
mc_rc mc_cal_override_add(mc_db *db, const mc_cal_override *o, mc_err *err);
/* Remove the override of a date; calendar.no_override (not found) when none. */
mc_rc mc_cal_override_delete(mc_db *db, int32_t day, mc_err *err);
/* Overrides with from ≤ day ≤ to, in date order (arrays and strings in a). */
mc_rc mc_cal_overrides_list(mc_db *db, mc_arena *a, int32_t from, int32_t to,
                            mc_cal_override **out, int *n, mc_err *err);
