/* auth.c — accounts and sessions (see auth.h). */
#include "core/auth.h"
#include "util/str.h"
#include "util/time.h"
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

static void token_hash(const char *token, char out[65]) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
  sodium_bin2hex(out, 65, h, sizeof h);
}

static mc_rc hash_password(const char *pw, char out[crypto_pwhash_STRBYTES], mc_err *err) {
  size_t n = strlen(pw);
  if (mc_utf8_len(pw) < MC_PASSWORD_MIN || n > MC_PASSWORD_MAX)
    return mc_fail(err, MC_EINVAL, "user.weak_password", "password",
                   "A password must have %d to %d characters.", MC_PASSWORD_MIN, MC_PASSWORD_MAX);
  if (crypto_pwhash_str(out, pw, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory while hashing.");
  return MC_OK;
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
  char hash[crypto_pwhash_STRBYTES], now[32];
  mc_rc rc = hash_password(u->password ? u->password : "", hash, err);
  if (rc) return rc;
  mc_time_format(mc_now(), now, sizeof now);
  rc = mc_db_i64(db, "users.insert", id, err, "ssssIssss", u->username, hash, u->full_name,
                 u->role, unit_id, u->id_number, u->phone, u->email, now);
  if (rc == MC_ECONFLICT) {
    mc_err_clear(err);
    return mc_fail(err, MC_ECONFLICT, "user.exists", "username", "The username \"%s\" is taken.", u->username);
  }
  return rc;
}

mc_rc mc_user_set_password(mc_db *db, const char *username, const char *password, mc_err *err) {
  char hash[crypto_pwhash_STRBYTES];
  int64_t id;
  mc_rc rc = mc_db_i64(db, "users.by_username", &id, err, "s", username);
  if (rc == MC_ENOTFOUND) { mc_err_clear(err); return mc_fail(err, MC_ENOTFOUND, "user.unknown", "username", "No user \"%s\".", username); }
  if (rc || (rc = hash_password(password, hash, err))) return rc;
  return mc_db_exec(db, "users.set_password", err, "is", id, hash);
}

static mc_rc fill(mc_stmt *st, mc_arena *a, mc_principal *who) {
  memset(who, 0, sizeof *who);
  who->user_id = mc_col_i64(st, 0);
  who->username = mc_arena_strdup(a, mc_col_text(st, 1));
  who->full_name = mc_arena_strdup(a, mc_col_text(st, 3));
  if (!mc_role_parse(mc_col_text(st, 4), &who->role)) return MC_EINTERNAL;
  who->unit_id = mc_col_null(st, 5) ? 0 : mc_col_i64(st, 5);
  who->id_number = mc_col_null(st, 6) ? NULL : mc_arena_strdup(a, mc_col_text(st, 6));
  return MC_OK;
}

mc_rc mc_auth_load_user(mc_db *db, mc_arena *a, int64_t user_id, mc_principal *who, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "users.by_id", err, "i", user_id);
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err->rc;
  if (r == 0) return mc_fail(err, MC_EUNAUTH, "auth.unknown_user", NULL, "Unknown user.");
  mc_rc rc = fill(st, a, who);
  while (mc_stmt_next(st, err) > 0) {}
  return rc;
}

mc_rc mc_auth_login(mc_db *db, mc_arena *a, const char *username, const char *password,
                    const char **token, mc_principal *who, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  mc_stmt *st = mc_db_prep(db, "users.by_username", err, "s", username ? username : "");
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err->rc;
  bool ok = false;
  if (r > 0) {
    const char *hash = mc_col_text(st, 2);
    bool disabled = mc_col_i64(st, 9) != 0;
    ok = !disabled && password && strlen(password) <= MC_PASSWORD_MAX &&
         crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    if (ok && fill(st, a, who)) ok = false;
    while (mc_stmt_next(st, err) > 0) {}
  }
  if (!ok) return mc_fail(err, MC_EUNAUTH, "auth.invalid_login", NULL, "Wrong username or password.");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char *tok = mc_arena_alloc(a, 64);
  sodium_bin2base64(tok, 64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  char th[65];
  token_hash(tok, th);
  mc_time now = mc_now();
  mc_rc rc = mc_db_exec(db, "users.session_insert", err, "siii", th, who->user_id,
                        (int64_t)now, (int64_t)(now + MC_SESSION_TTL));
  if (rc) return rc;
  *token = tok;
  return MC_OK;
}

mc_rc mc_auth_session(mc_db *db, mc_arena *a, const char *token, mc_principal *who, mc_err *err) {
  if (mc_str_empty(token) || strlen(token) > 128)
    return mc_fail(err, MC_EUNAUTH, "auth.required", NULL, "Please log in.");
  char th[65];
  token_hash(token, th);
  int64_t uid;
  mc_rc rc = mc_db_i64(db, "users.session_user", &uid, err, "si", th, (int64_t)mc_now());
  if (rc == MC_ENOTFOUND) {
    mc_err_clear(err);
    return mc_fail(err, MC_EUNAUTH, "auth.expired", NULL, "Your session has ended; please log in again.");
  }
  if (rc) return rc;
  return mc_auth_load_user(db, a, uid, who, err);
}

mc_rc mc_auth_logout(mc_db *db, const char *token, mc_err *err) {
  char th[65];
  token_hash(token, th);
  return mc_db_exec(db, "users.session_delete", err, "s", th);
}
