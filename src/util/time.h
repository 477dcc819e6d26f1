/* time.h — instants and civil dates in Vietnam time (UTC+7, no DST).
 *
 * An instant is int64 seconds since the Unix epoch (UTC). A civil date is an
 * int32 day number (days since 1970-01-01) or y/m/d. "Local" always means
 * Asia/Ho_Chi_Minh, the zone of every legal deadline in this system.        */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { MC_TZ_OFFSET = 7 * 3600 };

typedef int64_t mc_time;   /* seconds since epoch, UTC */

int32_t mc_days_from_civil(int y, int m, int d);
void mc_civil_from_days(int32_t days, int *y, int *m, int *d);
int mc_weekday(int32_t days);                  /* 0 = Sunday … 6 = Saturday */
bool mc_date_valid(int y, int m, int d);
int32_t mc_local_day(mc_time t);               /* local civil day of an instant */
int mc_local_sec_of_day(mc_time t);            /* 0 … 86399 */
mc_time mc_local_instant(int32_t day, int sec_of_day);

/* "2025-07-01T08:00:00+07:00" (buf ≥ 26). */
void mc_time_format(mc_time t, char *buf, size_t n);
/* "2025-07-01" (buf ≥ 11). */
void mc_date_format(int32_t day, char *buf, size_t n);
/* Accepts "YYYY-MM-DD" (local midnight), "YYYY-MM-DDTHH:MM[:SS]" (local),
 * and the same with "Z" or "±HH:MM". */
bool mc_time_parse(const char *s, mc_time *out);
bool mc_date_parse(const char *s, int32_t *out);

/* The clock. Tests and simulations may shift it; production never does. */
mc_time mc_now(void);
void mc_clock_set_offset(int64_t seconds);
