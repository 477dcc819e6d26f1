/* procedure.h — the procedure catalogue (TTHC / DVC), dossiers.md.
 * Loaded by code or id into an arena; the e-form and workflow are JSON
 * documents interpreted by eform.h and workflow.h. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/calendar.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct mc_fee {
  const char *code, *name;
  int64_t amount;          /* VND */
  int kind;                /* 1 = phí, 2 = lệ phí */
} mc_fee;

typedef struct mc_component {
  const char *code, *name;
  bool required;
  bool from_store;         /* may be taken from the citizen's document store */
} mc_component;

typedef struct mc_procedure {
  int64_t id;
  const char *code;        /* national code, e.g. "1.001234" */
  const char *name;
  const char *field_code, *field_name;   /* lĩnh vực */
  const char *level;       /* "province" | "district" | "commune" | "department" … (handling level) */
  const char *unit_kinds;  /* comma-separated unit kinds that handle it: "commune,district" */
  int64_t time_amount;
  mc_time_unit time_unit;
  bool rule_1500;          /* received after 15:00 counts from the next working day */
  const char *online_level;  /* "full" (toàn trình) | "partial" (một phần) | "none" */
  bool full_eligible;      /* eligible for toàn trình */
  const char *result_type; /* "paper" | "electronic" | "both" */
  const char *citizen_kind;  /* "citizen" | "business" | "both" */
  int32_t decided_on, effective_on, published_on;  /* day numbers; 0 = unknown */
  bool payment_integrated;   /* fees payable online (766 indicator 4.1) */
  bool active;
  mc_fee *fees; int nfees;
  mc_component *components; int ncomponents;
  json_t *eform;           /* see eform.h; owned by the arena */
  json_t *workflow;        /* see workflow.h; owned by the arena */
} mc_procedure;

mc_rc mc_procedure_get(mc_db *db, mc_arena *a, const char *code, mc_procedure **out, mc_err *err);
mc_rc mc_procedure_get_id(mc_db *db, mc_arena *a, int64_t id, mc_procedure **out, mc_err *err);

/* Import (all or none; errors name the line or item) and export, "csv" or "json". */
mc_rc mc_procedures_import(mc_db *db, const char *format, const char *text, size_t len,
                           int *count, mc_err *err);
mc_rc mc_procedures_export(mc_db *db, const char *format, mc_buf *out, mc_err *err);
