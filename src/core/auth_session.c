/* auth_session.c — opening, resolving and ending sessions; the CSRF token
 * bound to a session (see auth.h). */
#include "core/auth_int.h"
#include "core/config.h"
#include "util/str.h"
#include "util/time.h"
#include <sodium.h>
#include <string.h>

enum { TOUCH_EVERY = 60 };   /* seconds between last_seen updates of one session */

mc_rc mc_auth_load_user(mc_db *db, mc_arena *a, int64_t user_id, mc_principal *who, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "users.by_id", err, "i", user_id);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r == 0) return mc_fail(err, MC_EUNAUTH, "auth.unknown_user", NULL, "Unknown user.");
  mc_rc rc = mc_auth_fill(st, a, who);
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err ? err->rc : MC_EDB;
  return rc ? mc_fail(err, rc, "internal.bad_role", NULL, "An account has an unknown role.") : MC_OK;
}

typedef struct open_ctx {
  mc_arena *a;
  int64_t user_id;
  const mc_session_info *info;
  const char **token;
  mc_principal *who;
} open_ctx;

static mc_rc open_tx(mc_db *db, void *p, mc_err *err) {
  open_ctx *x = p;
  const mc_session_info *in = x->info;
  const mc_config *cfg = mc_config_current();
  mc_rc rc;
  if (in->old_token && *in->old_token && strlen(in->old_token) <= MC_TOKEN_MAX) {
    char old[65];
    mc_auth_token_hash(in->old_token, old);
    if ((rc = mc_db_exec(db, "users.session_delete", err, "s", old))) return rc;
  }
  char *tok = mc_auth_random_token(x->a);
  if (!tok) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  char th[65];
  mc_auth_token_hash(tok, th);
  mc_time now = mc_now();
  const char *method = in->auth_method ? in->auth_method : "password";
  rc = mc_db_exec(db, "users.session_insert", err, "siiissii", th, x->user_id, (int64_t)now,
                  (int64_t)(now + cfg->session_ttl), method, in->provider, (int64_t)in->assurance,
                  (int64_t)(in->vneid ? 1 : 0));
  if (!rc) rc = mc_auth_load_user(db, x->a, x->user_id, x->who, err);
  if (rc) return rc;
  x->who->auth_method = mc_arena_strdup(x->a, method);
  x->who->provider = in->provider ? mc_arena_strdup(x->a, in->provider) : NULL;
  x->who->assurance = in->assurance;
  x->who->vneid = in->vneid;
  rc = mc_auth_audit(db, x->who, "auth.login", x->user_id, x->who->username,
                     json_pack("{s:s, s:s*, s:i, s:b}", "method", method, "provider", in->provider,
                               "assurance", in->assurance, "vneid", in->vneid), err);
  if (!rc) *x->token = tok;
  return rc;
}

mc_rc mc_auth_open_session(mc_db *db, mc_arena *a, int64_t user_id, const mc_session_info *info,
                           const char **token, mc_principal *who, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  open_ctx x = {.a = a, .user_id = user_id, .info = info, .token = token, .who = who};
  return mc_auth_in_tx(db, open_tx, &x, err);
}

static mc_rc expired(mc_err *err) {
  return mc_fail(err, MC_EUNAUTH, "auth.expired", NULL, "Your session has ended; please log in again.");
}

mc_rc mc_auth_session(mc_db *db, mc_arena *a, const char *token, mc_principal *who, mc_err *err) {
  if (mc_str_empty(token) || strlen(token) > MC_TOKEN_MAX)
    return mc_fail(err, MC_EUNAUTH, "auth.required", NULL, "Please log in.");
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  const mc_config *cfg = mc_config_current();
  char th[65];
  mc_auth_token_hash(token, th);
  mc_time now = mc_now();
  mc_stmt *st = mc_db_prep(db, "users.session_get", err, "si", th, (int64_t)now);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r == 0) return expired(err);
  int64_t uid = mc_col_i64(st, 0), last_seen = mc_col_i64(st, 3), assurance = mc_col_i64(st, 6);
  bool vneid = mc_col_i64(st, 7) != 0;
  const char *method = mc_arena_strdup(a, mc_col_text(st, 4) ? mc_col_text(st, 4) : "password");
  const char *provider = mc_col_null(st, 5) ? NULL : mc_arena_strdup(a, mc_col_text(st, 5));
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err ? err->rc : MC_EDB;
  if (last_seen + cfg->session_idle <= now) {
    mc_err ignore = {0};
    mc_db_exec(db, "users.session_delete", &ignore, "s", th);
    mc_err_clear(&ignore);
    return expired(err);
  }
  mc_rc rc = mc_auth_load_user(db, a, uid, who, err);
  if (rc) return rc;
  who->auth_method = method;
  who->provider = provider;
  who->assurance = (int)assurance;
  who->vneid = vneid;
  if (now - last_seen >= TOUCH_EVERY && !mc_db_in_tx(db)) {
    mc_err ignore = {0};    /* a missed touch only shortens the idle window */
    mc_db_exec(db, "users.session_touch", &ignore, "si", th, (int64_t)now);
    mc_err_clear(&ignore);
  }
  return MC_OK;
}

typedef struct logout_ctx { const char *th; } logout_ctx;

static mc_rc logout_tx(mc_db *db, void *p, mc_err *err) {
  logout_ctx *x = p;
  int64_t uid;
  mc_rc rc = mc_db_i64(db, "users.session_user", &uid, err, "si", x->th, (int64_t)0);
  if (rc == MC_ENOTFOUND) { mc_err_clear(err); return MC_OK; }
  if (rc || (rc = mc_db_exec(db, "users.session_delete", err, "s", x->th))) return rc;
  mc_arena *a = mc_arena_new(1 << 16);
  mc_principal who;
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  rc = mc_auth_load_user(db, a, uid, &who, err);
  if (!rc) rc = mc_auth_audit(db, &who, "auth.logout", uid, who.username, NULL, err);
  mc_arena_free(a);
  return rc;
}

mc_rc mc_auth_logout(mc_db *db, const char *token, mc_err *err) {
  if (mc_str_empty(token) || strlen(token) > MC_TOKEN_MAX) return MC_OK;
  char th[65];
  mc_auth_token_hash(token, th);
  logout_ctx x = {.th = th};
  return mc_auth_in_tx(db, logout_tx, &x, err);
}

static void csrf_raw(const char *session_token, unsigned char out[32]) {
  static const char ctx[] = "motcua-csrf-v1";
  crypto_generichash_state st;
  crypto_generichash_init(&st, NULL, 0, 32);
  crypto_generichash_update(&st, (const unsigned char *)ctx, sizeof ctx);
  crypto_generichash_update(&st, (const unsigned char *)session_token, strlen(session_token));
  crypto_generichash_final(&st, out, 32);
}

const char *mc_auth_csrf_token(mc_arena *a, const char *session_token) {
  if (!session_token || sodium_init() < 0) return NULL;
  unsigned char raw[32];
  csrf_raw(session_token, raw);
  char *out = mc_arena_alloc(a, 64);
  if (out) sodium_bin2base64(out, 64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

bool mc_auth_csrf_ok(const char *session_token, const char *header_value) {
  if (!session_token || !header_value || sodium_init() < 0) return false;
  unsigned char raw[32];
  char want[64];
  csrf_raw(session_token, raw);
  sodium_bin2base64(want, sizeof want, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  size_t n = strlen(want);
  return strlen(header_value) == n && sodium_memcmp(want, header_value, n) == 0;
}

typedef struct purge_ctx { int64_t now; } purge_ctx;

static mc_rc purge_tx(mc_db *db, void *p, mc_err *err) {
  int64_t now = ((purge_ctx *)p)->now;
  static const char *const q[] = {"users.session_purge", "users.reset_purge", "users.flow_purge",
                                  "users.outbox_purge"};
  for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
    mc_rc rc = mc_db_exec(db, q[i], err, "i", now);
    if (rc) return rc;
  }
  return MC_OK;
}

mc_rc mc_auth_purge(mc_db *db, mc_err *err) {
  purge_ctx x = {.now = mc_now()};
  return mc_auth_in_tx(db, purge_tx, &x, err);
}
