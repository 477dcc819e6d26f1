/* dossier.h — the dossier (hồ sơ) life-cycle: model, workflow engine,
 * deadlines and queries (dossiers.md).
 *
 * A dossier moves through internal states by actions. ONE transition table
 * (workflow.c, mc_wf_rules) says, for each state and action, the next state,
 * who may act and the guard; mc_wf_decide is the only place that applies it.
 * The national status code (TrangThaiHoSo 1–10) is derived from the state by
 * mc_dstate_status and never set any other way.
 *
 *   state                 status  where the dossier is
 *   submitted             1       at the receiving unit's desk (officer)
 *   received              2       at processing step 0, nobody has acted yet
 *   processing            4       at processing step i (unit and role of the step)
 *   supplement_requested  5       with the applicant (clock paused after reception)
 *   waiting_payment       6       waiting for a financial obligation (clock runs)
 *   processed             9       back at the receiving desk for return
 *   returned              10      result handed over (final)
 *   refused               3       refused at reception (final)
 *   withdrawn             7       withdrawn at the applicant's request (final)
 *   stopped               8       processing stopped (final)
 *
 * Every change is one transaction: the dossier row (optimistic concurrency:
 * UPDATE … WHERE id AND version), one event, the per-step timing rows (form
 * 06) and the 766 index counters (mc_index_record with before/after facts).
 *
 * Time rules (dossiers.md "Deadlines and the on-time rule"):
 *   due_at       = mc_cal_add(mc_cal_start(received_at, rule_1500), amount, unit),
 *                  fixed at reception; an apology letter records apology_due_at
 *                  but due_at still counts.
 *   pauses       supplement requested after reception → completed: wall-clock
 *                  seconds added to paused_seconds (and their working seconds
 *                  to paused_work_seconds, for handling time).
 *   effective due = due_at + paused_seconds (INT64_MAX while paused).
 *   end          = the first final event: processed (9) > returned (10) >
 *                  refused / stopped / withdrawn. The graph makes "processed"
 *                  precede "returned", so the first final event is the one
 *                  of highest priority.
 *   on time      ⇔ end ≤ effective due AND supplements < 2; frozen at the end
 *                  together with handling_seconds and late_seconds.
 * Supplement requests before reception (an incomplete online dossier) do
 * not pause (no clock runs yet) and do not count in `supplements`.       */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/auth.h"
#include "core/calendar.h"
#include "core/index766.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/time.h"

/* ---- states and actions ----------------------------------------------------- */

typedef enum mc_dstate {
  MC_DS_NEW = 0,          /* pseudo-state before submission (never stored) */
  MC_DS_SUBMITTED,
  MC_DS_RECEIVED,
  MC_DS_PROCESSING,
  MC_DS_SUPPLEMENT,       /* "supplement_requested" */
  MC_DS_WAITING_PAYMENT,
  MC_DS_PROCESSED,
  MC_DS_RETURNED,
  MC_DS_REFUSED,
  MC_DS_WITHDRAWN,
  MC_DS_STOPPED,
  MC_DS_COUNT
} mc_dstate;

typedef enum mc_daction {
  MC_DA_SUBMIT = 0,
  MC_DA_RECEIVE,
  MC_DA_REFUSE,
  MC_DA_REQUEST_SUPPLEMENT,
  MC_DA_COMPLETE_SUPPLEMENT,
  MC_DA_FORWARD,
  MC_DA_SEND_BACK,
  MC_DA_TRANSFER,
  MC_DA_REQUEST_PAYMENT,
  MC_DA_CONFIRM_PAYMENT,
  MC_DA_STOP,
  MC_DA_WITHDRAW,
  MC_DA_RETURN_RESULT,
  MC_DA_APOLOGY,
  MC_DA_RATE,
  MC_DA_COUNT
} mc_daction;

const char *mc_dstate_name(mc_dstate s);          /* "submitted", "supplement_requested" … */
bool mc_dstate_parse(const char *s, mc_dstate *out);
const char *mc_daction_name(mc_daction a);        /* "receive", "request_supplement" … */
bool mc_daction_parse(const char *s, mc_daction *out);
/* The national status code of a state (0 for MC_DS_NEW). */
int mc_dstate_status(mc_dstate s);
/* Vietnamese label of a status code 1–10 (dossiers.md); "" otherwise. */
const char *mc_status_label(int status);
bool mc_dstate_final(mc_dstate s);

/* ---- the engine (workflow.c) ------------------------------------------------ */

/* Who the actor is to this dossier (a set: a desk officer is often also the
 * current step's actor). Computed by mc_dossier_who from the principal. */
enum {
  MC_WHO_OWNER = 1u << 0,   /* the citizen account owning the dossier */
  MC_WHO_DESK = 1u << 1,    /* an officer of the receiving unit (one-stop desk) */
  MC_WHO_STEP = 1u << 2,    /* staff of the current step's unit with its role (a
                               unit_leader may also act on specialist steps) */
  MC_WHO_LEADER = 1u << 3,  /* unit_leader of the current step's or the handling unit */
};

typedef struct mc_wf_ctx {
  mc_dstate state;
  unsigned who;             /* MC_WHO_* */
  int step_index, nsteps;   /* processing step (0…nsteps-1) */
  mc_dstate resume;         /* where complete_supplement returns */
  int rating;               /* 0 = not rated */
} mc_wf_ctx;

typedef struct mc_wf_rule {
  mc_dstate from;
  mc_daction action;
  mc_dstate to;
  unsigned who;
  bool (*guard)(const mc_wf_ctx *c);   /* NULL = always */
  const char *guard_name;              /* for documentation and errors */
} mc_wf_rule;

extern const mc_wf_rule mc_wf_rules[];
extern const int mc_wf_nrules;

/* Apply the table. MC_OK and *to on success; MC_ECONFLICT
 * "dossier.invalid_transition" when the state (or a guard) does not allow the
 * action; MC_EFORBIDDEN "dossier.not_your_turn" when it does but not for this
 * actor. Both carry detail "allowed": the actions this actor may do now. */
mc_rc mc_wf_decide(const mc_wf_ctx *c, mc_daction a, mc_dstate *to, mc_err *err);
/* Bit (1u << action) for every action this actor may do now. */
unsigned mc_wf_allowed(const mc_wf_ctx *c);
json_t *mc_wf_allowed_json(unsigned mask);

/* ---- the dossier -------------------------------------------------------------- */

enum {
  MC_DOSSIER_CODE_MAX = 64,
  MC_APPLICANT_NAME_MAX = 200,
  MC_ADDRESS_MAX = 300,
  MC_NOTE_MAX = 2000,
  MC_DOSSIER_PAGE_MAX = 200,
  MC_DOSSIER_QUERY_MAX = 64,
  MC_CODE_PATTERN_MAX = 120,
};

typedef struct mc_applicant {
  const char *name;
  const char *kind;          /* "citizen" | "business" */
  const char *id_number;     /* citizen: 12-digit personal number; business: tax code */
  const char *phone, *email, *address;
} mc_applicant;

typedef struct mc_dossier {
  int64_t id;
  const char *code;
  int64_t procedure_id;
  const char *procedure_code, *procedure_name;
  int64_t receiving_unit_id, handling_unit_id;
  int channel;               /* 1 in person, 2 online, 3 postal */
  mc_applicant applicant;
  int64_t owner_user_id;     /* citizen account (0 = none) */
  int64_t submitted_by;      /* the user who submitted */
  bool on_behalf;            /* submitted by someone else for the applicant */
  bool vneid;
  json_t *form;              /* e-form data (arena-owned) */
  json_t *workflow;          /* the steps, copied from the procedure at submission */
  mc_dstate state, resume;
  int step_index;            /* -1 reception, 0…nsteps-1 processing, nsteps return */
  int nsteps;
  const char *step_code;     /* NULL when final */
  int64_t step_unit_id;      /* 0 when final */
  const char *step_role;
  int status;
  mc_time submitted_at, received_at, due_at, apology_due_at, paused_since;
  int64_t paused_seconds, paused_work_seconds, allowed_work_seconds;
  int supplements;
  mc_time ended_at;
  int end_status, on_time;   /* on_time: -1 open, 1, 0 */
  int64_t handling_seconds, late_seconds;
  bool has_fee, paid_online, has_result, e_result, digitised, reused, store_linked, synced;
  int rating;
  const char *rating_comment;
  bool complaint;
  int64_t version;
  mc_time updated_at;
  /* Read-only, for display: the units' codes and names. */
  const char *receiving_unit_code, *receiving_unit_name, *handling_unit_code, *handling_unit_name;
  const char *step_unit_code, *step_unit_name;
} mc_dossier;

/* The index's view of a dossier (index766.h). */
void mc_dossier_facts_of(const mc_dossier *d, mc_dossier_facts *f);
/* due_at + paused_seconds; INT64_MAX while paused; 0 before reception. */
mc_time mc_dossier_effective_due(const mc_dossier *d);

/* ---- submission ------------------------------------------------------------- */

typedef struct mc_dossier_new {
  const char *procedure_code;
  int channel;               /* 0 = by role: citizen → 2, officer → 1 */
  const char *unit_code;     /* receiving unit; citizens must name it, staff use their own */
  const char *handling_unit_code;  /* NULL = the receiving unit */
  mc_applicant applicant;    /* citizens: defaults from the account */
  const json_t *form;        /* e-form data; NULL = {} */
  mc_time at;                /* 0 = now (tests and imports pass a time) */
} mc_dossier_new;

/* A citizen submits online for self (channel 2) or an officer submits in
 * person / by post (channel 1 or 3) for an applicant (on_behalf). Codes:
 * procedure.unknown, dossier.not_online, dossier.applicant_kind,
 * dossier.unit_unknown, dossier.unit_kind, eform.invalid (detail fields),
 * dossier.bad_applicant, auth.forbidden. */
mc_rc mc_dossier_submit(mc_db *db, mc_arena *a, const mc_principal *who, const mc_dossier_new *in,
                        mc_dossier **out, mc_err *err);

/* ---- reading --------------------------------------------------------------- */

/* Load by code without any permission check (dossier.not_found). */
mc_rc mc_dossier_get(mc_db *db, mc_arena *a, const char *code, mc_dossier **out, mc_err *err);
/* Load what `who` may see: a citizen their own, staff the dossiers their unit
 * holds or held, leaders their subtree's, province leaders and admins all.
 * Anything else is dossier.not_found (404), never 403: existence is private. */
mc_rc mc_dossier_open(mc_db *db, mc_arena *a, const mc_principal *who, const char *code,
                      mc_dossier **out, mc_err *err);
/* MC_WHO_* bits of who on d (0 for readers that may not act). */
unsigned mc_dossier_who(const mc_principal *who, const mc_dossier *d);
/* Actions who may do on d now (bit per mc_daction). */
unsigned mc_dossier_allowed(const mc_principal *who, const mc_dossier *d);

/* ---- actions -------------------------------------------------------------- */

typedef struct mc_act_params {
  const char *note;          /* free note, all actions */
  const char *reason;        /* refuse, request_supplement, stop, apology: required */
  mc_time new_due;           /* apology: the new return date */
  const char *to_unit;       /* transfer: unit code */
  int score;                 /* rate: 1–5 */
  const char *comment;       /* rate */
  int64_t expected_version;  /* 0 = the loaded version */
  mc_time at;                /* 0 = now */
} mc_act_params;

/* Apply action to d (as loaded: its version is the one expected). One
 * transaction; on success d is updated in place. Codes: see mc_wf_decide,
 * dossier.conflict (409: changed meanwhile), dossier.reason_required,
 * dossier.bad_due, dossier.unit_unknown, dossier.same_unit, dossier.bad_score. */
mc_rc mc_dossier_act(mc_db *db, mc_arena *a, const mc_principal *who, mc_dossier *d,
                     mc_daction action, const mc_act_params *p, mc_err *err);

/* ---- time left ------------------------------------------------------------- */

typedef struct mc_time_left {
  bool known;                /* received (a due date exists) */
  bool ended, paused, late, soon;
  int64_t seconds;           /* working seconds left (open) or late (late) */
  int days, hours, minutes;  /* of `seconds` in working days of the calendar */
  mc_time effective_due;
  char text_vi[96];          /* "còn 2 ngày", "quá hạn 1 ngày 3 giờ", "tạm dừng chờ bổ sung" */
} mc_time_left;

/* warn_seconds: "soon late" below this many working seconds left (<0 = the
 * setting dossier.warn_working_days, default 1 working day). */
void mc_dossier_time_left(const mc_calendar *cal, const mc_dossier *d, mc_time now,
                          int64_t warn_seconds, mc_time_left *out);
/* Time left until (or past) a deadline due, as seen at now (open steps). */
void mc_time_left_until(const mc_calendar *cal, mc_time due, mc_time now, int64_t warn_seconds,
                        mc_time_left *out);
json_t *mc_time_left_json(const mc_time_left *t);
/* The warning threshold from settings (working seconds). */
int64_t mc_dossier_warn_seconds(mc_db *db);

/* ---- lists, detail, lookup ------------------------------------------------- */

typedef struct mc_dossier_filter {
  const char *scope;         /* NULL = by role; "inbox" | "unit" | "subtree" | "all" | "own" */
  const char *state;         /* NULL = any (a state name) */
  const char *procedure_code;
  bool late;                 /* overdue open, or ended late */
  const char *q;             /* code contains */
  const char *sort;          /* "urgency" (default) | "newest" */
  int64_t limit, offset;
} mc_dossier_filter;

/* Items: summary JSON (code, procedure, applicant name, state, status,
 * label, step, due, time_left, …). */
mc_rc mc_dossiers_list(mc_db *db, mc_arena *a, const mc_principal *who, const mc_dossier_filter *f,
                       json_t **items, int64_t *total, mc_err *err);
/* Everything about d for who: fields, events, steps with timing,
 * attachments, time left, the actions allowed now. A staff member's read
 * is written to the audit log (audit.h), unless it is the reply to a change
 * they just made (after_change), which that change's own entry records. */
mc_rc mc_dossier_detail(mc_db *db, mc_arena *a, const mc_principal *who, const mc_dossier *d,
                        bool after_change, json_t **out, mc_err *err);
json_t *mc_dossier_summary_json(const mc_dossier *d, const mc_time_left *t);
/* Public lookup by code and the applicant's phone or id number: code,
 * procedure, status, label, received/due, time left, the steps' public
 * history. Wrong key = dossier.not_found. */
mc_rc mc_dossier_lookup(mc_db *db, mc_arena *a, const char *code, const char *key, json_t **out,
                        mc_err *err);

/* ---- attachments ----------------------------------------------------------- */

typedef enum mc_attach_kind { MC_ATT_COMPONENT = 0, MC_ATT_SUPPLEMENT, MC_ATT_RESULT } mc_attach_kind;
const char *mc_attach_kind_name(mc_attach_kind k);
bool mc_attach_kind_parse(const char *s, mc_attach_kind *out);

typedef struct mc_attach_new {
  mc_attach_kind kind;
  const char *component;     /* a component code of the procedure (result: optional) */
  const char *name;          /* file name as shown */
  const char *content_type;
  const void *data;
  size_t len;
  bool digitised;            /* components: digitised at reception (default true) */
  bool reused;               /* taken from the citizen's document store */
  mc_time at;                /* 0 = now */
} mc_attach_new;

/* Store a file for d (files.h) and record it; one transaction with the
 * dossier's flags (digitised, reused, e_result, store_linked), an event and
 * the index. *id = the attachment id. */
mc_rc mc_dossier_attach(mc_db *db, mc_arena *a, const char *data_dir, const mc_principal *who,
                        mc_dossier *d, const mc_attach_new *in, int64_t *id, mc_err *err);
/* The attachment id of d: bytes, type and name (arena). dossier.attachment_not_found.
 * A staff member's download is written to the audit log. */
mc_rc mc_dossier_attachment(mc_db *db, mc_arena *a, const char *data_dir, const mc_principal *who,
                            const mc_dossier *d, int64_t id, const void **data, size_t *len,
                            const char **type, const char **name, mc_err *err);
