/* index_int.h — private to the index module (src/core/index*.c): the additive
 * counters kept per (procedure, granularity, day, unit), how a dossier's facts
 * contribute to them, and the readers that sum them over units and periods. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "core/index766.h"
#include "util/arena.h"

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

/* Activity kinds kept as bit sets per unit and day/month (idx_active):
 * procedures with ≥ 1 dossier received online, paid online, with VNeID. */
enum { MC_IACT_ONLINE, MC_IACT_PAID, MC_IACT_VNEID, MC_IACT_KINDS };
/* Procedure ids must stay below this to have an activity bit (bit sets of 512 KiB). */
#define MC_INDEX_PROC_ID_MAX (INT64_C(1) << 22)

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
/* OR into bits[(kind × ngroups + g) × nbytes …] the activity bit sets of
 * every unit of group g over days [lo, hi) (bit p = procedure id p). */
mc_rc mc_index_read_activity(mc_db *db, const mc_iscope *s, int32_t lo, int32_t hi, size_t nbytes,
                             unsigned char *bits, mc_err *err);
/* groups[g] += the all-time counters. */
mc_rc mc_index_read_all(mc_db *db, const mc_iscope *s, int64_t proc, int sign, mc_icounts *groups,
                        mc_err *err);

/* The state of the dossiers at instant t (a local midnight, or now: instants
 * of reception and end are never in the future): how many were received and
 * not yet ended ("open"), and how many of those were within their deadline. */
typedef struct mc_iopen { int64_t open, within; } mc_iopen;
mc_rc mc_index_read_open_at(mc_db *db, const mc_iscope *s, int64_t proc, mc_time t,
                            mc_iopen *groups, mc_err *err);
/* groups[g] += open dossiers within deadline whose deadline is in (t1, t2]. */
mc_rc mc_index_read_due_between(mc_db *db, const mc_iscope *s, int64_t proc, mc_time t1, mc_time t2,
                                int64_t *groups, mc_err *err);

/* ---- definitions (index_def.c) --------------------------------------------- */

/* What an indicator measures (the numerator/denominator definitions, in code;
 * which indicator uses which, with what maximum and rule, is edition data). */
typedef enum mc_imeasure {
  MC_IM_ANNOUNCED_ON_TIME, MC_IM_PUBLISHED_ON_TIME, MC_IM_PUBLISHED_IN_FULL, MC_IM_SYNCED,
  MC_IM_ON_TIME, MC_IM_HANDLING_TIME,
  MC_IM_PROCEDURES_ONLINE, MC_IM_ONLINE_SERVICES_USED, MC_IM_ONLINE_DOSSIERS,
  MC_IM_FEE_PROCEDURES_INTEGRATED, MC_IM_FEE_PROCEDURES_PAID_ONLINE, MC_IM_PAID_ONLINE,
  MC_IM_E_RESULTS, MC_IM_DIGITISED, MC_IM_E_CERTIFICATION_COMMUNES, MC_IM_REUSED,
  MC_IM_STORE_LINKED, MC_IM_POPULATION_PROCEDURES, MC_IM_POPULATION_DOSSIERS,
  MC_IM_FEEDBACK_TOPICS, MC_IM_FEEDBACK_ON_TIME, MC_IM_FEEDBACK_SATISFACTION, MC_IM_SATISFACTION,
  MC_IM_COUNT
} mc_imeasure;

const char *mc_imeasure_name(mc_imeasure m);
/* Measured on the procedure catalogue (needs it loaded). */
bool mc_imeasure_is_catalogue(mc_imeasure m);
bool mc_imeasure_parse(const char *s, mc_imeasure *out);

typedef enum mc_irule { MC_IR_LINEAR, MC_IR_FULL_AT, MC_IR_FULL_WHEN_NONE, MC_IR_SHOWN } mc_irule;
typedef enum mc_inodata { MC_IND_RENORMALISE, MC_IND_ZERO } mc_inodata;

typedef struct mc_iind {
  const char *code, *name;
  mc_imeasure measure;
  double max, threshold;      /* threshold: full_at only */
  mc_irule rule;
  int group;                  /* index into the edition's groups */
} mc_iind;

typedef struct mc_igroup { const char *code, *name; double max; int first, n; } mc_igroup;

enum { MC_INDEX_PARTS_MAX = 16, MC_INDEX_GROUPS_MAX = 12, MC_INDEX_INDICATORS_MAX = 64 };

/* Parts a published procedure must have for 1.3 ("published in full"). */
typedef enum mc_ipart {
  MC_IP_NAME, MC_IP_FIELD, MC_IP_COMPONENTS, MC_IP_TIME, MC_IP_AGENCY, MC_IP_RESULT,
  MC_IP_LEGAL_BASIS, MC_IP_FEES, MC_IP_EFORM, MC_IP_STEPS, MC_IP_COUNT
} mc_ipart;

typedef struct mc_iedition {
  const char *code, *name, *note;
  int32_t valid_from, valid_to;          /* [from, to) day numbers; INT32_MIN / INT32_MAX = open */
  double total_max;
  mc_inodata no_data;
  int announce_lead_days, publish_within_days;   /* working days */
  unsigned full_parts;                   /* bit per mc_ipart */
  const char *certification_field;       /* folded text a certification procedure's field contains */
  mc_igroup groups[MC_INDEX_GROUPS_MAX];
  int ngroups;
  mc_iind inds[MC_INDEX_INDICATORS_MAX];
  int ninds;
  json_t *doc;                           /* the file as loaded */
} mc_iedition;

/* Every edition, loaded once from the embedded files (sorted by valid_from). */
mc_rc mc_index_editions(const mc_iedition **out, int *n, mc_err *err);
/* By code, or the one in force on day when code is NULL. */
mc_rc mc_index_edition_pick(const char *code, int32_t day, const mc_iedition **out, mc_err *err);
/* Check and build an edition from its JSON (used for the embedded files and by tests). */
mc_rc mc_iedition_parse(json_t *doc, mc_iedition *out, mc_err *err);
const mc_iind *mc_iedition_find(const mc_iedition *e, const char *code);

/* The province's settings (province.json, or the setting "index766.province"). */
enum { MC_INDEX_BANDS_MAX = 10, MC_INDEX_TARGETS_MAX = 64, MC_INDEX_UNIT_KINDS = 5 };
typedef struct mc_iband { double min; const char *label; } mc_iband;
typedef struct mc_itarget { const char *indicator; double by_kind[MC_INDEX_UNIT_KINDS]; } mc_itarget;  /* 0 = none */
typedef struct mc_iconfig {
  bool successor_rollup;
  int64_t min_denominator;
  int soon_late_hours;
  bool public_summary;
  mc_iband bands[MC_INDEX_BANDS_MAX];    /* by descending min */
  int nbands;
  mc_itarget targets[MC_INDEX_TARGETS_MAX];
  int ntargets;
  json_t *doc;
} mc_iconfig;

/* Unit kinds as indexes: province, department, district, commune, other (-1 unknown). */
int mc_index_kind(const char *kind);
mc_rc mc_iconfig_parse(mc_arena *a, json_t *doc, mc_iconfig *out, mc_err *err);
/* The configuration in force (the setting, else the embedded default). */
mc_rc mc_iconfig_load(mc_db *db, mc_arena *a, mc_iconfig *out, mc_err *err);
double mc_iconfig_target(const mc_iconfig *c, const char *indicator, int kind);
const char *mc_iconfig_band(const mc_iconfig *c, double total);

/* ---- periods (index_period.c) ---------------------------------------------- */

typedef struct mc_iperiod {
  char kind;               /* 'Y' year, 'Q' quarter, 'M' month, 'W' ISO week, 'R' date range */
  int32_t lo, hi;          /* days [lo, hi) */
  char label[32];          /* "2025-Q3", "2025-W27", "2025-07-01..2025-07-31" */
} mc_iperiod;

enum { MC_INDEX_RANGE_DAYS_MAX = 3660 };

mc_rc mc_iperiod_parse(const char *period, const char *from, const char *to, mc_iperiod *out, mc_err *err);
/* The period of the same kind just before (week before, month before, …). */
void mc_iperiod_prev(const mc_iperiod *p, mc_iperiod *out);
/* The ISO week containing day. */
void mc_iperiod_week_of(int32_t day, mc_iperiod *out);
/* The instant the period is evaluated at: its end, or now if earlier. */
mc_time mc_iperiod_eval_at(const mc_iperiod *p, mc_time now);
json_t *mc_iperiod_json(const mc_iperiod *p, mc_time now);

/* ---- the unit tree (index_units.c) ----------------------------------------- */

typedef struct mc_iunit {
  int64_t id, parent_id;
  const char *code, *name, *kind_name;
  int kind;                          /* mc_index_kind */
  int32_t from, to;                  /* validity [from, to); INT32_MIN / INT32_MAX = open */
  int parent;                        /* index in the tree, -1 = root */
} mc_iunit;

typedef struct mc_itree {
  mc_iunit *u;                       /* sorted by id */
  int n;
  int64_t *succ_from, *succ_to;      /* successor links (predecessor id → successor id) */
  int nsucc;
} mc_itree;

mc_rc mc_itree_load(mc_db *db, mc_arena *a, mc_itree *t, mc_err *err);
int mc_itree_find_id(const mc_itree *t, int64_t id);
/* By code; NULL code = the root (the one unit without parent valid on day, else the first root). */
mc_rc mc_itree_find(const mc_itree *t, const char *code, int32_t day, int *out, mc_err *err);
bool mc_itree_valid_during(const mc_iunit *u, int32_t lo, int32_t hi);
/* Units counted for unit ix: its subtree, and with successor roll-up the subtrees
 * of the units whose work passed to it (transitively; a predecessor's
 * descendants that have successors of their own go to those). Writes indexes
 * into out (capacity t->n); returns the count. */
int mc_itree_scope(const mc_itree *t, int ix, bool successor, int *out);
/* Children of ix to show for the period (as_of: valid during [lo, hi);
 * successor: valid on `today`). Returns the count written to out. */
int mc_itree_children(const mc_itree *t, int ix, bool successor, int32_t lo, int32_t hi, int32_t today,
                      int *out);

/* A scope of several groups: entries (unit id, group), sorted by unit id;
 * a unit may be in several groups. */
typedef struct mc_iscope_b { int64_t *ids; int *group; int n, cap; } mc_iscope_b;
void mc_iscope_add(mc_arena *a, mc_iscope_b *b, int64_t unit_id, int group);
void mc_iscope_finish(mc_iscope_b *b, int ngroups, mc_iscope *out);

/* Split days [lo, hi) into at most three reads: days before the first whole
 * month, whole months, days after. hi = INT32_MAX reads months to the end. */
typedef struct mc_irange { int gran; int32_t lo, hi; } mc_irange;
int mc_index_split(int32_t lo, int32_t hi, mc_irange out[3]);

/* ---- the catalogue (index_catalogue.c) ------------------------------------- */

typedef struct mc_iproc {
  int64_t id;
  const char *code, *name;
  const char *field_fold;            /* the field's name folded (util/fold.h), "" if unknown */
  unsigned kinds;                    /* bit per unit kind that handles it; 0 = any */
  bool active, online, fee, integrated, citizen;
  int32_t decided, effective, published;   /* 0 = unknown */
  unsigned parts;                    /* bit per mc_ipart present */
} mc_iproc;

typedef struct mc_icatalogue { mc_iproc *p; int n; } mc_icatalogue;

/* Read the catalogue into the arena. */
mc_rc mc_icatalogue_load(mc_db *db, mc_arena *a, mc_icatalogue *out, mc_err *err);
/* The catalogue from a process-wide cache, reloaded when the procedures
 * change (their count, ids, last update, fee and component lines) or after
 * MC_INDEX_CATALOGUE_TTL seconds; *ref must be given to _release. */
enum { MC_INDEX_CATALOGUE_TTL = 600 };
mc_rc mc_icatalogue_acquire(mc_db *db, mc_icatalogue *out, void **ref, mc_err *err);
void mc_icatalogue_release(void *ref);
int mc_icatalogue_find(const mc_icatalogue *c, int64_t id);

/* ---- measuring (index_measure.c) ------------------------------------------- */

typedef struct mc_ival { int64_t num, den; } mc_ival;

/* Everything measured for one group of units. */
typedef struct mc_imeasures {
  mc_ival v[MC_IM_COUNT];
  mc_icounts period;                 /* the counters of the period */
  mc_iopen at_end;                   /* open dossiers at the evaluation instant */
  int64_t late_ended, bad_ended;     /* 6.4: ended late, ended with a complaint or bad rating */
} mc_imeasures;

/* One evaluation: a period, an optional procedure, groups of units. */
typedef struct mc_ireq {
  mc_db *db;
  mc_arena *a;
  const mc_iedition *ed;
  const mc_itree *tree;
  const mc_icatalogue *cat;          /* NULL: catalogue indicators have no data */
  int64_t proc_id;                   /* 0 = every procedure */
  mc_iperiod period;
  mc_time now;
  mc_iscope scope;
  /* Optional: the open dossiers at the period's start, per group (a trend
   * walks weeks and carries them over instead of reading them again). */
  const mc_iopen *open_at_start;
} mc_ireq;

mc_rc mc_index_measure(const mc_ireq *r, mc_imeasures *out, mc_err *err);
/* Catalogue measures (1.1–1.3, 3.1, 3.2, 4.1, 4.2, 5.3, 5.6) into out[group]. */
mc_rc mc_index_measure_catalogue(const mc_ireq *r, mc_imeasures *out, mc_err *err);
/* The procedures in measure m's denominator for group 0 (in catalogue order),
 * each with whether it is in the numerator; for 5.3, the communes. */
mc_rc mc_icatalogue_members(const mc_ireq *r, mc_imeasure m, void (*cb)(void *ctx, const mc_iproc *p, bool in_num),
                            void *ctx, mc_err *err);
mc_rc mc_icatalogue_communes(const mc_ireq *r, void (*cb)(void *ctx, int unit, bool in_num), void *ctx, mc_err *err);

/* ---- scoring (index_measure.c) --------------------------------------------- */

typedef enum mc_istatus {
  MC_IS_OK,                 /* scored */
  MC_IS_NO_DATA,            /* denominator 0: points null, not zero */
  MC_IS_FULL_WHEN_NONE,     /* denominator 0 under rule full_when_none: full points */
  MC_IS_SHOWN,              /* shown, not scored */
} mc_istatus;

typedef struct mc_iscore { double value, points; mc_istatus status; bool has_value; } mc_iscore;

typedef struct mc_iresult {
  mc_iscore ind[MC_INDEX_INDICATORS_MAX];
  double group[MC_INDEX_GROUPS_MAX];         /* points; valid when group_has */
  double group_scored_max[MC_INDEX_GROUPS_MAX];   /* maxima of its indicators with data */
  bool group_has[MC_INDEX_GROUPS_MAX];
  double total, coverage;                    /* coverage: share of total_max with data */
  bool total_has;
} mc_iresult;

/* Points of one indicator from its numerator and denominator. */
mc_iscore mc_index_score_one(const mc_iind *ind, const mc_ival *v);
void mc_index_score(const mc_iedition *ed, const mc_imeasures *m, mc_iresult *out);
/* Why a measure has no data of its own (NULL when it simply had no dossiers). */
const char *mc_imeasure_unavailable(mc_imeasure m);

/* ---- one reading of the index (index_query.c) ------------------------------ */

typedef enum mc_iaccess { MC_IA_SUMMARY, MC_IA_RANKING, MC_IA_TREND, MC_IA_IOC, MC_IA_DOSSIERS } mc_iaccess;

typedef struct mc_ictx {
  mc_db *db;
  mc_arena *a;
  mc_iconfig cfg;
  mc_itree tree;
  mc_icatalogue cat;
  const mc_iedition *ed;
  mc_iperiod period, prev;
  mc_time now;
  bool successor;
  int unit;                          /* index in tree */
  const mc_iproc *proc;              /* NULL = every procedure */
  void *cat_ref;                     /* the cached catalogue held by this reading */
  bool public_view;                  /* an anonymous reader */
} mc_ictx;

/* Parse and check a query, load what it needs, check the reader's access. */
mc_rc mc_ictx_open(mc_db *db, const mc_index_query *q, mc_iaccess what, mc_ictx *c, mc_err *err);
void mc_ictx_close(mc_ictx *c);
/* Scope of units of the tree, one group per entry of ix[]. */
void mc_ictx_scope(mc_ictx *c, const int *ix, int n, mc_iscope *out);
/* Measure and score groups over a period. */
mc_rc mc_ictx_eval(mc_ictx *c, const mc_iperiod *p, const mc_iscope *s, mc_imeasures *m, mc_iresult *res,
                   mc_err *err);
json_t *mc_ictx_unit_json(const mc_ictx *c, int ix);
/* Round for display (points and rates: 2 decimals; ratios 4). */
double mc_index_round(double v, int decimals);
json_t *mc_index_result_json(const mc_ictx *c, int unit, const mc_imeasures *m, const mc_iresult *res,
                             const mc_imeasures *pm, const mc_iresult *pres);
mc_rc mc_index_summary_ctx(mc_ictx *c, json_t **out, mc_err *err);
mc_rc mc_index_ranking_ctx(mc_ictx *c, const char *indicator, bool compact, json_t **out, mc_err *err);
/* {known, ended, paused, late, soon, days, hours, minutes} of an effective
 * deadline as seen at now (wall-clock time; the shape dossier lists use). */
json_t *mc_index_time_left_json(mc_time eff_due, mc_time ended_at, int supplements, mc_time now, int soon_hours);

/* ---- the recount (index_recount.c) -----------------------------------------
 * A second aggregation of the counters, written from the definitions in
 * docs/index766.md and not from mc_index_contrib, which mc_index_verify holds
 * against the stored ones. Buckets of the procedures in [lo, hi) (proc 0, the
 * totals, belongs to the range containing 0), in an open-addressing table. */
typedef struct mc_irc_entry {
  int64_t proc, unit;
  int32_t day;
  uint8_t gran;              /* MC_IG_*; 0 = free slot */
  uint8_t seen;              /* verification marks: bit 0 the stored row, bit 1 + k activity kind k */
  mc_icounts v;
} mc_irc_entry;

typedef struct mc_irecount {
  mc_irc_entry *e;
  size_t cap, n;
  int64_t lo, hi;            /* procedures counted: lo ≤ proc < hi */
} mc_irecount;

/* Start an empty recount of procedures [lo, INT64_MAX). false: out of memory. */
bool mc_irecount_init(mc_irecount *r, int64_t lo);
void mc_irecount_release(mc_irecount *r);
/* Add what a dossier with facts f contributes (nothing when not received). */
bool mc_irecount_add(mc_irecount *r, const mc_ifacts *f);
mc_irc_entry *mc_irecount_find(const mc_irecount *r, int64_t proc, int gran, int32_t day, int64_t unit);
/* Lower hi so that about half of the entries remain, dropping the others
 * (they are counted by a later pass). false when every entry is of one
 * procedure (nothing can be dropped). */
bool mc_irecount_shrink(mc_irecount *r);
/* The activity counter of kind k (MC_IACT_*) in a bucket's counters. */
int64_t mc_irecount_activity(const mc_icounts *v, int k);
/* Whether the recount sets entry x's activity bit of kind k. */
bool mc_irecount_expect_bit(const mc_irc_entry *x, int k);

/* ---- writing the recount (index_load.c) ------------------------------------
 * Add every bucket of r to idx_bucket (upserts that add) and OR its activity
 * bits into idx_active; *buckets counts the buckets written. A dossier's
 * idx_dossier row. Inside the caller's transaction. */
mc_rc mc_irecount_write(mc_db *db, const mc_irecount *r, int64_t *buckets, mc_err *err);
mc_rc mc_ifacts_put(mc_db *db, const mc_ifacts *f, mc_err *err);
