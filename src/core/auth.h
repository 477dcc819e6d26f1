/* auth.h — who is acting: roles, accounts, login sessions.
 *
 * This is the "enough authentication" of the core issue, kept behind this one
 * interface: local accounts with Argon2id password hashes (libsodium) and
 * opaque bearer tokens stored only as hashes. Hardening (cookies, CSRF, OIDC,
 * lockout, TOTP) plugs in here later without touching callers.              */
#pragma once
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
} mc_principal;

const char *mc_role_name(mc_role r);
bool mc_role_parse(const char *s, mc_role *out);

typedef struct mc_user_new {
  const char *username, *password, *full_name, *role;
  const char *unit_code;    /* staff: required */
  const char *id_number, *phone, *email;
} mc_user_new;

mc_rc mc_user_create(mc_db *db, const mc_user_new *u, int64_t *id, mc_err *err);
mc_rc mc_user_set_password(mc_db *db, const char *username, const char *password, mc_err *err);

/* Check the password and open a session; *token (arena) is what the client sends
 * as "Authorization: Bearer <token>". Failure is always auth.invalid_login. */
mc_rc mc_auth_login(mc_db *db, mc_arena *a, const char *username, const char *password,
                    const char **token, mc_principal *who, mc_err *err);
/* Resolve a token to its principal; MC_EUNAUTH when unknown or expired. */
mc_rc mc_auth_session(mc_db *db, mc_arena *a, const char *token, mc_principal *who, mc_err *err);
mc_rc mc_auth_logout(mc_db *db, const char *token, mc_err *err);
mc_rc mc_auth_load_user(mc_db *db, mc_arena *a, int64_t user_id, mc_principal *who, mc_err *err);

enum { MC_SESSION_TTL = 12 * 3600, MC_PASSWORD_MIN = 8, MC_PASSWORD_MAX = 256 };
