/* audit.c — append, verify and list the hash-chained audit log (see audit.h). */
#include "core/audit.h"
#include "util/buf.h"
#include "util/str.h"
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NAME_MAX_LEN = 64, CODE_MAX_LEN = 128, WALK_BATCH = 1000 };

static const char ZERO_HASH[MC_AUDIT_HASH_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static mc_rc put_text(mc_buf *b, const char *s) {
  if (!s) return mc_buf_puts(b, "~\n");
  mc_rc rc = mc_buf_printf(b, "%zu:", strlen(s));
  if (!rc) rc = mc_buf_puts(b, s);
  if (!rc) rc = mc_buf_puts(b, "\n");
  return rc;
}

char *mc_audit_canonical(mc_arena *a, int64_t seq, mc_time at, int64_t actor_id, const char *actor_role,
                         int64_t actor_unit, const char *action, const char *object_type,
                         int64_t object_id, const char *object_code, int64_t owner_id,
                         const char *detail, size_t *len) {
  mc_buf b;
  mc_buf_init(&b, MC_AUDIT_DETAIL_MAX + 4096);
  mc_rc rc = mc_buf_printf(&b, "mc-audit-1\n%lld\n%lld\n%lld\n", (long long)seq, (long long)at,
                           (long long)actor_id);
  if (!rc) rc = put_text(&b, actor_role);
  if (!rc) rc = mc_buf_printf(&b, "%lld\n", (long long)actor_unit);
  if (!rc) rc = put_text(&b, action);
  if (!rc) rc = put_text(&b, object_type);
  if (!rc) rc = mc_buf_printf(&b, "%lld\n", (long long)object_id);
  if (!rc) rc = put_text(&b, object_code);
  if (!rc) rc = mc_buf_printf(&b, "%lld\n", (long long)owner_id);
  if (!rc) rc = put_text(&b, detail);
  char *out = rc ? NULL : mc_arena_strndup(a, b.data, b.len);
  if (out && len) *len = b.len;
  mc_buf_release(&b);
  return out;
}

/* hash_hex = hex(SHA-256(bin(prev_hex) || canonical)); false on a malformed prev. */
static bool chain_hash(const char *prev_hex, const char *canon, size_t len, char out[MC_AUDIT_HASH_HEX]) {
  unsigned char prev[crypto_hash_sha256_BYTES], h[crypto_hash_sha256_BYTES];
  size_t n = 0;
  if (!prev_hex || strlen(prev_hex) != 64 ||
      sodium_hex2bin(prev, sizeof prev, prev_hex, 64, NULL, &n, NULL) != 0 || n != sizeof prev)
    return false;
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, prev, sizeof prev);
  crypto_hash_sha256_update(&st, (const unsigned char *)canon, len);
  crypto_hash_sha256_final(&st, h);
  sodium_bin2hex(out, MC_AUDIT_HASH_HEX, h, sizeof h);
  return true;
}

static bool name_ok(const char *s, size_t max) {
  if (mc_str_empty(s) || strlen(s) > max) return false;
  for (const char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
      return false;
  return true;
}

static mc_rc append(mc_db *db, mc_arena *a, const mc_audit_entry *e, mc_err *err) {
  if (!name_ok(e->action, NAME_MAX_LEN) || !name_ok(e->object_type, NAME_MAX_LEN))
    return mc_fail(err, MC_EINTERNAL, "audit.bad_entry", NULL,
                   "An audit entry needs an action and an object type (a–z, 0–9, '.', '_', '-').");
  if (e->object_code && (strlen(e->object_code) > CODE_MAX_LEN || !mc_utf8_valid(e->object_code, strlen(e->object_code))))
    return mc_fail(err, MC_EINTERNAL, "audit.bad_entry", NULL, "An audit object code is too long or not UTF-8.");
  char *detail = e->detail ? json_dumps(e->detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  if (e->detail && !detail) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  const char *det = detail ? mc_arena_strdup(a, detail) : "{}";
  free(detail);
  if (!det) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (strlen(det) > MC_AUDIT_DETAIL_MAX)
    return mc_fail(err, MC_EINTERNAL, "audit.bad_entry", NULL, "An audit detail is larger than %d bytes.",
                   MC_AUDIT_DETAIL_MAX);

  mc_stmt *st = mc_db_prep(db, "audit.head_next", err, "");
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r <= 0) return r < 0 ? (err ? err->rc : MC_EDB) : mc_fail(err, MC_EDB, "audit.no_head", NULL, "The audit log has no head row.");
  int64_t seq = mc_col_i64(st, 0);
  char prev[MC_AUDIT_HASH_HEX];
  mc_strlcpy(prev, mc_col_text(st, 1) ? mc_col_text(st, 1) : "", sizeof prev);
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err ? err->rc : MC_EDB;

  const mc_principal *w = e->actor;
  const char *role = w ? mc_role_name(w->role) : "system";
  int64_t actor_id = w ? w->user_id : 0, unit = w ? w->unit_id : 0;
  mc_time at = mc_now();
  size_t len;
  char *canon = mc_audit_canonical(a, seq, at, actor_id, role, unit, e->action, e->object_type, e->object_id,
                                   e->object_code, e->owner_id, det, &len);
  char hash[MC_AUDIT_HASH_HEX];
  if (!canon) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (!chain_hash(prev, canon, len, hash))
    return mc_fail(err, MC_EDB, "audit.bad_head", NULL, "The audit head row is damaged; run motcua audit verify.");
  mc_rc rc = mc_db_exec(db, "audit.insert", err, "iiIsIssIsIsss", seq, (int64_t)at, actor_id, role, unit,
                        e->action, e->object_type, e->object_id, e->object_code, e->owner_id, det, prev, hash);
  if (!rc) rc = mc_db_exec(db, "audit.head_set", err, "si", hash, seq);
  return rc;
}

mc_rc mc_audit_append(mc_db *db, const mc_audit_entry *e, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  mc_arena *a = mc_arena_new(1 << 20);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  bool own = !mc_db_in_tx(db);
  mc_rc rc = own ? mc_db_begin(db, err) : MC_OK;
  if (!rc) rc = append(db, a, e, err);
  if (own) {
    if (!rc) rc = mc_db_commit(db, err);
    if (rc) mc_db_rollback(db);
  }
  mc_arena_free(a);
  return rc;
}

mc_rc mc_audit_head(mc_db *db, int64_t *seq, char hash[MC_AUDIT_HASH_HEX], mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "audit.head", err, "");
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r == 0) return mc_fail(err, MC_EDB, "audit.no_head", NULL, "The audit log has no head row.");
  *seq = mc_col_i64(st, 0);
  mc_strlcpy(hash, mc_col_text(st, 1) ? mc_col_text(st, 1) : "", MC_AUDIT_HASH_HEX);
  while ((r = mc_stmt_next(st, err)) > 0) {}
  return r < 0 ? (err ? err->rc : MC_EDB) : MC_OK;
}

static void found(mc_audit_report *rep, int64_t seq, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void found(mc_audit_report *rep, int64_t seq, const char *fmt, ...) {
  if (!rep->ok) return;
  rep->ok = false;
  rep->bad_seq = seq;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(rep->problem, sizeof rep->problem, fmt, ap);
  va_end(ap);
}

static const char *col(mc_stmt *st, int i) { return mc_col_null(st, i) ? NULL : mc_col_text(st, i); }

mc_rc mc_audit_verify(mc_db *db, int64_t anchor_seq, const char *anchor_hash, mc_audit_report *rep,
                      mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  memset(rep, 0, sizeof *rep);
  rep->ok = true;
  mc_rc rc = mc_audit_head(db, &rep->head_seq, rep->head_hash, err);
  if (rc) return rc;
  char running[MC_AUDIT_HASH_HEX];
  mc_strlcpy(running, ZERO_HASH, sizeof running);
  int64_t expect = 1, last = 0;
  bool anchor_seen = anchor_seq <= 0;
  mc_arena *a = mc_arena_new(8 << 20);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  for (;;) {
    mc_stmt *st = mc_db_prep(db, "audit.walk", err, "ii", last, (int64_t)WALK_BATCH);
    if (!st) { rc = err ? err->rc : MC_EDB; break; }
    int r, rows = 0;
    while ((r = mc_stmt_next(st, err)) > 0) {
      rows++;
      int64_t seq = mc_col_i64(st, 0);
      last = seq;
      rep->entries++;
      if (!rep->ok) continue;
      if (seq != expect) {
        found(rep, expect, "entry %lld is missing (deleted, or the sequence was altered)", (long long)expect);
        continue;
      }
      expect++;
      const char *prev = col(st, 11), *stored = col(st, 12);
      if (!mc_str_eq(prev, running)) {
        found(rep, seq, "entry %lld does not follow the one before it (edited or reordered)", (long long)seq);
        continue;
      }
      size_t len;
      char *canon = mc_audit_canonical(a, seq, mc_col_i64(st, 1), mc_col_i64(st, 2), col(st, 3), mc_col_i64(st, 4),
                                       col(st, 5), col(st, 6), mc_col_i64(st, 7), col(st, 8), mc_col_i64(st, 9),
                                       col(st, 10), &len);
      char h[MC_AUDIT_HASH_HEX];
      if (!canon || !chain_hash(running, canon, len, h) || !mc_str_eq(h, stored)) {
        found(rep, seq, "entry %lld was altered: its content does not match its hash", (long long)seq);
        continue;
      }
      mc_strlcpy(running, h, sizeof running);
      if (seq == anchor_seq) {
        anchor_seen = true;
        if (!mc_str_eq(h, anchor_hash))
          found(rep, seq, "entry %lld differs from the recorded anchor: the chain was rewritten", (long long)seq);
      }
    }
    if (r < 0) { rc = err ? err->rc : MC_EDB; break; }
    if (rows < WALK_BATCH) break;
    if (mc_arena_used(a) > (4 << 20)) {
      mc_arena_free(a);
      if (!(a = mc_arena_new(8 << 20))) { rc = mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); break; }
    }
  }
  mc_arena_free(a);
  if (rc) return rc;
  if (rep->ok && rep->head_seq != expect - 1)
    found(rep, expect, "the log ends at entry %lld but its head records %lld (entries cut from the end, or added around the log)",
          (long long)(expect - 1), (long long)rep->head_seq);
  else if (rep->ok && !mc_str_eq(rep->head_hash, running))
    found(rep, expect - 1, "the head does not match entry %lld (the head or the last entry was altered)",
          (long long)(expect - 1));
  if (rep->ok && !anchor_seen)
    found(rep, anchor_seq, "the anchored entry %lld is no longer in the log", (long long)anchor_seq);
  return MC_OK;
}

static json_t *item(mc_stmt *st) {
  json_t *detail = NULL;
  const char *d = col(st, 10);
  if (d) detail = json_loads(d, 0, NULL);
  char at[32];
  mc_time_format(mc_col_i64(st, 1), at, sizeof at);
  json_t *actor = json_pack("{s:o, s:o, s:s, s:o, s:o}",
      "id", mc_col_null(st, 2) ? json_null() : json_integer(mc_col_i64(st, 2)),
      "name", col(st, 3) ? json_string(col(st, 3)) : json_null(),
      "role", col(st, 4) ? col(st, 4) : "system",
      "unit_code", col(st, 5) ? json_string(col(st, 5)) : json_null(),
      "unit_name", col(st, 6) ? json_string(col(st, 6)) : json_null());
  return json_pack("{s:I, s:s, s:o, s:s, s:s, s:o, s:o}", "seq", (json_int_t)mc_col_i64(st, 0), "at", at,
                   "actor", actor, "action", col(st, 7) ? col(st, 7) : "", "object_type", col(st, 8) ? col(st, 8) : "",
                   "object_code", col(st, 9) ? json_string(col(st, 9)) : json_null(),
                   "detail", detail ? detail : json_object());
}

mc_rc mc_audit_list(mc_db *db, const mc_audit_query *q, json_t **items, int64_t *total, mc_err *err) {
  mc_stmt *st;
  mc_rc rc;
  if (q->reader && q->reader->role != MC_ROLE_CITIZEN && q->owner_id != q->reader->user_id) {
    json_t *d = json_pack("{s:s*, s:s*}", "object_type", q->object_type, "object_code", q->object_code);
    mc_audit_entry e = {.actor = q->reader, .action = "audit.read", .object_type = "audit",
                        .object_code = q->object_code, .detail = d};
    rc = mc_audit_append(db, &e, err);
    json_decref(d);
    if (rc) return rc;
  }
  int64_t lim = q->limit > 0 ? q->limit : 50, off = q->offset > 0 ? q->offset : 0;
  if (q->owner_id && q->object_code) {
    rc = mc_db_i64(db, "audit.count_owner_object", total, err, "is", q->owner_id, q->object_code);
    st = rc ? NULL : mc_db_prep(db, "audit.by_owner_object", err, "isii", q->owner_id, q->object_code, lim, off);
  } else if (q->owner_id) {
    rc = mc_db_i64(db, "audit.count_owner", total, err, "i", q->owner_id);
    st = rc ? NULL : mc_db_prep(db, "audit.by_owner", err, "iii", q->owner_id, lim, off);
  } else if (q->object_type && q->object_code) {
    rc = mc_db_i64(db, "audit.count_object", total, err, "ss", q->object_type, q->object_code);
    st = rc ? NULL : mc_db_prep(db, "audit.by_object", err, "ssii", q->object_type, q->object_code, lim, off);
  } else {
    rc = mc_db_i64(db, "audit.count_all", total, err, "");
    st = rc ? NULL : mc_db_prep(db, "audit.all", err, "ii", lim, off);
  }
  if (!st) return rc ? rc : (err ? err->rc : MC_EDB);
  json_t *arr = json_array();
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) json_array_append_new(arr, item(st));
  if (r < 0) { json_decref(arr); return err ? err->rc : MC_EDB; }
  *items = arr;
  return MC_OK;
}
