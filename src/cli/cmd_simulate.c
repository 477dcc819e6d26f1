/* cmd_simulate.c — `motcua simulate`: write a province's synthetic history
 * (core/simulate.h) with a progress bar, then what it produced against the
 * rates it aimed at. --print-rates shows the default rates as JSON, the
 * format --rates FILE takes (members left out keep their default).
 * --check verifies any database instead (events replay to the rows, the 766
 * index equals a recount: mc_sim_check_db) and exits 1 on a problem. */
#include "cli/cli.h"
#include "core/simulate.h"
#include "util/str.h"
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct bar { bool tty, quiet; int last_tenth; } bar;

static void show(void *ctx, int64_t done, int64_t total, double seconds) {
  bar *b = ctx;
  if (b->quiet || total <= 0) return;
  double f = (double)done / (double)total, rate = seconds > 0 ? (double)done / seconds : 0;
  double eta = rate > 0 ? (double)(total - done) / rate : 0;
  if (b->tty) {
    char cells[41];
    int k = (int)(f * 40);
    for (int i = 0; i < 40; i++) cells[i] = i < k ? '#' : '.';
    cells[40] = 0;
    fprintf(stderr, "\r[%s] %5.1f%%  %lld/%lld dossiers  %.0f/s  ETA %d:%02d:%02d ", cells, f * 100,
            (long long)done, (long long)total, rate, (int)eta / 3600, (int)eta / 60 % 60, (int)eta % 60);
    if (done >= total) fputc('\n', stderr);
  } else if ((int)(f * 10) > b->last_tenth || done >= total) {
    b->last_tenth = (int)(f * 10);
    fprintf(stderr, "simulate: %lld/%lld dossiers (%.0f%%), %.0f/s\n", (long long)done, (long long)total, f * 100, rate);
  }
}

static int64_t file_size(const char *url, const char *suffix) {
  if (strncmp(url, "postgres", 8) == 0) return -1;
  const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
  char p[1024];
  snprintf(p, sizeof p, "%s%s", path, suffix);
  struct stat st;
  return stat(p, &st) == 0 ? (int64_t)st.st_size : 0;
}

static double pct(int64_t a, int64_t b) { return b > 0 ? 100.0 * (double)a / (double)b : 0; }

static void report(const mc_cli *c, const mc_sim_params *p, const mc_sim_stats *s, bool as_json) {
  int64_t db = file_size(c->db_url, ""), wal = file_size(c->db_url, "-wal");
  double rate = s->seconds > 0 ? (double)s->dossiers / s->seconds : 0;
  if (as_json) {
    json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:f, s:I, s:I, s:I, s:I, s:f, s:f, s:f, s:f, s:f}",
        "dossiers", (json_int_t)s->dossiers, "events", (json_int_t)s->events, "steps", (json_int_t)s->steps,
        "attachments", (json_int_t)s->attachments, "accounts", (json_int_t)s->accounts, "staff", (json_int_t)s->staff,
        "seconds", s->seconds, "dossiers_per_second", rate, "db_bytes", (json_int_t)db, "wal_bytes", (json_int_t)wal,
        "first_id", (json_int_t)s->first_id, "last_id", (json_int_t)s->last_id,
        "online_pct", pct(s->online, s->dossiers), "paid_online_pct", pct(s->paid_online, s->with_fee),
        "on_time_pct", pct(s->on_time, s->ended), "satisfied_pct", pct(s->satisfied, s->rated),
        "events_per_dossier", s->dossiers ? (double)s->events / (double)s->dossiers : 0);
    json_object_set_new(j, "index_seconds", json_real(s->index_seconds));
    char *t = json_dumps(j, JSON_COMPACT);
    if (t) printf("%s\n", t);
    free(t);
    json_decref(j);
    return;
  }
  printf("Simulated %lld dossiers (ids %lld–%lld) in %.1f s: %.0f dossiers/s (of which %.1f s writing the 766 index at the end)\n",
         (long long)s->dossiers, (long long)s->first_id, (long long)s->last_id, s->seconds, rate, s->index_seconds);
  printf("  %lld events (%.1f per dossier), %lld steps, %lld attachments; %lld citizen accounts, %lld staff\n",
         (long long)s->events, s->dossiers ? (double)s->events / (double)s->dossiers : 0, (long long)s->steps,
         (long long)s->attachments, (long long)s->accounts, (long long)s->staff);
  printf("  online %.1f%% (postal %.1f%%), received %lld, ended %lld, open %lld\n", pct(s->online, s->dossiers),
         pct(s->postal, s->dossiers), (long long)s->received, (long long)s->ended, (long long)s->open);
  printf("  on time %.1f%% of ended, paid online %.1f%% of %lld with a fee, satisfied %.1f%% of %lld ratings\n",
         pct(s->on_time, s->ended), pct(s->paid_online, s->with_fee), (long long)s->with_fee,
         pct(s->satisfied, s->rated), (long long)s->rated);
  printf("  refused %lld, withdrawn %lld, stopped %lld, returned %lld; %lld supplement requests, %lld apology letters\n",
         (long long)s->refused, (long long)s->withdrawn, (long long)s->stopped, (long long)s->returned,
         (long long)s->supplements, (long long)s->apologies);
  printf("  VNeID %lld, electronic results %lld, digitised %lld\n", (long long)s->vneid, (long long)s->e_results,
         (long long)s->digitised);
  if (db > 0)
    printf("  database %.1f MB (+ WAL %.1f MB): %.0f MB per million dossiers\n", (double)db / 1e6, (double)wal / 1e6,
           s->dossiers ? (double)(db + wal) / 1e6 / ((double)s->dossiers / 1e6) : 0);
  char from[16], to[16];
  mc_date_format(p->from, from, sizeof from);
  mc_date_format(p->to, to, sizeof to);
  printf("  reproduce with: motcua simulate --seed %llu --dossiers %lld --from %s --to %s\n",
         (unsigned long long)p->seed, (long long)p->dossiers, from, to);
}

static int load_rates(mc_sim_params *p, const char *path) {
  json_error_t je;
  json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
  if (!doc) {
    fprintf(stderr, "motcua simulate: %s: %s (line %d)\n", path, je.text, je.line);
    return 2;
  }
  mc_err err = {0};
  int ret = mc_sim_rates_apply(p->rates, doc, &err) ? mc_cli_fail("simulate", &err) : 0;
  mc_err_clear(&err);
  json_decref(doc);
  return ret ? 2 : 0;
}

static int check(mc_cli *c) {
  mc_db *db = mc_cli_open_db(c, "simulate");
  if (!db) return 1;
  mc_sim_check k;
  mc_err err = {0};
  int ret = 0;
  if (mc_sim_check_db(db, &k, &err)) {
    ret = mc_cli_fail("simulate", &err);
  } else {
    bool bad = k.bad_replay || k.dangling || k.index_differences;
    printf("%lld dossiers, %lld events, %lld index values: %s\n", (long long)k.dossiers, (long long)k.events,
           (long long)k.index_values, bad ? "PROBLEMS" : "consistent");
    if (bad)
      printf("  dossiers whose events do not replay to their row: %lld; rows referring to missing rows: %lld; "
             "index values differing from a recount: %lld\n",
             (long long)k.bad_replay, (long long)k.dangling, (long long)k.index_differences);
    for (int i = 0; i < k.nnotes; i++) printf("  %s\n", k.notes[i]);
    ret = bad ? 1 : 0;
  }
  mc_err_clear(&err);
  mc_db_close(db);
  return ret;
}

static bool num(const char *s, double lo, double hi, double *out) {
  char *end;
  double v = strtod(s, &end);
  if (end == s || *end || !isfinite(v) || v < lo || v > hi) return false;
  *out = v;
  return true;
}

int cmd_simulate(mc_cli *c) {
  static const struct option opts[] = {
    {"seed", required_argument, 0, 's'}, {"dossiers", required_argument, 0, 'n'},
    {"from", required_argument, 0, 'f'}, {"to", required_argument, 0, 't'}, {"now", required_argument, 0, 'N'},
    {"rates", required_argument, 0, 'r'}, {"print-rates", no_argument, 0, 'P'},
    {"batch", required_argument, 0, 'b'}, {"data", required_argument, 0, 'd'}, {"engine", no_argument, 0, 'e'},
    {"index", required_argument, 0, 'i'}, {"growth", required_argument, 0, 'g'}, {"zipf", required_argument, 0, 'z'},
    {"quiet", no_argument, 0, 'q'}, {"json", no_argument, 0, 'j'}, {"check", no_argument, 0, 'c'},
    {0, 0, 0, 0}};
  if (mc_cli_wants_help(c)) return 0;
  mc_sim_params p;
  mc_sim_defaults(&p);
  bool years_given = false, print_rates = false, as_json = false, do_check = false;
  bar b = {.tty = isatty(2), .last_tenth = -1};
  int o, rc;
  int64_t v;
  optind = 1;
  while ((o = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 's': if (!mc_parse_i64(optarg, 0, INT64_MAX, &v)) goto usage; p.seed = (uint64_t)v; break;
    case 'n': if (!mc_parse_i64(optarg, 1, MC_SIM_DOSSIERS_MAX, &p.dossiers)) goto usage; break;
    case 'f': if (!mc_date_parse(optarg, &p.from)) goto usage; years_given = true; break;
    case 't': if (!mc_date_parse(optarg, &p.to)) goto usage; break;
    case 'N': if (!mc_time_parse(optarg, &p.now)) goto usage; break;
    case 'r': if ((rc = load_rates(&p, optarg))) return rc; break;
    case 'P': print_rates = true; break;
    case 'b': if (!mc_parse_i64(optarg, 1, MC_SIM_BATCH_MAX, &p.batch)) goto usage; break;
    case 'd': p.data_dir = optarg; break;
    case 'e': p.engine = true; break;
    case 'i':
      if (strcmp(optarg, "count") == 0) p.index = MC_SIM_INDEX_COUNT;
      else if (strcmp(optarg, "rebuild") == 0) p.index = MC_SIM_INDEX_REBUILD;
      else if (strcmp(optarg, "record") == 0) p.index = MC_SIM_INDEX_RECORD;
      else goto usage;
      break;
    case 'g': if (!num(optarg, -0.89, 9.99, &p.growth)) goto usage; break;
    case 'z': if (!num(optarg, 0, 5, &p.zipf)) goto usage; break;
    case 'q': b.quiet = true; break;
    case 'j': as_json = true; break;
    case 'c': do_check = true; break;
    default: goto usage;
    }
  }
  if (optind < c->argc) goto usage;
  if (do_check) return check(c);
  if (print_rates) {
    json_t *j = mc_sim_rates_json(p.rates);
    char *t = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    if (t) printf("%s\n", t);
    free(t);
    json_decref(j);
    return 0;
  }
  /* Without --from: the five years up to --to. */
  if (!years_given) p.from = p.to - 5 * 365;
  if (!p.now) {
    mc_time end = mc_local_instant(p.to + 1, 0);
    p.now = end < mc_now() ? end : mc_now();
  }
  /* A bulk load: commits need not reach the disk one by one (the driver reads this). */
  setenv("MOTCUA_SQLITE_SYNC", "NORMAL", 0);
  mkdir("var", 0750);
  mkdir(p.data_dir, 0750);
  mc_db *db = mc_cli_open_db(c, "simulate");
  if (!db) return 1;
  p.progress = show;
  p.progress_ctx = &b;
  mc_sim_stats st;
  mc_err err = {0};
  int ret = 0;
  if (mc_sim_run(db, &p, &st, &err)) ret = mc_cli_fail("simulate", &err);
  else report(c, &p, &st, as_json);
  mc_err_clear(&err);
  mc_db_close(db);
  return ret;
usage:
  fprintf(stderr, "motcua simulate: bad value for an option\n");
  return mc_cli_usage("simulate");
}
