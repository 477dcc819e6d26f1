/* index766.h — the service-quality index of Decision 766 (index766.md).
 *
 * The dossier core describes each dossier by its facts and tells the index
 * every change, inside the transaction that makes it: the index keeps its
 * counters by subtracting the old facts and adding the new ones, so the live
 * figures always equal a full recomputation from the dossiers.            */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "core/auth.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/time.h"

typedef struct mc_dossier_facts {
  int64_t dossier_id;
  int64_t unit_id;           /* handling unit (rolls up the unit tree) */
  int64_t procedure_id;
  int channel;               /* 1 in person, 2 online, 3 postal */
  int status;                /* national status code 1–10 (dossiers.md) */
  mc_time submitted_at;
  mc_time received_at;       /* 0 = not (yet) received */
  mc_time due_at;            /* return date fixed at reception (apology letters do not move it) */
  mc_time effective_due_at;  /* due_at + supplement pauses; INT64_MAX while paused */
  mc_time ended_at;          /* first final event by priority (dossiers.md); 0 = open */
  int end_status;            /* status code of that end: 9, 10, 3, 7 or 8; 0 = open */
  int supplements;           /* supplement requests so far */
  int on_time;               /* frozen verdict once ended: 1 on time, 0 late; -1 open */
  int64_t handling_seconds;  /* ended: working seconds from reception to end, minus pauses */
  bool has_fee;              /* a non-zero fee applies */
  bool paid_online;          /* every non-zero fee paid through an online channel */
  bool has_result;           /* the procedure yields a result */
  bool e_result;             /* an electronic result was issued */
  bool digitised;            /* components digitised at reception */
  bool reused;               /* ≥ 1 component reused from the document store */
  bool store_linked;         /* uses or feeds the national document store */
  bool vneid;                /* submitted by a VNeID-authenticated account / population data */
  bool synced;               /* synced to the national portal */
  int rating;                /* 0 none, 1 very dissatisfied … 5 very satisfied */
  bool complaint;            /* a complaint was filed about it */
} mc_dossier_facts;

/* Record a change. before == NULL for a new dossier. Call inside the transaction. */
mc_rc mc_index_record(mc_db *db, const mc_dossier_facts *before, const mc_dossier_facts *after,
                      mc_err *err);

/* ---- Reading the index ------------------------------------------------------
 *
 * Every reader takes one query: a unit's subtree, a period, optionally one
 * procedure, an edition and a roll-up mode, and returns JSON built in the
 * arena's lifetime (the caller owns the reference). Indicators, scoring rules
 * and group maxima come from the edition files data/index766/<edition>.json;
 * the province's bands, targets, ranking minimum and roll-up default from
 * data/index766/province.json, overridden by the setting "index766.province"
 * (mc_index_config_put). docs/index766.md documents every definition.        */

enum {
  MC_INDEX_TREND_WEEKS_MAX = 260,      /* five years of weekly values */
  MC_INDEX_PAGE_MAX = 500,             /* drill-down page size */
  MC_INDEX_EXPORT_MAX = 200000,        /* rows of one CSV export */
  MC_INDEX_CONFIG_MAX = 64 * 1024,     /* bytes of the province configuration */
};

typedef struct mc_index_query {
  const char *unit;        /* unit code; NULL = the root of the tree (the province) */
  const char *period;      /* "2025", "2025-Q3", "2025-07", "2025-W27" (ISO week); or NULL with from/to */
  const char *from, *to;   /* "YYYY-MM-DD", both days included */
  const char *procedure;   /* procedure code; NULL = every procedure */
  const char *edition;     /* NULL = the edition in force on the period's last day */
  const char *rollup;      /* "as_of" (the tree of the period) | "successor" (old units counted
                              in the units that took over their work); NULL = province setting */
  mc_time now;             /* 0 = mc_now(); figures are as known at this instant */
  const mc_principal *who; /* the reader, checked against the unit; NULL = the command line */
  bool anonymous;          /* a reader not logged in: the public summary only */
} mc_index_query;

/* Without period or from/to: the current month. */
/* Total, groups, every indicator (numerator, denominator, ratio, points,
 * target, progress) and the change against the previous period of the same
 * kind; period and previous period bounds; edition; rating band. */
mc_rc mc_index_summary(mc_db *db, const mc_index_query *q, json_t **out, mc_err *err);
/* The children of q->unit valid in the period, each with its subtree's
 * figures, ranked by total (indicator NULL) or by one indicator's ratio. Units
 * whose denominator is below the province minimum are "insufficient data" and
 * listed after the ranked ones, without a rank. */
mc_rc mc_index_ranking(mc_db *db, const mc_index_query *q, const char *indicator, json_t **out,
                       mc_err *err);
/* Weekly values of one indicator (or of the total when indicator is NULL)
 * for the `weeks` ISO weeks ending with the week of q->period's last day
 * (or of now). */
mc_rc mc_index_trend(mc_db *db, const mc_index_query *q, const char *indicator, int weeks,
                     json_t **out, mc_err *err);
/* What a dashboard shows in one call: the summary with changes, targets,
 * the ranking of child units, and the dossiers now late or soon late. */
mc_rc mc_index_ioc(mc_db *db, const mc_index_query *q, json_t **out, mc_err *err);

/* The dossiers behind an indicator: filter names a subset (see
 * mc_index_filters_json: "late", "not_paid_online", "all", …). */
typedef struct mc_index_drill {
  const char *indicator;   /* "2.1", "4.3", … */
  const char *filter;      /* NULL = the indicator's default (what costs points) */
  int64_t limit, offset;
} mc_index_drill;
mc_rc mc_index_dossiers(mc_db *db, const mc_index_query *q, const mc_index_drill *d,
                        json_t **page, mc_err *err);
/* The same list, every row, as CSV (UTF-8 with BOM, for spreadsheets). */
mc_rc mc_index_dossiers_csv(mc_db *db, const mc_index_query *q, const mc_index_drill *d,
                            mc_buf *out, mc_err *err);
/* Indicators that can be drilled into, with their filters. */
json_t *mc_index_filters_json(void);

/* Access (checked by every reader from q->who / q->anonymous): admin and
 * province leaders read every unit; unit leaders their unit's subtree;
 * officers and specialists their own unit; citizens nothing; anonymous
 * readers the summary only, when the province publishes it (public_summary).
 * Without q->unit a reader sees their own unit (leaders of the province and
 * admins: the province). */

/* Editions, as loaded (code, name, validity, groups and indicators). */
mc_rc mc_index_editions_json(json_t **out, mc_err *err);
/* The province configuration in force; replace it (validated; stored in settings). */
mc_rc mc_index_config_json(mc_db *db, json_t **out, mc_err *err);
mc_rc mc_index_config_put(mc_db *db, const json_t *doc, mc_err *err);

/* ---- Verification ------------------------------------------------------------
 *
 * mc_index_verify recomputes the index from the dossiers and compares it with
 * what is stored:
 *   (a) every dossier's facts, derived from its row exactly as the dossier core
 *       derives them (mc_dossier_facts_of), against its idx_dossier row (a
 *       received dossier must have one, any other none);
 *   (b) every counter of idx_bucket (day, month and all-time; each procedure
 *       and the totals, procedure 0) and every bit of idx_active, against a
 *       recount from those facts written separately from mc_index_record
 *       (index_recount.c).
 * It reads one consistent state: inside the caller's transaction if one is
 * open, else in its own (SQLite: the write transaction, so writers wait while
 * it runs; PostgreSQL: a repeatable-read snapshot, writers go on). It holds at
 * most max_buckets recounted buckets in memory (up to ≈ 700 bytes each while
 * its table grows: ≈ 1.4 GB at the default); a larger
 * index is checked in several passes over the dossiers, each over a range of
 * procedure ids. MC_OK when everything is equal; MC_ECONFLICT
 * "index.mismatch" (the first difference in the message) when not, with the
 * report filled; other codes for storage failures (report partly filled). */
enum {
  MC_INDEX_VERIFY_DIFFS_MAX = 50,              /* differences listed in a report */
  MC_INDEX_VERIFY_BUCKETS_DEFAULT = 2000000,   /* recounted buckets in memory at once */
};

typedef struct mc_index_diff {
  char what[200];            /* "dossier CODE: ended_at", "bucket (procedure P, unit U, day D): rcv", … */
  int64_t stored, recomputed;   /* for a row that should (not) exist: 1 present, 0 absent */
} mc_index_diff;

typedef struct mc_index_verify_report {
  /* Set by the caller (0 = default). */
  int64_t max_buckets;       /* recounted buckets held in memory at once */
  int max_diffs;             /* differences to list, ≤ MC_INDEX_VERIFY_DIFFS_MAX */
  /* Filled in. */
  int64_t dossiers;          /* dossier rows read */
  int64_t facts;             /* idx_dossier rows compared (or written by a repair) */
  int64_t buckets;           /* bucket keys compared, stored or recounted (or written) */
  int64_t counters;          /* values compared: every column of every bucket, every activity bit */
  int passes;                /* passes over the dossiers */
  int64_t differences;       /* differing values in all (≥ ndiffs) */
  int ndiffs;
  mc_index_diff diffs[MC_INDEX_VERIFY_DIFFS_MAX];
} mc_index_verify_report;

mc_rc mc_index_verify(mc_db *db, mc_index_verify_report *rep, mc_err *err);

/* Rebuild idx_dossier, idx_bucket and idx_active from the dossiers (after a
 * restore, or once a verification found differences) in one transaction (the
 * caller's if open): the index's tables are emptied and written from the same
 * recount. Writers of dossiers wait meanwhile (PostgreSQL: the index's tables
 * are locked first). Fills dossiers, facts, buckets and passes. */
mc_rc mc_index_repair(mc_db *db, mc_index_verify_report *rep, mc_err *err);

/* ---- Bulk loading --------------------------------------------------------------
 *
 * A writer of many new dossiers at once (the simulator) counts each one's
 * facts into a load in memory, any thread (mc_index_load_add), writes its
 * idx_dossier row beside the dossier (mc_index_load_facts), and adds the
 * load's buckets and activity bits to the index (mc_index_load_write, which
 * empties it): what mc_index_repair would write for those dossiers, without
 * reading them back. Writes go into the caller's transaction. A load holds
 * ≈ 170 bytes per bucket (up to ≈ 500 while its table grows); write it when
 * mc_index_load_buckets passes a bound. Counting the same dossier twice, or
 * one whose facts the index already holds, counts it twice.              */
typedef struct mc_index_load mc_index_load;
mc_index_load *mc_index_load_new(void);   /* NULL: out of memory */
void mc_index_load_free(mc_index_load *l);
bool mc_index_load_add(mc_index_load *l, const mc_dossier_facts *f);   /* false: out of memory */
int64_t mc_index_load_buckets(const mc_index_load *l);
mc_rc mc_index_load_facts(mc_db *db, const mc_dossier_facts *f, mc_err *err);
mc_rc mc_index_load_write(mc_db *db, mc_index_load *l, mc_err *err);
