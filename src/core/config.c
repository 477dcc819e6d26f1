/* config.c — reading the INI configuration and the secret files (see config.h). */
#include "core/config.h"
#include "util/str.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { LINE_MAX_BYTES = 2048 };

static mc_config defaults_cfg;
static const mc_config *current;

void mc_config_defaults(mc_config *c) {
  memset(c, 0, sizeof *c);
  c->header_timeout = 20;
  c->body_timeout = 300;
  c->send_timeout = 120;
  c->idle_timeout = 30;
  c->max_connections = 1000;
  c->max_connections_per_ip = 64;
  c->max_header_bytes = 32 * 1024;
  c->session_ttl = 12 * 3600;
  c->session_idle = 2 * 3600;
  c->lockout_threshold = 5;
  c->lockout_seconds = 900;
  c->login_per_minute = 20;
  c->reset_ttl = 1800;
}

void mc_config_install(const mc_config *c) { current = c; }

static pthread_once_t defaults_once = PTHREAD_ONCE_INIT;
static void init_defaults(void) { mc_config_defaults(&defaults_cfg); }

const mc_config *mc_config_current(void) {
  if (current) return current;
  pthread_once(&defaults_once, init_defaults);
  return &defaults_cfg;
}

const mc_oidc_provider *mc_config_provider(const mc_config *c, const char *name) {
  for (int i = 0; c && name && i < c->nproviders; i++)
    if (strcmp(c->providers[i].name, name) == 0) return &c->providers[i];
  return NULL;
}

/* ---- parsing --------------------------------------------------------------- */

typedef struct parse_ctx { mc_config *c; int line; mc_err *err; mc_oidc_provider *p; int section; } parse_ctx;
enum { SEC_NONE, SEC_SERVER, SEC_AUTH, SEC_OIDC };

static mc_rc bad(parse_ctx *x, const char *key, const char *what) {
  return mc_fail(x->err, MC_EINVAL, "config.bad_value", key,
                 "Line %d: \"%s\" must be %s.", x->line, key, what);
}

static bool parse_bool(const char *v, bool *out) {
  static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
  for (int i = 0; i < 4; i++) {
    if (strcmp(v, yes[i]) == 0) { *out = true; return true; }
    if (strcmp(v, no[i]) == 0) { *out = false; return true; }
  }
  return false;
}

static mc_rc set_int(parse_ctx *x, const char *key, const char *v, int *out, int64_t min, int64_t max) {
  int64_t n;
  if (!mc_parse_i64(v, min, max, &n)) {
    char what[96];
    snprintf(what, sizeof what, "a whole number from %lld to %lld", (long long)min, (long long)max);
    return bad(x, key, what);
  }
  *out = (int)n;
  return MC_OK;
}

static mc_rc set_str(parse_ctx *x, const char *key, const char *v, char *out, size_t n) {
  if (strlen(v) >= n) {
    char what[64];
    snprintf(what, sizeof what, "at most %zu characters", n - 1);
    return bad(x, key, what);
  }
  mc_strlcpy(out, v, n);
  return MC_OK;
}

static mc_rc set_bool(parse_ctx *x, const char *key, const char *v, bool *out) {
  return parse_bool(v, out) ? MC_OK : bad(x, key, "true or false");
}

static mc_rc unknown(parse_ctx *x, const char *key) {
  return mc_fail(x->err, MC_EINVAL, "config.unknown_key", key, "Line %d: unknown setting \"%s\".", x->line, key);
}

static mc_rc server_key(parse_ctx *x, const char *k, const char *v) {
  mc_config *c = x->c;
  if (!strcmp(k, "cookie_secure")) return set_bool(x, k, v, &c->cookie_secure);
  if (!strcmp(k, "trusted_proxy")) return set_str(x, k, v, c->trusted_proxy, sizeof c->trusted_proxy);
  if (!strcmp(k, "header_timeout")) return set_int(x, k, v, &c->header_timeout, 1, 3600);
  if (!strcmp(k, "body_timeout")) return set_int(x, k, v, &c->body_timeout, 1, 86400);
  if (!strcmp(k, "send_timeout")) return set_int(x, k, v, &c->send_timeout, 1, 86400);
  if (!strcmp(k, "idle_timeout")) return set_int(x, k, v, &c->idle_timeout, 1, 3600);
  if (!strcmp(k, "max_connections")) return set_int(x, k, v, &c->max_connections, 1, 100000);
  if (!strcmp(k, "max_connections_per_ip")) return set_int(x, k, v, &c->max_connections_per_ip, 1, 100000);
  if (!strcmp(k, "max_header_bytes")) return set_int(x, k, v, &c->max_header_bytes, 4096, 1 << 20);
  if (!strcmp(k, "secret_key_file")) return set_str(x, k, v, c->secret_key_file, sizeof c->secret_key_file);
  return unknown(x, k);
}

static mc_rc auth_key(parse_ctx *x, const char *k, const char *v) {
  mc_config *c = x->c;
  if (!strcmp(k, "session_ttl")) return set_int(x, k, v, &c->session_ttl, 60, 30 * 86400);
  if (!strcmp(k, "session_idle")) return set_int(x, k, v, &c->session_idle, 60, 30 * 86400);
  if (!strcmp(k, "lockout_threshold")) return set_int(x, k, v, &c->lockout_threshold, 1, 1000);
  if (!strcmp(k, "lockout_seconds")) return set_int(x, k, v, &c->lockout_seconds, 1, 86400 * 7);
  if (!strcmp(k, "login_per_minute")) return set_int(x, k, v, &c->login_per_minute, 1, 100000);
  if (!strcmp(k, "reset_ttl")) return set_int(x, k, v, &c->reset_ttl, 60, 7 * 86400);
  return unknown(x, k);
}

static mc_rc set_algs(parse_ctx *x, const char *k, const char *v) {
  mc_oidc_provider *p = x->p;
  p->alg_rs256 = p->alg_es256 = false;
  char buf[128];
  if (strlen(v) >= sizeof buf) return bad(x, k, "a short list such as RS256,ES256");
  mc_strlcpy(buf, v, sizeof buf);
  char *save = NULL;
  for (char *t = strtok_r(buf, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
    if (!strcmp(t, "RS256")) p->alg_rs256 = true;
    else if (!strcmp(t, "ES256")) p->alg_es256 = true;
    else return bad(x, k, "a list of RS256 and ES256");
  }
  return p->alg_rs256 || p->alg_es256 ? MC_OK : bad(x, k, "a list of RS256 and ES256");
}

static mc_rc oidc_key(parse_ctx *x, const char *k, const char *v) {
  mc_oidc_provider *p = x->p;
  if (!strcmp(k, "display_name")) return set_str(x, k, v, p->display_name, sizeof p->display_name);
  if (!strcmp(k, "issuer")) return set_str(x, k, v, p->issuer, sizeof p->issuer);
  if (!strcmp(k, "client_id")) return set_str(x, k, v, p->client_id, sizeof p->client_id);
  if (!strcmp(k, "client_secret_file")) return set_str(x, k, v, p->client_secret_file, sizeof p->client_secret_file);
  if (!strcmp(k, "redirect_uri")) return set_str(x, k, v, p->redirect_uri, sizeof p->redirect_uri);
  if (!strcmp(k, "scope")) return set_str(x, k, v, p->scope, sizeof p->scope);
  if (!strcmp(k, "acr_values")) return set_str(x, k, v, p->acr_values, sizeof p->acr_values);
  if (!strcmp(k, "link_claim")) return set_str(x, k, v, p->link_claim, sizeof p->link_claim);
  if (!strcmp(k, "vneid")) return set_bool(x, k, v, &p->vneid);
  if (!strcmp(k, "use_userinfo")) return set_bool(x, k, v, &p->use_userinfo);
  if (!strcmp(k, "link_by_id_number")) return set_bool(x, k, v, &p->link_by_id_number);
  if (!strcmp(k, "min_assurance")) return set_int(x, k, v, &p->min_assurance, 0, 9);
  if (!strcmp(k, "algs")) return set_algs(x, k, v);
  if (!strcmp(k, "mode")) {
    if (!strcmp(v, "citizen")) p->staff = false;
    else if (!strcmp(v, "staff")) p->staff = true;
    else return bad(x, k, "citizen or staff");
    return MC_OK;
  }
  if (!strcmp(k, "token_auth")) {
    if (!strcmp(v, "client_secret_basic")) p->post_auth = false;
    else if (!strcmp(v, "client_secret_post")) p->post_auth = true;
    else return bad(x, k, "client_secret_basic or client_secret_post");
    return MC_OK;
  }
  static const struct { const char *key; size_t off; } claims[] = {
    {"claim.id_number", offsetof(mc_oidc_provider, claim_id_number)},
    {"claim.full_name", offsetof(mc_oidc_provider, claim_full_name)},
    {"claim.birth_date", offsetof(mc_oidc_provider, claim_birth_date)},
    {"claim.sex", offsetof(mc_oidc_provider, claim_sex)},
    {"claim.phone", offsetof(mc_oidc_provider, claim_phone)},
    {"claim.email", offsetof(mc_oidc_provider, claim_email)},
    {"claim.account_type", offsetof(mc_oidc_provider, claim_account_type)},
    {"claim.assurance", offsetof(mc_oidc_provider, claim_assurance)},
  };
  for (size_t i = 0; i < sizeof claims / sizeof *claims; i++)
    if (!strcmp(k, claims[i].key)) return set_str(x, k, v, (char *)p + claims[i].off, 64);
  if (!strncmp(k, "assurance.", 10) && k[10]) {
    if (p->nassurance >= MC_ASSURANCE_MAP_MAX) return bad(x, k, "one of at most 8 assurance mappings");
    int level = 0;
    mc_rc rc = set_int(x, k, v, &level, 0, 9);
    if (rc) return rc;
    if ((rc = set_str(x, k, k + 10, p->assurance_map[p->nassurance].value, 128))) return rc;
    p->assurance_map[p->nassurance++].level = level;
    return MC_OK;
  }
  return unknown(x, k);
}

static void provider_defaults(mc_oidc_provider *p, const char *name) {
  memset(p, 0, sizeof *p);
  mc_strlcpy(p->name, name, sizeof p->name);
  mc_strlcpy(p->display_name, name, sizeof p->display_name);
  mc_strlcpy(p->scope, "openid profile", sizeof p->scope);
  mc_strlcpy(p->link_claim, "preferred_username", sizeof p->link_claim);
  p->use_userinfo = true;
  p->link_by_id_number = true;
  p->alg_rs256 = p->alg_es256 = true;
  mc_strlcpy(p->claim_full_name, "name", sizeof p->claim_full_name);
  mc_strlcpy(p->claim_birth_date, "birthdate", sizeof p->claim_birth_date);
  mc_strlcpy(p->claim_sex, "gender", sizeof p->claim_sex);
  mc_strlcpy(p->claim_phone, "phone_number", sizeof p->claim_phone);
  mc_strlcpy(p->claim_email, "email", sizeof p->claim_email);
  mc_strlcpy(p->claim_assurance, "acr", sizeof p->claim_assurance);
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  char *e = s + strlen(s);
  while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) *--e = 0;
  return s;
}

static mc_rc section(parse_ctx *x, char *s) {
  char *end = strchr(s, ']');
  if (!end || *trim(end + 1))
    return mc_fail(x->err, MC_EINVAL, "config.syntax", NULL, "Line %d: a section looks like [name].", x->line);
  *end = 0;
  s = trim(s + 1);
  if (!strcmp(s, "server")) { x->section = SEC_SERVER; return MC_OK; }
  if (!strcmp(s, "auth")) { x->section = SEC_AUTH; return MC_OK; }
  if (!strncmp(s, "oidc.", 5)) {
    const char *name = s + 5;
    size_t n = strlen(name);
    bool ok = n > 0 && n < sizeof x->p->name;
    for (const char *q = name; ok && *q; q++)
      ok = (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_' || *q == '-';
    if (!ok)
      return mc_fail(x->err, MC_EINVAL, "config.syntax", NULL,
                     "Line %d: a provider name uses a–z, 0–9, '_' and '-' (at most 31).", x->line);
    if (mc_config_provider(x->c, name))
      return mc_fail(x->err, MC_EINVAL, "config.syntax", NULL, "Line %d: provider \"%s\" is defined twice.", x->line, name);
    if (x->c->nproviders >= MC_OIDC_MAX)
      return mc_fail(x->err, MC_EINVAL, "config.syntax", NULL, "Line %d: at most %d OpenID providers.", x->line, MC_OIDC_MAX);
    x->p = &x->c->providers[x->c->nproviders++];
    provider_defaults(x->p, name);
    x->p->line = x->line;
    x->section = SEC_OIDC;
    return MC_OK;
  }
  return mc_fail(x->err, MC_EINVAL, "config.syntax", NULL,
                 "Line %d: unknown section [%s] (server, auth, oidc.NAME).", x->line, s);
}

static mc_rc check_provider(const mc_oidc_provider *p, mc_err *err) {
  const char *missing = !p->issuer[0] ? "issuer" : !p->client_id[0] ? "client_id"
                      : !p->redirect_uri[0] ? "redirect_uri" : NULL;
  if (missing)
    return mc_fail(err, MC_EINVAL, "config.missing", missing, "Line %d: [oidc.%s] needs %s.", p->line, p->name, missing);
  if (p->staff && !p->link_claim[0])
    return mc_fail(err, MC_EINVAL, "config.missing", "link_claim", "Line %d: [oidc.%s] in staff mode needs link_claim.",
                   p->line, p->name);
  if (!strstr(p->scope, "openid"))
    return mc_fail(err, MC_EINVAL, "config.bad_value", "scope", "Line %d: [oidc.%s] scope must include openid.",
                   p->line, p->name);
  return MC_OK;
}

mc_rc mc_config_parse(mc_config *c, const char *text, size_t len, mc_err *err) {
  if (len > MC_CONFIG_MAX_BYTES)
    return mc_fail(err, MC_ETOOBIG, "config.too_large", NULL, "The configuration is larger than %d bytes.", MC_CONFIG_MAX_BYTES);
  if (memchr(text, 0, len) || !mc_utf8_valid(text, len))
    return mc_fail(err, MC_EINVAL, "config.syntax", NULL, "The configuration is not UTF-8 text.");
  parse_ctx x = {.c = c, .err = err};
  size_t pos = 0;
  while (pos < len) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
    x.line++;
    if (n >= LINE_MAX_BYTES)
      return mc_fail(err, MC_EINVAL, "config.syntax", NULL, "Line %d is longer than %d bytes.", x.line, LINE_MAX_BYTES - 1);
    char buf[LINE_MAX_BYTES];
    memcpy(buf, text + pos, n);
    buf[n] = 0;
    pos += n + (nl ? 1 : 0);
    char *s = trim(buf);
    if (!*s || *s == '#' || *s == ';') continue;
    mc_rc rc;
    if (*s == '[') {
      if ((rc = section(&x, s))) return rc;
      continue;
    }
    char *eq = strchr(s, '=');
    if (!eq)
      return mc_fail(err, MC_EINVAL, "config.syntax", NULL, "Line %d: expected key = value.", x.line);
    *eq = 0;
    char *key = trim(s), *val = eq + 1;
    for (char *q = val; *q; q++)    /* inline comment: whitespace then ';' or '#' */
      if ((*q == ';' || *q == '#') && q > val && (q[-1] == ' ' || q[-1] == '\t')) { *q = 0; break; }
    val = trim(val);
    if (!*key) return mc_fail(err, MC_EINVAL, "config.syntax", NULL, "Line %d: a setting needs a name.", x.line);
    switch (x.section) {
    case SEC_SERVER: rc = server_key(&x, key, val); break;
    case SEC_AUTH: rc = auth_key(&x, key, val); break;
    case SEC_OIDC: rc = oidc_key(&x, key, val); break;
    default:
      rc = mc_fail(err, MC_EINVAL, "config.syntax", key, "Line %d: \"%s\" comes before any [section].", x.line, key);
    }
    if (rc) return rc;
  }
  for (int i = 0; i < c->nproviders; i++) {
    mc_rc rc = check_provider(&c->providers[i], err);
    if (rc) return rc;
  }
  return MC_OK;
}

/* ---- files --------------------------------------------------------------- */

static mc_rc read_all(int fd, const char *path, char *out, size_t max, size_t *len, mc_err *err) {
  size_t got = 0;
  for (;;) {
    if (got == max - 1) {
      char extra;
      ssize_t k = read(fd, &extra, 1);
      if (k > 0) return mc_fail(err, MC_ETOOBIG, "config.too_large", NULL, "%s is larger than %zu bytes.", path, max - 1);
      break;
    }
    ssize_t k = read(fd, out + got, max - 1 - got);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) return mc_fail(err, MC_EIO, "config.unreadable", NULL, "Cannot read %s: %s.", path, strerror(errno));
    if (k == 0) break;
    got += (size_t)k;
  }
  out[got] = 0;
  *len = got;
  return MC_OK;
}

/* Open path and check it: a regular file, owned by us or root, without the
 * forbidden permission bits. */
static mc_rc open_checked(const char *path, mode_t forbidden, const char *what, int *fd, mc_err *err) {
  *fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (*fd < 0)
    return mc_fail(err, MC_EIO, "config.unreadable", NULL, "Cannot open %s %s: %s.", what, path, strerror(errno));
  struct stat st;
  mc_rc rc = MC_OK;
  if (fstat(*fd, &st) || !S_ISREG(st.st_mode))
    rc = mc_fail(err, MC_EINVAL, "config.not_a_file", NULL, "The %s %s is not a regular file.", what, path);
  else if (st.st_uid != geteuid() && st.st_uid != 0)
    rc = mc_fail(err, MC_EFORBIDDEN, "config.bad_owner", NULL,
                 "The %s %s must belong to the user running motcua (or root).", what, path);
  else if (st.st_mode & forbidden)
    rc = mc_fail(err, MC_EFORBIDDEN, "config.bad_permissions", NULL,
                 "The %s %s is accessible to group or others (mode %03o); run chmod %s %s.", what, path,
                 (unsigned)(st.st_mode & 0777), forbidden == (S_IRWXG | S_IRWXO) ? "600" : "go-w", path);
  if (rc) { close(*fd); *fd = -1; }
  return rc;
}

mc_rc mc_secret_read(const char *path, char *out, size_t max, size_t *len, mc_err *err) {
  int fd;
  mc_rc rc = open_checked(path, S_IRWXG | S_IRWXO, "secret file", &fd, err);
  if (rc) return rc;
  rc = read_all(fd, path, out, max, len, err);
  close(fd);
  if (rc) { sodium_memzero(out, max); return rc; }
  if (*len && out[*len - 1] == '\n') out[--*len] = 0;
  if (*len && out[*len - 1] == '\r') out[--*len] = 0;
  return MC_OK;
}

mc_rc mc_config_load(mc_config *c, const char *path, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  int fd;
  mc_rc rc = open_checked(path, S_IWGRP | S_IWOTH, "configuration", &fd, err);
  if (rc) return rc;
  char *text = malloc(MC_CONFIG_MAX_BYTES + 1);
  size_t len = 0;
  if (!text) { close(fd); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  rc = read_all(fd, path, text, MC_CONFIG_MAX_BYTES + 1, &len, err);
  close(fd);
  if (!rc) rc = mc_config_parse(c, text, len, err);
  free(text);
  for (int i = 0; !rc && i < c->nproviders; i++) {
    mc_oidc_provider *p = &c->providers[i];
    if (!p->client_secret_file[0]) continue;
    char *secret = sodium_malloc(MC_SECRET_MAX);
    size_t n;
    if (!secret) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
    rc = mc_secret_read(p->client_secret_file, secret, MC_SECRET_MAX, &n, err);
    if (rc) sodium_free(secret);
    else p->client_secret = secret;
  }
  return rc;
}

mc_rc mc_config_load_key(mc_config *c, const char *data_dir, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  char path[600];
  if (c->secret_key_file[0]) {
    mc_strlcpy(path, c->secret_key_file, sizeof path);
  } else {
    snprintf(path, sizeof path, "%s/keys", data_dir ? data_dir : "var");
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/keys/secret.key", data_dir ? data_dir : "var");
  }
  struct stat st;
  if (lstat(path, &st) != 0 && errno == ENOENT) {
    /* Create it atomically: write a temporary file, then link it into place. */
    char tmp[640];
    snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) return mc_fail(err, MC_EIO, "config.key_create", NULL, "Cannot create %s: %s.", path, strerror(errno));
    unsigned char key[MC_KEY_BYTES];
    char hex[2 * MC_KEY_BYTES + 2];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(hex, sizeof hex, key, sizeof key);
    sodium_memzero(key, sizeof key);
    size_t n = strlen(hex);
    hex[n++] = '\n';
    bool ok = fchmod(fd, 0600) == 0 && write(fd, hex, n) == (ssize_t)n && fsync(fd) == 0;
    sodium_memzero(hex, sizeof hex);
    close(fd);
    if (ok && link(tmp, path) != 0 && errno != EEXIST) ok = false;
    unlink(tmp);
    if (!ok) return mc_fail(err, MC_EIO, "config.key_create", NULL, "Cannot create %s: %s.", path, strerror(errno));
  }
  char text[256];
  size_t len;
  mc_rc rc = mc_secret_read(path, text, sizeof text, &len, err);
  if (rc) return rc;
  size_t bin_len = 0;
  if (sodium_hex2bin(c->secret_key, sizeof c->secret_key, text, len, NULL, &bin_len, NULL) != 0 ||
      bin_len != MC_KEY_BYTES) {
    sodium_memzero(text, sizeof text);
    return mc_fail(err, MC_EINVAL, "config.bad_key", NULL,
                   "The key file %s must hold %d bytes in hexadecimal.", path, MC_KEY_BYTES);
  }
  sodium_memzero(text, sizeof text);
  c->has_key = true;
  return MC_OK;
}

void mc_config_release(mc_config *c) {
  for (int i = 0; i < c->nproviders; i++)
    if (c->providers[i].client_secret) sodium_free(c->providers[i].client_secret);
  sodium_memzero(c, sizeof *c);
}
