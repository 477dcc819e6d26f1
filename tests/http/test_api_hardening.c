/* test_api_hardening.c — what a hostile client meets: security headers on API
 * and static responses, no path traversal out of the web folder (dot-dot in
 * every encoding, symbolic links, hidden files), a header-size limit, the
 * per-address connection limit, and slow clients (headers or body trickled a
 * byte at a time) cut off at their deadline. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "sec_http.h"

static th_server *srv;
static char web[600];

static void make_web(void) {
  const char *base = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  char root[520];
  mkdir(base, 0755);
  snprintf(root, sizeof root, "%s/web-XXXXXX", base);
  cr_assert(mkdtemp(root));
  char p[700];
  snprintf(p, sizeof p, "%s/secret.txt", root);
  FILE *f = fopen(p, "w");
  fputs("TOP-SECRET\n", f);
  fclose(f);
  snprintf(web, sizeof web, "%s/web", root);
  mkdir(web, 0755);
  snprintf(p, sizeof p, "%s/index.html", web);
  f = fopen(p, "w");
  fputs("<!doctype html><title>motcua</title><script src=\"/app.js\"></script>\n", f);
  fclose(f);
  snprintf(p, sizeof p, "%s/app.js", web);
  f = fopen(p, "w");
  fputs("console.log(1);\n", f);
  fclose(f);
  snprintf(p, sizeof p, "%s/.env", web);
  f = fopen(p, "w");
  fputs("HIDDEN\n", f);
  fclose(f);
  char target[700];
  snprintf(target, sizeof target, "%s/secret.txt", root);
  snprintf(p, sizeof p, "%s/link.txt", web);
  cr_assert_eq(symlink(target, p), 0);
  setenv("MOTCUA_WEB", web, 1);
}

static void start_with(const char *conf) {
  make_web();
  sec_config(conf);
  srv = th_server_start(false);
}
static void stop(void) { th_server_stop(srv); unsetenv("MOTCUA_CONFIG"); unsetenv("MOTCUA_WEB"); }
static void start(void) { start_with("[server]\nmax_header_bytes = 16384\n"); }

TestSuite(hardening, .init = start, .fini = stop);
TestSuite(hardening_slow, .fini = stop);

Test(hardening, security_headers) {
  const char *paths[] = {"/api/v1/health", "/", "/app.js", "/api/v1/nope"};
  for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
    sec_resp *r = sec_call(srv, "GET", paths[i], NULL);
    char *csp = sec_header(r, "Content-Security-Policy");
    cr_assert(csp, "%s: no CSP", paths[i]);
    cr_assert(strstr(csp, "script-src 'self'") && strstr(csp, "frame-ancestors 'none'") &&
              strstr(csp, "object-src 'none'"), "%s: %s", paths[i], csp);
    cr_assert_null(strstr(csp, "unsafe-inline"), "%s: %s", paths[i], csp);
    cr_assert_null(strstr(csp, "unsafe-eval"), "%s: %s", paths[i], csp);
    char *h;
    cr_assert((h = sec_header(r, "X-Content-Type-Options")) && !strcmp(h, "nosniff"), "%s", paths[i]);
    free(h);
    cr_assert((h = sec_header(r, "Referrer-Policy")) && !strcmp(h, "no-referrer"));
    free(h);
    cr_assert((h = sec_header(r, "X-Frame-Options")) && !strcmp(h, "DENY"));
    free(h);
    h = sec_header(r, "Cache-Control");
    if (strncmp(paths[i], "/api/", 5) == 0) cr_assert(h && !strcmp(h, "no-store"), "%s: %s", paths[i], h ? h : "-");
    free(h);
    cr_assert_null(sec_header(r, "Strict-Transport-Security"), "no HSTS without TLS");
    free(csp);
    sec_free(r);
  }
}

/* A raw GET (no client-side normalisation of the path). */
static long raw_get(const char *path, char **body) {
  CURL *c = curl_easy_init();
  char url[1024];
  snprintf(url, sizeof url, "http://127.0.0.1:%d%s", srv->port, path);
  FILE *mem = NULL;
  size_t len = 0;
  *body = NULL;
  mem = open_memstream(body, &len);
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, mem);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  cr_assert_eq(curl_easy_perform(c), CURLE_OK);
  long st;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &st);
  curl_easy_cleanup(c);
  fclose(mem);
  return st;
}

Test(hardening, no_path_traversal) {
  static const char *const bad[] = {
    "/../secret.txt", "/web/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
    "/x/..%5c..%5csecret.txt", "/link.txt", "/.env", "/%2eenv", "/app.js%00.png", "//secret.txt",
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char *body;
    long st = raw_get(bad[i], &body);
    cr_assert(st == 404 || st == 400, "%s answered %ld", bad[i], st);
    cr_assert_null(strstr(body, "TOP-SECRET"), "%s leaked the file", bad[i]);
    cr_assert_null(strstr(body, "HIDDEN"), "%s leaked a hidden file", bad[i]);
    free(body);
  }
  char *body;
  cr_assert_eq(raw_get("/app.js", &body), 200);
  cr_assert(strstr(body, "console.log"));
  free(body);
  cr_assert_eq(raw_get("/ho-so/123", &body), 200, "single-page app routes serve index.html");
  cr_assert(strstr(body, "<title>motcua</title>"));
  free(body);
}

static int connect_server(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)srv->port)};
  inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
  cr_assert_eq(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0, "connect: %s", strerror(errno));
  return fd;
}

/* Wait up to ms for the peer to close; returns the time waited or -1. */
static long wait_closed(int fd, long ms) {
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  char buf[4096];
  for (;;) {
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long el = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    if (el > ms) return -1;
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, 100) > 0) {
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return el;
    }
  }
}

Test(hardening, header_size_limit) {
  int fd = connect_server();
  char *req = malloc(64 * 1024);
  int n = snprintf(req, 1024, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ");
  memset(req + n, 'a', 40000);
  n += 40000;
  n += snprintf(req + n, 64, "\r\n\r\n");
  ssize_t sent = send(fd, req, (size_t)n, MSG_NOSIGNAL);
  (void)sent;
  char buf[2048] = "";
  ssize_t got = recv(fd, buf, sizeof buf - 1, 0);
  if (got > 0) {
    buf[got] = 0;
    cr_assert(strstr(buf, " 431 ") || strstr(buf, " 413 ") || strstr(buf, " 400 "), "answered: %.80s", buf);
  }
  close(fd);
  free(req);
  /* A normal request still works. */
  sec_resp *r = sec_call(srv, "GET", "/api/v1/health", NULL);
  cr_assert_eq(r->status, 200);
  sec_free(r);
}

Test(hardening_slow, trickled_headers_are_cut) {
  start_with("[server]\nheader_timeout = 2\nidle_timeout = 30\n");
  int fd = connect_server();
  const char *req = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  cr_assert(send(fd, req, strlen(req), MSG_NOSIGNAL) > 0);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  bool closed = false;
  for (int i = 0; i < 20 && !closed; i++) {    /* one byte every 300 ms: never idle for long */
    if (send(fd, "a", 1, MSG_NOSIGNAL) <= 0) { closed = true; break; }
    long w = wait_closed(fd, 300);
    if (w >= 0) closed = true;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  cr_assert(closed, "the trickling client was never cut off");
  cr_assert(el >= 1.5 && el < 5.0, "cut after %.1f s (limit 2 s)", el);
  close(fd);
  /* The server is fine. */
  sec_resp *r = sec_call(srv, "GET", "/api/v1/health", NULL);
  cr_assert_eq(r->status, 200);
  sec_free(r);
}

Test(hardening_slow, trickled_body_is_cut) {
  start_with("[server]\nbody_timeout = 2\n");
  int fd = connect_server();
  const char *req = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Content-Length: 1000\r\n\r\n{";
  cr_assert(send(fd, req, strlen(req), MSG_NOSIGNAL) > 0);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  bool closed = false;
  for (int i = 0; i < 20 && !closed; i++) {
    if (send(fd, " ", 1, MSG_NOSIGNAL) <= 0) { closed = true; break; }
    if (wait_closed(fd, 300) >= 0) closed = true;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  cr_assert(closed, "the trickling upload was never cut off");
  cr_assert(el >= 1.5 && el < 5.0, "cut after %.1f s (limit 2 s)", el);
  close(fd);
}

Test(hardening_slow, connections_per_address) {
  start_with("[server]\nmax_connections_per_ip = 3\n");
  int fds[5];
  for (int i = 0; i < 3; i++) fds[i] = connect_server();
  /* Let the server accept them. */
  struct timespec ts = {0, 200 * 1000 * 1000};
  nanosleep(&ts, NULL);
  fds[3] = connect_server();
  long w = wait_closed(fds[3], 2000);
  cr_assert(w >= 0, "a 4th connection from one address must be refused");
  for (int i = 0; i < 4; i++) close(fds[i]);
  nanosleep(&ts, NULL);
  sec_resp *r = sec_call(srv, "GET", "/api/v1/health", NULL);
  cr_assert_eq(r->status, 200, "accepted again once the others closed");
  sec_free(r);
}
