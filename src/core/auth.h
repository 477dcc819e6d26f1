/* auth.h — who is acting: roles, accounts, login sessions and their defences.
 *
 * Local accounts: Argon2id password hashes (libsodium), lockout after repeated
 * failures, optional TOTP (RFC 6238), password reset by one-time token.
 * Sessions: an opaque random token given to the client (bearer header or an
 * HttpOnly cookie), stored only as a hash, with an absolute lifetime and an
 * idle limit; a new token on every login (the old one is dropped). OpenID
 * Connect logins (oidc.h) open the same kind of session and record how the
 * person was identified (provider, assurance level, VNeID).
 * Every change made here is written to the audit log (audit.h) in the same
 * transaction. Limits and durations come from the configuration (config.h). */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

typedef enum mc_role {
  MC_ROLE_CITIZEN = 0,
  MC_ROLE_OFFICER,          /* one-stop desk: receives, returns */
  MC_ROLE_SPECIALIST,       /* processes a step */
  MC_ROLE_UNIT_LEADER,      /* approves; reads the unit's subtree */
  MC_ROLE_PROVINCE_LEADER,  /* reads the province */
  MC_ROLE_ADMIN,            /* manages catalogue, units, users */
  MC_ROLE_COUNT
} mc_role;

#define MC_ROLE_BIT(r) (1u << (r))
#define MC_STAFF (MC_ROLE_BIT(MC_ROLE_OFFICER) | MC_ROLE_BIT(MC_ROLE_SPECIALIST) | \
                  MC_ROLE_BIT(MC_ROLE_UNIT_LEADER) | MC_ROLE_BIT(MC_ROLE_PROVINCE_LEADER) | \
                  MC_ROLE_BIT(MC_ROLE_ADMIN))
#define MC_ANYONE_LOGGED_IN (MC_STAFF | MC_ROLE_BIT(MC_ROLE_CITIZEN))

typedef struct mc_principal {
  int64_t user_id;
  mc_role role;
  int64_t unit_id;          /* 0 for citizens */
  const char *username;
  const char *full_name;
  const char *id_number;    /* citizens: 12-digit personal number, may be NULL */
  /* How this session was opened. */
  const char *auth_method;  /* "password" | "oidc" */
  const char *provider;     /* OpenID provider name (config [oidc.NAME]); NULL for passwords */
  int assurance;            /* identity assurance level of this login (VNeID: 1 or 2); 0 = none */
  bool vneid;               /* logged in through VNeID / the national SSO: dossiers get the flag */
  bool totp;                /* the account has TOTP enabled */
} mc_principal;

const char *mc_role_name(mc_role r);
bool mc_role_parse(const char *s, mc_role *out);

typedef struct mc_user_new {
  const char *username, *password, *full_name, *role;
  const char *unit_code;    /* staff: required */
  const char *id_number, *phone, *email;
} mc_user_new;

mc_rc mc_user_create(mc_db *db, const mc_user_new *u, int64_t *id, mc_err *err);
/* Change a password (CLI/admin): ends the account's sessions. */
mc_rc mc_user_set_password(mc_db *db, const char *username, const char *password, mc_err *err);

/* Account administration (admins). The page is {items, total, limit, offset};
 * q matches username or name (case-insensitive), role and unit filter. */
typedef struct mc_users_filter { const char *q, *role, *unit; int64_t limit, offset; } mc_users_filter;
mc_rc mc_users_list(mc_db *db, mc_arena *a, const mc_users_filter *f, json_t **page, mc_err *err);
/* Change what is set: disabled (ends the sessions), role, unit. Audited. */
typedef struct mc_user_patch { bool set_disabled, disabled; const char *role, *unit_code; } mc_user_patch;
mc_rc mc_user_update(mc_db *db, const mc_principal *actor, const char *username, const mc_user_patch *p,
                     mc_err *err);

/* ---- logging in --------------------------------------------------------------- */

typedef struct mc_login {
  const char *username, *password;
  const char *totp;         /* 6-digit code; required when the account has TOTP */
  const char *old_token;    /* the session the client holds now, dropped on success (rotation) */
  const char *client;       /* client address, for the audit log; may be NULL */
} mc_login;

/* Check the password (and TOTP) and open a session; *token (arena) is what the
 * client sends as "Authorization: Bearer <token>" or the session cookie.
 * Codes: auth.invalid_login (unknown user, wrong password or code — never
 * says which), auth.locked (too many failures; err detail "retry_after"
 * seconds), auth.totp_required (password right, code missing). */
mc_rc mc_auth_login_ex(mc_db *db, mc_arena *a, const mc_login *in, const char **token, mc_principal *who,
                       mc_err *err);
/* The same without TOTP or rotation (kept for callers of the first contract). */
mc_rc mc_auth_login(mc_db *db, mc_arena *a, const char *username, const char *password,
                    const char **token, mc_principal *who, mc_err *err);

/* How a session is opened (used by oidc.c; passwords use mc_auth_login_ex). */
typedef struct mc_session_info {
  const char *auth_method, *provider;
  int assurance;
  bool vneid;
  const char *old_token;
} mc_session_info;
mc_rc mc_auth_open_session(mc_db *db, mc_arena *a, int64_t user_id, const mc_session_info *info,
                           const char **token, mc_principal *who, mc_err *err);

/* Resolve a token to its principal; MC_EUNAUTH (auth.expired) when unknown,
 * expired, idle too long, or the account is disabled. */
mc_rc mc_auth_session(mc_db *db, mc_arena *a, const char *token, mc_principal *who, mc_err *err);
mc_rc mc_auth_logout(mc_db *db, const char *token, mc_err *err);
mc_rc mc_auth_load_user(mc_db *db, mc_arena *a, int64_t user_id, mc_principal *who, mc_err *err);
/* The anti-CSRF token bound to a session token (43 characters, arena): what a
 * cookie-authenticated client must echo in X-CSRF-Token. Derived, not stored. */
const char *mc_auth_csrf_token(mc_arena *a, const char *session_token);
bool mc_auth_csrf_ok(const char *session_token, const char *header_value);

/* ---- account administration (admin over HTTP, or the CLI with who = NULL) ---- */
mc_rc mc_auth_unlock(mc_db *db, const mc_principal *actor, const char *username, mc_err *err);

/* ---- TOTP (auth_totp.c): needs the server key (config.h) ---------------------- */
/* Start enrolment: a new secret, pending until confirmed. *secret is base32,
 * *uri the otpauth:// URI for an authenticator app (both arena). */
mc_rc mc_totp_enrol(mc_db *db, mc_arena *a, const mc_principal *who, const char **secret, const char **uri,
                    mc_err *err);
/* Confirm with a code from the app: TOTP becomes required at login. */
mc_rc mc_totp_confirm(mc_db *db, const mc_principal *who, const char *code, mc_err *err);
/* Turn TOTP off for oneself (needs a current code). */
mc_rc mc_totp_disable(mc_db *db, const mc_principal *who, const char *code, mc_err *err);
/* Admin / CLI: remove a lost authenticator from an account. */
mc_rc mc_totp_reset(mc_db *db, const mc_principal *actor, const char *username, mc_err *err);

/* ---- password reset (auth_reset.c) ----------------------------------------------- */
/* Issue a one-time reset token for an account (admin or CLI); shown once. */
mc_rc mc_auth_reset_issue(mc_db *db, mc_arena *a, const mc_principal *actor, const char *username,
                          const char **token, mc_err *err);
/* Self-service: when the account exists, is enabled and has an e-mail address,
 * queue a message with a token for it (auth_outbox). Always MC_OK otherwise,
 * so the answer does not reveal which accounts exist. At most one per 5 minutes. */
mc_rc mc_auth_reset_request(mc_db *db, mc_arena *a, const char *username, mc_err *err);
/* Use a token: set the new password, end every session, clear the lockout.
 * auth.reset_invalid when the token is unknown, used or expired. */
mc_rc mc_auth_reset_confirm(mc_db *db, const char *token, const char *new_password, mc_err *err);

/* Remove expired sessions, reset tokens, OpenID flows and outbox messages. */
mc_rc mc_auth_purge(mc_db *db, mc_err *err);

enum {
  MC_SESSION_TTL = 12 * 3600,     /* default; the configuration decides (config.h) */
  MC_PASSWORD_MIN = 8, MC_PASSWORD_MAX = 256,
  MC_TOKEN_MAX = 128,
  MC_RESET_INTERVAL = 300,        /* seconds between self-service reset messages */
};
