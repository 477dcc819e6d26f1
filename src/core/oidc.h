/* oidc.h — logging in through an OpenID Connect provider (the VNeID / national
 * portal single sign-on, or the province's own provider for staff), as a
 * confidential client using the authorization-code flow with PKCE (S256),
 * state and nonce (identity.md):
 *
 *   start:    discovery → a flow row (hashes of state and of a browser-binding
 *             cookie, nonce, PKCE verifier, where to return) → redirect URL
 *   callback: the flow is taken once (state + the same browser) → code
 *             exchanged at the token endpoint → ID token verified against the
 *             provider's JWKS (RS256/ES256; issuer, audience, expiry, nonce) →
 *             userinfo (sub must match) → claims mapped by configuration →
 *             a citizen account created or updated (staff: an existing staff
 *             account named by a claim) → a session recording the provider,
 *             the assurance level and the VNeID flag, in one transaction.
 * Discovery documents and key sets are cached for an hour; an unknown key id
 * refetches the key set (at most once a minute). Provider calls time out after
 * 10 s, follow no redirects, accept http only on loopback, and read at most
 * 1 MiB. Tokens and secrets are never logged.                                */
#pragma once
#include <jansson.h>
#include "core/auth.h"
#include "core/config.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

enum { MC_OIDC_FLOW_TTL = 600, MC_OIDC_RETURN_MAX = 512 };

/* Begin a login: *url is where to send the browser; *binding (arena) must be
 * set as the flow cookie. return_to: a local path ("/ho-so"), else "/". */
mc_rc mc_oidc_start(mc_db *db, mc_arena *a, const mc_oidc_provider *p, const char *return_to,
                    const char **url, const char **binding, mc_err *err);

typedef struct mc_oidc_callback {
  const char *state, *code;
  const char *error, *error_description;   /* the provider refused or the person cancelled */
  const char *iss;                         /* RFC 9207 issuer parameter, when the provider sends it */
  const char *binding;                     /* the flow cookie */
  const char *old_token;                   /* session being replaced, may be NULL */
} mc_oidc_callback;

/* Finish a login. Codes: oidc.bad_state, oidc.denied, oidc.token_rejected,
 * oidc.unavailable, the jwt.h codes, oidc.bad_claims, auth.assurance_too_low,
 * auth.no_account (staff mode), auth.identity_conflict. */
mc_rc mc_oidc_finish(mc_db *db, mc_arena *a, const mc_oidc_callback *in, const char **token,
                     mc_principal *who, const char **return_to, mc_err *err);

/* Claims → profile by the provider's mapping (pure; exposed for tests). */
typedef struct mc_oidc_profile {
  const char *sub, *id_number, *full_name, *birth_date, *sex, *phone, *email, *account_type;
  const char *link;       /* staff mode: the username named by link_claim */
  int assurance;
} mc_oidc_profile;
mc_rc mc_oidc_map_claims(mc_arena *a, const mc_oidc_provider *p, const json_t *id_claims,
                         const json_t *userinfo, mc_oidc_profile *out, mc_err *err);

/* S256 code challenge of a verifier (43 characters, arena). */
const char *mc_oidc_challenge(mc_arena *a, const char *verifier);
/* "/x" kept; anything that could leave the site ("//h", "http:", "\\") → "/". */
const char *mc_oidc_safe_return(const char *s);
/* Forget cached discovery documents and key sets. */
void mc_oidc_cache_clear(void);
