/* dossier_int.h — private to the dossier module (dossier*.c): the column
 * order of the view dossier_rows, the row decoder and writer, the step
 * plan, the time helpers and the one-transaction commit of a change. */
#pragma once
#include "core/dossier.h"
#include "core/procedure.h"

/* Column order of dossier_rows (0006_dossiers.sql). */
enum {
  DC_ID, DC_CODE, DC_PROC_ID, DC_PROC_CODE, DC_PROC_NAME, DC_RECV_UNIT, DC_HAND_UNIT, DC_CHANNEL,
  DC_APP_NAME, DC_APP_KIND, DC_APP_ID, DC_APP_PHONE, DC_APP_EMAIL, DC_APP_ADDRESS,
  DC_OWNER, DC_SUBMITTED_BY, DC_ON_BEHALF, DC_VNEID, DC_FORM, DC_WORKFLOW,
  DC_STATE, DC_RESUME, DC_STEP_INDEX, DC_NSTEPS, DC_STEP_CODE, DC_STEP_UNIT, DC_STEP_ROLE,
  DC_STATUS, DC_SUBMITTED_AT, DC_RECEIVED_AT, DC_DUE_AT, DC_APOLOGY_DUE, DC_PAUSED_SINCE,
  DC_PAUSED_SECONDS, DC_PAUSED_WORK, DC_ALLOWED_WORK, DC_SUPPLEMENTS,
  DC_ENDED_AT, DC_END_STATUS, DC_ON_TIME, DC_HANDLING, DC_LATE,
  DC_HAS_FEE, DC_PAID_ONLINE, DC_HAS_RESULT, DC_E_RESULT, DC_DIGITISED, DC_REUSED,
  DC_STORE_LINKED, DC_SYNCED, DC_RATING, DC_RATING_COMMENT, DC_COMPLAINT, DC_VERSION, DC_UPDATED,
  DC_RECV_CODE, DC_RECV_NAME, DC_HAND_CODE, DC_HAND_NAME, DC_STEP_UNIT_CODE, DC_STEP_UNIT_NAME,
  DC_COUNT
};

mc_rc mc_dossier_get_id(mc_db *db, mc_arena *a, int64_t id, mc_dossier **out, mc_err *err);
/* Decode the current row; with_docs = parse form and workflow JSON. */
mc_rc mc_dossier_from_row(mc_stmt *st, mc_arena *a, bool with_docs, mc_dossier *d, mc_err *err);

/* One processing step of a dossier's workflow snapshot. */
typedef struct mc_dstep {
  const char *code, *name, *role, *unit;   /* unit: receiving | handling | kind:K | K:CODE */
  double share;
} mc_dstep;
/* Step i of d->workflow (0 ≤ i < d->nsteps). */
bool mc_dossier_step(const mc_dossier *d, int i, mc_dstep *out);
/* The unit a step runs at for d (resolving "kind:K" up the tree from the
 * handling unit, "K:CODE" by code). dossier.step_unit on failure. */
mc_rc mc_dossier_step_unit(mc_db *db, mc_arena *a, const mc_dossier *d, const mc_dstep *s,
                           int64_t *unit_id, mc_err *err);

/* ---- time (dossier_time.c) ---- */
extern const mc_sessions *const mc_dossier_sessions;   /* the sessions deadlines use */
/* Freeze the end: ended_at, end_status, on_time, handling_seconds, late_seconds. */
void mc_dossier_freeze_end(const mc_calendar *c, mc_dossier *d, mc_time at, int end_status);

/* ---- the code (dossier_code.c) ---- */
/* Render the configured pattern (setting dossier.code_pattern) and take the
 * next number of its scope; call inside the transaction. */
mc_rc mc_dossier_make_code(mc_db *db, mc_arena *a, const char *unit_code, const char *proc_code,
                           mc_time at, const char **code, mc_err *err);
/* Render pattern with seq (seq < 0: leave "{seq}" as the scope marker). */
mc_rc mc_dossier_render_code(const char *pattern, const char *unit_code, const char *proc_code,
                             mc_time at, int64_t seq, char *out, size_t n, mc_err *err);

/* ---- the change (dossier.c) ---- */
typedef struct mc_dchange {
  const mc_principal *who;
  const char *action;        /* event action name */
  mc_dstate from;
  const char *step_code;     /* the step the action was taken at */
  const char *note;
  json_t *data;              /* event data (stolen) or NULL */
  mc_time at;
} mc_dchange;
/* Write d (new values; d->version = the version read) + the event + the
 * index delta (before = facts of the row as read), inside an open
 * transaction. On success d->version is the new version. */
mc_rc mc_dossier_write(mc_db *db, mc_dossier *d, const mc_dossier_facts *before,
                       const mc_dchange *ch, mc_err *err);
/* Append to the audit log (audit.h): object "dossier", owner = the owning
 * citizen. detail is stolen. Inside the caller's transaction when one is open. */
mc_rc mc_dossier_audit(mc_db *db, const mc_principal *who, const char *action, const mc_dossier *d,
                       json_t *detail, mc_err *err);
/* A setting (table settings) into out, or def when absent or unreadable. */
void mc_dossier_setting(mc_db *db, const char *key, const char *def, char *out, size_t n);
json_t *mc_time_json(mc_time t);   /* ISO text, or null for 0 */
