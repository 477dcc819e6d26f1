/* index766.h — the service-quality index of Decision 766 (index766.md).
 *
 * The dossier core describes each dossier by its facts and tells the index
 * every change, inside the transaction that makes it: the index keeps its
 * counters by subtracting the old facts and adding the new ones, so the live
 * figures always equal a full recomputation from the dossiers.            */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "store/db.h"
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
