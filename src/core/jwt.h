/* jwt.h — verifying signed JSON Web Tokens (compact JWS, RFC 7515/7519) as an
 * OpenID relying party must: the signature against the provider's JWKS with
 * RS256 or ES256 only (never "none", never HMAC), then the issuer, audience,
 * expiry and nonce of the ID token (OpenID Connect Core 3.1.3.7).
 * Every failure is MC_EUNAUTH with a code in the "oidc." family.           */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"
#include "util/err.h"
#include "util/time.h"

enum {
  MC_JWT_RS256 = 1u << 0,
  MC_JWT_ES256 = 1u << 1,
  MC_JWT_MAX_BYTES = 16 * 1024,
  MC_JWT_LEEWAY = 60,              /* seconds of clock skew tolerated */
};

typedef struct mc_jwt {
  json_t *header;      /* arena-kept */
  json_t *claims;      /* arena-kept */
  const char *alg;     /* "RS256" | "ES256" */
  const char *kid;     /* NULL when the header has none */
} mc_jwt;

/* Parse token and verify its signature with a key of jwks ({"keys":[…]}).
 * algs: MC_JWT_* mask. Codes: oidc.bad_token, oidc.bad_alg, oidc.unknown_key,
 * oidc.bad_signature. */
mc_rc mc_jwt_verify(mc_arena *a, const char *token, const json_t *jwks, unsigned algs, mc_jwt *out,
                    mc_err *err);

typedef struct mc_jwt_expect {
  const char *issuer;
  const char *audience;   /* our client_id */
  const char *nonce;      /* NULL: not checked (e.g. a userinfo JWT) */
  mc_time now;
  int leeway;             /* 0 = MC_JWT_LEEWAY */
} mc_jwt_expect;

/* Check iss, aud (+azp), exp, iat, nbf, nonce and sub. Codes: oidc.bad_issuer,
 * oidc.bad_audience, oidc.expired, oidc.not_yet_valid, oidc.bad_nonce,
 * oidc.bad_token. */
mc_rc mc_jwt_check_claims(const json_t *claims, const mc_jwt_expect *x, mc_err *err);

/* base64url without padding → bytes (arena). NULL on bad input or over max. */
unsigned char *mc_b64url_decode(mc_arena *a, const char *s, size_t n, size_t max, size_t *outlen);
