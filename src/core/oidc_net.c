/* oidc_net.c — calls to the OpenID provider with libcurl, and the cache of its
 * discovery document and key set (see oidc.h for the rules they follow). */
#include "core/oidc.h"
#include "core/oidc_int.h"
#include "util/json.h"
#include "util/log.h"
#include "util/str.h"
#include "util/time.h"
#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum {
  RESP_MAX = 1 << 20, TIMEOUT_S = 10, CONNECT_TIMEOUT_S = 5,
  CACHE_TTL = 3600, REFRESH_MIN = 60, CACHE_SLOTS = 2 * MC_OIDC_MAX,
};

char *mc_url_encode(mc_arena *a, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = strlen(s);
  char *out = mc_arena_alloc(a, n * 3 + 1), *o = out;
  if (!out) return NULL;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
        *p == '-' || *p == '.' || *p == '_' || *p == '~') {
      *o++ = (char)*p;
    } else {
      *o++ = '%';
      *o++ = hex[*p >> 4];
      *o++ = hex[*p & 15];
    }
  }
  *o = 0;
  return out;
}

/* ---- one HTTP exchange ----------------------------------------------------- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

typedef struct body { char *data; size_t len; bool too_big; } body;

static size_t collect(char *p, size_t size, size_t n, void *ud) {
  body *b = ud;
  size_t k = size * n;
  if (b->too_big || b->len + k > RESP_MAX) { b->too_big = true; return 0; }
  memcpy(b->data + b->len, p, k);
  b->len += k;
  return k;
}

/* https anywhere; http only to the local machine (development, tests). */
static bool url_allowed(const char *url) {
  if (!strncmp(url, "https://", 8)) return true;
  static const char *const local[] = {"http://127.0.0.1", "http://localhost", "http://[::1]"};
  for (size_t i = 0; i < sizeof local / sizeof *local; i++) {
    size_t n = strlen(local[i]);
    if (!strncmp(url, local[i], n) && (url[n] == ':' || url[n] == '/' || url[n] == 0)) return true;
  }
  return false;
}

static mc_rc unavailable(mc_err *err, const char *what) {
  return mc_fail(err, MC_EBUSY, "oidc.unavailable", NULL,
                 "The identity provider could not be reached (%s); please try again later.", what);
}

/* GET (form == NULL) or POST a form; JSON answer parsed into *out (any status
 * is returned in *status; the body must be a JSON object). */
static mc_rc call(mc_arena *a, const char *url, const char *form, const char *auth_header, long *status,
                  json_t **out, mc_err *err) {
  pthread_once(&curl_once, curl_init);
  if (!url || !url_allowed(url))
    return mc_fail(err, MC_EINVAL, "oidc.insecure_endpoint", NULL,
                   "The identity provider's endpoint must use https.");
  body b = {.data = mc_arena_alloc(a, RESP_MAX + 1)};
  CURL *c = curl_easy_init();
  if (!b.data || !c) { curl_easy_cleanup(c); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
  if (auth_header) h = curl_slist_append(h, auth_header);
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)TIMEOUT_S);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_TIMEOUT_S);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE, (long)RESP_MAX);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "motcua-oidc/1");
  if (form) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(form));
  }
  CURLcode rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
  curl_slist_free_all(h);   /* holds the Authorization header: freed at once */
  curl_easy_cleanup(c);
  if (b.too_big) return unavailable(err, "answer too large");
  if (rc != CURLE_OK) {
    mc_warn("oidc: %s: %s", url, curl_easy_strerror(rc));   /* URLs of endpoints carry no secrets */
    return unavailable(err, curl_easy_strerror(rc));
  }
  json_t *j = json_loadb(b.data, b.len, JSON_REJECT_DUPLICATES, NULL);
  if (!json_is_object(j)) {
    json_decref(j);
    mc_warn("oidc: %s answered %ld without a JSON object", url, *status);
    return unavailable(err, "unexpected answer");
  }
  *out = mc_json_keep(a, j);
  return *out ? MC_OK : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

/* ---- cache ------------------------------------------------------------------ */

typedef struct slot {
  char issuer[256];
  json_t *disc, *jwks;
  mc_time disc_at, jwks_at, jwks_try_at;
} slot;

static slot cache[CACHE_SLOTS];
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;

static slot *find_slot(const char *issuer) {   /* under cache_mu */
  slot *free_slot = NULL;
  for (int i = 0; i < CACHE_SLOTS; i++) {
    if (!strcmp(cache[i].issuer, issuer)) return &cache[i];
    if (!cache[i].issuer[0] && !free_slot) free_slot = &cache[i];
  }
  if (!free_slot) { free_slot = &cache[0]; json_decref(free_slot->disc); json_decref(free_slot->jwks); memset(free_slot, 0, sizeof *free_slot); }
  mc_strlcpy(free_slot->issuer, issuer, sizeof free_slot->issuer);
  return free_slot;
}

void mc_oidc_cache_clear(void) {
  pthread_mutex_lock(&cache_mu);
  for (int i = 0; i < CACHE_SLOTS; i++) {
    json_decref(cache[i].disc);
    json_decref(cache[i].jwks);
    memset(&cache[i], 0, sizeof cache[i]);
  }
  pthread_mutex_unlock(&cache_mu);
}

/* A cached document (a new reference kept by the arena), or NULL when stale. */
static json_t *cached(mc_arena *a, const char *issuer, bool jwks, mc_time now) {
  json_t *j = NULL;
  pthread_mutex_lock(&cache_mu);
  slot *s = find_slot(issuer);
  json_t *doc = jwks ? s->jwks : s->disc;
  mc_time at = jwks ? s->jwks_at : s->disc_at;
  if (doc && now - at < CACHE_TTL) j = json_incref(doc);
  pthread_mutex_unlock(&cache_mu);
  return j ? mc_json_keep(a, j) : NULL;
}

static void store(const char *issuer, bool jwks, json_t *doc, mc_time now) {
  pthread_mutex_lock(&cache_mu);
  slot *s = find_slot(issuer);
  json_t **dst = jwks ? &s->jwks : &s->disc;
  json_decref(*dst);
  *dst = json_incref(doc);
  if (jwks) s->jwks_at = now; else s->disc_at = now;
  pthread_mutex_unlock(&cache_mu);
}

static const char *str_member(mc_arena *a, const json_t *o, const char *k) {
  const char *s = json_string_value(json_object_get(o, k));
  return s ? mc_arena_strdup(a, s) : NULL;
}

mc_rc mc_oidc_discover(mc_arena *a, const mc_oidc_provider *p, mc_oidc_meta *out, mc_err *err) {
  mc_time now = mc_now();
  json_t *d = cached(a, p->issuer, false, now);
  if (!d) {
    size_t n = strlen(p->issuer);
    const char *url = mc_arena_printf(a, "%.*s/.well-known/openid-configuration",
                                      (int)(n && p->issuer[n - 1] == '/' ? n - 1 : n), p->issuer);
    long status = 0;
    mc_rc rc = call(a, url, NULL, NULL, &status, &d, err);
    if (rc) return rc;
    if (status != 200) return unavailable(err, "discovery failed");
    if (!mc_str_eq(json_string_value(json_object_get(d, "issuer")), p->issuer))
      return mc_fail(err, MC_EBUSY, "oidc.unavailable", NULL,
                     "The identity provider describes itself as another issuer; check [oidc.%s] issuer.", p->name);
    store(p->issuer, false, d, now);
  }
  out->authorization_endpoint = str_member(a, d, "authorization_endpoint");
  out->token_endpoint = str_member(a, d, "token_endpoint");
  out->userinfo_endpoint = str_member(a, d, "userinfo_endpoint");
  out->jwks_uri = str_member(a, d, "jwks_uri");
  if (!out->authorization_endpoint || !out->token_endpoint || !out->jwks_uri)
    return unavailable(err, "incomplete discovery document");
  return MC_OK;
}

mc_rc mc_oidc_jwks(mc_arena *a, const mc_oidc_provider *p, const mc_oidc_meta *m, bool refresh,
                   json_t **jwks, mc_err *err) {
  mc_time now = mc_now();
  json_t *k = cached(a, p->issuer, true, now);
  if (k && refresh) {
    pthread_mutex_lock(&cache_mu);
    slot *s = find_slot(p->issuer);
    bool may = now - s->jwks_try_at >= REFRESH_MIN;
    if (may) s->jwks_try_at = now;
    pthread_mutex_unlock(&cache_mu);
    if (may) k = NULL;
  }
  if (!k) {
    long status = 0;
    mc_rc rc = call(a, m->jwks_uri, NULL, NULL, &status, &k, err);
    if (rc) return rc;
    if (status != 200 || !json_is_array(json_object_get(k, "keys"))) return unavailable(err, "no key set");
    store(p->issuer, true, k, now);
  }
  *jwks = k;
  return MC_OK;
}

mc_rc mc_oidc_token(mc_arena *a, const mc_oidc_provider *p, const mc_oidc_meta *m, const char *code,
                    const char *verifier, json_t **resp, mc_err *err) {
  const char *secret = p->client_secret ? p->client_secret : "";
  char *form = mc_arena_printf(a, "grant_type=authorization_code&code=%s&redirect_uri=%s&code_verifier=%s",
                               mc_url_encode(a, code), mc_url_encode(a, p->redirect_uri), verifier);
  char *auth = NULL;
  if (form && p->post_auth) {
    form = mc_arena_printf(a, "%s&client_id=%s&client_secret=%s", form, mc_url_encode(a, p->client_id),
                           mc_url_encode(a, secret));
  } else if (form) {
    /* RFC 6749 2.3.1: form-encode id and secret, then Basic. */
    char *pair = mc_arena_printf(a, "%s:%s", mc_url_encode(a, p->client_id), mc_url_encode(a, secret));
    size_t plen = pair ? strlen(pair) : 0, cap = sodium_base64_ENCODED_LEN(plen, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = pair ? mc_arena_alloc(a, cap) : NULL;
    if (b64) {
      sodium_bin2base64(b64, cap, (const unsigned char *)pair, plen, sodium_base64_VARIANT_ORIGINAL);
      auth = mc_arena_printf(a, "Authorization: Basic %s", b64);
      sodium_memzero(pair, plen);
      sodium_memzero(b64, cap);
    }
    if (!auth) form = NULL;
  }
  if (!form) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  long status = 0;
  mc_rc rc = call(a, m->token_endpoint, form, auth, &status, resp, err);
  if (auth) sodium_memzero(auth, strlen(auth));
  sodium_memzero(form, strlen(form));
  if (rc) return rc;
  if (status != 200) {
    const char *e = json_string_value(json_object_get(*resp, "error"));
    mc_warn("oidc: token endpoint of %s refused the code (%ld %.64s)", p->name, status, e ? e : "");
    return mc_fail(err, MC_EUNAUTH, "oidc.token_rejected", NULL,
                   "The identity provider did not accept this login (%.64s); please try again.", e ? e : "error");
  }
  return MC_OK;
}

mc_rc mc_oidc_userinfo(mc_arena *a, const mc_oidc_meta *m, const char *access_token, json_t **out,
                       mc_err *err) {
  char *auth = mc_arena_printf(a, "Authorization: Bearer %s", access_token);
  if (!auth) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  long status = 0;
  mc_rc rc = call(a, m->userinfo_endpoint, NULL, auth, &status, out, err);
  sodium_memzero(auth, strlen(auth));
  if (rc) return rc;
  if (status != 200) return unavailable(err, "userinfo refused");
  return MC_OK;
}
