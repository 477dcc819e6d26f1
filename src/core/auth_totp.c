/* auth_totp.c — TOTP enrolment, confirmation, removal; secrets sealed at rest
 * with the server key (see auth.h, totp.h). */
#include "core/auth_int.h"
#include "core/config.h"
#include "core/totp.h"
#include "util/str.h"
#include "util/time.h"
#include <sodium.h>
#include <string.h>

enum { SEALED_MAX = 256 };

char *mc_auth_totp_seal(mc_arena *a, const unsigned char *secret, size_t n) {
  const mc_config *cfg = mc_config_current();
  if (!cfg->has_key || n > MC_TOTP_KEY_MAX) return NULL;
  unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + MC_TOTP_KEY_MAX];
  randombytes_buf(box, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, secret, n, box, cfg->secret_key);
  size_t blen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
  char *out = mc_arena_alloc(a, SEALED_MAX);
  if (!out) return NULL;
  memcpy(out, "v1:", 3);
  sodium_bin2base64(out + 3, SEALED_MAX - 3, box, blen, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

bool mc_auth_totp_unseal(const char *sealed, unsigned char *key, size_t *keylen) {
  const mc_config *cfg = mc_config_current();
  if (!cfg->has_key || !sealed || strncmp(sealed, "v1:", 3) != 0) return false;
  unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + MC_TOTP_KEY_MAX];
  size_t blen = 0;
  if (sodium_base642bin(box, sizeof box, sealed + 3, strlen(sealed + 3), NULL, &blen, NULL,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      blen <= crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return false;
  size_t clen = blen - crypto_secretbox_NONCEBYTES;
  if (crypto_secretbox_open_easy(key, box + crypto_secretbox_NONCEBYTES, clen, box, cfg->secret_key) != 0)
    return false;
  *keylen = clen - crypto_secretbox_MACBYTES;
  return true;
}

static mc_rc no_key(mc_err *err) {
  return mc_fail(err, MC_EBUSY, "auth.totp_unavailable", NULL,
                 "Two-step login is not available: the server has no secret key configured.");
}

/* The account's sealed TOTP secret (active) or pending one; NULL when none. */
static mc_rc load(mc_db *db, mc_arena *a, int64_t uid, bool pending, char **sealed, int64_t *last_step,
                  mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "users.by_id", err, "i", uid);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r <= 0) return r < 0 ? (err ? err->rc : MC_EDB) : mc_fail(err, MC_EUNAUTH, "auth.unknown_user", NULL, "Unknown user.");
  int c = pending ? U_TOTP_PENDING : U_TOTP_SECRET;
  *sealed = mc_col_null(st, c) ? NULL : mc_arena_strdup(a, mc_col_text(st, c));
  *last_step = mc_col_i64(st, U_TOTP_LAST_STEP);
  while ((r = mc_stmt_next(st, err)) > 0) {}
  return r < 0 ? (err ? err->rc : MC_EDB) : MC_OK;
}

typedef struct totp_ctx {
  const mc_principal *who;
  int64_t uid;
  const char *username, *sealed, *action;
  int64_t step;
} totp_ctx;

static mc_rc pending_tx(mc_db *db, void *p, mc_err *err) {
  totp_ctx *x = p;
  mc_rc rc = mc_db_exec(db, "users.totp_set_pending", err, "is", x->uid, x->sealed);
  return rc ? rc : mc_auth_audit(db, x->who, "auth.totp_enrol", x->uid, x->username, NULL, err);
}

mc_rc mc_totp_enrol(mc_db *db, mc_arena *a, const mc_principal *who, const char **secret, const char **uri,
                    mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  if (!mc_config_current()->has_key) return no_key(err);
  if (who->totp)
    return mc_fail(err, MC_ECONFLICT, "auth.totp_enabled", NULL,
                   "Two-step login is already on; turn it off before enrolling a new device.");
  unsigned char raw[MC_TOTP_SECRET_BYTES];
  randombytes_buf(raw, sizeof raw);
  char *b32 = mc_arena_alloc(a, 64);
  char *sealed = mc_auth_totp_seal(a, raw, sizeof raw);
  if (b32) mc_base32_encode(raw, sizeof raw, b32, 64);
  sodium_memzero(raw, sizeof raw);
  if (!b32 || !sealed) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  totp_ctx x = {.who = who, .uid = who->user_id, .username = who->username, .sealed = sealed};
  mc_rc rc = mc_auth_in_tx(db, pending_tx, &x, err);
  if (rc) return rc;
  *secret = b32;
  *uri = mc_arena_printf(a, "otpauth://totp/motcua:%s?secret=%s&issuer=motcua&algorithm=SHA1&digits=%d&period=%d",
                         who->username, b32, MC_TOTP_DIGITS, MC_TOTP_STEP);
  return *uri ? MC_OK : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

static bool check_code(const char *sealed, const char *code, int64_t *step) {
  unsigned char key[MC_TOTP_KEY_MAX];
  size_t keylen = 0;
  bool ok = mc_auth_totp_unseal(sealed, key, &keylen) && mc_totp_check(key, keylen, code, mc_now(), 1, step);
  sodium_memzero(key, sizeof key);
  return ok;
}

static mc_rc bad_code(mc_err *err) {
  return mc_fail(err, MC_EINVAL, "auth.totp_invalid", "code", "The one-time code is wrong or was already used.");
}

static mc_rc change_tx(mc_db *db, void *p, mc_err *err) {
  totp_ctx *x = p;
  mc_rc rc;
  if (!strcmp(x->action, "auth.totp_on")) {
    rc = mc_db_exec(db, "users.totp_activate", err, "ii", x->uid, x->step);
    if (!rc && mc_db_changes(db) == 0) return bad_code(err);
  } else {
    rc = mc_db_exec(db, "users.totp_clear", err, "i", x->uid);
  }
  return rc ? rc : mc_auth_audit(db, x->who, x->action, x->uid, x->username, NULL, err);
}

mc_rc mc_totp_confirm(mc_db *db, const mc_principal *who, const char *code, mc_err *err) {
  if (!mc_config_current()->has_key) return no_key(err);
  mc_arena *a = mc_arena_new(1 << 16);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  char *sealed;
  int64_t step = 0;
  mc_rc rc = load(db, a, who->user_id, true, &sealed, &step, err);
  step = 0;
  if (!rc && !sealed)
    rc = mc_fail(err, MC_ECONFLICT, "auth.totp_not_enrolled", NULL, "Start enrolment first.");
  if (!rc && !check_code(sealed, code, &step)) rc = bad_code(err);
  totp_ctx x = {.who = who, .uid = who->user_id, .username = who->username, .action = "auth.totp_on", .step = step};
  if (!rc) rc = mc_auth_in_tx(db, change_tx, &x, err);
  mc_arena_free(a);
  return rc;
}

mc_rc mc_totp_disable(mc_db *db, const mc_principal *who, const char *code, mc_err *err) {
  if (!mc_config_current()->has_key) return no_key(err);
  mc_arena *a = mc_arena_new(1 << 16);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  char *sealed;
  int64_t step;
  mc_rc rc = load(db, a, who->user_id, false, &sealed, &step, err);
  if (!rc && !sealed) rc = mc_fail(err, MC_ECONFLICT, "auth.totp_not_enabled", NULL, "Two-step login is not on.");
  if (!rc && !check_code(sealed, code, &step)) rc = bad_code(err);
  totp_ctx x = {.who = who, .uid = who->user_id, .username = who->username, .action = "auth.totp_off"};
  if (!rc) rc = mc_auth_in_tx(db, change_tx, &x, err);
  mc_arena_free(a);
  return rc;
}

mc_rc mc_totp_reset(mc_db *db, const mc_principal *actor, const char *username, mc_err *err) {
  totp_ctx x = {.who = actor, .username = username, .action = "auth.totp_reset"};
  mc_rc rc = mc_auth_admin_target(db, actor, username, &x.uid, err);
  return rc ? rc : mc_auth_in_tx(db, change_tx, &x, err);
}
