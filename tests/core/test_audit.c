/* test_audit.c — the hash-chained audit log: the canonical form and the first
 * hash computed independently (OpenSSL), appends inside a caller's
 * transaction (rolled back → nothing), the engine refusing UPDATE/DELETE, and
 * `verify` catching every kind of tampering done behind the application's
 * back with plain SQLite: an edited field, an edited field with its hash
 * recomputed, a deleted middle entry, a cut tail, a rewritten head (caught by
 * an anchor), an inserted entry. */
#include <criterion/criterion.h>
#include <openssl/sha.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/audit.h"

static mc_db *db;
static char path[512];
static mc_principal officer = {.user_id = 7, .role = MC_ROLE_OFFICER, .unit_id = 3, .username = "cb1", .full_name = "Cán bộ 1"};

static void setup(void) {
  const char *dir = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  mkdir(dir, 0755);
  snprintf(path, sizeof path, "%s/audit-XXXXXX", dir);
  int fd = mkstemp(path);
  cr_assert(fd >= 0);
  close(fd);
  mc_err err = {0};
  cr_assert_eq(mc_db_open(path, &db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK, "%s", err.message);
}

static void teardown(void) {
  mc_db_close(db);
  char q[600];
  unlink(path);
  snprintf(q, sizeof q, "%s-wal", path);
  unlink(q);
  snprintf(q, sizeof q, "%s-shm", path);
  unlink(q);
}

TestSuite(audit, .init = setup, .fini = teardown);

static void add(int i) {
  char code[32];
  snprintf(code, sizeof code, "HS-%03d", i);
  json_t *d = json_pack("{s:i, s:s}", "step", i, "note", "tiếp nhận");
  mc_audit_entry e = {.actor = i % 2 ? &officer : NULL, .action = i % 3 ? "dossier.receive" : "dossier.read",
                      .object_type = "dossier", .object_id = i, .object_code = code, .owner_id = 100 + i % 2, .detail = d};
  mc_err err = {0};
  cr_assert_eq(mc_audit_append(db, &e, &err), MC_OK, "%s", err.message);
  json_decref(d);
}

static mc_audit_report verify_with(int64_t aseq, const char *ahash) {
  mc_audit_report rep;
  mc_err err = {0};
  cr_assert_eq(mc_audit_verify(db, aseq, ahash, &rep, &err), MC_OK, "%s", err.message);
  return rep;
}

static mc_audit_report verify(void) { return verify_with(0, NULL); }

/* Tamper with the file directly, as someone with access to the database would. */
static void raw(const char *sql) {
  sqlite3 *s;
  cr_assert_eq(sqlite3_open(path, &s), SQLITE_OK);
  char *msg = NULL;
  int rc = sqlite3_exec(s, sql, NULL, NULL, &msg);
  cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "");
  sqlite3_close(s);
}

static const char *UNGUARD = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;";

Test(audit, canonical_form_and_first_hash) {
  mc_arena *a = mc_arena_new(0);
  size_t len;
  char *c = mc_audit_canonical(a, 1, 1751331600, 7, "officer", 3, "dossier.receive", "dossier", 42, "HS-1", 100,
                               "{\"a\":1}", &len);
  const char *want = "mc-audit-1\n1\n1751331600\n7\n7:officer\n3\n15:dossier.receive\n7:dossier\n42\n4:HS-1\n100\n7:{\"a\":1}\n";
  cr_assert_str_eq(c, want);
  cr_assert_eq(len, strlen(want));
  char *n = mc_audit_canonical(a, 2, 0, 0, "system", 0, "user.create", "user", 0, NULL, 0, "{}", &len);
  cr_assert_str_eq(n, "mc-audit-1\n2\n0\n0\n6:system\n0\n11:user.create\n4:user\n0\n~\n0\n2:{}\n");
  mc_arena_free(a);

  add(1);
  int64_t seq;
  char hash[MC_AUDIT_HASH_HEX];
  mc_err err = {0};
  cr_assert_eq(mc_audit_head(db, &seq, hash, &err), MC_OK);
  cr_assert_eq(seq, 1);
  /* Recompute entry 1's hash from its stored fields with OpenSSL. */
  sqlite3 *s;
  cr_assert_eq(sqlite3_open(path, &s), SQLITE_OK);
  sqlite3_stmt *st;
  cr_assert_eq(sqlite3_prepare_v2(s, "SELECT at, detail, prev_hash, hash FROM audit_log WHERE seq = 1", -1, &st, NULL), SQLITE_OK);
  cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
  long long at = sqlite3_column_int64(st, 0);
  const char *detail = (const char *)sqlite3_column_text(st, 1);
  cr_assert_str_eq(detail, "{\"note\":\"tiếp nhận\",\"step\":1}", "detail is compact JSON with sorted keys");
  cr_assert_str_eq((const char *)sqlite3_column_text(st, 2), "0000000000000000000000000000000000000000000000000000000000000000");
  char canon[512];
  int n1 = snprintf(canon, sizeof canon, "mc-audit-1\n1\n%lld\n7\n7:officer\n3\n15:dossier.receive\n7:dossier\n1\n6:HS-001\n101\n%zu:%s\n",
                    at, strlen(detail), detail);
  unsigned char buf[600] = {0}, md[32];
  memcpy(buf + 32, canon, (size_t)n1);
  SHA256(buf, 32 + (size_t)n1, md);
  char hex[65];
  for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", md[i]);
  cr_assert_str_eq((const char *)sqlite3_column_text(st, 3), hex);
  cr_assert_str_eq(hash, hex, "the head holds the last hash");
  sqlite3_finalize(st);
  sqlite3_close(s);
}

Test(audit, clean_chain_and_rollback) {
  for (int i = 1; i <= 20; i++) add(i);
  mc_audit_report rep = verify();
  cr_assert(rep.ok, "%s", rep.problem);
  cr_assert_eq(rep.entries, 20);
  cr_assert_eq(rep.head_seq, 20);
  /* An entry appended in a transaction that is rolled back leaves nothing. */
  mc_err err = {0};
  cr_assert_eq(mc_db_begin(db, &err), MC_OK);
  add(21);
  mc_db_rollback(db);
  rep = verify();
  cr_assert(rep.ok, "%s", rep.problem);
  cr_assert_eq(rep.entries, 20);
  add(22);
  rep = verify();
  cr_assert(rep.ok && rep.entries == 21 && rep.head_seq == 21, "%s", rep.problem);
  /* Listing by owner and by object. */
  json_t *items;
  int64_t total;
  mc_audit_query q = {.owner_id = 101, .limit = 100};
  cr_assert_eq(mc_audit_list(db, &q, &items, &total, &err), MC_OK);
  cr_assert_eq(total, 10, "odd i → owner 101 (1,3,…,19)");
  json_decref(items);
  mc_audit_query q2 = {.object_type = "dossier", .object_code = "HS-003", .limit = 10};
  cr_assert_eq(mc_audit_list(db, &q2, &items, &total, &err), MC_OK);
  cr_assert_eq(total, 1);
  json_t *it = json_array_get(items, 0);
  cr_assert_str_eq(json_string_value(json_object_get(it, "action")), "dossier.read");
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(it, "actor"), "role")), "officer");
  cr_assert_eq(json_integer_value(json_object_get(json_object_get(it, "detail"), "step")), 3);
  json_decref(items);
}

Test(audit, engine_refuses_update_and_delete) {
  add(1);
  sqlite3 *s;
  cr_assert_eq(sqlite3_open(path, &s), SQLITE_OK);
  cr_assert_neq(sqlite3_exec(s, "UPDATE audit_log SET detail = '{}'", NULL, NULL, NULL), SQLITE_OK);
  cr_assert_neq(sqlite3_exec(s, "DELETE FROM audit_log", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(s);
  cr_assert(verify().ok);
}

Test(audit, edited_field) {
  for (int i = 1; i <= 10; i++) add(i);
  raw(UNGUARD);
  raw("UPDATE audit_log SET actor_id = 99 WHERE seq = 4");
  mc_audit_report rep = verify();
  cr_assert_not(rep.ok);
  cr_assert_eq(rep.bad_seq, 4);
  cr_assert(strstr(rep.problem, "altered"), "%s", rep.problem);
}

Test(audit, edited_detail_with_hash_recomputed) {
  for (int i = 1; i <= 10; i++) add(i);
  raw(UNGUARD);
  /* The attacker rewrites entry 6 and its own hash (here: copies entry 7's
   * hash, any value will do); entry 7 no longer follows it. */
  raw("UPDATE audit_log SET detail = '{\"note\":\"x\",\"step\":6}', hash = (SELECT hash FROM audit_log WHERE seq = 7) WHERE seq = 6");
  mc_audit_report rep = verify();
  cr_assert_not(rep.ok);
  cr_assert_eq(rep.bad_seq, 6, "%s", rep.problem);
}

Test(audit, deleted_middle_entry) {
  for (int i = 1; i <= 10; i++) add(i);
  raw(UNGUARD);
  raw("DELETE FROM audit_log WHERE seq = 5");
  mc_audit_report rep = verify();
  cr_assert_not(rep.ok);
  cr_assert_eq(rep.bad_seq, 5);
  cr_assert(strstr(rep.problem, "missing"), "%s", rep.problem);
}

Test(audit, cut_tail_and_anchor) {
  for (int i = 1; i <= 10; i++) add(i);
  int64_t aseq;
  char ahash[MC_AUDIT_HASH_HEX];
  mc_err err = {0};
  cr_assert_eq(mc_audit_head(db, &aseq, ahash, &err), MC_OK);
  cr_assert(verify_with(aseq, ahash).ok);
  raw(UNGUARD);
  raw("DELETE FROM audit_log WHERE seq = 10");
  mc_audit_report rep = verify();
  cr_assert_not(rep.ok, "the head still says 10");
  cr_assert(strstr(rep.problem, "head"), "%s", rep.problem);
  /* Rewrite the head to match entry 9: the chain is self-consistent again,
   * which only an anchor recorded earlier reveals. */
  raw("UPDATE audit_head SET seq = 9, hash = (SELECT hash FROM audit_log WHERE seq = 9)");
  cr_assert(verify().ok);
  rep = verify_with(aseq, ahash);
  cr_assert_not(rep.ok);
  cr_assert(strstr(rep.problem, "anchored"), "%s", rep.problem);
}

Test(audit, inserted_entry) {
  for (int i = 1; i <= 5; i++) add(i);
  raw("INSERT INTO audit_log (seq, at, actor_id, actor_role, action, object_type, detail, prev_hash, hash) "
      "SELECT 6, at, actor_id, actor_role, action, object_type, detail, hash, hash FROM audit_log WHERE seq = 5");
  mc_audit_report rep = verify();
  cr_assert_not(rep.ok);
  cr_assert_eq(rep.bad_seq, 6, "%s", rep.problem);
}
