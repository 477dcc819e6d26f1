/* index_bench.c — the 766 index against its targets, on a (simulated) database:
 *   - the province summary (every unit, every indicator, one quarter) and one
 *     unit's, through mc_index_summary: median of many runs;
 *   - the same figures by plain SQL GROUP BY over the dossiers table with the
 *     best covering indexes (bench/sql/groupby.sql): the reference;
 *   - what recording a dossier event costs with the index and without it:
 *     dossiers submitted, received, forwarded twice and returned through the
 *     engine, every other dossier with mc_index_record switched off (linked
 *     with -Wl,--wrap=mc_index_record); the skipped dossiers are recounted
 *     afterwards so the database stays consistent.
 * Prints one JSON object. Build: bench/run.sh (links the build's libmotcua.a).
 *   index_bench --db URL --sql bench/sql/groupby.sql [--period 2026-Q3] [--unit CODE]
 *               [--runs N] [--ref-runs N] [--events N]                           */
#include <getopt.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/auth.h"
#include "core/dossier.h"
#include "core/index766.h"
#include "core/unit.h"
#include "util/str.h"

/* ---- mc_index_record, timed or skipped ------------------------------------------ */

mc_rc __real_mc_index_record(mc_db *db, const mc_dossier_facts *before, const mc_dossier_facts *after, mc_err *err);
mc_rc __wrap_mc_index_record(mc_db *db, const mc_dossier_facts *before, const mc_dossier_facts *after, mc_err *err);
static int index_off;
static double index_seconds;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

mc_rc __wrap_mc_index_record(mc_db *db, const mc_dossier_facts *before, const mc_dossier_facts *after, mc_err *err) {
  if (index_off) return MC_OK;
  double t = now_s();
  mc_rc rc = __real_mc_index_record(db, before, after, err);
  index_seconds += now_s() - t;
  return rc;
}

static void die(const char *what, const mc_err *e) {
  fprintf(stderr, "index_bench: %s: %s %s\n", what, e ? e->code : "", e ? e->message : "");
  exit(1);
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}
static double pct(double *v, int n, double p) {
  qsort(v, (size_t)n, sizeof *v, cmp_d);
  int i = (int)(p * (n - 1) + 0.5);
  return v[i];
}

/* ---- the index ----------------------------------------------------------------------- */

static void summary_times(mc_db *db, const char *unit, const char *period, int runs, double *med, double *p90) {
  mc_index_query q = {.unit = unit, .period = period};
  double *t = calloc((size_t)runs, sizeof *t);
  for (int i = -3; i < runs; i++) {
    json_t *out = NULL;
    mc_err e = {0};
    double t0 = now_s();
    if (mc_index_summary(db, &q, &out, &e)) die("summary", &e);
    if (i >= 0) t[i] = (now_s() - t0) * 1000;
    json_decref(out);
  }
  *med = pct(t, runs, 0.5);
  *p90 = pct(t, runs, 0.9);
  free(t);
}

/* ---- the reference: plain SQL ----------------------------------------------------------- */

typedef struct ref { char name[64]; char *sql; } ref;
static ref refs[32];
static int nrefs;

static void load_sql(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { perror(path); exit(1); }
  static char text[1 << 16];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = 0;
  for (char *p = strstr(text, "-- name: "); p && nrefs < 32;) {
    ref *r = &refs[nrefs++];
    p += 9;
    size_t k = strcspn(p, " \n");
    snprintf(r->name, sizeof r->name, "%.*s", (int)k, p);
    char *body = strchr(p, '\n') + 1, *end = strstr(body, "-- name: ");
    /* Leave out the comment lines of the next block. */
    char *stop = end ? end : body + strlen(body);
    while (stop > body && (stop[-1] == '\n' || stop[-1] == ' ')) stop--;
    char *last = stop;
    while (last > body) {
      char *ls = last;
      while (ls > body && ls[-1] != '\n') ls--;
      if (strncmp(ls, "--", 2) == 0) last = ls > body ? ls - 1 : body; else break;
    }
    r->sql = strndup(body, (size_t)(last - body));
    p = end;
  }
}

static const char *ref_sql(const char *name) {
  for (int i = 0; i < nrefs; i++) if (strcmp(refs[i].name, name) == 0) return refs[i].sql;
  fprintf(stderr, "index_bench: no query %s\n", name);
  exit(1);
}

typedef struct raw { sqlite3 *lite; PGconn *pg; } raw;

static void raw_open(raw *r, const char *url) {
  memset(r, 0, sizeof *r);
  if (strncmp(url, "postgres", 8) == 0) {
    r->pg = PQconnectdb(url);
    if (PQstatus(r->pg) != CONNECTION_OK) { fprintf(stderr, "%s\n", PQerrorMessage(r->pg)); exit(1); }
  } else {
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    if (sqlite3_open(path, &r->lite) != SQLITE_OK) { fprintf(stderr, "cannot open %s\n", path); exit(1); }
    sqlite3_exec(r->lite, "PRAGMA cache_size=-65536", NULL, NULL, NULL);
  }
}

/* Run one statement with $1…$4; returns the rows it gave. */
static long raw_run(raw *r, const char *sql, const int64_t p[4]) {
  long rows = 0;
  if (r->pg) {
    char v[4][24];
    const char *vals[4];
    for (int i = 0; i < 4; i++) { snprintf(v[i], sizeof v[i], "%lld", (long long)p[i]); vals[i] = v[i]; }
    /* Every parameter a bigint (int8), given or not used by this statement. */
    static const Oid int8[4] = {20, 20, 20, 20};
    int n = strstr(sql, "$4") ? 4 : strstr(sql, "$3") ? 3 : strstr(sql, "$2") ? 2 : strstr(sql, "$1") ? 1 : 0;
    PGresult *res = PQexecParams(r->pg, sql, n, n ? int8 : NULL, vals, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) { fprintf(stderr, "%s\n", PQresultErrorMessage(res)); exit(1); }
    rows = PQntuples(res);
    PQclear(res);
    return rows;
  }
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->lite, sql, -1, &st, NULL) != SQLITE_OK) {
    fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(r->lite));
    exit(1);
  }
  for (int i = 0; i < 4; i++) {
    char name[4] = {'$', (char)('1' + i), 0};
    int k = sqlite3_bind_parameter_index(st, name);
    if (k) sqlite3_bind_int64(st, k, p[i]);
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) rows++;
  if (rc != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(r->lite)); exit(1); }
  sqlite3_finalize(st);
  return rows;
}

/* SQLite: how each reference query runs (to stderr), to see the covering indexes used. */
static void explain(raw *r, const char *name) {
  if (!r->lite) return;
  char *q = NULL;
  if (asprintf(&q, "EXPLAIN QUERY PLAN %s", ref_sql(name)) < 0) return;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->lite, q, -1, &st, NULL) == SQLITE_OK) {
    fprintf(stderr, "%s:\n", name);
    while (sqlite3_step(st) == SQLITE_ROW) fprintf(stderr, "  %s\n", (const char *)sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
  }
  free(q);
}

static double ref_times(raw *r, const char *const names[3], const int64_t p[4], int runs, long *rows) {
  double *t = calloc((size_t)runs, sizeof *t);
  for (int i = -1; i < runs; i++) {
    double t0 = now_s();
    *rows = 0;
    for (int k = 0; k < 3; k++) *rows += raw_run(r, ref_sql(names[k]), p);
    if (i >= 0) t[i] = (now_s() - t0) * 1000;
  }
  double m = pct(t, runs, 0.5);
  free(t);
  return m;
}

/* ---- recording events, with and without the index ---------------------------------------- */

static const char form[] =
  "{\"ho_ten\": \"Trần Văn Bình\", \"so_dinh_danh\": \"074090001111\", \"dien_thoai\": \"0911222333\", "
  "\"tinh_trang\": \"chua_ket_hon\", \"muc_dich\": \"ket_hon\", \"cam_doan\": true}";

static void login(mc_db *db, mc_arena *a, const char *user, mc_principal *p) {
  const char *tok;
  mc_err e = {0};
  if (mc_auth_login(db, a, user, "demo1234", &tok, p, &e)) die(user, &e);
}

/* n dossiers × 5 events; per-event mean microseconds with the index (on) and without (off). */
static void events(mc_db *db, int n, double *on_us, double *off_us, double *index_us) {
  mc_arena *a = mc_arena_new(0);
  mc_principal officer, specialist, leader;
  login(db, a, "motcua.tdm", &officer);
  login(db, a, "chuyenvien.tdm", &specialist);
  login(db, a, "lanhdao.tdm", &leader);
  json_t *f = json_loads(form, 0, NULL);
  static const mc_daction acts[4] = {MC_DA_RECEIVE, MC_DA_FORWARD, MC_DA_FORWARD, MC_DA_RETURN_RESULT};
  const mc_principal *who[4] = {&officer, &specialist, &leader, &officer};
  double sum[2] = {0}, idx = 0;
  int cnt[2] = {0};
  char (*skipped)[80] = calloc((size_t)n, sizeof *skipped);
  int nskipped = 0;
  for (int i = 0; i < n; i++) {
    int off = i % 2;
    index_off = off;
    double before_idx = index_seconds;
    mc_dossier_new in = {.procedure_code = "1.004873",
                         .applicant = {.name = "Trần Văn Bình", .id_number = "074090001111", .phone = "0911222333"},
                         .form = f};
    mc_dossier *d;
    mc_err e = {0};
    double t0 = now_s();
    if (mc_dossier_submit(db, a, &officer, &in, &d, &e)) die("submit", &e);
    for (int k = 0; k < 4; k++)
      if (mc_dossier_act(db, a, who[k], d, acts[k], NULL, &e)) die(mc_daction_name(acts[k]), &e);
    sum[off] += now_s() - t0;
    cnt[off] += 5;
    if (!off) idx += index_seconds - before_idx;
    else snprintf(skipped[nskipped++], sizeof skipped[0], "%s", d->code);
  }
  /* Recount the dossiers recorded without the index (the stored facts are what it subtracts). */
  index_off = 0;
  for (int i = 0; i < nskipped; i++) {
    mc_dossier *d;
    mc_err e = {0};
    mc_dossier_facts facts;
    if (mc_dossier_get(db, a, skipped[i], &d, &e)) die("reload", &e);
    mc_dossier_facts_of(d, &facts);
    if (mc_db_begin(db, &e) || mc_index_record(db, NULL, &facts, &e) || mc_db_commit(db, &e)) die("recount", &e);
  }
  *on_us = sum[0] / cnt[0] * 1e6;
  *off_us = sum[1] / cnt[1] * 1e6;
  *index_us = idx / cnt[0] * 1e6;
  free(skipped);
  json_decref(f);
  mc_arena_free(a);
}

static void last_quarter(char *out, size_t n) {
  int y, m, d;
  mc_civil_from_days(mc_local_day(mc_now()), &y, &m, &d);
  int q = (m - 1) / 3;           /* the current quarter's index; the one before it is whole */
  if (q == 0) { y--; q = 4; }
  snprintf(out, n, "%d-Q%d", y, q);
}

int main(int argc, char **argv) {
  static const struct option opts[] = {
    {"db", required_argument, 0, 'd'}, {"sql", required_argument, 0, 's'}, {"period", required_argument, 0, 'p'},
    {"unit", required_argument, 0, 'u'}, {"runs", required_argument, 0, 'r'}, {"ref-runs", required_argument, 0, 'R'},
    {"events", required_argument, 0, 'e'}, {0, 0, 0, 0}};
  const char *url = NULL, *sql = "bench/sql/groupby.sql", *unit = "HCM.THUDAUMOT";
  char period[16] = "";
  int64_t runs = 50, ref_runs = 5, nev = 200;
  int o;
  while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 'd': url = optarg; break;
    case 's': sql = optarg; break;
    case 'p': snprintf(period, sizeof period, "%s", optarg); break;
    case 'u': unit = optarg; break;
    case 'r': if (!mc_parse_i64(optarg, 1, 100000, &runs)) return 2; break;
    case 'R': if (!mc_parse_i64(optarg, 1, 1000, &ref_runs)) return 2; break;
    case 'e': if (!mc_parse_i64(optarg, 0, 100000, &nev)) return 2; break;
    default: return 2;
    }
  }
  if (!url) { fprintf(stderr, "usage: index_bench --db URL [--sql FILE] [--period P] [--unit CODE]\n"); return 2; }
  if (!period[0]) last_quarter(period, sizeof period);
  load_sql(sql);
  mc_db *db;
  mc_err e = {0};
  if (mc_db_open(url, &db, &e) || mc_db_migrate(db, NULL, &e)) die("open", &e);

  double pm, p90, um, u90;
  summary_times(db, NULL, period, (int)runs, &pm, &p90);
  summary_times(db, unit, period, (int)runs, &um, &u90);

  /* The reference, with its covering indexes built first. */
  mc_arena *a = mc_arena_new(0);
  mc_unit *u;
  if (mc_unit_get(db, a, unit, &u, &e)) die("unit", &e);
  int y, q;
  if (sscanf(period, "%d-Q%d", &y, &q) != 2) { fprintf(stderr, "index_bench: --period takes YYYY-Qn\n"); return 2; }
  int32_t lo = mc_days_from_civil(y, 3 * (q - 1) + 1, 1), hi = q == 4 ? mc_days_from_civil(y + 1, 1, 1)
                                                                     : mc_days_from_civil(y, 3 * q + 1, 1);
  mc_time from = mc_local_instant(lo, 0), to = mc_local_instant(hi, 0), eval = to < mc_now() ? to : mc_now();
  int64_t p[4] = {from, to, eval, u->id};
  raw r;
  raw_open(&r, url);
  double t0 = now_s();
  static const char *const idx[] = {"index_received", "index_ended", "index_open", "index_unit_received",
                                    "index_unit_ended", "index_unit_open"};
  for (int i = 0; i < 6; i++) raw_run(&r, ref_sql(idx[i]), p);
  if (r.pg) raw_run(&r, "ANALYZE dossiers", p);
  double build = now_s() - t0;
  static const char *const prov[3] = {"province_received", "province_ended", "province_open"};
  static const char *const one[3] = {"unit_received", "unit_ended", "unit_open"};
  for (int i = 0; i < 3; i++) { explain(&r, prov[i]); explain(&r, one[i]); }
  long prow, urow;
  double gp = ref_times(&r, prov, p, (int)ref_runs, &prow), gu = ref_times(&r, one, p, (int)ref_runs, &urow);

  double on = 0, off = 0, share = 0;
  if (nev > 0) events(db, (int)nev * 2, &on, &off, &share);
  printf("{\"driver\": \"%s\", \"period\": \"%s\", \"unit\": \"%s\", \"runs\": %lld, "
         "\"summary_province_ms\": %.3f, \"summary_province_p90_ms\": %.3f, \"summary_unit_ms\": %.3f, "
         "\"summary_unit_p90_ms\": %.3f, \"groupby_province_ms\": %.2f, \"groupby_unit_ms\": %.3f, "
         "\"groupby_rows\": %ld, \"groupby_index_build_s\": %.1f, \"event_with_index_us\": %.1f, "
         "\"event_without_index_us\": %.1f, \"index_in_event_us\": %.1f, \"events\": %lld}\n",
         mc_db_driver_name(db), period, unit, (long long)runs, pm, p90, um, u90, gp, gu, prow, build, on, off, share,
         (long long)nev * 10);
  if (r.pg) PQfinish(r.pg);
  if (r.lite) sqlite3_close(r.lite);
  mc_arena_free(a);
  mc_db_close(db);
  return 0;
}
