/* index_int.h — private to the index module (src/core/index*.c): the additive
 * counters kept per (procedure, granularity, day, unit), how a dossier's facts
 * contribute to them, and the readers that sum them over units and periods. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "core/index766.h"

/* The counters of one bucket row, in the column order of idx_bucket. */
enum {
  MC_IC_RCV, MC_IC_RCV_ONLINE, MC_IC_RCV_SYNCED, MC_IC_RCV_FEE, MC_IC_RCV_PAID,
  MC_IC_RCV_REUSED, MC_IC_RCV_STORE, MC_IC_RCV_VNEID, MC_IC_W_START,
  MC_IC_END_N, MC_IC_END_ONTIME, MC_IC_END_SECS, MC_IC_END_RES, MC_IC_END_ERES,
  MC_IC_END_DONE, MC_IC_END_DIG, MC_IC_END_BAD, MC_IC_W_END,
  MC_IC_COUNT
};

typedef struct mc_icounts { int64_t c[MC_IC_COUNT]; } mc_icounts;

/* Bucket granularities (idx_bucket.gran). */
enum { MC_IG_DAY = 1, MC_IG_MONTH = 2, MC_IG_ALL = 3 };

/* Flags bits of idx_dossier.flags. */
enum {
  MC_IF_HAS_FEE = 1 << 0, MC_IF_PAID_ONLINE = 1 << 1, MC_IF_HAS_RESULT = 1 << 2,
  MC_IF_E_RESULT = 1 << 3, MC_IF_DIGITISED = 1 << 4, MC_IF_REUSED = 1 << 5,
  MC_IF_STORE_LINKED = 1 << 6, MC_IF_VNEID = 1 << 7, MC_IF_SYNCED = 1 << 8,
  MC_IF_COMPLAINT = 1 << 9,
};

/* Ratings at or below this are "dissatisfied" (1 very dissatisfied, 2 dissatisfied). */
enum { MC_INDEX_DISSATISFIED_MAX = 2 };

/* The facts the index keeps of one received dossier (a row of idx_dossier). */
typedef struct mc_ifacts {
  int64_t dossier_id, unit_id, proc_id;
  int channel;
  mc_time received_at, due_at, eff_due, ended_at;
  int end_status, on_time, supplements;
  int64_t handling_seconds;
  int flags, rating;
} mc_ifacts;

/* One contribution: counters added at (unit, procedure, day). */
typedef struct mc_icontrib { int64_t unit_id, proc_id; int32_t day; mc_icounts v; } mc_icontrib;
enum { MC_ICONTRIB_MAX = 3 };

void mc_ifacts_from(const mc_dossier_facts *f, mc_ifacts *out);
/* The contributions of one dossier (0 … MC_ICONTRIB_MAX); none when not received. */
int mc_index_contrib(const mc_ifacts *f, mc_icontrib out[MC_ICONTRIB_MAX]);
/* End of the "open and within deadline" interval (r, b]: b, INT64_MAX when
 * unbounded, or 0 when the interval is empty (two or more supplement requests,
 * or the deadline not after reception). */
mc_time mc_index_within_end(const mc_ifacts *f);
/* First day of the month containing day. */
int32_t mc_index_month_start(int32_t day);

/* A set of units whose counters are summed, each into one of ngroups groups
 * (one group for a summary; one per child unit for a ranking). ids sorted. */
typedef struct mc_iscope {
  int n;
  const int64_t *unit_ids;
  const int *group;
  int ngroups;
} mc_iscope;

/* groups[g] += sign × counters of proc (0 = every procedure) over days [lo, hi)
 * (hi = INT32_MAX: to the end of time), read at day and month granularity. */
mc_rc mc_index_read_days(mc_db *db, const mc_iscope *s, int64_t proc, int32_t lo, int32_t hi,
                         int sign, mc_icounts *groups, mc_err *err);
/* groups[g] += the all-time counters. */
mc_rc mc_index_read_all(mc_db *db, const mc_iscope *s, int64_t proc, int sign, mc_icounts *groups,
                        mc_err *err);

/* The state of the dossiers at instant t (a local midnight, or now: instants
 * of reception and end are never in the future): how many were received and
 * not yet ended ("open"), and how many of those were within their deadline. */
typedef struct mc_iopen { int64_t open, within; } mc_iopen;
mc_rc mc_index_read_open_at(mc_db *db, const mc_iscope *s, int64_t proc, mc_time t,
                            mc_iopen *groups, mc_err *err);
