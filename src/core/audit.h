/* audit.h — the append-only, hash-chained audit log.
 *
 * Every state change, and every read of a citizen's dossier by staff, appends
 * one entry in the same transaction as the change it records:
 *
 *   mc_audit_entry e = {.actor = who, .action = "dossier.receive", .object_type = "dossier",
 *                       .object_id = d->id, .object_code = d->code, .owner_id = d->citizen_id};
 *   if ((rc = mc_audit_append(db, &e, err))) return rc;     // then commit
 *
 * Entry n stores hash_n = SHA-256(hash_{n-1} || canonical(entry_n)) (hash_0 =
 * 32 zero bytes); a head row holds the last sequence number and hash. Editing,
 * deleting or inserting an entry, or cutting the tail, breaks the chain and
 * mc_audit_verify reports the first bad sequence number. Someone able to
 * rewrite the whole table and the head could recompute the chain: record the
 * head (mc_audit_head, `motcua audit head`) somewhere else now and then, and
 * verify against it (anchor) to detect that too.
 *
 * Canonical form (version 1), each text field as "<byte length>:<bytes>":
 *   "mc-audit-1" seq at actor_id actor_role actor_unit action object_type object_id
 *   object_code owner_id detail
 * with integers in decimal, fields separated by '\n'. detail is JSON text,
 * stored exactly as hashed (compact, keys sorted).                          */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/auth.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/time.h"

enum { MC_AUDIT_HASH_HEX = 65, MC_AUDIT_DETAIL_MAX = 16 * 1024 };

typedef struct mc_audit_entry {
  const mc_principal *actor;   /* NULL = the system (CLI, scheduler) */
  const char *action;          /* "dossier.receive", "dossier.read", "auth.login", … */
  const char *object_type;     /* "dossier", "user", "procedure", "unit", … */
  int64_t object_id;           /* 0 = none */
  const char *object_code;     /* e.g. the dossier code; NULL = none */
  int64_t owner_id;            /* the citizen whose data this is; 0 = none */
  const json_t *detail;        /* optional; serialised compact with sorted keys */
} mc_audit_entry;

/* Append inside the caller's transaction; when none is open, the entry gets
 * its own (so a staff read can be recorded from a read-only path). */
mc_rc mc_audit_append(mc_db *db, const mc_audit_entry *e, mc_err *err);

/* The canonical bytes of an entry (what is hashed); arena-allocated. */
char *mc_audit_canonical(mc_arena *a, int64_t seq, mc_time at, int64_t actor_id, const char *actor_role,
                         int64_t actor_unit, const char *action, const char *object_type,
                         int64_t object_id, const char *object_code, int64_t owner_id,
                         const char *detail, size_t *len);

typedef struct mc_audit_report {
  int64_t entries;          /* entries checked */
  int64_t head_seq;         /* per the head row */
  char head_hash[MC_AUDIT_HASH_HEX];
  bool ok;
  int64_t bad_seq;          /* first entry found wrong (0 when ok) */
  char problem[256];        /* what is wrong, for a person */
} mc_audit_report;

/* Walk the whole chain. MC_OK with rep->ok false when tampering is found; an
 * error rc only when the log cannot be read. anchor_seq/anchor_hash (0/NULL
 * = none): a head recorded earlier that must still be on the chain. */
mc_rc mc_audit_verify(mc_db *db, int64_t anchor_seq, const char *anchor_hash, mc_audit_report *rep,
                      mc_err *err);
mc_rc mc_audit_head(mc_db *db, int64_t *seq, char hash[MC_AUDIT_HASH_HEX], mc_err *err);

/* Entries about one object (object_type + code), about one citizen's data
 * (owner_id, optionally narrowed to one object code), or all; newest first. Items: {seq, at, actor:{id,name,role,unit},
 * action, object_type, object_code, detail}. */
typedef struct mc_audit_query {
  const char *object_type, *object_code;   /* NULL = any */
  int64_t owner_id;                         /* 0 = any */
  int64_t limit, offset;
  const mc_principal *reader;               /* staff reading others' entries: recorded as audit.read */
} mc_audit_query;
mc_rc mc_audit_list(mc_db *db, const mc_audit_query *q, json_t **items, int64_t *total, mc_err *err);
