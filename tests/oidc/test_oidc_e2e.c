/* test_oidc_e2e.c — OpenID Connect login end to end against a real,
 * independent provider (oidc-provider from npm, OpenID Certified; see
 * provider.mjs), started on a loopback port: a browser-like client follows
 * every redirect, logs in on the provider's own form, and comes back to
 * motcua, which must verify the ID token against the provider's JWKS and
 * open a session with the mapped claims and the assurance level. Then the
 * attacks: forged ID tokens (wrong nonce, wrong audience, expired, tampered
 * payload, HMAC-signed), a wrong or replayed state, a callback in another
 * browser, a mixed-up issuer, too low an assurance level, malformed claims,
 * a staff identity with no account.
 *
 * Needs node and the package: `npm ci --prefix tests/oidc` (run by make). */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../http/sec_http.h"

static th_server *srv;
static pid_t node_pid;
static int pport;
static char dir[512];

static const char SECRET_CITIZEN[] = "sec-citizen-9f2c81d0a5e34b7c8d6e1f20a3b4c5d6";
static const char SECRET_STAFF[] = "sec-staff-5b6c7d8e9f0a1b2c3d4e5f60718293a4";

static void write_file(const char *path, const char *text, mode_t mode) {
  FILE *f = fopen(path, "w");
  cr_assert(f, "cannot write %s", path);
  fputs(text, f);
  fclose(f);
  chmod(path, mode);
}

static void need_node(const char *src) {
  cr_assert_eq(system("node --version >/dev/null 2>&1"), 0,
               "node is not installed: the OpenID end-to-end test needs Node.js (apt-get install nodejs npm)");
  char pkg[700];
  snprintf(pkg, sizeof pkg, "%s/tests/oidc/node_modules/oidc-provider/package.json", src);
  struct stat st;
  cr_assert_eq(stat(pkg, &st), 0,
               "the test provider is not installed: run `npm ci --prefix %s/tests/oidc` (oidc-provider, pinned in package-lock.json)", src);
}

static void start(void) {
  const char *src = getenv("MOTCUA_SRC");
  cr_assert(src, "MOTCUA_SRC is not set (run the tests through meson)");
  need_node(src);
  const char *base = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  mkdir(base, 0755);
  snprintf(dir, sizeof dir, "%s/oidc-XXXXXX", base);
  cr_assert(mkdtemp(dir));
  int held, port = sec_free_port(&held);
  char path[700], pfile[700], text[4096];
  snprintf(path, sizeof path, "%s/provider.json", dir);
  snprintf(text, sizeof text,
           "{\"redirect_uri\":\"http://127.0.0.1:%d/api/v1/auth/oidc/callback\",\"secrets\":{\"citizen\":\"%s\",\"staff\":\"%s\"}}",
           port, SECRET_CITIZEN, SECRET_STAFF);
  write_file(path, text, 0600);
  snprintf(pfile, sizeof pfile, "%s/provider.port", dir);
  char script[700], logf[700];
  snprintf(script, sizeof script, "%s/tests/oidc/provider.mjs", src);
  snprintf(logf, sizeof logf, "%s/provider.log", dir);
  node_pid = fork();
  if (node_pid == 0) {
    int fd = open(logf, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) { dup2(fd, 1); dup2(fd, 2); close(fd); }
    execlp("node", "node", script, path, pfile, (char *)NULL);
    _exit(127);
  }
  pport = 0;
  for (int i = 0; i < 300 && !pport; i++) {
    FILE *f = fopen(pfile, "r");
    if (f) { if (fscanf(f, "%d", &pport) != 1) pport = 0; fclose(f); }
    if (!pport) {
      int st;
      cr_assert_eq(waitpid(node_pid, &st, WNOHANG), 0, "the OpenID provider exited (see %s)", logf);
      struct timespec ts = {0, 50 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
  }
  cr_assert(pport, "the OpenID provider did not start (see %s)", logf);

  char cs[700], ss[700];
  snprintf(cs, sizeof cs, "%s/citizen.secret", dir);
  snprintf(ss, sizeof ss, "%s/staff.secret", dir);
  write_file(cs, SECRET_CITIZEN, 0600);
  write_file(ss, SECRET_STAFF, 0600);
  snprintf(text, sizeof text,
           "[auth]\nlogin_per_minute = 1000\n"
           "[oidc.vneid]\ndisplay_name = VNeID\nissuer = http://127.0.0.1:%d\nclient_id = motcua-citizen\n"
           "client_secret_file = %s\nredirect_uri = http://127.0.0.1:%d/api/v1/auth/oidc/callback\n"
           "scope = openid profile email phone\nvneid = true\nmin_assurance = 2\nalgs = RS256\n"
           "claim.id_number = personal_id\nclaim.account_type = account_type\nclaim.assurance = loa\n"
           "assurance.urn:vneid:loa:2 = 2\nassurance.urn:vneid:loa:1 = 1\n"
           "[oidc.tinh]\ndisplay_name = SSO tỉnh\nissuer = http://127.0.0.1:%d\nclient_id = motcua-staff\n"
           "client_secret_file = %s\ntoken_auth = client_secret_post\n"
           "redirect_uri = http://127.0.0.1:%d/api/v1/auth/oidc/callback\nmode = staff\nlink_claim = preferred_username\n"
           "algs = ES256\n",
           pport, cs, port, pport, ss, port);
  sec_config(text);
  close(held);
  srv = sec_server_start(port);
  sec_seed(srv);
}
/* (An assertion failing inside start() ends the test without stop(): the
 * provider then exits on its own when its parent test process is gone —
 * see the watchdog in provider.mjs.) */

/* The provider first: th_server_stop fails the test (and ends this function)
 * when the server did not stop cleanly. */
static void stop(void) {
  if (node_pid > 0) {
    kill(node_pid, SIGTERM);
    int st;
    waitpid(node_pid, &st, 0);
    node_pid = 0;
  }
  unsetenv("MOTCUA_CONFIG");
  th_server_stop(srv);
}

TestSuite(oidc, .init = start, .fini = stop, .timeout = 120);

/* ---- a browser: one cookie jar, redirects followed by hand ------------------------ */

typedef struct hop { long status; char *location; char *body; } hop;

static size_t keep(char *p, size_t size, size_t n, void *ud) {
  char **b = ud;
  size_t old = *b ? strlen(*b) : 0, k = size * n;
  *b = realloc(*b, old + k + 1);
  memcpy(*b + old, p, k);
  (*b)[old + k] = 0;
  return k;
}

static hop go(CURL *c, const char *url, const char *form, bool json) {
  hop h = {0};
  struct curl_slist *hd = json ? curl_slist_append(NULL, "Accept: application/json") : NULL;
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hd);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &h.body);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  if (form) curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
  else curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  CURLcode rc = curl_easy_perform(c);
  cr_assert_eq(rc, CURLE_OK, "%s: %s", url, curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &h.status);
  char *loc = NULL;
  curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc);
  if (loc) h.location = strdup(loc);
  curl_slist_free_all(hd);
  return h;
}

static void drop(hop *h) { free(h->location); free(h->body); }

static CURL *browser(void) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");    /* cookie engine on, nothing loaded */
  return c;
}

static char *url_param(const char *url, const char *name) {
  char key[64];
  snprintf(key, sizeof key, "%s=", name);
  const char *p = strstr(url, key);
  while (p && p[-1] != '?' && p[-1] != '&') p = strstr(p + 1, key);
  if (!p) return NULL;
  p += strlen(key);
  return strndup(p, strcspn(p, "&"));
}

/* From our start endpoint to the provider's redirect back to us: returns the
 * callback URL (with code and state), not yet visited. */
static char *to_callback(CURL *c, const char *provider, const char *login, const char *password) {
  char url[512];
  snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/auth/oidc/start?provider=%s&return_to=/ho-so/cua-toi",
           srv->port, provider);
  hop h = go(c, url, NULL, false);
  cr_assert_eq(h.status, 302, "start: %ld %s", h.status, h.body ? h.body : "");
  cr_assert(h.location && strstr(h.location, "code_challenge_method=S256") && strstr(h.location, "code_challenge=") &&
            strstr(h.location, "nonce=") && strstr(h.location, "state=") && strstr(h.location, "response_type=code"),
            "authorization URL: %s", h.location);
  char *auth = strdup(h.location);
  drop(&h);
  h = go(c, auth, NULL, false);
  free(auth);
  cr_assert(h.status == 302 || h.status == 303, "provider /auth: %ld %s", h.status, h.body ? h.body : "");
  char *interaction = strdup(h.location);
  drop(&h);
  h = go(c, interaction, NULL, false);
  cr_assert_eq(h.status, 200, "login form: %ld", h.status);
  cr_assert(strstr(h.body, "<form"), "%s", h.body);
  drop(&h);
  char post[512], form[256];
  snprintf(post, sizeof post, "%s/login", interaction);
  snprintf(form, sizeof form, "login=%s&password=%s", login, password);
  free(interaction);
  h = go(c, post, form, false);
  cr_assert_eq(h.status, 303, "login post: %ld %s", h.status, h.body ? h.body : "");
  char *resume = strdup(h.location);
  drop(&h);
  h = go(c, resume, NULL, false);
  free(resume);
  cr_assert(h.status == 302 || h.status == 303, "resume: %ld %s", h.status, h.body ? h.body : "");
  char prefix[128];
  snprintf(prefix, sizeof prefix, "http://127.0.0.1:%d/api/v1/auth/oidc/callback?", srv->port);
  cr_assert(h.location && strncmp(h.location, prefix, strlen(prefix)) == 0, "back to us: %s", h.location);
  char *cb = strdup(h.location);
  drop(&h);
  return cb;
}

static json_t *me(CURL *c) {
  char url[256];
  snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/auth/me", srv->port);
  hop h = go(c, url, NULL, true);
  json_t *j = h.status == 200 ? json_loads(h.body, 0, NULL) : NULL;
  cr_assert(j, "/auth/me: %ld %s", h.status, h.body ? h.body : "");
  drop(&h);
  return j;
}

/* Visit the callback asking for JSON; expect an error code. */
static void callback_fails(CURL *c, const char *cb, long status, const char *code) {
  hop h = go(c, cb, NULL, true);
  json_t *j = json_loads(h.body ? h.body : "", 0, NULL);
  const char *got = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
  cr_assert_eq(h.status, status, "want %ld %s, got %ld %s", status, code, h.status, h.body ? h.body : "");
  cr_assert(got && !strcmp(got, code), "want %s, got %s", code, h.body ? h.body : "");
  json_decref(j);
  drop(&h);
}

static void set_mode(const char *mode) {
  CURL *c = curl_easy_init();
  char url[128], body[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%d/__test/mode", pport);
  snprintf(body, sizeof body, "{\"mode\":\"%s\"}", mode);
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
  cr_assert_eq(curl_easy_perform(c), CURLE_OK);
  long st;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &st);
  cr_assert_eq(st, 204, "mode %s refused", mode);
  curl_easy_cleanup(c);
}

Test(oidc, citizen_login_with_vneid) {
  CURL *c = browser();
  char *cb = to_callback(c, "vneid", "dan.vneid", "pw-dan");
  char *iss = url_param(cb, "iss");
  cr_assert(iss, "the provider sends iss (RFC 9207): %s", cb);
  free(iss);
  hop h = go(c, cb, NULL, false);
  cr_assert_eq(h.status, 302, "callback: %ld %s", h.status, h.body ? h.body : "");
  cr_assert_str_eq(h.location + strlen(h.location) - strlen("/ho-so/cua-toi"), "/ho-so/cua-toi");
  drop(&h);
  json_t *u = me(c);
  cr_assert_str_eq(json_string_value(json_object_get(u, "full_name")), "Nguyễn Văn Bình");
  cr_assert_str_eq(json_string_value(json_object_get(u, "id_number")), "001099000123");
  cr_assert_str_eq(json_string_value(json_object_get(u, "role")), "citizen");
  cr_assert_str_eq(json_string_value(json_object_get(u, "auth_method")), "oidc");
  cr_assert_str_eq(json_string_value(json_object_get(u, "provider")), "vneid");
  cr_assert_eq(json_integer_value(json_object_get(u, "assurance")), 2);
  cr_assert(json_is_true(json_object_get(u, "vneid")));
  json_int_t id = json_integer_value(json_object_get(u, "id"));
  const char *username = json_string_value(json_object_get(u, "username"));
  cr_assert(strncmp(username, "vneid.", 6) == 0, "%s", username);
  json_decref(u);
  /* The phone and birth date came from userinfo into the profile. */
  char *out;
  const char *q[] = {"audit", "show", "--limit", "50", NULL};
  cr_assert_eq(th_cli(srv, &out, q), 0, "%s", out);
  cr_assert(strstr(out, "auth.login") && strstr(out, "user.create"), "%s", out);
  free(out);
  /* The same person again: the same account, not a second one. */
  CURL *c2 = browser();
  char *cb2 = to_callback(c2, "vneid", "dan.vneid", "pw-dan");
  h = go(c2, cb2, NULL, false);
  cr_assert_eq(h.status, 302);
  drop(&h);
  json_t *u2 = me(c2);
  cr_assert_eq(json_integer_value(json_object_get(u2, "id")), id);
  json_decref(u2);
  /* The national ID number links to the citizen account that already had it. */
  CURL *c3 = browser();
  char *cb3 = to_callback(c3, "vneid", "linked", "pw-linked");
  h = go(c3, cb3, NULL, false);
  cr_assert_eq(h.status, 302);
  drop(&h);
  json_t *u3 = me(c3);
  cr_assert_str_eq(json_string_value(json_object_get(u3, "username")), "citizen1");
  json_decref(u3);
  /* The chain is intact after all this. */
  const char *v[] = {"audit", "verify", NULL};
  cr_assert_eq(th_cli(srv, &out, v), 0, "%s", out);
  free(out);
  free(cb); free(cb2); free(cb3);
  curl_easy_cleanup(c); curl_easy_cleanup(c2); curl_easy_cleanup(c3);
}

Test(oidc, staff_login_with_the_province_sso) {
  CURL *c = browser();
  char *cb = to_callback(c, "tinh", "cb.officer1", "pw-cb");
  hop h = go(c, cb, NULL, false);
  cr_assert_eq(h.status, 302, "%ld %s", h.status, h.body ? h.body : "");
  drop(&h);
  json_t *u = me(c);
  cr_assert_str_eq(json_string_value(json_object_get(u, "username")), "officer1");
  cr_assert_str_eq(json_string_value(json_object_get(u, "role")), "officer");
  cr_assert_str_eq(json_string_value(json_object_get(u, "provider")), "tinh");
  cr_assert(json_is_false(json_object_get(u, "vneid")));
  json_decref(u);
  /* An identity naming no staff account is not let in (and nothing is created). */
  CURL *c2 = browser();
  char *cb2 = to_callback(c2, "tinh", "ghost", "pw-ghost");
  callback_fails(c2, cb2, 403, "auth.no_account");
  free(cb); free(cb2);
  curl_easy_cleanup(c); curl_easy_cleanup(c2);
}

Test(oidc, forged_id_tokens_are_refused) {
  static const struct { const char *mode, *code; } cases[] = {
    {"wrong_nonce", "oidc.bad_nonce"},
    {"wrong_aud", "oidc.bad_audience"},
    {"expired", "oidc.expired"},
    {"tampered", "oidc.bad_signature"},
    {"hs256", "oidc.bad_alg"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    CURL *c = browser();
    char *cb = to_callback(c, "vneid", "dan.vneid", "pw-dan");
    set_mode(cases[i].mode);
    callback_fails(c, cb, 401, cases[i].code);
    /* No session was opened. */
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/auth/me", srv->port);
    hop h = go(c, url, NULL, true);
    cr_assert_eq(h.status, 401, "%s: a session exists", cases[i].mode);
    drop(&h);
    free(cb);
    curl_easy_cleanup(c);
  }
  /* The ES256 client is checked the same way. */
  CURL *c = browser();
  char *cb = to_callback(c, "tinh", "cb.officer1", "pw-cb");
  set_mode("tampered");
  callback_fails(c, cb, 401, "oidc.bad_signature");
  free(cb);
  curl_easy_cleanup(c);
}

Test(oidc, state_browser_and_issuer) {
  char url[512];
  /* A state we never issued. */
  CURL *c = browser();
  snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/auth/oidc/callback?state=forged-state&code=abc", srv->port);
  callback_fails(c, url, 401, "oidc.bad_state");
  /* A browser (no JSON asked) is sent back to the site with the code. */
  hop h = go(c, url, NULL, false);
  cr_assert_eq(h.status, 302);
  cr_assert(strstr(h.location, "/?auth_error=oidc.bad_state"), "%s", h.location);
  drop(&h);
  curl_easy_cleanup(c);

  /* The callback opened in another browser (no flow cookie) is refused, and
   * the flow is spent: the right browser cannot use it afterwards either. */
  c = browser();
  char *cb = to_callback(c, "vneid", "dan.vneid", "pw-dan");
  CURL *other = browser();
  callback_fails(other, cb, 401, "oidc.bad_state");
  callback_fails(c, cb, 401, "oidc.bad_state");
  free(cb);
  curl_easy_cleanup(other);
  curl_easy_cleanup(c);

  /* A successful callback cannot be replayed. */
  c = browser();
  cb = to_callback(c, "vneid", "dan.vneid", "pw-dan");
  h = go(c, cb, NULL, false);
  cr_assert_eq(h.status, 302);
  drop(&h);
  callback_fails(c, cb, 401, "oidc.bad_state");
  free(cb);
  curl_easy_cleanup(c);

  /* An answer claiming another issuer (mix-up). */
  c = browser();
  cb = to_callback(c, "vneid", "dan.vneid", "pw-dan");
  char *state = url_param(cb, "state"), *code = url_param(cb, "code");
  snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/auth/oidc/callback?state=%s&code=%s&iss=https%%3A%%2F%%2Fevil.example",
           srv->port, state, code);
  callback_fails(c, url, 401, "oidc.bad_issuer");
  free(state); free(code); free(cb);
  curl_easy_cleanup(c);

  /* The person cancels at the provider. */
  c = browser();
  snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/auth/oidc/start?provider=vneid", srv->port);
  h = go(c, url, NULL, false);
  state = url_param(h.location, "state");
  drop(&h);
  snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/auth/oidc/callback?state=%s&error=access_denied", srv->port, state);
  callback_fails(c, url, 401, "oidc.denied");
  free(state);
  curl_easy_cleanup(c);

  /* Unknown provider. */
  c = browser();
  snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/auth/oidc/start?provider=nope", srv->port);
  h = go(c, url, NULL, true);
  cr_assert_eq(h.status, 404);
  drop(&h);
  curl_easy_cleanup(c);
}

Test(oidc, assurance_and_claims) {
  /* Level 1 where level 2 is required. */
  CURL *c = browser();
  char *cb = to_callback(c, "vneid", "low.loa", "pw-low");
  callback_fails(c, cb, 403, "auth.assurance_too_low");
  free(cb);
  curl_easy_cleanup(c);
  /* A personal number that is not 12 digits. */
  c = browser();
  cb = to_callback(c, "vneid", "bad.id", "pw-bad");
  callback_fails(c, cb, 401, "oidc.bad_claims");
  free(cb);
  curl_easy_cleanup(c);
  /* The providers list for the login page. */
  sec_resp *r = sec_call(srv, "GET", "/api/v1/auth/providers", NULL);
  cr_assert_eq(r->status, 200);
  json_t *items = json_object_get(r->body, "items");
  cr_assert_eq(json_array_size(items), 2);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 0), "display_name")), "VNeID");
  cr_assert(json_is_true(json_object_get(json_array_get(items, 0), "vneid")));
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 1), "audience")), "staff");
  sec_free(r);
}
