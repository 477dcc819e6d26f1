/* security.c — session cookie headers and login throttling (see security.h;
 * the client address and the cookie/bearer distinction live in server.c,
 * which owns the connection). */
#include "http/security.h"
#include "core/config.h"
#include "util/time.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

const char *mc_session_cookie_name(void) {
  return mc_config_current()->cookie_secure ? "__Host-motcua_session" : "motcua_session";
}

void mc_reply_session_cookie(mc_req *r, const char *token) {
  const mc_config *c = mc_config_current();
  mc_reply_header(r, "Set-Cookie", mc_arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
                                                   mc_session_cookie_name(), token, c->session_ttl,
                                                   c->cookie_secure ? "; Secure" : ""));
}

void mc_reply_clear_session_cookie(mc_req *r) {
  mc_reply_header(r, "Set-Cookie", mc_arena_printf(r->arena, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
                                                   mc_session_cookie_name(),
                                                   mc_config_current()->cookie_secure ? "; Secure" : ""));
}

/* ---- throttling: one counter per (kind, key) and minute, in a fixed table.
 * Two keys that share a slot share a counter: that can only make the limit
 * stricter for them, never looser. */

typedef struct bucket { int64_t minute; int count; } bucket;
static bucket table[MC_THROTTLE_SLOTS];
static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned char seed[crypto_shorthash_KEYBYTES];
static pthread_once_t seed_once = PTHREAD_ONCE_INIT;
static void make_seed(void) {
  if (sodium_init() >= 0) randombytes_buf(seed, sizeof seed);
}

bool mc_throttle_hit(const char *kind, const char *key, int limit, int *retry_after) {
  pthread_once(&seed_once, make_seed);
  char text[320];
  int n = snprintf(text, sizeof text, "%s\n%s", kind, key ? key : "");
  unsigned char h[crypto_shorthash_BYTES];
  crypto_shorthash(h, (const unsigned char *)text, (unsigned long long)(n < (int)sizeof text ? n : (int)sizeof text - 1), seed);
  uint64_t k;
  memcpy(&k, h, sizeof k);
  mc_time now = mc_now();
  int64_t minute = now / 60;
  pthread_mutex_lock(&table_mu);
  bucket *b = &table[k % MC_THROTTLE_SLOTS];
  if (b->minute != minute) { b->minute = minute; b->count = 0; }
  bool ok = ++b->count <= limit;
  pthread_mutex_unlock(&table_mu);
  if (!ok && retry_after) *retry_after = (int)(60 - now % 60);
  return ok;
}

void mc_throttle_reset(void) {
  pthread_mutex_lock(&table_mu);
  memset(table, 0, sizeof table);
  pthread_mutex_unlock(&table_mu);
}
