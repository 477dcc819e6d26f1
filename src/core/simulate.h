/* simulate.h — a province in a box: a reproducible synthetic history of
 * dossiers for demos, benchmarks and soak tests (`motcua simulate`).
 *
 * The simulator takes the province already in the database (units of the old
 * and the new model, the procedure catalogue, the working calendar; `motcua
 * demo` loads one) and writes, day by day over [from, to], the dossiers its
 * citizens and businesses would have filed:
 *   - arrivals: a daily volume that grows over the years, lulls on days off
 *     and around Tết (a rush the two weeks before, a slow week after), desk
 *     arrivals in office hours with morning and afternoon peaks, online
 *     arrivals round the clock with a daytime profile;
 *   - who and what: units valid on the day, weighted by kind and size; a
 *     per-kind procedure mix with a long (Zipf) tail; citizens and businesses
 *     from deterministic pools (names, 12-digit personal numbers, tax codes),
 *     citizen accounts created through the national SSO when a person first
 *     files online;
 *   - channels shifting over the years (online grows linearly, postal is a
 *     small share of desk dossiers), e-forms filled to each procedure's form;
 *   - lives that follow the workflow engine's table: reception (or refusal),
 *     supplement requests before and after reception (clock paused),
 *     financial obligations paid online or at the desk, each processing step
 *     on its share of the deadline, a step sent back for rework, late
 *     dossiers with apology letters,
 *     withdrawals, stops, digitised components and documents reused from the
 *     citizen's store, electronic results, return, ratings, complaints, sync
 *     to the national portal. Dossiers still open at `now` stay open.
 * Rates are per unit kind (mc_sim_rates) with defaults from the project's
 * seed figures: online 22 %, paid online 34 % of dossiers with a fee, on
 * time 92 %, satisfaction 98 % (ratings not dissatisfied). They are targets:
 * the life model is tuned so that the outcome rates come out near them, and
 * mc_sim_stats reports the rates actually produced.
 *
 * Reproducible: the same seed, options and starting database give the same
 * rows. Every random draw comes from a stream keyed by (seed, day, dossier),
 * so the batch size does not change the history.
 *
 * Two writers:
 *   - bulk (default): each dossier's whole life is played in memory by the
 *     same rules as the engine (dossier_act.c: deadlines on the working
 *     calendar, step timing, pauses, the frozen end) and written with named
 *     queries in large transactions: the dossier row, its events, form-06
 *     steps, attachments and file rows, the code counters. The 766 index:
 *     the planner counts each dossier's final facts in memory (mc_index_load)
 *     and the writer writes its idx_dossier row, then the counted buckets,
 *     after the last batch or whenever the count holds
 *     MC_INDEX_VERIFY_BUCKETS_DEFAULT buckets; or, with index =
 *     MC_SIM_INDEX_REBUILD, it is rebuilt from the dossiers by the index
 *     module (mc_index_repair) in one transaction; or kept by mc_index_record
 *     per dossier with MC_SIM_INDEX_RECORD. Per-event audit entries are not written: the run
 *     writes the audit entries "simulate.start" and "simulate.finish".
 *   - engine: every action goes through mc_dossier_submit / _act / _attach
 *     (one transaction each, with audit entries), slowly. Tests check that
 *     both writers produce the same rows (tests/core/test_simulate.c).
 * Facts that no engine action sets yet (paid online, synced to the national
 * portal, complaint) are set by the bulk writer only.                      */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "store/db.h"
#include "util/err.h"
#include "util/time.h"

/* Unit kinds, in the order of the rates table. */
enum { MC_SIM_PROVINCE, MC_SIM_DEPARTMENT, MC_SIM_DISTRICT, MC_SIM_COMMUNE, MC_SIM_OTHER, MC_SIM_KINDS };

enum {
  MC_SIM_DOSSIERS_MAX = 1000000000,   /* one run */
  MC_SIM_BATCH_MAX = 1000000,         /* dossiers per transaction */
  MC_SIM_RATES_MAX = 64 * 1024,       /* bytes of a rates file */
};

/* Rates of one unit kind; shares are 0–1. */
typedef struct mc_sim_rates {
  double weight;        /* relative daily volume of one unit of this kind */
  double online;        /* dossiers filed online, at the middle of the range */
  double online_slope;  /* change of `online` per year (the channel shift) */
  double postal;        /* of the dossiers not filed online, those sent by post */
  double refused;       /* refused at reception */
  double pre_supplement;/* online dossiers found incomplete before reception */
  double supplement;    /* received dossiers with a supplement request (clock paused) */
  double withdrawn;     /* withdrawn by the applicant */
  double stopped;       /* processing stopped */
  double sent_back;     /* sent back from a later processing step to the one before it */
  double on_time;       /* ended dossiers that end on time */
  double apology;       /* late dossiers for which an apology letter is sent */
  double paid_online;   /* dossiers with a fee paid through an online channel */
  double digitised;     /* desk dossiers whose components are digitised at reception */
  double reused;        /* dossiers reusing a component from the citizen's document store */
  double e_result;      /* results issued electronically (where the procedure allows) */
  double vneid;         /* online dossiers filed in a VNeID-authenticated session */
  double synced;        /* dossiers synced to the national portal */
  double rated;         /* returned dossiers with an owner account that get a rating */
  double satisfied;     /* ratings that are not "dissatisfied" (3–5 of 5; 1–2 count against 6.4) */
  double complaint;     /* ended dossiers with a complaint */
} mc_sim_rates;

typedef enum mc_sim_index {
  MC_SIM_INDEX_COUNT = 0,    /* bulk writer: the planner counts each dossier's final facts (mc_index_load) */
  MC_SIM_INDEX_REBUILD,      /* bulk writer: mc_index_repair once, after the last batch */
  MC_SIM_INDEX_RECORD,       /* mc_index_record once per dossier with its final facts */
} mc_sim_index;

typedef struct mc_sim_params {
  uint64_t seed;
  int64_t dossiers;          /* how many to file over [from, to] */
  int32_t from, to;          /* day numbers, both included */
  mc_time now;               /* events after this instant are not written (0 = mc_now()) */
  double growth;             /* yearly growth of the volume (0.08 = 8 %) */
  double zipf;               /* exponent of the procedure mix (1.1) */
  mc_sim_rates rates[MC_SIM_KINDS];
  const char *data_dir;      /* where attachment bytes are stored (files.h) */
  int64_t batch;             /* dossiers per transaction (bulk writer) */
  mc_sim_index index;
  int64_t index_buckets;     /* MC_SIM_INDEX_COUNT: buckets counted in memory before they are
                                written (0 = MC_INDEX_VERIFY_BUCKETS_DEFAULT) */
  bool engine;               /* write through the dossier engine instead of in bulk */
  /* Called about twice a second and at the end (may be NULL). */
  void (*progress)(void *ctx, int64_t done, int64_t total, double seconds);
  void *progress_ctx;
} mc_sim_params;

/* What a run produced. */
typedef struct mc_sim_stats {
  int64_t dossiers, events, steps, attachments, accounts, staff;
  int64_t online, postal, received, ended, on_time, with_fee, paid_online;
  int64_t refused, withdrawn, stopped, returned, open, supplements, apologies;
  int64_t rated, satisfied, vneid, e_results, digitised;
  int64_t first_id, last_id;  /* dossier ids written */
  double seconds;             /* the whole run */
  double index_seconds;       /* of which writing the 766 index after the last batch */
} mc_sim_stats;

/* Defaults: seed 1, 100,000 dossiers over the five years up to today, the
 * default rates below. */
void mc_sim_defaults(mc_sim_params *p);
const char *mc_sim_kind_name(int kind);        /* "province", "department", … */
/* The rates as JSON {"province": {"online": 0.3, …}, …}. */
json_t *mc_sim_rates_json(const mc_sim_rates rates[MC_SIM_KINDS]);
/* Override rates from such a document (members absent keep their value;
 * unknown kinds or members, or values outside their range, are refused with
 * simulate.bad_rates naming the member). */
mc_rc mc_sim_rates_apply(mc_sim_rates rates[MC_SIM_KINDS], const json_t *doc, mc_err *err);

/* Run. The database must hold a province (units and procedures) and no
 * earlier simulation (simulate.already_run); simulate.no_province when empty,
 * simulate.bad_params for impossible parameters. The bulk writer commits every
 * `batch` dossiers: a failure keeps what was committed before it. */
mc_rc mc_sim_run(mc_db *db, const mc_sim_params *p, mc_sim_stats *st, mc_err *err);

/* ---- checking a database ------------------------------------------------------
 * What a crash, a soak or a simulation must leave: for every dossier, its
 * events replay to its row (numbered 1…version without gaps, starting with
 * the submission, each taking the previous state to the next by a rule of the
 * workflow table or an attachment, the last one giving the row's state and
 * updated_at; an ended dossier in a final or processed state with no open
 * step, an open one with exactly one); and the 766 index equals a full
 * recomputation from the dossier rows (mc_index_verify: facts, counters and
 * activity bits). Works on any database, simulated or not. */
enum { MC_SIM_CHECK_NOTES = 8 };
typedef struct mc_sim_check {
  int64_t dossiers, events;
  int64_t bad_replay;                    /* dossiers whose events do not replay to the row */
  int64_t dangling;                      /* rows whose foreign keys lead nowhere */
  int64_t index_values;                  /* index values compared */
  int64_t index_differences;             /* of which differ from the recount */
  char notes[MC_SIM_CHECK_NOTES][200];   /* the first problems found */
  int nnotes;
} mc_sim_check;
mc_rc mc_sim_check_db(mc_db *db, mc_sim_check *out, mc_err *err);
