/* auth_int.h — helpers shared by auth.c, auth_session.c, auth_totp.c,
 * auth_reset.c and oidc.c (private to src/core). */
#pragma once
#include "core/audit.h"
#include "core/auth.h"

/* Column positions of users.by_username / users.by_id. */
enum {
  U_ID, U_USERNAME, U_HASH, U_FULL_NAME, U_ROLE, U_UNIT, U_ID_NUMBER, U_PHONE, U_EMAIL, U_DISABLED,
  U_FAILED, U_LOCKED_UNTIL, U_TOTP_SECRET, U_TOTP_LAST_STEP, U_TOTP_PENDING, U_ASSURANCE,
};

/* hex(BLAKE2b-256(token)): how tokens are stored. */
void mc_auth_token_hash(const char *token, char out[65]);
/* 32 random bytes as base64url (43 characters) in the arena. */
char *mc_auth_random_token(mc_arena *a);
/* Fill who from a users.by_* row. */
mc_rc mc_auth_fill(mc_stmt *st, mc_arena *a, mc_principal *who);
/* Run fn inside a transaction (its own when none is open). */
mc_rc mc_auth_in_tx(mc_db *db, mc_rc (*fn)(mc_db *db, void *ctx, mc_err *err), void *ctx, mc_err *err);
/* Audit helper: one entry about a user account. */
mc_rc mc_auth_audit(mc_db *db, const mc_principal *actor, const char *action, int64_t user_id,
                    const char *username, json_t *detail, mc_err *err);
/* Look up a user id by username; MC_ENOTFOUND as user.unknown. */
mc_rc mc_auth_user_id(mc_db *db, const char *username, int64_t *id, mc_err *err);
/* The account an administrator acts on (reset token, TOTP reset): over HTTP
 * (actor non-NULL) only staff accounts, never a citizen's (auth.citizen_account). */
mc_rc mc_auth_admin_target(mc_db *db, const mc_principal *actor, const char *username, int64_t *id,
                           mc_err *err);
/* Argon2id hash of a password after the length rule (user.weak_password). */
mc_rc mc_auth_hash_password(const char *pw, char *out, mc_err *err);
/* TOTP secrets at rest: "v1:" base64(nonce || secretbox(secret)) under the
 * server key (config.h). unseal: false without a key or on a bad box. */
char *mc_auth_totp_seal(mc_arena *a, const unsigned char *secret, size_t n);
bool mc_auth_totp_unseal(const char *sealed, unsigned char *key, size_t *keylen);
