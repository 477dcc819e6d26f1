/* sec_http.c — see sec_http.h. */
#include "sec_http.h"
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "core/auth.h"
#include "core/unit.h"

const char *sec_config(const char *text) {
  static char path[600];
  const char *base = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  char dir[520];
  mkdir(base, 0755);
  snprintf(dir, sizeof dir, "%s/cfg-XXXXXX", base);
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/motcua.conf", dir);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs(text, f);
  fclose(f);
  chmod(path, 0600);
  setenv("MOTCUA_CONFIG", path, 1);
  return path;
}

void sec_seed(th_server *s) {
  mc_db *db;
  mc_err err = {0};
  cr_assert_eq(mc_db_open(s->db, &db, &err), MC_OK, "%s", err.message);
  static const mc_unit_in units[] = {
    {.code = "T.A", .name = "Tỉnh Thử", .kind = "province"},
    {.code = "T.B", .name = "Xã Bê", .kind = "commune", .parent_code = "T.A"},
    {.code = "T.C", .name = "Xã Xê", .kind = "commune", .parent_code = "T.A"},
  };
  for (size_t i = 0; i < sizeof units / sizeof *units; i++)
    cr_assert_eq(mc_unit_create(db, &units[i], &err), MC_OK, "%s", err.message);
  static const mc_user_new users[] = {
    {.username = "admin1", .role = "admin", .unit_code = "T.A", .full_name = "Quản trị", .email = "admin1@example.vn"},
    {.username = "officer1", .role = "officer", .unit_code = "T.B", .full_name = "Cán bộ Một", .email = "officer1@example.vn"},
    {.username = "officer2", .role = "officer", .unit_code = "T.C", .full_name = "Cán bộ Hai"},
    {.username = "leader1", .role = "unit_leader", .unit_code = "T.A", .full_name = "Lãnh đạo"},
    {.username = "citizen1", .role = "citizen", .full_name = "Công dân Một", .id_number = "001090000001", .email = "cd1@example.vn"},
    {.username = "citizen2", .role = "citizen", .full_name = "Công dân Hai", .id_number = "001090000002"},
  };
  for (size_t i = 0; i < sizeof users / sizeof *users; i++) {
    mc_user_new u = users[i];
    u.password = SEC_PW;
    int64_t id;
    cr_assert_eq(mc_user_create(db, &u, &id, &err), MC_OK, "%s: %s", u.username, err.message);
  }
  mc_db_close(db);
}

/* A free loopback port, still bound (not listening) by *held: nothing else
 * (another test, a child's listen on port 0) can take it until the caller
 * closes *held, just before the server binds it (close-on-exec: children
 * started meanwhile do not keep it). */
int sec_free_port(int *held) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
  inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
  socklen_t len = sizeof sa;
  cr_assert_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
  cr_assert_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
  *held = fd;
  return ntohs(sa.sin_port);
}

th_server *sec_server_start(int port) {
  th_server *s = calloc(1, sizeof *s);
  const char *base = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  mkdir(base, 0755);
  snprintf(s->dir, sizeof s->dir, "%s/srv-XXXXXX", base);
  cr_assert(mkdtemp(s->dir));
  snprintf(s->db, sizeof s->db, "%s/motcua.db", s->dir);
  char portf[300], data[300], logf[300], ports[16];
  snprintf(portf, sizeof portf, "%s/port", s->dir);
  snprintf(data, sizeof data, "%s/data", s->dir);
  snprintf(logf, sizeof logf, "%s/server.log", s->dir);
  snprintf(ports, sizeof ports, "%d", port);
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(logf, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) { dup2(fd, 1); dup2(fd, 2); close(fd); }
    const char *argv[] = {th_binary(), "--db", s->db, "serve", "--port", ports, "--port-file", portf,
                          "--data", data, "--web", "/nonexistent", NULL};
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  s->pid = pid;
  for (int i = 0; i < 600 && !s->port; i++) {
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
  return s;
}

typedef struct buf { char *d; size_t len, cap; } buf;

static size_t put(char *p, size_t size, size_t n, void *ud) {
  buf *b = ud;
  size_t k = size * n;
  if (b->len + k + 1 > b->cap) {
    b->cap = (b->len + k + 1) * 2;
    b->d = realloc(b->d, b->cap);
  }
  memcpy(b->d + b->len, p, k);
  b->len += k;
  b->d[b->len] = 0;
  return k;
}

sec_resp *sec_call(th_server *s, const char *method, const char *path, const sec_opts *o) {
  static const sec_opts none;
  if (!o) o = &none;
  sec_resp *r = calloc(1, sizeof *r);
  CURL *c = curl_easy_init();
  char url[2048], line[2048];
  snprintf(url, sizeof url, "http://127.0.0.1:%d%s", s->port, path);
  struct curl_slist *h = NULL;
  if (o->bearer) { snprintf(line, sizeof line, "Authorization: Bearer %s", o->bearer); h = curl_slist_append(h, line); }
  if (o->cookie) { snprintf(line, sizeof line, "Cookie: %s", o->cookie); h = curl_slist_append(h, line); }
  if (o->csrf) { snprintf(line, sizeof line, "X-CSRF-Token: %s", o->csrf); h = curl_slist_append(h, line); }
  if (o->body) h = curl_slist_append(h, "Content-Type: application/json");
  if (o->extra) h = curl_slist_append(h, o->extra);
  buf body = {0}, hdr = {0};
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  if (o->body) curl_easy_setopt(c, CURLOPT_POSTFIELDS, o->body);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, put);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, put);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &hdr);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  CURLcode rc = curl_easy_perform(c);
  cr_assert_eq(rc, CURLE_OK, "%s %s: %s", method, path, curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
  curl_slist_free_all(h);
  curl_easy_cleanup(c);
  snprintf(r->headers, sizeof r->headers, "%s", hdr.d ? hdr.d : "");
  r->body = body.d ? json_loads(body.d, 0, NULL) : NULL;
  if (!r->body) r->body = json_string(body.d ? body.d : "");
  free(body.d);
  free(hdr.d);
  return r;
}

void sec_free(sec_resp *r) {
  if (!r) return;
  json_decref(r->body);
  free(r);
}

static char *find_line(const sec_resp *r, const char *name, const char *value_prefix) {
  size_t n = strlen(name);
  for (const char *p = r->headers; p && *p;) {
    const char *e = strstr(p, "\r\n");
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len > n + 1 && strncasecmp(p, name, n) == 0 && p[n] == ':') {
      const char *v = p + n + 1;
      while (*v == ' ') v++;
      size_t vl = len - (size_t)(v - p);
      if (!value_prefix || strncmp(v, value_prefix, strlen(value_prefix)) == 0) return strndup(v, vl);
    }
    p = e ? e + 2 : NULL;
  }
  return NULL;
}

char *sec_header(const sec_resp *r, const char *name) { return find_line(r, name, NULL); }

char *sec_set_cookie(const sec_resp *r, const char *name) {
  char pre[128];
  snprintf(pre, sizeof pre, "%s=", name);
  return find_line(r, "Set-Cookie", pre);
}

char *sec_cookie_pair(const sec_resp *r, const char *name) {
  char *line = sec_set_cookie(r, name);
  if (!line) return NULL;
  char *semi = strchr(line, ';');
  if (semi) *semi = 0;
  return line;
}

const char *sec_str(const sec_resp *r, const char *key) {
  return json_string_value(json_object_get(r->body, key));
}

const char *sec_error(const sec_resp *r) {
  return json_string_value(json_object_get(json_object_get(r->body, "error"), "code"));
}
