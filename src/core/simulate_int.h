/* simulate_int.h — private to the simulator (src/core/simulate*.c): the
 * random streams, the province as the simulator sees it (units, procedures,
 * people), one dossier's life as planned and played in memory, and the two
 * writers.
 *
 *   simulate.c         parameters, rates, daily volume, arrivals
 *   simulate_run.c     the run: planning and writing on two threads, batches, progress
 *   simulate_world.c   loading the province, staff, people, sample files
 *   simulate_form.c    e-form data for a procedure's form
 *   simulate_life.c    what happens to a dossier, and when
 *   simulate_apply.c   playing an action in memory by the engine's rules
 *   simulate_write.c   the bulk writer (rows, code counters, 766 index)
 *   simulate_engine.c  the engine writer (mc_dossier_submit / _act / _attach) */
#pragma once
#include "core/simulate.h"
#include "core/calendar.h"
#include "core/dossier_int.h"
#include "core/procedure.h"
#include "util/arena.h"
#include <regex.h>

/* ---- random numbers (xoshiro256**, seeded by splitmix64) ------------------- */

typedef struct sim_rng { uint64_t s[4]; } sim_rng;

uint64_t sim_hash2(uint64_t a, uint64_t b);              /* a hash of two words */
void sim_rng_seed(sim_rng *r, uint64_t seed, uint64_t stream_a, uint64_t stream_b);
uint64_t sim_next(sim_rng *r);
double sim_unit01(sim_rng *r);                         /* [0, 1) */
int64_t sim_range(sim_rng *r, int64_t lo, int64_t hi); /* [lo, hi] */
bool sim_chance(sim_rng *r, double p);
double sim_exp(sim_rng *r, double mean);
/* Index of a draw from cumulative weights cum[0..n-1] (cum[n-1] = total). */
int sim_pick(sim_rng *r, const double *cum, int n);

/* ---- the province ---------------------------------------------------------- */

enum { SIM_STAFF_MAX = 4, SIM_STEPS_MAX = 20, SIM_COMPONENTS_MAX = 60, SIM_FIELDS_MAX = 200 };

/* Staff roles the simulator acts with. */
enum { SIM_OFFICER, SIM_SPECIALIST, SIM_LEADER, SIM_PROVINCE_LEADER, SIM_ROLES };

typedef struct sim_unit {
  int64_t id;
  const char *code, *name;
  int kind;                   /* MC_SIM_* */
  int parent;                 /* index, -1 = root */
  int32_t from, to;           /* validity [from, to); INT32_MIN / INT32_MAX = open */
  double size;                /* relative size among units of its kind */
  int64_t staff[SIM_ROLES][SIM_STAFF_MAX];   /* user ids */
  int nstaff[SIM_ROLES];
} sim_unit;

/* One field of a procedure's e-form and how to fill it. */
typedef struct sim_field {
  const char *name;
  int type;                   /* SIM_F_* (simulate_form.c) */
  bool required;
  int source;                 /* SIM_S_*: what a text is (a name, an address, …) */
  int gen;                    /* text with a pattern: the SIM_G_* generator that matches it */
  regex_t *re;                /* the pattern, compiled (NULL = none) */
  const char *fallback;       /* a value known to match the pattern */
  int64_t max_len;
  double min, max;
  bool has_min, has_max;
  int32_t not_after, not_before;          /* fixed limits (INT32_MAX / INT32_MIN = none) */
  bool not_after_today, not_before_today; /* "today" = the day of filing */
  const json_t *options;
} sim_field;

typedef struct sim_proc {
  int64_t id;
  const char *code;
  mc_procedure *p;
  char *workflow_text;        /* the workflow snapshot as the engine writes it */
  json_t *workflow;
  int nsteps;
  bool has_fee, has_result, online, integrated, e_result_ok;
  int applicant;              /* 0 citizens, 1 businesses, 2 both */
  bool from_store;            /* has a component that may come from the citizen's store */
  sim_field fields[SIM_FIELDS_MAX];
  int nfields;
  bool usable;                /* the simulator can fill its form */
} sim_proc;

/* The procedures of one unit kind, by rank in the mix. */
typedef struct sim_mix {
  int *procs;
  double *cum;                /* cumulative Zipf weights */
  int n;
  int *oprocs;                /* the procedures offered online, by rank, and their weights */
  double *ocum;
  int on;
  double online_share;        /* weight of the procedures offered online */
  double integrated_share;    /* weight of fee procedures payable online, among fee procedures */
} sim_mix;

/* A sample file (the bytes of a scanned component or a result). */
typedef struct sim_sample {
  char sha256[65];
  int64_t size;
  const char *mime, *name;
  const unsigned char *data;
  size_t len;
} sim_sample;
enum { SIM_SAMPLE_COMPONENT, SIM_SAMPLE_SCAN, SIM_SAMPLE_RESULT, SIM_SAMPLES };

typedef struct sim_counters { char **scope; int64_t *last; size_t cap, n; } sim_counters;

typedef struct sim_world {
  mc_db *db;
  mc_arena *a;                   /* the world's lifetime */
  const mc_sim_params *p;
  const mc_calendar *cal;
  sim_unit *units;
  int nunits;
  sim_proc *procs;
  int nprocs;
  sim_mix mix[MC_SIM_KINDS];
  int64_t persons, businesses;   /* pool sizes */
  int64_t *person_user;          /* citizen account of each person (0 = none yet) */
  char code_pattern[128];
  sim_counters ctr;              /* dossier code numbering (the planner's) */
  int64_t next_dossier_id, next_attachment_id, next_file_id, next_user_id;
  sim_sample samples[SIM_SAMPLES];
  int64_t sample_file_id[SIM_SAMPLES];
  double nonworking_share;       /* of the volume, on days off (online only) */
  double day_weight_total;
  mc_time now;
  mc_sim_stats *st;
} sim_world;

mc_rc sim_world_load(sim_world *w, mc_err *err);
void sim_world_release(sim_world *w);
/* Staff of a role at a unit (user id), the i-th of its kind (cycled). */
int64_t sim_staff(const sim_world *w, int unit, int role, uint64_t pick);
int sim_unit_find_id(const sim_world *w, int64_t id);
int sim_unit_find_code(const sim_world *w, const char *code);
bool sim_unit_valid(const sim_unit *u, int32_t day);
/* Dossier code counters (scope → last number), in memory. */
int64_t *sim_counters_at(sim_counters *c, const char *scope);   /* created at 0; NULL: out of memory */
void sim_counters_clear(sim_counters *c);
void sim_counters_release(sim_counters *c);

/* People. Deterministic from (seed, index). */
typedef struct sim_person {
  char name[96], id_number[16], phone[16], address[200], birth[16];
  bool female;
} sim_person;
void sim_person_of(const sim_world *w, int64_t i, sim_person *out);
typedef struct sim_business { char name[200], tax_code[16], phone[16], address[200]; int64_t owner; } sim_business;
void sim_business_of(const sim_world *w, int64_t i, sim_business *out);

/* ---- e-forms (simulate_form.c) ---------------------------------------------- */

/* Work out how to fill a procedure's form; false (and usable = false) when a
 * field cannot be filled (a pattern no generator matches). */
bool sim_form_prepare(mc_arena *a, sim_proc *sp);
/* Form data for a dossier filed on day by applicant (the person's or the
 * business's details). Owned by the caller. */
typedef struct sim_applicant_view {
  const char *name, *id_number, *phone, *address, *business, *tax_code, *birth;
  bool female;
} sim_applicant_view;
json_t *sim_form_fill(const sim_proc *sp, sim_rng *r, int32_t day, const sim_applicant_view *ap);

/* ---- a dossier's life (simulate_life.c, simulate_apply.c) ------------------- */

/* Who acts. */
enum { SIM_BY_OWNER, SIM_BY_DESK, SIM_BY_STEP, SIM_BY_LEADER };
enum { SIM_DO_SUBMIT, SIM_DO_ACT, SIM_DO_ATTACH };

typedef struct sim_action {
  int kind;                   /* SIM_DO_* */
  mc_daction action;
  mc_time at;
  int64_t actor_id;
  mc_role role;
  int64_t actor_unit;
  const char *reason;
  mc_time new_due;
  int score;
  /* attach */
  mc_attach_kind akind;
  const char *component;
  int sample;
  bool digitised, reused;
} sim_action;

typedef struct sim_event {
  int64_t seq;
  mc_time at;
  int64_t actor_id;
  const char *actor_role, *action, *from, *to, *step_code;
  char *data;                 /* JSON text (malloc'ed) */
} sim_event;

typedef struct sim_step {
  int index;
  const char *code, *name, *role;
  int64_t unit;
  mc_time started, due, ended;   /* 0 = NULL */
  int64_t actor;
  const char *outcome;
  int on_time;                /* -1 = NULL */
} sim_step;

typedef struct sim_attach {
  int64_t id, file_id;
  const char *component;
  mc_attach_kind kind;
  bool digitised, reused;
  int64_t by;
  mc_time at;
  int sample;
} sim_attach;

enum { SIM_ACTIONS_MAX = 96 };

typedef struct sim_dossier {
  mc_dossier d;               /* the row as it stands */
  const sim_proc *proc;
  int unit;                   /* receiving = handling unit (index) */
  int64_t person, business;   /* -1 = none */
  /* A citizen account created just before this dossier (its filer's first
   * online dossier): the person, the id given to it, when (account = 0: none). */
  int64_t account_person, account;
  mc_time account_at;
  char code[MC_DOSSIER_CODE_MAX + 1];
  char scope[MC_DOSSIER_CODE_MAX + 8];   /* the code's counter scope, numbered seq */
  int64_t seq;
  char app_name[200], app_id[16], app_phone[16], app_address[300];
  char *form_text;
  json_t *form;
  bool paid_online, synced, complaint;
  sim_action acts[SIM_ACTIONS_MAX];
  int nacts;
  sim_event ev[SIM_ACTIONS_MAX];
  int nev;
  sim_step steps[SIM_ACTIONS_MAX];
  int nsteps;
  sim_attach att[SIM_ACTIONS_MAX];
  int natt;
  sim_rng rng;
  /* MC_SIM_INDEX_COUNT: the final facts, and a full count of the index to be
   * written after this dossier (the planner started a new one). */
  mc_dossier_facts facts;
  mc_index_load *index_full;
} sim_dossier;

/* Plan and play one dossier (its header already drawn: unit, procedure,
 * channel, applicant, submitted_at). Uses w->now to stop. */
mc_rc sim_life(sim_world *w, sim_dossier *sd, mc_err *err);
/* Play one action on sd in memory, by the engine's rules; appends the event
 * and step rows. MC_OK or the engine's refusal (a bug in the planner). */
mc_rc sim_apply(sim_world *w, sim_dossier *sd, const sim_action *ac, mc_err *err);
void sim_dossier_release(sim_dossier *sd);

/* ---- volume and arrivals (simulate.c) --------------------------------------- */

typedef struct sim_arrival { mc_time at; int32_t j, unit, proc, channel; } sim_arrival;
/* The relative volume of a day. */
double sim_day_weight(const sim_world *w, int32_t day);
/* Units filing that day, as cumulative weights; returns how many. */
int sim_day_units(const sim_world *w, int32_t day, bool working, double *cum, int *idx);
/* The day's n arrivals, in time order; returns how many. */
int sim_draw_arrivals(sim_world *w, int32_t day, int64_t n, const double *ucum, const int *uidx, int nu,
                      sim_arrival *out);
mc_rc sim_check_params(const mc_sim_params *p, mc_err *err);
/* simulate.no_province, simulate.already_run. */
mc_rc sim_already_run(mc_db *db, mc_err *err);
/* The setting simulate.run and an audit entry (state "running" or "done"). */
mc_rc sim_mark_run(sim_world *w, const char *state, mc_err *err);

/* ---- writers ---------------------------------------------------------------- */

typedef struct sim_batch sim_batch;
mc_rc sim_batch_open(sim_world *w, sim_batch **out, mc_err *err);
/* Write one dossier (rows and index). */
mc_rc sim_batch_add(sim_batch *b, sim_dossier *sd, mc_err *err);
/* Flush the index counters and code counters and commit. */
mc_rc sim_batch_commit(sim_batch *b, mc_err *err);
void sim_batch_free(sim_batch *b);
/* Write the citizen account a dossier brings (sd->account), before the dossier. */
mc_rc sim_account_write(sim_world *w, const sim_dossier *sd, mc_err *err);

/* The engine writer: replay sd's actions through mc_dossier_submit / _act / _attach. */
mc_rc sim_engine_write(sim_world *w, sim_dossier *sd, mc_err *err);
