/* test_api_slips.c — the slips over real HTTP on the demo province: a dossier's
 * slips are PDF shown inline (application/pdf, Content-Disposition inline)
 * to whoever may read the dossier — its owner and the staff of the units
 * that hold it — and 404 to anyone else (another citizen, an officer of
 * another unit); a slip the history has no event for is 409
 * slip.not_applicable; the unit register is for the unit's staff; and
 * `motcua slip` prints the same from the command line. */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dossier_fixture.h"
#include "harness.h"

static th_server *srv;
static fx_proc pr;
static char *code;              /* congdan1's dossier, received at Thủ Dầu Một */
static char *tok_c1, *tok_c2, *tok_off, *tok_off2, *tok_plead;

typedef struct reply {
  long status;
  char *body;
  size_t len;
  char type[128], disposition[256];
} reply;

static size_t on_body(char *p, size_t size, size_t n, void *ud) {
  reply *r = ud;
  size_t k = size * n;
  r->body = realloc(r->body, r->len + k + 1);
  memcpy(r->body + r->len, p, k);
  r->len += k;
  r->body[r->len] = 0;
  return k;
}

static void header_value(const char *line, size_t n, const char *name, char *out, size_t cap) {
  size_t nl = strlen(name);
  if (n <= nl || strncasecmp(line, name, nl) != 0) return;
  const char *v = line + nl;
  size_t vn = n - nl;
  while (vn > 0 && (*v == ' ')) { v++; vn--; }
  while (vn > 0 && (v[vn - 1] == '\r' || v[vn - 1] == '\n')) vn--;
  snprintf(out, cap, "%.*s", (int)vn, v);
}

static size_t on_header(char *p, size_t size, size_t n, void *ud) {
  reply *r = ud;
  header_value(p, size * n, "Content-Type:", r->type, sizeof r->type);
  header_value(p, size * n, "Content-Disposition:", r->disposition, sizeof r->disposition);
  return size * n;
}

static reply get(const char *path, const char *token) {
  reply r = {0};
  CURL *c = curl_easy_init();
  char url[1024], auth[512];
  snprintf(url, sizeof url, "http://127.0.0.1:%d%s", srv->port, path);
  struct curl_slist *h = NULL;
  if (token) { snprintf(auth, sizeof auth, "Authorization: Bearer %s", token); h = curl_slist_append(h, auth); }
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  CURLcode rc = curl_easy_perform(c);
  cr_assert_eq(rc, CURLE_OK, "GET %s: %s", path, curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all(h);
  curl_easy_cleanup(c);
  return r;
}

static void expect_pdf(const char *path, const char *token, const char *filename) {
  reply r = get(path, token);
  cr_assert_eq(r.status, 200, "GET %s → %ld: %.300s", path, r.status, r.body ? r.body : "");
  cr_assert_str_eq(r.type, "application/pdf");
  char want[300];
  snprintf(want, sizeof want, "inline; filename=\"%s\"", filename);
  cr_assert_str_eq(r.disposition, want);
  cr_assert(r.len > 1000 && memcmp(r.body, "%PDF-", 5) == 0, "not a PDF");
  cr_assert(memmem(r.body, r.len, "/FontFile2", 10), "the font is not embedded");
  free(r.body);
}

static void expect_error(const char *path, const char *token, long status, const char *err_code) {
  reply r = get(path, token);
  cr_assert_eq(r.status, status, "GET %s → %ld (want %ld): %.300s", path, r.status, status, r.body ? r.body : "");
  json_t *j = json_loads(r.body ? r.body : "", 0, NULL);
  const char *c = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
  cr_assert(c && strcmp(c, err_code) == 0, "GET %s: error %s (want %s)", path, c ? c : "(none)", err_code);
  json_decref(j);
  free(r.body);
}

static char *slip_path(const char *no) {
  char *p = malloc(300);
  snprintf(p, 300, "/api/v1/dossiers/%s/slips/%s", code, no);
  return p;
}

static void start(void) {
  srv = th_server_start(true);
  pr = fx_pick(srv);
  tok_c1 = th_login(srv, "congdan1", "demo1234");
  tok_c2 = th_login(srv, "congdan2", "demo1234");
  tok_off = th_login(srv, "motcua.tdm", "demo1234");
  tok_off2 = th_login(srv, "motcua.stp", "demo1234");
  tok_plead = th_login(srv, "lanhdao.tinh", "demo1234");
  json_t *b = json_pack("{s:s, s:s, s:O}", "procedure", pr.code, "unit", "HCM.THUDAUMOT", "form", pr.form);
  char *text = json_dumps(b, JSON_COMPACT);
  long st;
  json_t *d = th_call(srv, "POST", "/api/v1/dossiers", tok_c1, text, &st);
  cr_assert_eq(st, 201, "submit: %ld", st);
  code = strdup(json_string_value(json_object_get(d, "code")));
  json_decref(d);
  free(text);
  json_decref(b);
  char path[300];
  snprintf(path, sizeof path, "/api/v1/dossiers/%s/actions/receive", code);
  d = th_call(srv, "POST", path, tok_off, "{}", &st);
  cr_assert_eq(st, 200, "receive: %ld", st);
  json_decref(d);
}

static void stop(void) {
  free(code);
  free(tok_c1);
  free(tok_c2);
  free(tok_off);
  free(tok_off2);
  free(tok_plead);
  fx_free(&pr);
  th_server_stop(srv);
}

TestSuite(api_slips, .init = start, .fini = stop, .timeout = 120);

Test(api_slips, who_may_read_a_slip) {
  char name[200];
  snprintf(name, sizeof name, "%s-01.pdf", code);
  char *p = slip_path("01.pdf");
  expect_pdf(p, tok_c1, name);                         /* the owner */
  expect_pdf(p, tok_off, name);                        /* the receiving desk */
  expect_error(p, tok_c2, 404, "dossier.not_found");   /* another citizen */
  expect_error(p, tok_off2, 404, "dossier.not_found"); /* an officer of another unit */
  expect_error(p, NULL, 401, "auth.required");
  free(p);
  p = slip_path("06");
  snprintf(name, sizeof name, "%s-06.pdf", code);
  expect_pdf(p, tok_plead, name);                      /* the province leader reads all */
  free(p);
}

Test(api_slips, slips_that_do_not_exist_or_apply) {
  static const char *const not_applicable[] = {"02", "03", "04.pdf", "05"};
  for (size_t i = 0; i < sizeof not_applicable / sizeof *not_applicable; i++) {
    char *p = slip_path(not_applicable[i]);
    expect_error(p, tok_c1, 409, "slip.not_applicable");
    free(p);
  }
  static const char *const unknown[] = {"07", "08", "00", "1", "01.txt"};
  for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
    char *p = slip_path(unknown[i]);
    expect_error(p, tok_c1, 404, "slip.unknown");
    free(p);
  }
  expect_error("/api/v1/dossiers/KHONG-CO-0001/slips/01", tok_off, 404, "dossier.not_found");
}

Test(api_slips, unit_register) {
  char today[16], path[300], name[200];
  fx_today(today, sizeof today);
  snprintf(path, sizeof path, "/api/v1/units/HCM.THUDAUMOT/register.pdf?from=%s&to=%s", today, today);
  snprintf(name, sizeof name, "so-theo-doi-HCM.THUDAUMOT-%s-%s.pdf", today, today);
  expect_pdf(path, tok_off, name);
  expect_pdf(path, tok_plead, name);
  expect_error(path, tok_off2, 403, "slip.register_forbidden");
  expect_error(path, tok_c1, 403, "auth.forbidden");
  expect_error("/api/v1/units/HCM.THUDAUMOT/register.pdf?from=2025-13-01", tok_off, 400, "query.bad_value");
  expect_error("/api/v1/units/HCM.THUDAUMOT/register.pdf?from=2025-03-01&to=2025-02-01", tok_off, 422,
               "slip.bad_range");
  expect_error("/api/v1/units/KHONG-CO/register.pdf", tok_off, 404, "unit.not_found");
  reply r = get("/api/v1/units/HCM.THUDAUMOT/register.pdf", tok_off);   /* this month so far */
  cr_assert_eq(r.status, 200);
  cr_assert_str_eq(r.type, "application/pdf");
  free(r.body);
}

Test(api_slips, command_line) {
  char out[400];
  snprintf(out, sizeof out, "%s/slip-01.pdf", srv->dir);
  const char *args[] = {"slip", code, "01", "--out", out, NULL};
  char *log;
  cr_assert_eq(th_cli(srv, &log, args), 0, "%s", log);
  free(log);
  FILE *f = fopen(out, "rb");
  char head[8] = {0};
  cr_assert(f && fread(head, 1, 5, f) == 5 && fclose(f) == 0);
  cr_assert_str_eq(head, "%PDF-");
  const char *args3[] = {"slip", code, "03", "--out", out, NULL};
  cr_assert_eq(th_cli(srv, &log, args3), 1);
  cr_assert(strstr(log, "slip.not_applicable"), "%s", log);
  free(log);
  snprintf(out, sizeof out, "%s/register.pdf", srv->dir);
  const char *args7[] = {"slip", "HCM.THUDAUMOT", "07", "--from", "2025-01-01", "--to", "2025-01-31", "--out", out, NULL};
  cr_assert_eq(th_cli(srv, &log, args7), 0, "%s", log);
  free(log);
  const char *bad[] = {"slip", code, "09", NULL};
  cr_assert_eq(th_cli(srv, &log, bad), 2);
  free(log);
}
