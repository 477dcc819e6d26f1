/* harness.c — see harness.h. */
#include "harness.h"
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <libpq-fe.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *th_binary(void) {
  const char *b = getenv("MOTCUA_BIN");
  cr_assert(b, "MOTCUA_BIN is not set (run the tests through meson)");
  return b;
}

static const char *test_dir(void) {
  const char *d = getenv("MOTCUA_TEST_DIR");
  return d ? d : "/tmp";
}

static int run(const char *const argv[], const char *log) {
  pid_t pid = fork();
  if (pid == 0) {
    if (log) {
      int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) { dup2(fd, 1); dup2(fd, 2); close(fd); }
    }
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  char buf[65536];
  size_t n;
  int ok = in && out;
  while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0) ok = fwrite(buf, 1, n, out) == n;
  if (in) fclose(in);
  if (out) fclose(out);
  return ok ? 0 : -1;
}

/* Templates are keyed by the binary under test, so a rebuilt motcua (new
 * schema, new demo data) never meets a stale template. */
static unsigned long template_key(void) {
  struct stat st;
  cr_assert_eq(stat(th_binary(), &st), 0, "no binary at %s", th_binary());
  return (unsigned long)st.st_mtime * 2654435761u ^ (unsigned long)st.st_size;
}

/* The demo template is built once per binary, under a file lock. */
static void template_db(char *path, size_t n) {
  snprintf(path, n, "%s/template-demo-%lx.db", test_dir(), template_key());
  char lock[400];
  snprintf(lock, sizeof lock, "%s.lock", path);
  int fd = open(lock, O_CREAT | O_RDWR, 0644);
  cr_assert(fd >= 0);
  flock(fd, LOCK_EX);
  struct stat st;
  if (stat(path, &st) != 0) {
    char tmp[400], logf[420];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    snprintf(logf, sizeof logf, "%s.log", path);
    unlink(tmp);
    const char *argv[] = {th_binary(), "--db", tmp, "demo", NULL};
    int rc = run(argv, logf);
    cr_assert_eq(rc, 0, "motcua demo failed (see %s)", logf);
    /* Fold the WAL into the main file so a plain copy is complete. */
    const char *ck[] = {"/usr/bin/sqlite3", tmp, "PRAGMA wal_checkpoint(TRUNCATE);", NULL};
    run(ck, NULL);
    rename(tmp, path);
  }
  flock(fd, LOCK_UN);
  close(fd);
}

/* With MOTCUA_TEST_PG (postgresql://user@host:port/), every server gets a
 * fresh database; the demo one is cloned from a template database. */
static const char *pg_base(void) {
  const char *b = getenv("MOTCUA_TEST_PG");
  return b && *b ? b : NULL;
}

static void pg_sql(const char *sql) {
  char url[512];
  snprintf(url, sizeof url, "%spostgres", pg_base());
  PGconn *c = PQconnectdb(url);
  cr_assert_eq(PQstatus(c), CONNECTION_OK, "PostgreSQL: %s", PQerrorMessage(c));
  PGresult *r = PQexec(c, sql);
  cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s: %s", sql, PQresultErrorMessage(r));
  PQclear(r);
  PQfinish(c);
}

static void pg_database(th_server *s, bool demo) {
  char name[64], sql[256];
  static int seq;   /* unique within the process; pid and time make it unique across runs */
  snprintf(name, sizeof name, "t_%d_%lx_%d", (int)getpid(), (long)time(NULL), ++seq);
  if (demo) {
    char lock[400], tpl[512];
    snprintf(lock, sizeof lock, "%s/template-pg.lock", test_dir());
    int fd = open(lock, O_CREAT | O_RDWR, 0644);
    cr_assert(fd >= 0);
    flock(fd, LOCK_EX);
    char done[400], tname[64];
    snprintf(tname, sizeof tname, "tpl_%lx", template_key());
    snprintf(done, sizeof done, "%s/template-pg-%s.done", test_dir(), tname);
    struct stat st;
    if (stat(done, &st) != 0) {
      snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", tname);
      pg_sql(sql);
      snprintf(sql, sizeof sql, "CREATE DATABASE %s", tname);
      pg_sql(sql);
      snprintf(tpl, sizeof tpl, "%s%s", pg_base(), tname);
      char logf[420];
      snprintf(logf, sizeof logf, "%s/template-pg.log", test_dir());
      const char *argv[] = {th_binary(), "--db", tpl, "demo", NULL};
      cr_assert_eq(run(argv, logf), 0, "motcua demo on PostgreSQL failed (see %s)", logf);
      close(open(done, O_CREAT | O_WRONLY, 0644));
    }
    flock(fd, LOCK_UN);
    close(fd);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", name, tname);
  } else {
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
  }
  pg_sql(sql);
  snprintf(s->db, sizeof s->db, "%s%s", pg_base(), name);
}

char *th_fresh_db_url(void) {
  th_server tmp = {0};
  mkdir(test_dir(), 0755);
  snprintf(tmp.dir, sizeof tmp.dir, "%s/db-XXXXXX", test_dir());
  cr_assert(mkdtemp(tmp.dir), "mkdtemp: %s", strerror(errno));
  if (pg_base()) {
    pg_database(&tmp, false);
  } else {
    snprintf(tmp.db, sizeof tmp.db, "%s/motcua.db", tmp.dir);
  }
  return strdup(tmp.db);
}

static th_server *new_server(void) {
  th_server *s = calloc(1, sizeof *s);
  snprintf(s->dir, sizeof s->dir, "%s/srv-XXXXXX", test_dir());
  mkdir(test_dir(), 0755);
  cr_assert(mkdtemp(s->dir), "mkdtemp: %s", strerror(errno));
  snprintf(s->db, sizeof s->db, "%s/motcua.db", s->dir);
  return s;
}

static void spawn(th_server *s);

th_server *th_server_start(bool demo) {
  th_server *s = new_server();
  if (pg_base()) {
    pg_database(s, demo);
  } else if (demo) {
    char tpl[300];
    template_db(tpl, sizeof tpl);
    cr_assert_eq(copy_file(tpl, s->db), 0);
  }
  spawn(s);
  return s;
}

th_server *th_server_start_db(const char *db_url) {
  th_server *s = new_server();
  snprintf(s->db, sizeof s->db, "%s", db_url);
  spawn(s);
  return s;
}

char *th_fresh_demo_db_url(void) {
  th_server *s = new_server();
  if (pg_base()) {
    pg_database(s, true);
  } else {
    char tpl[300];
    template_db(tpl, sizeof tpl);
    cr_assert_eq(copy_file(tpl, s->db), 0);
  }
  char *url = strdup(s->db);
  free(s);
  return url;
}

static void spawn(th_server *s) {
  char portf[300], data[300], logf[300];
  snprintf(portf, sizeof portf, "%s/port", s->dir);
  snprintf(data, sizeof data, "%s/data", s->dir);
  snprintf(logf, sizeof logf, "%s/server.log", s->dir);
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(logf, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) { dup2(fd, 1); dup2(fd, 2); close(fd); }
    const char *argv[] = {th_binary(), "--db", s->db, "serve", "--port", "0", "--port-file", portf,
                          "--data", data, "--web", getenv("MOTCUA_WEB") ? getenv("MOTCUA_WEB") : "/nonexistent", NULL};
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  s->pid = pid;
  for (int i = 0; i < 600 && !s->port; i++) {   /* up to 30 s (sanitizer builds are slow) */
    FILE *f = fopen(portf, "r");
    if (f) { if (fscanf(f, "%d", &s->port) != 1) s->port = 0; fclose(f); }
    if (!s->port) {
      int st;
      cr_assert_eq(waitpid(pid, &st, WNOHANG), 0, "the server exited early (see %s)", logf);
      struct timespec ts = {0, 50 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
  }
  cr_assert(s->port, "the server did not start (see %s)", logf);
}

void th_server_stop(th_server *s) {
  if (!s) return;
  kill(s->pid, SIGTERM);
  int st;
  waitpid(s->pid, &st, 0);
  /* A clean stop exits 0; a sanitizer finding (leak, UB) makes it non-zero. */
  bool clean = WIFEXITED(st) && WEXITSTATUS(st) == 0;
  char logf[300];
  snprintf(logf, sizeof logf, "%s/server.log", s->dir);
  free(s);
  cr_assert(clean, "the server did not stop cleanly (status %d; see %s)", st, logf);
}

int th_cli(th_server *s, char **out, const char *const args[]) {
  char logf[300];
  snprintf(logf, sizeof logf, "%s/cli.out", s->dir);
  unlink(logf);
  const char *argv[32] = {th_binary(), "--db", s->db};
  int n = 3;
  for (int i = 0; args[i] && n < 31; i++) argv[n++] = args[i];
  argv[n] = NULL;
  int rc = run(argv, logf);
  if (out) {
    FILE *f = fopen(logf, "r");
    *out = NULL;
    if (f) {
      char *buf = calloc(1, 1 << 20);
      size_t k = fread(buf, 1, (1 << 20) - 1, f);
      buf[k] = 0;
      fclose(f);
      *out = buf;
    }
  }
  return rc;
}

static size_t collect(char *p, size_t size, size_t n, void *ud) {
  struct { char *d; size_t len; } *b = ud;
  size_t k = size * n;
  b->d = realloc(b->d, b->len + k + 1);
  memcpy(b->d + b->len, p, k);
  b->len += k;
  b->d[b->len] = 0;
  return k;
}

json_t *th_call_raw(th_server *s, const char *method, const char *path, const char *token,
                    const char *ctype, const void *body, size_t len, long *status) {
  CURL *c = curl_easy_init();
  char url[2048], auth[512], ct[256];
  snprintf(url, sizeof url, "http://127.0.0.1:%d%s", s->port, path);
  struct curl_slist *h = NULL;
  if (token) { snprintf(auth, sizeof auth, "Authorization: Bearer %s", token); h = curl_slist_append(h, auth); }
  if (ctype) { snprintf(ct, sizeof ct, "Content-Type: %s", ctype); h = curl_slist_append(h, ct); }
  struct { char *d; size_t len; } b = {0};
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  if (body) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  CURLcode rc = curl_easy_perform(c);
  cr_assert_eq(rc, CURLE_OK, "%s %s: %s", method, path, curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
  curl_slist_free_all(h);
  curl_easy_cleanup(c);
  json_t *j = b.d ? json_loads(b.d, 0, NULL) : NULL;
  if (!j) j = json_string(b.d ? b.d : "");
  free(b.d);
  return j;
}

json_t *th_call(th_server *s, const char *method, const char *path, const char *token,
                const char *body, long *status) {
  return th_call_raw(s, method, path, token, body ? "application/json" : NULL, body,
                     body ? strlen(body) : 0, status);
}

char *th_login(th_server *s, const char *user, const char *password) {
  char body[512];
  snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
  long st;
  json_t *j = th_call(s, "POST", "/api/v1/auth/login", NULL, body, &st);
  cr_assert_eq(st, 200, "login as %s failed: %s", user, json_dumps(j, 0));
  char *tok = strdup(json_string_value(json_object_get(j, "token")));
  json_decref(j);
  return tok;
}
