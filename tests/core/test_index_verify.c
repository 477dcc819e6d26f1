/* test_index_verify.c — mc_index_verify and mc_index_repair on databases
 * built through the real dossier engine (submissions online and at the desk,
 * reception, forwarding, supplements, payments, transfers, refusals,
 * withdrawals, stops, apologies, attachments, returns, ratings) and through
 * random histories the engine allows: the index equals the recount, in one
 * pass or several. Then the stored index is damaged with SQL from outside
 * (the sqlite3 C API or libpq, never a named query): a counter, a bucket
 * nothing counted, an activity bit set, a stored fact, a missing or orphan
 * idx_dossier row, a dossier row changed behind the index — each is reported
 * with its key and both values, and a repair restores figures equal to the
 * ones before the damage. Runs on SQLite and, with MOTCUA_TEST_PG, PostgreSQL. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "province.h"
#include "core/dossier.h"
#include "core/index766.h"
#include "core/procedure.h"
#include "core/unit.h"

static mc_db *db;
static char *url;
static mc_arena *A;
static mc_err err;
static mc_principal citizen, vcitizen, officer, specialist, leader, officer2, specialist2, leader2;
static char data_dir[300];
static int64_t c1, c2;

static mc_time at(int y, int m, int d, int h, int mi) {
  return mc_local_instant(mc_days_from_civil(y, m, d), h * 3600 + mi * 60);
}

static const char *units_json =
  "[{\"code\":\"P\",\"name\":\"Tỉnh Thử\",\"kind\":\"province\"},"
  "{\"code\":\"C1\",\"name\":\"Phường Một\",\"kind\":\"commune\",\"parent_code\":\"P\"},"
  "{\"code\":\"C2\",\"name\":\"Phường Hai\",\"kind\":\"commune\",\"parent_code\":\"P\"}]";

#define PROC(code, amount, online, extra) \
  "{\"code\":\"" code "\",\"name\":\"Thủ tục " code "\",\"field_code\":\"ho_tich\",\"field_name\":\"Hộ tịch\"," \
  "\"level\":\"commune\",\"unit_kinds\":[\"commune\"],\"time_amount\":" #amount ",\"time_unit\":\"working_days\"," \
  "\"rule_1500\":false,\"online_level\":\"" online "\",\"result_type\":\"both\",\"citizen_kind\":\"citizen\"," \
  "\"components\":[{\"code\":\"to_khai\",\"name\":\"Tờ khai\",\"required\":true}]," \
  "\"eform\":{\"fields\":[{\"name\":\"ho_ten\",\"label\":\"Họ và tên\",\"type\":\"text\",\"required\":true}]}" extra "}"

static const char *procs_json =
  "[" PROC("T3", 3, "full", "") "," PROC("T1", 1, "full", "") "," PROC("OFF", 2, "none", "") ","
  PROC("FEE", 2, "partial", ",\"fees\":[{\"code\":\"le_phi\",\"name\":\"Lệ phí\",\"amount\":8000,\"kind\":\"le_phi\"}]") "]";

/* ---- SQL from outside the program (the damage) ------------------------------ */

static bool on_pg(void) { return strncmp(url, "postgres", 8) == 0; }

/* Run one statement; returns the first column of the first row as an integer (0 if none). */
static int64_t raw(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int64_t raw(const char *fmt, ...) {
  char sql[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(sql, sizeof sql, fmt, ap);
  va_end(ap);
  int64_t v = 0;
  if (on_pg()) {
    PGconn *c = PQconnectdb(url);
    cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s", PQerrorMessage(c));
    PGresult *r = PQexec(c, sql);
    ExecStatusType s = PQresultStatus(r);
    cr_assert(s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK, "%s: %s", sql, PQresultErrorMessage(r));
    if (s == PGRES_TUPLES_OK && PQntuples(r) > 0) v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    PQfinish(c);
  } else {
    sqlite3 *s;
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    cr_assert_eq(sqlite3_open_v2(path, &s, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(s, 5000);
    sqlite3_stmt *st;
    cr_assert_eq(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(s));
    int r = sqlite3_step(st);
    cr_assert(r == SQLITE_ROW || r == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(s));
    if (r == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(s);
  }
  return v;
}

/* ---- the province and its people ------------------------------------------ */

static int64_t unit_id(const char *code) { return th_unit_id(db, A, code); }

static void user(mc_principal *p, const char *name, mc_role role, const char *unit, const char *idn) {
  th_user(db, A, p, name, name, role, unit, idn, idn ? "0912345678" : NULL);
}

static void setup(void) {
  A = mc_arena_new(0);
  db = th_province_open(units_json, procs_json, &url);
  user(&citizen, "congdan1", MC_ROLE_CITIZEN, NULL, "001090012345");
  vcitizen = citizen;
  vcitizen.vneid = true;
  user(&officer, "motcua.c1", MC_ROLE_OFFICER, "C1", NULL);
  user(&specialist, "chuyenvien.c1", MC_ROLE_SPECIALIST, "C1", NULL);
  user(&leader, "lanhdao.c1", MC_ROLE_UNIT_LEADER, "C1", NULL);
  user(&officer2, "motcua.c2", MC_ROLE_OFFICER, "C2", NULL);
  user(&specialist2, "chuyenvien.c2", MC_ROLE_SPECIALIST, "C2", NULL);
  user(&leader2, "lanhdao.c2", MC_ROLE_UNIT_LEADER, "C2", NULL);
  c1 = unit_id("C1");
  c2 = unit_id("C2");
  th_temp_dir(data_dir, sizeof data_dir, "files");
}

static void teardown(void) {
  mc_db_close(db);
  mc_arena_free(A);
  mc_err_clear(&err);
  free(url);
}

TestSuite(index_verify, .init = setup, .fini = teardown, .timeout = 240);

/* ---- lives through the engine ---------------------------------------------- */

static mc_dossier *submit(const mc_principal *who, const char *proc, mc_time t) {
  return th_submit(db, A, who, proc, t);
}

static void act(const mc_principal *who, mc_dossier *d, mc_daction a, mc_time t, const mc_act_params *extra) {
  mc_act_params p = extra ? *extra : (mc_act_params){0};
  p.at = t;
  if (!p.reason) p.reason = "Lý do kiểm thử";
  cr_assert_eq(mc_dossier_act(db, A, who, d, a, &p, &err), MC_OK, "%s: %s %s", mc_daction_name(a), err.code,
               err.message);
}

static void attach(const mc_principal *who, mc_dossier *d, mc_attach_kind kind, bool reused, mc_time t) {
  static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  mc_attach_new in = {.kind = kind, .component = kind == MC_ATT_COMPONENT ? "to_khai" : NULL, .name = "tệp.pdf",
                      .content_type = "application/pdf", .data = pdf, .len = sizeof pdf - 1, .digitised = true,
                      .reused = reused, .at = t};
  int64_t id;
  cr_assert_eq(mc_dossier_attach(db, A, data_dir, who, d, &in, &id, &err), MC_OK, "%s %s", err.code, err.message);
}

typedef struct lives { mc_dossier *rated, *supplemented, *never_received; int received; } lives;

/* Ten dossiers of March 2025 at C1 (one transferred to C2), eight of them received. */
static lives handful(void) {
  lives l = {0};
  mc_time t = at(2025, 3, 3, 8, 0);
  /* Online, the whole way, rated 4. */
  mc_dossier *d = submit(&vcitizen, "T3", t);
  act(&officer, d, MC_DA_RECEIVE, t + 3600, NULL);
  act(&specialist, d, MC_DA_FORWARD, t + 86400, NULL);
  act(&leader, d, MC_DA_FORWARD, t + 2 * 86400, NULL);
  act(&officer, d, MC_DA_RETURN_RESULT, t + 3 * 86400, NULL);
  act(&citizen, d, MC_DA_RATE, t + 3 * 86400 + 600, &(mc_act_params){.score = 4});
  l.rated = d;
  /* At the desk, a supplement round trip, then processed. */
  d = submit(&officer, "OFF", t + 600);
  act(&officer, d, MC_DA_RECEIVE, t + 1200, NULL);
  act(&specialist, d, MC_DA_REQUEST_SUPPLEMENT, t + 7200, NULL);
  act(&officer, d, MC_DA_COMPLETE_SUPPLEMENT, t + 86400, NULL);
  act(&specialist, d, MC_DA_FORWARD, t + 2 * 86400, NULL);
  act(&leader, d, MC_DA_FORWARD, t + 3 * 86400, NULL);
  l.supplemented = d;
  /* A fee paid, still in processing. */
  d = submit(&citizen, "FEE", t + 900);
  act(&officer, d, MC_DA_RECEIVE, t + 1800, NULL);
  act(&specialist, d, MC_DA_REQUEST_PAYMENT, t + 3600, NULL);
  act(&specialist, d, MC_DA_CONFIRM_PAYMENT, t + 5400, NULL);
  /* Transferred to C2 and finished there, late. */
  d = submit(&citizen, "T1", t + 1000);
  act(&officer, d, MC_DA_RECEIVE, t + 2000, NULL);
  act(&specialist, d, MC_DA_TRANSFER, t + 3000, &(mc_act_params){.to_unit = "C2"});
  act(&specialist2, d, MC_DA_FORWARD, t + 4 * 86400, NULL);
  act(&leader2, d, MC_DA_FORWARD, t + 5 * 86400, NULL);
  /* Never received; refused at the desk. */
  l.never_received = submit(&citizen, "T3", t + 1100);
  d = submit(&citizen, "T3", t + 1200);
  act(&officer, d, MC_DA_REFUSE, t + 1300, NULL);
  /* Received, then withdrawn. */
  d = submit(&citizen, "T3", t + 1400);
  act(&officer, d, MC_DA_RECEIVE, t + 1500, NULL);
  act(&citizen, d, MC_DA_WITHDRAW, t + 86400, NULL);
  /* Two supplement requests, then stopped. */
  d = submit(&officer, "T3", t + 1600);
  act(&officer, d, MC_DA_RECEIVE, t + 1700, NULL);
  act(&specialist, d, MC_DA_REQUEST_SUPPLEMENT, t + 1800, NULL);
  act(&officer, d, MC_DA_COMPLETE_SUPPLEMENT, t + 1900, NULL);
  act(&specialist, d, MC_DA_REQUEST_SUPPLEMENT, t + 2000, NULL);
  act(&leader, d, MC_DA_STOP, t + 2100, NULL);
  /* Digitised and reused components, an electronic result, returned. */
  d = submit(&citizen, "T3", t + 2200);
  attach(&citizen, d, MC_ATT_COMPONENT, true, t + 2300);
  act(&officer, d, MC_DA_RECEIVE, t + 2400, NULL);
  attach(&specialist, d, MC_ATT_RESULT, false, t + 2500);
  act(&specialist, d, MC_DA_FORWARD, t + 2600, NULL);
  act(&leader, d, MC_DA_FORWARD, t + 2700, NULL);
  act(&officer, d, MC_DA_RETURN_RESULT, t + 2800, NULL);
  /* An apology letter, still open. */
  d = submit(&citizen, "T1", t + 2900);
  act(&officer, d, MC_DA_RECEIVE, t + 3000, NULL);
  act(&specialist, d, MC_DA_APOLOGY, t + 86400, &(mc_act_params){.new_due = d->due_at + 2 * 86400});
  l.received = 8;
  return l;
}

static mc_rc verify(mc_index_verify_report *r, int64_t max_buckets) {
  memset(r, 0, sizeof *r);
  r->max_buckets = max_buckets;
  mc_err_clear(&err);
  return mc_index_verify(db, r, &err);
}

static void verify_ok(mc_index_verify_report *r, int64_t max_buckets) {
  mc_rc rc = verify(r, max_buckets);
  cr_assert_eq(rc, MC_OK, "%s %s", err.code, err.message);
  cr_assert_eq(r->differences, 0);
  cr_assert_eq(r->ndiffs, 0);
}

static mc_index_verify_report rep, rep2;

Test(index_verify, equal_after_a_handful_of_lives_in_one_pass_or_several) {
  lives l = handful();
  verify_ok(&rep, 0);
  cr_assert_eq(rep.dossiers, 10);
  cr_assert_eq(rep.facts, l.received, "one stored row per received dossier: %lld", (long long)rep.facts);
  cr_assert_eq(rep.passes, 1);
  /* Every stored bucket row is compared column by column; the bit sets add their bits. */
  int64_t rows = raw("SELECT COUNT(*) FROM idx_bucket");
  cr_assert_eq(rep.buckets, rows);
  cr_assert_gt(rep.counters, rows * 18, "activity bits are compared too");
  /* Received dossiers all at C1 or C2 in March 2025: the all-time totals hold 8 receptions. */
  cr_assert_eq(raw("SELECT SUM(rcv) FROM idx_bucket WHERE proc_id = 0 AND gran = 3"), 8);

  /* A recount that may hold only a few buckets takes several passes and checks the same. */
  verify_ok(&rep2, 5);
  cr_assert_gt(rep2.passes, 2, "%d passes", rep2.passes);
  cr_assert_eq(rep2.dossiers, rep.dossiers);
  cr_assert_eq(rep2.facts, rep.facts);
  cr_assert_eq(rep2.buckets, rep.buckets);
  cr_assert_eq(rep2.counters, rep.counters);
}

/* ---- random histories -------------------------------------------------------- */

static uint64_t seed = 0x7667661;
static uint64_t rnd(void) {   /* xorshift64*: deterministic across runs */
  seed ^= seed >> 12;
  seed ^= seed << 25;
  seed ^= seed >> 27;
  return seed * 2685821657736338717ULL;
}
static int64_t below(int64_t n) { return (int64_t)(rnd() % (uint64_t)n); }

/* Walk d through up to `steps` actions the engine allows, chosen at random. */
static void walk(mc_dossier *d, mc_time *t, int steps) {
  const mc_principal *people[] = {&citizen, &officer, &specialist, &leader, &officer2, &specialist2, &leader2};
  enum { NPEOPLE = sizeof people / sizeof people[0] };
  for (int s = 0; s < steps; s++) {
    const mc_principal *who[NPEOPLE * MC_DA_COUNT];
    mc_daction what[NPEOPLE * MC_DA_COUNT];
    int n = 0;
    for (int i = 0; i < NPEOPLE; i++) {
      unsigned m = mc_dossier_allowed(people[i], d);
      for (int a = 0; a < MC_DA_COUNT; a++)
        if (m & (1u << a)) { who[n] = people[i]; what[n++] = (mc_daction)a; }
    }
    if (!n) return;
    int k = (int)below(n);
    *t += 300 + below(2 * 86400);
    if (what[k] == MC_DA_FORWARD && d->state != MC_DS_SUBMITTED && below(3) == 0) {
      const mc_principal *by = d->handling_unit_id == c1 ? &specialist : &specialist2;
      int64_t id;
      static const char pdf[] = "%PDF-1.4\n%%EOF\n";
      mc_attach_new in = {.kind = MC_ATT_RESULT, .name = "kết quả.pdf", .content_type = "application/pdf",
                          .data = pdf, .len = sizeof pdf - 1, .at = *t};
      mc_err_clear(&err);
      if (mc_dossier_attach(db, A, data_dir, by, d, &in, &id, &err)) {
        mc_dossier *fresh;
        cr_assert_eq(mc_dossier_get(db, A, d->code, &fresh, &err), MC_OK);
        *d = *fresh;
      }
      *t += 60;
    }
    mc_act_params p = {.at = *t, .reason = "Lý do kiểm thử", .score = 1 + (int)below(5),
                       .to_unit = d->handling_unit_id == c1 ? "C2" : "C1",
                       .new_due = d->due_at + 86400 * (1 + below(3))};
    mc_err_clear(&err);
    if (mc_dossier_act(db, A, who[k], d, what[k], &p, &err) != MC_OK) {
      mc_dossier *fresh;   /* refused by a rule the mask does not show: the dossier is unchanged */
      cr_assert_eq(mc_dossier_get(db, A, d->code, &fresh, &err), MC_OK);
      *d = *fresh;
    }
  }
}

Test(index_verify, equal_after_random_histories) {
  static const char *const procs[] = {"T3", "T1", "FEE", "OFF"};
  mc_time t = at(2025, 1, 20, 8, 0);
  int n = 0;
  for (int i = 0; i < 60; i++) {
    const char *proc = procs[below(4)];
    const mc_principal *by = strcmp(proc, "OFF") == 0 || below(4) == 0 ? &officer : below(2) ? &vcitizen : &citizen;
    t += below(6 * 3600);
    mc_dossier *d = submit(by, proc, t);
    if (by != &officer && below(2)) attach(&citizen, d, MC_ATT_COMPONENT, below(2), t + 60);
    mc_time tt = t + 120;
    if (below(5)) act(&officer, d, MC_DA_RECEIVE, tt, NULL);   /* most are received; the walk may still refuse some */
    walk(d, &tt, 2 + (int)below(9));
    n++;
  }
  verify_ok(&rep, 0);
  cr_assert_eq(rep.dossiers, n);
  cr_assert_eq(rep.facts, raw("SELECT COUNT(*) FROM dossiers WHERE received_at IS NOT NULL AND received_at <> 0"));
  cr_assert_gt(rep.facts, 20, "most random dossiers were received (%lld)", (long long)rep.facts);
  verify_ok(&rep2, 40);
  cr_assert_gt(rep2.passes, 1);
  cr_assert_eq(rep2.counters, rep.counters);
}

/* ---- damage ------------------------------------------------------------------ */

static mc_rc verify_bad(mc_index_verify_report *r) {
  mc_rc rc = verify(r, 0);
  cr_assert_eq(rc, MC_ECONFLICT, "rc %d (%s)", rc, err.message);
  cr_assert_str_eq(err.code, "index.mismatch");
  cr_assert_gt(r->ndiffs, 0);
  cr_assert(strstr(err.message, r->diffs[0].what), "the message names the first difference: %s", err.message);
  return rc;
}

Test(index_verify, a_damaged_counter_is_reported) {
  handful();
  /* One counter off by one: the all-time receptions of C1. */
  raw("UPDATE idx_bucket SET rcv = rcv + 1 WHERE proc_id = 0 AND gran = 3 AND unit_id = %lld", (long long)c1);
  verify_bad(&rep);
  cr_assert_eq(rep.differences, 1);
  cr_assert_str_eq(rep.diffs[0].what, "bucket (every procedure, unit C1, all time): rcv");
  cr_assert_eq(rep.diffs[0].stored, rep.diffs[0].recomputed + 1);
  cr_assert_eq(rep.diffs[0].recomputed, 7, "seven of the eight receptions stayed at C1");
  raw("UPDATE idx_bucket SET rcv = rcv - 1 WHERE proc_id = 0 AND gran = 3 AND unit_id = %lld", (long long)c1);
  verify_ok(&rep, 0);

  /* A bucket nothing counted (day 10000 = 1997-05-19). */
  int64_t t3 = raw("SELECT id FROM procedures WHERE code = 'T3'");
  raw("INSERT INTO idx_bucket (proc_id, gran, day, unit_id, end_n) VALUES (%lld, 1, 10000, %lld, 2)", (long long)t3,
      (long long)c2);
  verify_bad(&rep);
  cr_assert_eq(rep.differences, 1);
  cr_assert_str_eq(rep.diffs[0].what, "bucket (procedure T3, unit C2, day 1997-05-19): end_n");
  cr_assert_eq(rep.diffs[0].stored, 2);
  cr_assert_eq(rep.diffs[0].recomputed, 0);
  raw("DELETE FROM idx_bucket WHERE day = 10000");

  /* A bucket row lost: each of its non-zero counters is missing. */
  int64_t lost = raw("SELECT rcv + rcv_online + rcv_vneid FROM idx_bucket WHERE proc_id = %lld AND gran = 2 AND "
                     "unit_id = %lld", (long long)t3, (long long)c1);
  raw("DELETE FROM idx_bucket WHERE proc_id = %lld AND gran = 2 AND unit_id = %lld", (long long)t3, (long long)c1);
  verify_bad(&rep);
  cr_assert_gt(lost, 0);
  bool found = false;
  for (int i = 0; i < rep.ndiffs; i++) {
    cr_assert_eq(rep.diffs[i].stored, 0, "%s", rep.diffs[i].what);
    found |= strcmp(rep.diffs[i].what, "bucket (procedure T3, unit C1, month 2025-03): rcv") == 0;
  }
  cr_assert(found, "the month's receptions of T3 are reported missing");
}

Test(index_verify, damaged_activity_bits_are_reported) {
  handful();
  /* The month rows of C1 lost: each procedure with online, paid or VNeID dossiers there is missing its bit. */
  cr_assert_gt(raw("SELECT COUNT(*) FROM idx_active WHERE unit_id = %lld AND gran = 2", (long long)c1), 0);
  raw("DELETE FROM idx_active WHERE unit_id = %lld AND gran = 2", (long long)c1);
  verify_bad(&rep);
  bool t3_online = false, t3_vneid = false;
  for (int i = 0; i < rep.ndiffs; i++) {
    cr_assert(strncmp(rep.diffs[i].what, "activity (", 10) == 0, "%s", rep.diffs[i].what);
    cr_assert(strstr(rep.diffs[i].what, "unit C1, month 2025-03"), "%s", rep.diffs[i].what);
    cr_assert_eq(rep.diffs[i].stored, 0);
    cr_assert_eq(rep.diffs[i].recomputed, 1);
    t3_online |= strcmp(rep.diffs[i].what, "activity (procedure T3, unit C1, month 2025-03): online") == 0;
    t3_vneid |= strcmp(rep.diffs[i].what, "activity (procedure T3, unit C1, month 2025-03): vneid") == 0;
  }
  cr_assert(t3_online && t3_vneid);
  /* Received online at C1 in March: T3, T1 and FEE; with VNeID: T3. (The engine has no online
   * payment yet, so FEE was not paid online.) */
  cr_assert_eq(rep.differences, 4, "%lld", (long long)rep.differences);
  cr_assert_eq(mc_index_repair(db, &rep, &err), MC_OK, "%s", err.message);
  verify_ok(&rep, 0);

  /* Paid online behind the index's back: the stored flags, the paid counters of its reception
   * (day, month, all time; FEE and every procedure) and FEE's paid bits (day, month). */
  int64_t fee = raw("SELECT id FROM dossiers WHERE procedure_id = (SELECT id FROM procedures WHERE code = 'FEE')");
  raw("UPDATE dossiers SET paid_online = 1 WHERE id = %lld", (long long)fee);
  verify_bad(&rep);
  cr_assert_eq(rep.differences, 1 + 6 + 2, "%lld", (long long)rep.differences);
  cr_assert(strstr(rep.diffs[0].what, ": flags"), "%s", rep.diffs[0].what);
  cr_assert_eq(rep.diffs[0].recomputed, rep.diffs[0].stored | 2, "bit 1 of the flags is paid_online");
  int paid_bits = 0;
  for (int i = 1; i < rep.ndiffs; i++) {
    cr_assert_eq(rep.diffs[i].stored, 0);
    cr_assert_eq(rep.diffs[i].recomputed, 1);
    if (strncmp(rep.diffs[i].what, "activity (procedure FEE, unit C1, ", 34) == 0) {
      cr_assert(strstr(rep.diffs[i].what, "): paid_online"), "%s", rep.diffs[i].what);
      paid_bits++;
    } else {
      cr_assert(strstr(rep.diffs[i].what, "unit C1") && strstr(rep.diffs[i].what, "): rcv_paid"), "%s", rep.diffs[i].what);
    }
  }
  cr_assert_eq(paid_bits, 2);
  cr_assert_eq(mc_index_repair(db, &rep, &err), MC_OK, "%s", err.message);
  verify_ok(&rep, 0);
}

Test(index_verify, damaged_facts_are_reported) {
  lives l = handful();
  int64_t id = l.rated->id, secs = raw("SELECT handling_seconds FROM idx_dossier WHERE dossier_id = %lld", (long long)id);
  char what[200];

  /* A stored fact changed: reported alone (the counters are recomputed from the dossier). */
  raw("UPDATE idx_dossier SET handling_seconds = handling_seconds + 60 WHERE dossier_id = %lld", (long long)id);
  verify_bad(&rep);
  cr_assert_eq(rep.differences, 1);
  snprintf(what, sizeof what, "dossier %s: handling_seconds", l.rated->code);
  cr_assert_str_eq(rep.diffs[0].what, what);
  cr_assert_eq(rep.diffs[0].stored, secs + 60);
  cr_assert_eq(rep.diffs[0].recomputed, secs);
  raw("UPDATE idx_dossier SET handling_seconds = %lld WHERE dossier_id = %lld", (long long)secs, (long long)id);

  /* The stored row of a received dossier lost; a row for a dossier not received; one for no dossier at all. */
  raw("DELETE FROM idx_dossier WHERE dossier_id = %lld", (long long)l.supplemented->id);
  raw("INSERT INTO idx_dossier SELECT %lld, unit_id, proc_id, channel, received_at, due_at, eff_due, ended_at, "
      "end_status, on_time, supplements, handling_seconds, flags, rating FROM idx_dossier WHERE dossier_id = %lld",
      (long long)l.never_received->id, (long long)id);
  raw("INSERT INTO idx_dossier SELECT 999999, unit_id, proc_id, channel, received_at, due_at, eff_due, ended_at, "
      "end_status, on_time, supplements, handling_seconds, flags, rating FROM idx_dossier WHERE dossier_id = %lld",
      (long long)id);
  verify_bad(&rep);
  cr_assert_eq(rep.differences, 3);
  /* In dossier id order, the orphan last. */
  const char *first = l.supplemented->id < l.never_received->id ? l.supplemented->code : l.never_received->code;
  cr_assert(strstr(rep.diffs[0].what, first), "%s", rep.diffs[0].what);
  for (int i = 0; i < 2; i++) {
    bool missing = strstr(rep.diffs[i].what, l.supplemented->code) != NULL;
    snprintf(what, sizeof what, "dossier %s: its idx_dossier row (%s)", missing ? l.supplemented->code : l.never_received->code,
             missing ? "missing for a received dossier" : "kept for a dossier not received");
    cr_assert_str_eq(rep.diffs[i].what, what);
    cr_assert_eq(rep.diffs[i].stored, missing ? 0 : 1);
    cr_assert_eq(rep.diffs[i].recomputed, missing ? 1 : 0);
  }
  cr_assert_str_eq(rep.diffs[2].what, "idx_dossier row of dossier id 999999, which is not among the dossiers");
  raw("DELETE FROM idx_dossier WHERE dossier_id IN (%lld, 999999)", (long long)l.never_received->id);
  cr_assert_eq(mc_index_repair(db, &rep, &err), MC_OK, "%s", err.message);
  verify_ok(&rep, 0);

  /* The dossier row changed behind the index's back (rating 4 → 1): its stored fact and the six
   * "complaint or bad rating" counters of its end (day, month, all time; T3 and every procedure). */
  raw("UPDATE dossiers SET rating = 1 WHERE id = %lld", (long long)id);
  verify_bad(&rep);
  cr_assert_eq(rep.differences, 7, "%lld", (long long)rep.differences);
  snprintf(what, sizeof what, "dossier %s: rating", l.rated->code);
  cr_assert_str_eq(rep.diffs[0].what, what);
  cr_assert_eq(rep.diffs[0].stored, 4);
  cr_assert_eq(rep.diffs[0].recomputed, 1);
  for (int i = 1; i < 7; i++) {
    cr_assert(strstr(rep.diffs[i].what, "unit C1") && strstr(rep.diffs[i].what, "): end_bad"), "%s", rep.diffs[i].what);
    cr_assert_eq(rep.diffs[i].stored, 0);
    cr_assert_eq(rep.diffs[i].recomputed, 1);
  }
}

Test(index_verify, the_list_is_capped_and_the_count_is_not) {
  handful();
  raw("UPDATE idx_bucket SET w_end = w_end + 3 WHERE gran = 1");
  memset(&rep, 0, sizeof rep);
  rep.max_diffs = 2;
  cr_assert_eq(mc_index_verify(db, &rep, &err), MC_ECONFLICT);
  cr_assert_eq(rep.ndiffs, 2);
  cr_assert_eq(rep.differences, raw("SELECT COUNT(*) FROM idx_bucket WHERE gran = 1"));
}

static json_t *summary(void) {
  mc_index_query q = {.unit = "P", .period = "2025-03", .now = at(2025, 4, 1, 12, 0)};
  json_t *s;
  mc_err_clear(&err);
  cr_assert_eq(mc_index_summary(db, &q, &s, &err), MC_OK, "%s", err.message);
  return s;
}

Test(index_verify, a_repair_rebuilds_the_same_figures) {
  lives l = handful();
  json_t *before = summary();
  /* Rows a change brought back to zero stay stored; a rebuild writes only the others. */
  int64_t buckets = raw("SELECT COUNT(*) FROM idx_bucket WHERE rcv + rcv_online + rcv_synced + rcv_fee + rcv_paid + "
                        "rcv_reused + rcv_store + rcv_vneid + w_start + end_n + end_ontime + end_secs + end_res + "
                        "end_eres + end_done + end_dig + end_bad + w_end > 0");

  /* As after a restore that lost the index: every table of it damaged. */
  raw("UPDATE idx_bucket SET rcv = rcv * 2, end_secs = end_secs + 1");
  raw("DELETE FROM idx_active WHERE gran = 1");
  raw("UPDATE idx_dossier SET flags = 0");
  raw("DELETE FROM idx_dossier WHERE dossier_id = %lld", (long long)l.rated->id);
  verify_bad(&rep);
  json_t *damaged = summary();
  cr_assert_not(json_equal(before, damaged), "the damage shows in the figures");
  json_decref(damaged);

  /* Rebuilt in several passes (a small recount), then equal again, figure for figure. */
  memset(&rep, 0, sizeof rep);
  rep.max_buckets = 7;
  cr_assert_eq(mc_index_repair(db, &rep, &err), MC_OK, "%s", err.message);
  cr_assert_gt(rep.passes, 2);
  cr_assert_eq(rep.dossiers, 10);
  cr_assert_eq(rep.facts, l.received);
  cr_assert_eq(rep.buckets, buckets);
  cr_assert_eq(raw("SELECT COUNT(*) FROM idx_bucket"), buckets);
  verify_ok(&rep, 0);
  json_t *after = summary();
  cr_assert(json_equal(before, after), "the summary after the repair equals the one before the damage");
  json_decref(after);
  json_decref(before);

  /* The engine goes on counting on the rebuilt index. */
  act(&citizen, l.never_received, MC_DA_WITHDRAW, at(2025, 3, 20, 9, 0), NULL);
  mc_dossier *d = submit(&vcitizen, "FEE", at(2025, 3, 21, 9, 0));
  act(&officer, d, MC_DA_RECEIVE, at(2025, 3, 21, 10, 0), NULL);
  verify_ok(&rep, 0);
  cr_assert_eq(rep.facts, l.received + 1);
}

Test(index_verify, a_repair_in_the_callers_transaction_rolls_back_with_it) {
  handful();
  raw("UPDATE idx_bucket SET rcv = rcv + 1 WHERE gran = 3");
  int64_t damaged = raw("SELECT SUM(rcv) FROM idx_bucket WHERE gran = 3");
  cr_assert_eq(mc_db_begin(db, &err), MC_OK);
  memset(&rep, 0, sizeof rep);
  cr_assert_eq(mc_index_repair(db, &rep, &err), MC_OK, "%s", err.message);
  cr_assert(mc_db_in_tx(db), "the caller's transaction stays open");
  mc_db_rollback(db);
  cr_assert_eq(raw("SELECT SUM(rcv) FROM idx_bucket WHERE gran = 3"), damaged, "nothing was written");
  verify_bad(&rep);
}
