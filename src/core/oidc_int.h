/* oidc_int.h — the network half of the OpenID client (oidc_net.c), used by
 * oidc.c: discovery, key sets, the token and userinfo endpoints. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include "core/config.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct mc_oidc_meta {
  const char *authorization_endpoint, *token_endpoint, *userinfo_endpoint, *jwks_uri;
} mc_oidc_meta;

/* The provider's discovery document (cached); its "issuer" must equal p->issuer. */
mc_rc mc_oidc_discover(mc_arena *a, const mc_oidc_provider *p, mc_oidc_meta *out, mc_err *err);
/* Its key set (cached; refresh forces a fetch unless one happened in the last minute). */
mc_rc mc_oidc_jwks(mc_arena *a, const mc_oidc_provider *p, const mc_oidc_meta *m, bool refresh,
                   json_t **jwks, mc_err *err);
/* Exchange a code at the token endpoint; *resp is the JSON answer (arena-kept). */
mc_rc mc_oidc_token(mc_arena *a, const mc_oidc_provider *p, const mc_oidc_meta *m, const char *code,
                    const char *verifier, json_t **resp, mc_err *err);
/* The userinfo endpoint with an access token; *out is a JSON object (arena-kept). */
mc_rc mc_oidc_userinfo(mc_arena *a, const mc_oidc_meta *m, const char *access_token, json_t **out,
                       mc_err *err);
/* Percent-encode everything but RFC 3986 unreserved characters (arena). */
char *mc_url_encode(mc_arena *a, const char *s);
