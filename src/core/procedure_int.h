/* procedure_int.h — private to the procedure catalogue (procedure*.c): the
 * column order of procedures.sql, the row decoder, the writer shared by the
 * import and the single-procedure save, and the closed vocabularies. */
#pragma once
#include "core/procedure.h"

/* Column order of the procedure queries (see procedures.sql). */
enum {
  PC_ID, PC_CODE, PC_NAME, PC_FIELD_CODE, PC_FIELD_NAME, PC_LEVEL, PC_UNIT_KINDS,
  PC_TIME_AMOUNT, PC_TIME_UNIT, PC_RULE_1500, PC_ONLINE, PC_FULL_ELIGIBLE, PC_RESULT,
  PC_CITIZEN, PC_DECIDED, PC_EFFECTIVE, PC_PUBLISHED, PC_PAYMENT, PC_ACTIVE, PC_EFORM,
  PC_WORKFLOW, PC_CREATED, PC_UPDATED,
};

/* Closed vocabularies, NULL-terminated, and their lists for messages. */
extern const char *const mc_proc_levels[];
extern const char *const mc_proc_unit_kinds[];
extern const char *const mc_proc_time_units[];    /* indexed by mc_time_unit */
extern const char *const mc_proc_online_levels[];
extern const char *const mc_proc_result_types[];
extern const char *const mc_proc_citizen_kinds[];
extern const char *const mc_proc_fee_kinds[];     /* [0] = "phi" (kind 1), [1] = "le_phi" (2) */

/* Decode the current row (column order above) into p, copying into the arena;
 * eform/workflow are parsed and owned by the arena. Fees and components are
 * not loaded. */
mc_rc mc_proc_from_row(mc_stmt *st, mc_arena *a, mc_procedure *p, mc_err *err);

/* Write one checked procedure: upsert its field and itself by code, replace
 * its fees and components. Call inside a transaction. now = ISO timestamp. */
mc_rc mc_proc_store(mc_db *db, mc_arena *a, const mc_procedure *p, const char *now, int64_t *id,
                    mc_err *err);
