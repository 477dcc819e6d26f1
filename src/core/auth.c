/* auth.c — accounts, passwords, login with lockout and TOTP (see auth.h).
 * Sessions are in auth_session.c, TOTP enrolment in auth_totp.c, password
 * resets in auth_reset.c. */
#include "core/auth_int.h"
#include "core/config.h"
#include "core/totp.h"
#include "util/str.h"
#include "util/time.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char *const role_names[MC_ROLE_COUNT] = {
  "citizen", "officer", "specialist", "unit_leader", "province_leader", "admin",
};

const char *mc_role_name(mc_role r) { return r < MC_ROLE_COUNT ? role_names[r] : "?"; }

bool mc_role_parse(const char *s, mc_role *out) {
  for (int i = 0; s && i < MC_ROLE_COUNT; i++)
    if (strcmp(s, role_names[i]) == 0) { *out = (mc_role)i; return true; }
  return false;
}

/* ---- shared helpers (auth_int.h) ------------------------------------------- */

void mc_auth_token_hash(const char *token, char out[65]) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
  sodium_bin2hex(out, 65, h, sizeof h);
}

char *mc_auth_random_token(mc_arena *a) {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char *tok = mc_arena_alloc(a, 64);
  if (tok) sodium_bin2base64(tok, 64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  return tok;
}

mc_rc mc_auth_fill(mc_stmt *st, mc_arena *a, mc_principal *who) {
  memset(who, 0, sizeof *who);
  who->user_id = mc_col_i64(st, U_ID);
  who->username = mc_arena_strdup(a, mc_col_text(st, U_USERNAME));
  who->full_name = mc_arena_strdup(a, mc_col_text(st, U_FULL_NAME));
  if (!mc_role_parse(mc_col_text(st, U_ROLE), &who->role)) return MC_EINTERNAL;
  who->unit_id = mc_col_null(st, U_UNIT) ? 0 : mc_col_i64(st, U_UNIT);
  who->id_number = mc_col_null(st, U_ID_NUMBER) ? NULL : mc_arena_strdup(a, mc_col_text(st, U_ID_NUMBER));
  who->totp = !mc_col_null(st, U_TOTP_SECRET);
  who->auth_method = "password";
  return MC_OK;
}

mc_rc mc_auth_in_tx(mc_db *db, mc_rc (*fn)(mc_db *db, void *ctx, mc_err *err), void *ctx, mc_err *err) {
  bool own = !mc_db_in_tx(db);
  mc_rc rc = own ? mc_db_begin(db, err) : MC_OK;
  if (!rc) rc = fn(db, ctx, err);
  if (own) {
    if (!rc) rc = mc_db_commit(db, err);
    if (rc) mc_db_rollback(db);
  }
  return rc;
}

mc_rc mc_auth_audit(mc_db *db, const mc_principal *actor, const char *action, int64_t user_id,
                    const char *username, json_t *detail, mc_err *err) {
  /* The account holder is the owner: they see these entries (GET /me/audit). */
  mc_audit_entry e = {.actor = actor, .action = action, .object_type = "user", .object_id = user_id,
                      .object_code = username, .owner_id = user_id, .detail = detail};
  mc_rc rc = mc_audit_append(db, &e, err);
  json_decref(detail);
  return rc;
}

mc_rc mc_auth_user_id(mc_db *db, const char *username, int64_t *id, mc_err *err) {
  mc_rc rc = mc_db_i64(db, "users.by_username", id, err, "s", username ? username : "");
  if (rc == MC_ENOTFOUND) {
    mc_err_clear(err);
    return mc_fail(err, MC_ENOTFOUND, "user.unknown", "username", "No user \"%.64s\".", username ? username : "");
  }
  return rc;
}

mc_rc mc_auth_admin_target(mc_db *db, const mc_principal *actor, const char *username, int64_t *id,
                           mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "users.by_username", err, "s", username ? username : "");
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r == 0)
    return mc_fail(err, MC_ENOTFOUND, "user.unknown", "username", "No user \"%.64s\".", username ? username : "");
  *id = mc_col_i64(st, U_ID);
  bool citizen = mc_str_eq(mc_col_text(st, U_ROLE), "citizen");
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err ? err->rc : MC_EDB;
  if (actor && citizen)
    return mc_fail(err, MC_EFORBIDDEN, "auth.citizen_account", "username",
                   "A citizen's account is theirs: they reset it themselves (or log in with VNeID).");
  return MC_OK;
}

mc_rc mc_auth_hash_password(const char *pw, char *out, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  size_t n = strlen(pw);
  if (mc_utf8_len(pw) < MC_PASSWORD_MIN || n > MC_PASSWORD_MAX)
    return mc_fail(err, MC_EINVAL, "user.weak_password", "password",
                   "A password must have %d to %d characters.", MC_PASSWORD_MIN, MC_PASSWORD_MAX);
  if (crypto_pwhash_str(out, pw, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory while hashing.");
  return MC_OK;
}

/* ---- accounts --------------------------------------------------------------- */

typedef struct create_ctx {
  const mc_user_new *u;
  int64_t unit_id, *id;
  const char *hash;
} create_ctx;

static mc_rc create_tx(mc_db *db, void *p, mc_err *err) {
  create_ctx *x = p;
  const mc_user_new *u = x->u;
  char now[32];
  mc_time_format(mc_now(), now, sizeof now);
  mc_rc rc = mc_db_i64(db, "users.insert", x->id, err, "ssssIssss", u->username, x->hash, u->full_name,
                       u->role, x->unit_id, u->id_number, u->phone, u->email, now);
  if (rc == MC_ECONFLICT) {
    mc_err_clear(err);
    return mc_fail(err, MC_ECONFLICT, "user.exists", "username", "The username \"%s\" is taken.", u->username);
  }
  if (rc) return rc;
  return mc_auth_audit(db, NULL, "user.create", *x->id, u->username,
                       json_pack("{s:s, s:s*}", "role", u->role, "unit", u->unit_code), err);
}

mc_rc mc_user_create(mc_db *db, const mc_user_new *u, int64_t *id, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  if (mc_str_empty(u->username) || strlen(u->username) > 64)
    return mc_fail(err, MC_EINVAL, "user.bad_username", "username", "A username has 1 to 64 characters.");
  for (const char *p = u->username; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
      return mc_fail(err, MC_EINVAL, "user.bad_username", "username",
                     "A username uses only a–z, 0–9, '.', '_' and '-'.");
  mc_role role;
  if (!mc_role_parse(u->role, &role))
    return mc_fail(err, MC_EINVAL, "user.bad_role", "role",
                   "Unknown role \"%s\" (citizen, officer, specialist, unit_leader, province_leader, admin).",
                   u->role ? u->role : "");
  if (mc_str_empty(u->full_name))
    return mc_fail(err, MC_EINVAL, "json.missing_field", "full_name", "A full name is required.");
  int64_t unit_id = 0;
  if (role != MC_ROLE_CITIZEN) {
    if (mc_str_empty(u->unit_code))
      return mc_fail(err, MC_EINVAL, "user.unit_required", "unit", "Staff accounts belong to a unit.");
    mc_rc rc = mc_db_i64(db, "units.id_by_code", &unit_id, err, "s", u->unit_code);
    if (rc == MC_ENOTFOUND) {
      mc_err_clear(err);
      return mc_fail(err, MC_EINVAL, "unit.unknown", "unit", "Unknown unit code \"%s\".", u->unit_code);
    }
    if (rc) return rc;
  }
  char hash[crypto_pwhash_STRBYTES];
  mc_rc rc = mc_auth_hash_password(u->password ? u->password : "", hash, err);
  if (rc) return rc;
  create_ctx x = {.u = u, .unit_id = unit_id, .id = id, .hash = hash};
  return mc_auth_in_tx(db, create_tx, &x, err);
}

typedef struct passwd_ctx { int64_t id; const char *username, *hash; } passwd_ctx;

static mc_rc passwd_tx(mc_db *db, void *p, mc_err *err) {
  passwd_ctx *x = p;
  mc_rc rc;
  if ((rc = mc_db_exec(db, "users.set_password_reset", err, "isi", x->id, x->hash, (int64_t)mc_now())) ||
      (rc = mc_db_exec(db, "users.session_delete_user", err, "i", x->id)))
    return rc;
  return mc_auth_audit(db, NULL, "user.password", x->id, x->username, NULL, err);
}

mc_rc mc_user_set_password(mc_db *db, const char *username, const char *password, mc_err *err) {
  char hash[crypto_pwhash_STRBYTES];
  int64_t id;
  mc_rc rc = mc_auth_user_id(db, username, &id, err);
  if (rc || (rc = mc_auth_hash_password(password ? password : "", hash, err))) return rc;
  passwd_ctx x = {.id = id, .username = username, .hash = hash};
  return mc_auth_in_tx(db, passwd_tx, &x, err);
}

typedef struct unlock_ctx { const mc_principal *actor; int64_t id; const char *username; } unlock_ctx;

static mc_rc unlock_tx(mc_db *db, void *p, mc_err *err) {
  unlock_ctx *x = p;
  mc_rc rc = mc_db_exec(db, "users.unlock", err, "i", x->id);
  return rc ? rc : mc_auth_audit(db, x->actor, "auth.unlock", x->id, x->username, NULL, err);
}

mc_rc mc_auth_unlock(mc_db *db, const mc_principal *actor, const char *username, mc_err *err) {
  unlock_ctx x = {.actor = actor, .username = username};
  mc_rc rc = mc_auth_user_id(db, username, &x.id, err);
  return rc ? rc : mc_auth_in_tx(db, unlock_tx, &x, err);
}

/* ---- login ------------------------------------------------------------------- */

/* A hash to verify against when the user does not exist, so that the answer
 * takes as long as for a real account. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy(void) {
  unsigned char pw[16];
  randombytes_buf(pw, sizeof pw);
  if (crypto_pwhash_str(dummy_hash, (const char *)pw, sizeof pw, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    dummy_hash[0] = 0;
}

static mc_rc invalid_login(mc_err *err) {
  return mc_fail(err, MC_EUNAUTH, "auth.invalid_login", NULL, "Wrong username or password.");
}

typedef struct fail_ctx { int64_t id; const char *username, *client, *why; bool locked; } fail_ctx;

static mc_rc fail_tx(mc_db *db, void *p, mc_err *err) {
  fail_ctx *x = p;
  const mc_config *cfg = mc_config_current();
  int64_t failed;
  mc_rc rc = mc_db_i64(db, "users.login_failed", &failed, err, "i", x->id);
  if (rc || failed < cfg->lockout_threshold) return rc;
  x->locked = true;
  if ((rc = mc_db_exec(db, "users.lock", err, "ii", x->id, (int64_t)(mc_now() + cfg->lockout_seconds))))
    return rc;
  return mc_auth_audit(db, NULL, "auth.lockout", x->id, x->username,
                       json_pack("{s:I, s:s*, s:s}", "failures", (json_int_t)failed, "client", x->client,
                                 "last_reason", x->why), err);
}

/* Count a failed attempt (its own transaction: it must stick even though the
 * login fails). */
static mc_rc login_failed(mc_db *db, int64_t id, const char *username, const char *client, const char *why,
                          mc_err *err) {
  fail_ctx x = {.id = id, .username = username, .client = client, .why = why};
  mc_err e2 = {0};
  if (mc_auth_in_tx(db, fail_tx, &x, &e2)) mc_err_clear(&e2);   /* the login fails either way */
  mc_err_clear(&e2);
  return strcmp(why, "totp") == 0
             ? mc_fail(err, MC_EUNAUTH, "auth.totp_invalid", "totp", "The one-time code is wrong or was already used.")
             : invalid_login(err);
}

typedef struct ok_ctx {
  int64_t id;
  int64_t totp_step;        /* 0 = no TOTP used */
  const char *rehash;       /* new hash when parameters changed */
  const mc_login *in;
  mc_arena *a;
  const char **token;
  mc_principal *who;
} ok_ctx;

static mc_rc ok_tx(mc_db *db, void *p, mc_err *err) {
  ok_ctx *x = p;
  mc_rc rc = mc_db_exec(db, "users.login_ok", err, "i", x->id);
  if (!rc && x->totp_step) {
    rc = mc_db_exec(db, "users.totp_step", err, "ii", x->id, x->totp_step);
    if (!rc && mc_db_changes(db) == 0)    /* the same code used twice at once */
      rc = mc_fail(err, MC_EUNAUTH, "auth.totp_invalid", "totp", "The one-time code is wrong or was already used.");
  }
  if (!rc && x->rehash) rc = mc_db_exec(db, "users.set_password", err, "is", x->id, x->rehash);
  mc_session_info info = {.auth_method = "password", .old_token = x->in->old_token};
  if (!rc) rc = mc_auth_open_session(db, x->a, x->id, &info, x->token, x->who, err);
  return rc;
}

mc_rc mc_auth_login_ex(mc_db *db, mc_arena *a, const mc_login *in, const char **token, mc_principal *who,
                       mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  pthread_once(&dummy_once, make_dummy);
  const char *pw = in->password ? in->password : "";
  size_t pwlen = strlen(pw);
  mc_stmt *st = mc_db_prep(db, "users.by_username", err, "s", in->username ? in->username : "");
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r == 0) {
    volatile int sink = 0;   /* the result is irrelevant: only the time spent matters */
    if (pwlen <= MC_PASSWORD_MAX && dummy_hash[0]) sink = crypto_pwhash_str_verify(dummy_hash, pw, pwlen);
    (void)sink;
    return invalid_login(err);
  }
  char hash[crypto_pwhash_STRBYTES];
  int64_t id = mc_col_i64(st, U_ID), locked_until = mc_col_i64(st, U_LOCKED_UNTIL);
  int64_t last_step = mc_col_i64(st, U_TOTP_LAST_STEP);
  bool disabled = mc_col_i64(st, U_DISABLED) != 0;
  mc_strlcpy(hash, mc_col_text(st, U_HASH) ? mc_col_text(st, U_HASH) : "", sizeof hash);
  char *sealed = mc_col_null(st, U_TOTP_SECRET) ? NULL : mc_arena_strdup(a, mc_col_text(st, U_TOTP_SECRET));
  char *username = mc_arena_strdup(a, mc_col_text(st, U_USERNAME));
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err ? err->rc : MC_EDB;

  mc_time now = mc_now();
  if (locked_until > now) {
    mc_fail(err, MC_EUNAUTH, "auth.locked", NULL,
            "Too many failed attempts: this account is locked for %lld more minute(s).",
            (long long)((locked_until - now + 59) / 60));
    mc_err_detail(err, "retry_after", json_integer(locked_until - now));
    return MC_EUNAUTH;
  }
  bool ok = !disabled && pwlen <= MC_PASSWORD_MAX && crypto_pwhash_str_verify(hash, pw, pwlen) == 0;
  if (!ok) return login_failed(db, id, username, in->client, disabled ? "disabled" : "password", err);

  ok_ctx x = {.id = id, .in = in, .a = a, .token = token, .who = who};
  if (sealed) {
    if (mc_str_empty(in->totp))
      return mc_fail(err, MC_EUNAUTH, "auth.totp_required", "totp", "Enter the 6-digit code from your authenticator app.");
    unsigned char key[MC_TOTP_KEY_MAX];
    size_t keylen = 0;
    bool good = mc_auth_totp_unseal(sealed, key, &keylen) &&
                mc_totp_check(key, keylen, in->totp, now, 1, &last_step);
    sodium_memzero(key, sizeof key);
    if (!good) return login_failed(db, id, username, in->client, "totp", err);
    x.totp_step = last_step;
  }
  if (crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) == 1) {
    char *nh = mc_arena_alloc(a, crypto_pwhash_STRBYTES);
    if (nh && mc_auth_hash_password(pw, nh, NULL) == MC_OK) x.rehash = nh;
  }
  return mc_auth_in_tx(db, ok_tx, &x, err);
}

mc_rc mc_auth_login(mc_db *db, mc_arena *a, const char *username, const char *password,
                    const char **token, mc_principal *who, mc_err *err) {
  mc_login in = {.username = username, .password = password};
  return mc_auth_login_ex(db, a, &in, token, who, err);
}
