/* sqlite_commit.c — the storage limit for durable writes on SQLite: a bare loop
 * of single-row transactions (BEGIN IMMEDIATE; INSERT; COMMIT) in WAL mode with
 * synchronous=FULL, as the server runs. The row is dossier-sized (≈ 300 bytes)
 * with three indexes. Prints {"commits_per_s": …}.
 *   sqlite_commit PATH [SECONDS] [FULL|NORMAL] */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void ok(sqlite3 *db, int rc, const char *what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE) {
    fprintf(stderr, "sqlite_commit: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
  }
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: sqlite_commit PATH [SECONDS] [FULL|NORMAL]\n"); return 2; }
  double seconds = argc > 2 ? strtod(argv[2], NULL) : 5;
  const char *sync = argc > 3 ? argv[3] : "FULL";
  remove(argv[1]);
  sqlite3 *db;
  ok(db, sqlite3_open(argv[1], &db), "open");
  char pragmas[160];
  snprintf(pragmas, sizeof pragmas, "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s;",
           strcmp(sync, "NORMAL") == 0 ? "NORMAL" : "FULL");
  ok(db, sqlite3_exec(db, pragmas, NULL, NULL, NULL), "pragmas");
  ok(db, sqlite3_exec(db,
     "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, unit INTEGER NOT NULL, "
     "at INTEGER NOT NULL, body TEXT NOT NULL);"
     "CREATE INDEX t_unit ON t(unit, at); CREATE INDEX t_at ON t(at);", NULL, NULL, NULL), "schema");
  sqlite3_stmt *ins, *begin, *commit;
  ok(db, sqlite3_prepare_v2(db, "INSERT INTO t (code, unit, at, body) VALUES (?1, ?2, ?3, ?4)", -1, &ins, NULL), "prepare");
  ok(db, sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL), "prepare");
  ok(db, sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL), "prepare");
  char body[301];
  memset(body, 'x', 300);
  body[300] = 0;
  long n = 0;
  double t0 = now_s(), t = t0;
  while (t - t0 < seconds) {
    char code[32];
    snprintf(code, sizeof code, "U%03ld-%08ld", n % 150, n);
    ok(db, sqlite3_step(begin), "begin");
    sqlite3_reset(begin);
    sqlite3_bind_text(ins, 1, code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins, 2, n % 150);
    sqlite3_bind_int64(ins, 3, 1700000000 + n);
    sqlite3_bind_text(ins, 4, body, 300, SQLITE_STATIC);
    ok(db, sqlite3_step(ins), "insert");
    sqlite3_reset(ins);
    ok(db, sqlite3_step(commit), "commit");
    sqlite3_reset(commit);
    if ((++n & 15) == 0) t = now_s();
  }
  t = now_s();
  printf("{\"commits_per_s\": %.0f, \"sync\": \"%s\", \"seconds\": %.1f}\n", (double)n / (t - t0), sync, t - t0);
  sqlite3_finalize(ins);
  sqlite3_finalize(begin);
  sqlite3_finalize(commit);
  sqlite3_close(db);
  return 0;
}
