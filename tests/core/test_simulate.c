/* test_simulate.c — the simulator (core/simulate.h): the bulk writer leaves
 * exactly the rows the dossier engine writes for the same actions; the index
 * rebuilt after a bulk load equals mc_index_record per dossier; the same seed gives the
 * same database; the rates produced are near their targets; the consistency
 * check passes on a simulation and catches damage; bad parameters are refused. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/calendar.h"
#include "core/simulate.h"
#include "harness.h"
#include "util/buf.h"

/* These tests read the SQLite file itself (rows, file size, tampering), so they
 * run on SQLite even in the PostgreSQL pass of the suite; `make bench`
 * simulates into PostgreSQL too (BENCHMARKS.md). */
__attribute__((constructor)) static void sqlite_only(void) { unsetenv("MOTCUA_TEST_PG"); }


static mc_db *open_db(const char *url) {
  mc_db *db = NULL;
  mc_err err = {0};
  cr_assert_eq(mc_db_open(url, &db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK, "%s", err.message);
  return db;
}

/* Small, eventful: more supplements, refusals, withdrawals, stops and late
 * dossiers than a province has, over the 1 July 2025 reform. The facts no
 * engine action sets (paid online, synced, complaint) stay off so both
 * writers can be compared. */
static void eventful(mc_sim_params *p, const char *data_dir, int64_t n) {
  mc_sim_defaults(p);
  p->seed = 7;
  p->dossiers = n;
  mc_date_parse("2025-06-10", &p->from);
  mc_date_parse("2025-07-20", &p->to);
  mc_time_parse("2025-07-25T10:00:00+07:00", &p->now);
  p->data_dir = data_dir;
  p->batch = 97;
  for (int k = 0; k < MC_SIM_KINDS; k++) {
    mc_sim_rates *r = &p->rates[k];
    r->paid_online = r->synced = r->complaint = 0;
    r->supplement = 0.3;
    r->pre_supplement = 0.3;
    r->withdrawn = 0.05;
    r->stopped = 0.05;
    r->sent_back = 0.2;
    r->refused = 0.05;
    r->on_time = 0.6;
    r->rated = 0.8;
    r->satisfied = 0.7;
  }
}

/* Attachments go beside a SQLite file, or into a temp folder for PostgreSQL. */
static char *data_dir_of(const char *url) {
  if (strncmp(url, "postgres", 8) == 0) {
    const char *base = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
    char *d = malloc(strlen(base) + 24);
    snprintf(d, strlen(base) + 24, "%s/simdata-XXXXXX", base);
    cr_assert_not_null(mkdtemp(d));
    return d;
  }
  char *d = malloc(strlen(url) + 8);
  snprintf(d, strlen(url) + 8, "%s.data", url);
  return d;
}

static void run(const char *url, mc_sim_params *p, mc_sim_stats *st) {
  mc_db *db = open_db(url);
  mc_err err = {0};
  mc_calendar_changed();
  cr_assert_eq(mc_sim_run(db, p, st, &err), MC_OK, "%s: %s", err.code, err.message);
  mc_db_close(db);
}

/* Every row of a query as text, one line per row. */
static char *dump(const char *url, const char *sql) {
  sqlite3 *db;
  cr_assert_eq(sqlite3_open_v2(url, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  sqlite3_stmt *st;
  cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(db));
  mc_buf b;
  mc_buf_init(&b, 0);
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); i++) {
      const unsigned char *t = sqlite3_column_text(st, i);
      mc_buf_printf(&b, "%s%s", i ? "|" : "", t ? (const char *)t : "<null>");
    }
    mc_buf_puts(&b, "\n");
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  mc_buf_puts(&b, "");
  return mc_buf_steal(&b);
}

static void same(const char *a, const char *b, const char *what, const char *sql) {
  char *x = dump(a, sql), *y = dump(b, sql);
  if (strcmp(x, y) != 0) {
    const char *p = x, *q = y;
    int line = 1;
    while (*p && *p == *q) { if (*p == '\n') line++; p++; q++; }
    while (p > x && p[-1] != '\n') { p--; q--; }
    cr_assert_fail("%s differ at row %d:\n  bulk:   %.300s\n  engine: %.300s", what, line, p, q);
  }
  cr_assert(strlen(x) > 0 || strcmp(what, "nothing") == 0, "%s: no rows", what);
  free(x);
  free(y);
}

static const char *const tables[][2] = {
  {"dossiers", "SELECT * FROM dossiers ORDER BY id"},
  {"events", "SELECT * FROM dossier_events ORDER BY dossier_id, seq"},
  {"steps", "SELECT dossier_id, step_index, step_code, step_name, unit_id, role, started_at, due_at, ended_at, "
            "on_time, actor_id, outcome FROM dossier_steps ORDER BY dossier_id, id"},
  {"attachments", "SELECT * FROM dossier_attachments ORDER BY id"},
  {"files", "SELECT id, sha256, size, mime, filename FROM files ORDER BY id"},
  {"code counters", "SELECT * FROM dossier_counters ORDER BY scope"},
  {"accounts", "SELECT id, username, full_name, role, unit_id, id_number, phone, birth_date, sex, assurance "
               "FROM users ORDER BY id"},
  {"identities", "SELECT * FROM user_identities ORDER BY user_id"},
};
static const char idx_facts[] = "SELECT * FROM idx_dossier ORDER BY dossier_id";
static const char idx_active[] =
  "SELECT unit_id, gran, day, hex(online_bits), hex(paid_bits), hex(vneid_bits) FROM idx_active "
  "WHERE hex(online_bits) GLOB '*[1-9A-F]*' OR hex(paid_bits) GLOB '*[1-9A-F]*' OR hex(vneid_bits) GLOB '*[1-9A-F]*' "
  "ORDER BY unit_id, gran, day";
static const char idx_buckets[] =
  "SELECT * FROM idx_bucket WHERE rcv <> 0 OR rcv_online <> 0 OR rcv_synced <> 0 OR rcv_fee <> 0 OR rcv_paid <> 0 "
  "OR rcv_reused <> 0 OR rcv_store <> 0 OR rcv_vneid <> 0 OR w_start <> 0 OR end_n <> 0 OR end_ontime <> 0 "
  "OR end_secs <> 0 OR end_res <> 0 OR end_eres <> 0 OR end_done <> 0 OR end_dig <> 0 OR end_bad <> 0 "
  "OR w_end <> 0 ORDER BY proc_id, gran, day, unit_id";

static void consistent(const char *url) {
  mc_db *db = open_db(url);
  mc_sim_check k;
  mc_err err = {0};
  cr_assert_eq(mc_sim_check_db(db, &k, &err), MC_OK, "%s", err.message);
  cr_assert_eq(k.bad_replay + k.dangling + k.index_differences, 0, "%s: %s", url, k.nnotes ? k.notes[0] : "");
  cr_assert_gt(k.index_values, 0);
  cr_assert_gt(k.dossiers, 0);
  mc_db_close(db);
}

Test(simulate, bulk_writes_what_the_engine_writes, .timeout = 300) {
  char *a = th_fresh_demo_db_url(), *b = th_fresh_demo_db_url();
  char *da = data_dir_of(a), *db_ = data_dir_of(b);
  mc_sim_params p;
  mc_sim_stats sa, sb;
  eventful(&p, da, 300);
  run(a, &p, &sa);
  eventful(&p, db_, 300);
  p.engine = true;
  run(b, &p, &sb);
  cr_assert_eq(sa.dossiers, 300);
  cr_assert_eq(sa.events, sb.events);
  /* The history has what it should exercise. */
  cr_assert_gt(sa.supplements, 10);
  cr_assert_gt(sa.refused + sa.withdrawn + sa.stopped, 10);
  cr_assert_gt(sa.apologies, 3);
  cr_assert_gt(sa.open, 3);
  cr_assert_gt(sa.rated, 3);
  cr_assert_gt(sa.attachments, 100);
  char *back = dump(a, "SELECT COUNT(*) FROM dossier_events WHERE action = 'send_back'");
  cr_assert_gt(strtol(back, NULL, 10), 5, "send_back events: %s", back);
  free(back);
  for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) same(a, b, tables[i][0], tables[i][1]);
  same(a, b, "idx_dossier", idx_facts);
  same(a, b, "idx_bucket", idx_buckets);
  same(a, b, "idx_active", idx_active);
  consistent(a);
  consistent(b);
  free(a); free(b); free(da); free(db_);
}

/* The index counted by the planner (written in several parts here), rebuilt
 * after the load, and recorded per dossier: the same rows. */
Test(simulate, counted_rebuilt_and_recorded_index_agree_and_seed_reproduces, .timeout = 300) {
  char *a = th_fresh_demo_db_url(), *b = th_fresh_demo_db_url(), *c = th_fresh_demo_db_url();
  char *d = th_fresh_demo_db_url();
  char *da = data_dir_of(a), *db_ = data_dir_of(b), *dc = data_dir_of(c), *dd = data_dir_of(d);
  mc_sim_params p;
  mc_sim_stats s;
  mc_sim_defaults(&p);
  p.seed = 42;
  p.dossiers = 3000;
  p.batch = 1000;
  mc_date_parse("2024-01-01", &p.from);
  mc_date_parse("2025-12-31", &p.to);
  mc_time_parse("2026-01-01T00:00:00+07:00", &p.now);
  p.data_dir = da;
  p.index_buckets = 700;  /* the count is handed to the writer many times */
  run(a, &p, &s);
  p.data_dir = db_;
  p.index = MC_SIM_INDEX_RECORD;
  p.batch = 333;          /* another batch size: the same history */
  run(b, &p, &s);
  p.data_dir = dd;
  p.index = MC_SIM_INDEX_REBUILD;
  run(d, &p, &s);
  const char *idx[][2] = {{"idx_dossier", idx_facts}, {"idx_bucket", idx_buckets}, {"idx_active", idx_active}};
  for (size_t i = 0; i < 3; i++) {
    same(a, b, idx[i][0], idx[i][1]);
    same(a, d, idx[i][0], idx[i][1]);
  }
  for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) same(a, b, tables[i][0], tables[i][1]);
  /* Another seed, another history. */
  p.seed = 43;
  p.data_dir = dc;
  run(c, &p, &s);
  char *x = dump(a, tables[0][1]), *y = dump(c, tables[0][1]);
  cr_assert(strcmp(x, y) != 0);
  free(x); free(y);
  consistent(a);
  free(a); free(b); free(c); free(d); free(da); free(db_); free(dc); free(dd);
}

Test(simulate, rates_come_out_near_their_targets, .timeout = 300) {
  char *a = th_fresh_demo_db_url(), *da = data_dir_of(a);
  mc_sim_params p;
  mc_sim_stats s;
  mc_sim_defaults(&p);
  p.dossiers = 20000;
  mc_date_parse("2021-07-01", &p.from);
  mc_date_parse("2025-12-31", &p.to);
  mc_time_parse("2026-01-01T00:00:00+07:00", &p.now);
  p.data_dir = da;
  run(a, &p, &s);
  double online = 100.0 * s.online / s.dossiers, on_time = 100.0 * s.on_time / s.ended;
  double paid = 100.0 * s.paid_online / s.with_fee, satisfied = 100.0 * s.satisfied / s.rated;
  cr_assert_eq(s.dossiers, 20000);
  cr_assert(online > 19 && online < 25, "online %.1f%%", online);
  cr_assert(on_time > 89 && on_time < 95, "on time %.1f%%", on_time);
  cr_assert(paid > 30 && paid < 38, "paid online %.1f%%", paid);
  cr_assert(satisfied > 96, "satisfied %.1f%%", satisfied);
  cr_assert_gt(s.postal, 0);
  cr_assert_gt(s.vneid, 0);
  cr_assert_gt(s.e_results, 0);
  /* The channel shift: more online at the end of the range than at its start. */
  char *early = dump(a, "SELECT AVG(channel = 2) FROM dossiers WHERE submitted_at < 1640970000");
  char *late = dump(a, "SELECT AVG(channel = 2) FROM dossiers WHERE submitted_at > 1735664400");
  cr_assert_gt(strtod(late, NULL), strtod(early, NULL) + 0.1, "online early %s late %s", early, late);
  /* Desk arrivals in office hours, a morning peak. */
  char *hours = dump(a, "SELECT SUM(((submitted_at + 25200) % 86400) / 3600 BETWEEN 8 AND 10), "
                        "SUM(((submitted_at + 25200) % 86400) / 3600 BETWEEN 17 AND 23) FROM dossiers WHERE channel = 1");
  long peak = strtol(hours, NULL, 10), night = strtol(strchr(hours, '|') + 1, NULL, 10);
  cr_assert(peak > 1000 && night == 0, "desk arrivals 8–11h: %ld, 17–24h: %ld", peak, night);
  consistent(a);
  free(early); free(late); free(hours); free(a); free(da);
}

Test(simulate, nothing_after_now) {
  char *a = th_fresh_demo_db_url(), *da = data_dir_of(a);
  mc_sim_params p;
  mc_sim_stats s;
  eventful(&p, da, 500);
  mc_time_parse("2025-07-10T12:00:00+07:00", &p.now);   /* before the range ends */
  run(a, &p, &s);
  cr_assert_gt(s.dossiers, 100);
  cr_assert_lt(s.dossiers, 500, "dossiers filed after now: %lld written", (long long)s.dossiers);
  char *late = dump(a, "SELECT COUNT(*) FROM dossiers WHERE submitted_at > 1752123600 OR updated_at > 1752123600");
  cr_assert_str_eq(late, "0\n");
  char *ev = dump(a, "SELECT COUNT(*) FROM dossier_events WHERE at > 1752123600");
  cr_assert_str_eq(ev, "0\n");
  consistent(a);
  free(late); free(ev); free(a); free(da);
}

Test(simulate, check_catches_damage) {
  char *a = th_fresh_demo_db_url(), *da = data_dir_of(a);
  mc_sim_params p;
  mc_sim_stats s;
  eventful(&p, da, 200);
  run(a, &p, &s);
  consistent(a);
  sqlite3 *db;
  cr_assert_eq(sqlite3_open(a, &db), SQLITE_OK);
  cr_assert_eq(sqlite3_exec(db,
      "UPDATE idx_bucket SET end_n = end_n + 1 WHERE proc_id = 0 AND gran = 3 AND unit_id = "
      "(SELECT MIN(unit_id) FROM idx_bucket WHERE proc_id = 0 AND gran = 3);"
      "DELETE FROM dossier_events WHERE dossier_id = 5 AND seq = 2;"
      "UPDATE idx_dossier SET rating = 9 WHERE dossier_id = (SELECT MIN(dossier_id) FROM idx_dossier);"
      "UPDATE dossier_attachments SET dossier_id = 99999999 WHERE id = (SELECT MIN(id) FROM dossier_attachments);",
      NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
  sqlite3_close(db);
  mc_db *m = open_db(a);
  mc_sim_check k;
  mc_err err = {0};
  cr_assert_eq(mc_sim_check_db(m, &k, &err), MC_OK);
  cr_assert_eq(k.bad_replay, 1, "%s", k.nnotes ? k.notes[0] : "");
  cr_assert_eq(k.dangling, 1, "an attachment of a dossier that does not exist");
  cr_assert_geq(k.index_differences, 2);   /* a counter and a dossier's rating */
  cr_assert_gt(k.nnotes, 2);
  mc_db_close(m);
  free(a); free(da);
}

Test(simulate, refuses_bad_input) {
  mc_sim_params p;
  mc_sim_stats s;
  mc_err err = {0};
  mc_sim_defaults(&p);
  json_t *bad = json_pack("{s:{s:f}}", "commune", "online", 1.5);
  cr_assert_eq(mc_sim_rates_apply(p.rates, bad, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "simulate.bad_rates");
  cr_assert_str_eq(err.field, "commune.online");
  mc_err_clear(&err);
  json_decref(bad);
  bad = json_pack("{s:{s:f}}", "county", "online", 0.5);
  cr_assert_eq(mc_sim_rates_apply(p.rates, bad, &err), MC_EINVAL);
  mc_err_clear(&err);
  json_decref(bad);
  json_t *good = json_pack("{s:{s:f}}", "district", "on_time", 0.5);
  cr_assert_eq(mc_sim_rates_apply(p.rates, good, &err), MC_OK);
  cr_assert_float_eq(p.rates[MC_SIM_DISTRICT].on_time, 0.5, 1e-9);
  json_decref(good);
  /* An empty database has no province; a simulated one cannot be simulated again. */
  char *empty = th_fresh_db_url();
  mc_db *db = open_db(empty);
  p.data_dir = "/tmp";
  p.dossiers = 10;
  cr_assert_eq(mc_sim_run(db, &p, &s, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "simulate.no_province");
  mc_err_clear(&err);
  mc_db_close(db);
  char *a = th_fresh_demo_db_url(), *da = data_dir_of(a);
  eventful(&p, da, 20);
  run(a, &p, &s);
  db = open_db(a);
  cr_assert_eq(mc_sim_run(db, &p, &s, &err), MC_ECONFLICT);
  cr_assert_str_eq(err.code, "simulate.already_run");
  mc_err_clear(&err);
  p.dossiers = 0;
  cr_assert_eq(mc_sim_run(db, &p, &s, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "simulate.bad_params");
  mc_err_clear(&err);
  mc_db_close(db);
  free(empty); free(a); free(da);
}
