/* auth_reset.c — password reset by one-time token: issued by an admin (or the
 * CLI), or requested by the account holder and sent to their e-mail through
 * the outbox (see auth.h). Only a hash of each token is stored. */
#include "core/auth_int.h"
#include "core/config.h"
#include "util/str.h"
#include "util/time.h"
#include <sodium.h>
#include <string.h>

typedef struct reset_ctx {
  const mc_principal *actor;
  int64_t uid;
  const char *username, *email, *token, *hash;
  bool mail;
} reset_ctx;

static mc_rc issue_tx(mc_db *db, void *p, mc_err *err) {
  reset_ctx *x = p;
  const mc_config *cfg = mc_config_current();
  mc_time now = mc_now();
  char th[65];
  mc_auth_token_hash(x->token, th);
  mc_rc rc = mc_db_exec(db, "users.reset_insert", err, "siii", th, x->uid, (int64_t)now, (int64_t)(now + cfg->reset_ttl));
  if (!rc && x->mail) {
    char body[1024];
    snprintf(body, sizeof body,
             "Xin chào %s,\n\nMã đặt lại mật khẩu tài khoản motcua của bạn là:\n\n%s\n\n"
             "Mã dùng được một lần, trong %d phút. Nếu bạn không yêu cầu, hãy bỏ qua thư này.\n",
             x->username, x->token, cfg->reset_ttl / 60);
    int64_t id;
    rc = mc_db_i64(db, "users.outbox_insert", &id, err, "issssii", x->uid, "email", x->email,
                   "Đặt lại mật khẩu motcua", body, (int64_t)now, (int64_t)(now + cfg->reset_ttl));
    sodium_memzero(body, sizeof body);
  }
  if (rc) return rc;
  return mc_auth_audit(db, x->actor, x->mail ? "auth.reset_request" : "auth.reset_issue", x->uid, x->username,
                       json_pack("{s:i}", "valid_seconds", cfg->reset_ttl), err);
}

mc_rc mc_auth_reset_issue(mc_db *db, mc_arena *a, const mc_principal *actor, const char *username,
                          const char **token, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  reset_ctx x = {.actor = actor, .username = username, .token = mc_auth_random_token(a)};
  if (!x.token) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc = mc_auth_admin_target(db, actor, username, &x.uid, err);
  if (!rc) rc = mc_auth_in_tx(db, issue_tx, &x, err);
  if (!rc) *token = x.token;
  return rc;
}

mc_rc mc_auth_reset_request(mc_db *db, mc_arena *a, const char *username, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  if (mc_str_empty(username) || strlen(username) > 64) return MC_OK;
  mc_stmt *st = mc_db_prep(db, "users.by_username", err, "s", username);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r == 0) return MC_OK;
  reset_ctx x = {.uid = mc_col_i64(st, U_ID), .username = mc_arena_strdup(a, mc_col_text(st, U_USERNAME)),
                 .mail = true};
  bool usable = mc_col_i64(st, U_DISABLED) == 0 && !mc_col_null(st, U_EMAIL) && *mc_col_text(st, U_EMAIL);
  if (usable) x.email = mc_arena_strdup(a, mc_col_text(st, U_EMAIL));
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err ? err->rc : MC_EDB;
  if (!usable) return MC_OK;
  int64_t recent = 0;
  mc_rc rc = mc_db_i64(db, "users.reset_recent", &recent, err, "ii", x.uid, (int64_t)(mc_now() - MC_RESET_INTERVAL));
  if (rc || recent > 0) return rc;
  if (!(x.token = mc_auth_random_token(a))) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  return mc_auth_in_tx(db, issue_tx, &x, err);
}

static mc_rc confirm_tx(mc_db *db, void *p, mc_err *err) {
  reset_ctx *x = p;
  char th[65];
  mc_auth_token_hash(x->token, th);
  mc_rc rc = mc_db_i64(db, "users.reset_take", &x->uid, err, "si", th, (int64_t)mc_now());
  if (rc == MC_ENOTFOUND) {
    mc_err_clear(err);
    return mc_fail(err, MC_EINVAL, "auth.reset_invalid", "token",
                   "This reset code is not valid: it is wrong, expired or was already used.");
  }
  if (rc || (rc = mc_db_exec(db, "users.set_password_reset", err, "isi", x->uid, x->hash, (int64_t)mc_now())) ||
      (rc = mc_db_exec(db, "users.reset_delete_user", err, "i", x->uid)) ||
      (rc = mc_db_exec(db, "users.session_delete_user", err, "i", x->uid)))
    return rc;
  return mc_auth_audit(db, NULL, "auth.reset_done", x->uid, NULL, NULL, err);
}

mc_rc mc_auth_reset_confirm(mc_db *db, const char *token, const char *new_password, mc_err *err) {
  if (mc_str_empty(token) || strlen(token) > MC_TOKEN_MAX)
    return mc_fail(err, MC_EINVAL, "auth.reset_invalid", "token",
                   "This reset code is not valid: it is wrong, expired or was already used.");
  char hash[crypto_pwhash_STRBYTES];
  mc_rc rc = mc_auth_hash_password(new_password ? new_password : "", hash, err);
  if (rc) return rc;
  reset_ctx x = {.token = token, .hash = hash};
  return mc_auth_in_tx(db, confirm_tx, &x, err);
}
