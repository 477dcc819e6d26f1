/* test_two_servers.c — two `motcua serve` processes over one database behind
 * nginx behave like one: sessions work on either, dossier codes stay unique
 * under concurrent submissions, two simultaneous transitions of one dossier
 * never both succeed (the loser gets 409), and the index figures equal a full
 * recomputation. Runs on SQLite and, with MOTCUA_TEST_PG, on PostgreSQL. */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "harness.h"

enum { SUBMITTERS = 6, PER_SUBMITTER = 8, RACES = 16 };

static th_server *a, *b;
static int nginx_pid, nginx_port;
static char *db_url, dir[256];

static int free_port(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t n = sizeof sa;
  cr_assert_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
  getsockname(fd, (struct sockaddr *)&sa, &n);
  close(fd);
  return ntohs(sa.sin_port);
}

static void start_nginx(void) {
  snprintf(dir, sizeof dir, "%s/nginx-XXXXXX", getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp");
  cr_assert(mkdtemp(dir));
  chmod(dir, 0755);
  nginx_port = free_port();
  char conf[400];
  snprintf(conf, sizeof conf, "%s/nginx.conf", dir);
  FILE *f = fopen(conf, "w");
  cr_assert_not_null(f);
  fprintf(f,
    "worker_processes 1; pid %s/nginx.pid; error_log %s/error.log; daemon off;\n"
    "events { worker_connections 512; }\n"
    "http { access_log off; client_body_temp_path %s/body; proxy_temp_path %s/proxy;\n"
    "  fastcgi_temp_path %s/f; uwsgi_temp_path %s/u; scgi_temp_path %s/s;\n"
    "  upstream motcua { server 127.0.0.1:%d; server 127.0.0.1:%d; keepalive 16; }\n"
    "  server { listen 127.0.0.1:%d; client_max_body_size 25m;\n"
    "    location / { proxy_pass http://motcua; proxy_http_version 1.1; proxy_set_header Connection \"\"; } } }\n",
    dir, dir, dir, dir, dir, dir, dir, a->port, b->port, nginx_port);
  fclose(f);
  nginx_pid = fork();
  if (nginx_pid == 0) {
    execl("/usr/sbin/nginx", "nginx", "-c", conf, "-p", dir, "-e", "stderr", (char *)NULL);
    _exit(127);
  }
  /* Wait until nginx answers. */
  th_server via = {.port = nginx_port};
  for (int i = 0; i < 100; i++) {
    CURL *c = curl_easy_init();
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/health", via.port);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    if (rc == CURLE_OK) return;
    usleep(50000);
  }
  cr_assert_fail("nginx did not start (is the nginx package installed? see %s/error.log)", dir);
}

static void setup(void) {
  curl_global_init(CURL_GLOBAL_ALL);
  db_url = th_fresh_demo_db_url();
  a = th_server_start_db(db_url);
  b = th_server_start_db(db_url);
  start_nginx();
}

static void teardown(void) {
  if (nginx_pid > 0) { kill(nginx_pid, SIGQUIT); waitpid(nginx_pid, NULL, 0); }
  th_server_stop(a);
  th_server_stop(b);
  free(db_url);
  curl_global_cleanup();
}

TestSuite(cluster, .init = setup, .fini = teardown, .timeout = 240);

/* A thread-safe call that reports instead of asserting (asserts belong to the main thread). */
typedef struct reply { long status; char body[65536]; } reply;
static size_t keep(char *p, size_t size, size_t n, void *ud) {
  reply *r = ud;
  size_t have = strlen(r->body), k = size * n, room = sizeof r->body - 1 - have;
  memcpy(r->body + have, p, k < room ? k : room);
  r->body[have + (k < room ? k : room)] = 0;
  return k;
}
static void call(int port, const char *method, const char *path, const char *token, const char *body, reply *r) {
  memset(r, 0, sizeof *r);
  CURL *c = curl_easy_init();
  char url[512], auth[256];
  snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
  struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
  snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
  h = curl_slist_append(h, auth);
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  if (body) curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
  curl_slist_free_all(h);
  curl_easy_cleanup(c);
}

static const char *FORM = "{\"procedure\":\"1.004873\",\"unit\":\"HCM.THUDAUMOT\",\"form\":{"
  "\"ho_ten\":\"Nguyễn Văn An\",\"so_dinh_danh\":\"074085001234\",\"dien_thoai\":\"0912345678\","
  "\"tinh_trang\":\"chua_ket_hon\",\"muc_dich\":\"ket_hon\",\"cam_doan\":true}}";

static char *citizen, *officer;
static char codes[SUBMITTERS * PER_SUBMITTER][64];
static long submit_status[SUBMITTERS * PER_SUBMITTER];

static void *submitter(void *arg) {
  int t = (int)(intptr_t)arg;
  for (int i = 0; i < PER_SUBMITTER; i++) {
    reply r;
    call(nginx_port, "POST", "/api/v1/dossiers", citizen, FORM, &r);
    int k = t * PER_SUBMITTER + i;
    submit_status[k] = r.status;
    json_t *j = json_loads(r.body, 0, NULL);
    snprintf(codes[k], sizeof codes[k], "%s", j ? json_string_value(json_object_get(j, "code")) ? json_string_value(json_object_get(j, "code")) : "" : "");
    json_decref(j);
  }
  return NULL;
}

typedef struct race { int port; const char *code; pthread_barrier_t *go; reply r; } race;
static void *racer(void *arg) {
  race *x = arg;
  char path[200];
  snprintf(path, sizeof path, "/api/v1/dossiers/%s/actions/receive", x->code);
  pthread_barrier_wait(x->go);
  call(x->port, "POST", path, officer, "{}", &x->r);
  return NULL;
}

static int cmp(const void *p, const void *q) { return strcmp(p, q); }

Test(cluster, behaves_like_one_server) {
  /* Sessions: log in through one server, use the token on the other, log out anywhere. */
  citizen = th_login(a, "congdan1", "demo1234");
  officer = th_login(b, "motcua.tdm", "demo1234");
  reply r;
  call(b->port, "GET", "/api/v1/auth/me", citizen, NULL, &r);
  cr_assert_eq(r.status, 200, "a session from server A works on server B");
  char *spare = th_login(a, "congdan2", "demo1234");
  call(nginx_port, "POST", "/api/v1/auth/logout", spare, "{}", &r);
  cr_assert_eq(r.status, 200);
  call(a->port, "GET", "/api/v1/auth/me", spare, NULL, &r);
  cr_assert_eq(r.status, 401, "a logout through nginx ends the session on A");
  call(b->port, "GET", "/api/v1/auth/me", spare, NULL, &r);
  cr_assert_eq(r.status, 401, "… and on B");
  free(spare);

  /* Concurrent submissions through nginx: every one acknowledged, codes unique. */
  pthread_t th[SUBMITTERS];
  for (int t = 0; t < SUBMITTERS; t++) pthread_create(&th[t], NULL, submitter, (void *)(intptr_t)t);
  for (int t = 0; t < SUBMITTERS; t++) pthread_join(th[t], NULL);
  int n = SUBMITTERS * PER_SUBMITTER;
  for (int k = 0; k < n; k++) {
    cr_assert_eq(submit_status[k], 201, "submission %d answered %ld", k, submit_status[k]);
    cr_assert(codes[k][0], "submission %d has no code", k);
  }
  qsort(codes, (size_t)n, sizeof codes[0], cmp);
  for (int k = 1; k < n; k++) cr_assert_str_neq(codes[k], codes[k - 1], "duplicate dossier code %s", codes[k]);

  /* The same transition sent to both servers at once: exactly one wins. */
  for (int k = 0; k < RACES; k++) {
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, 2);
    race x = {.port = a->port, .code = codes[k], .go = &go}, y = {.port = b->port, .code = codes[k], .go = &go};
    pthread_t p, q;
    pthread_create(&p, NULL, racer, &x);
    pthread_create(&q, NULL, racer, &y);
    pthread_join(p, NULL);
    pthread_join(q, NULL);
    pthread_barrier_destroy(&go);
    int wins = (x.r.status == 200) + (y.r.status == 200);
    int conflicts = (x.r.status == 409) + (y.r.status == 409);
    cr_assert_eq(wins, 1, "dossier %s: %ld and %ld (%s | %s)", codes[k], x.r.status, y.r.status, x.r.body, y.r.body);
    cr_assert_eq(conflicts, 1, "the loser is answered 409: %ld %ld", x.r.status, y.r.status);
  }

  /* Both servers read the same figures, and they equal a recount. */
  call(a->port, "GET", "/api/v1/dossiers?limit=1", officer, NULL, &r);
  cr_assert_eq(r.status, 200);
  char *out;
  const char *verify[] = {"--db", db_url, "index", "verify", NULL};
  int rc = th_cli(a, &out, verify);
  cr_assert_eq(rc, 0, "index verify: %s", out);
  free(out);
  free(citizen);
  free(officer);
}
