/* jwt.c — JWS signature and ID-token claim checks with OpenSSL 3 (see jwt.h). */
#include "core/jwt.h"
#include "util/json.h"
#include "util/str.h"
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>
#include <string.h>

enum { RSA_MIN_BITS = 2048, RSA_MAX_BYTES = 1024, PART_MAX = 8192, KEYS_MAX = 32 };

unsigned char *mc_b64url_decode(mc_arena *a, const char *s, size_t n, size_t max, size_t *outlen) {
  if (n > max * 4 / 3 + 4) return NULL;
  size_t cap = n * 3 / 4 + 3;
  unsigned char *out = mc_arena_alloc(a, cap);
  if (!out) return NULL;
  if (sodium_base642bin(out, cap, s, n, NULL, outlen, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return NULL;
  if (*outlen > max) return NULL;
  out[*outlen] = 0;      /* *outlen ≤ 3n/4 < cap */
  return out;
}

static mc_rc bad_token(mc_err *err, const char *why) {
  return mc_fail(err, MC_EUNAUTH, "oidc.bad_token", NULL, "The identity token is malformed (%s).", why);
}

static json_t *decode_json_part(mc_arena *a, const char *s, size_t n) {
  size_t len;
  unsigned char *raw = mc_b64url_decode(a, s, n, PART_MAX, &len);
  if (!raw) return NULL;
  json_t *j = json_loadb((const char *)raw, len, JSON_REJECT_DUPLICATES, NULL);
  if (j && !json_is_object(j)) { json_decref(j); return NULL; }
  return j ? mc_json_keep(a, j) : NULL;
}

/* ---- keys ------------------------------------------------------------------ */

static BIGNUM *jwk_bn(mc_arena *a, const json_t *jwk, const char *name, size_t max) {
  const char *s = json_string_value(json_object_get(jwk, name));
  size_t len;
  unsigned char *raw = s ? mc_b64url_decode(a, s, strlen(s), max, &len) : NULL;
  return raw && len ? BN_bin2bn(raw, (int)len, NULL) : NULL;
}

static EVP_PKEY *from_params(const char *type, OSSL_PARAM_BLD *bld) {
  EVP_PKEY *pkey = NULL;
  OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX *ctx = params ? EVP_PKEY_CTX_new_from_name(NULL, type, NULL) : NULL;
  if (ctx && EVP_PKEY_fromdata_init(ctx) == 1 &&
      EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1)
    pkey = NULL;
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  if (!pkey) return NULL;
  EVP_PKEY_CTX *check = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
  bool ok = check && EVP_PKEY_public_check(check) == 1;
  EVP_PKEY_CTX_free(check);
  if (!ok) { EVP_PKEY_free(pkey); return NULL; }
  return pkey;
}

static EVP_PKEY *rsa_key(mc_arena *a, const json_t *jwk) {
  BIGNUM *n = jwk_bn(a, jwk, "n", RSA_MAX_BYTES), *e = jwk_bn(a, jwk, "e", 8);
  EVP_PKEY *pkey = NULL;
  OSSL_PARAM_BLD *bld = n && e ? OSSL_PARAM_BLD_new() : NULL;
  if (bld && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) &&
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e))
    pkey = from_params("RSA", bld);
  OSSL_PARAM_BLD_free(bld);
  BN_free(n);
  BN_free(e);
  if (pkey && EVP_PKEY_get_bits(pkey) < RSA_MIN_BITS) { EVP_PKEY_free(pkey); pkey = NULL; }
  return pkey;
}

static EVP_PKEY *ec_key(mc_arena *a, const json_t *jwk) {
  if (!mc_str_eq(json_string_value(json_object_get(jwk, "crv")), "P-256")) return NULL;
  size_t xl, yl;
  const char *xs = json_string_value(json_object_get(jwk, "x")), *ys = json_string_value(json_object_get(jwk, "y"));
  unsigned char *x = xs ? mc_b64url_decode(a, xs, strlen(xs), 32, &xl) : NULL;
  unsigned char *y = ys ? mc_b64url_decode(a, ys, strlen(ys), 32, &yl) : NULL;
  if (!x || !y || xl != 32 || yl != 32) return NULL;
  unsigned char pub[65];
  pub[0] = 0x04;
  memcpy(pub + 1, x, 32);
  memcpy(pub + 33, y, 32);
  EVP_PKEY *pkey = NULL;
  OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
  if (bld && OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) &&
      OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub))
    pkey = from_params("EC", bld);
  OSSL_PARAM_BLD_free(bld);
  return pkey;
}

/* ---- signatures ---------------------------------------------------------- */

static bool verify_rs256(EVP_PKEY *k, const char *data, size_t dlen, const unsigned char *sig, size_t slen) {
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  bool ok = md && EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, k) == 1 &&
            EVP_DigestVerify(md, sig, slen, (const unsigned char *)data, dlen) == 1;
  EVP_MD_CTX_free(md);
  return ok;
}

/* JWS ES256 signatures are r || s (32 bytes each); OpenSSL wants DER. */
static bool verify_es256(EVP_PKEY *k, const char *data, size_t dlen, const unsigned char *sig, size_t slen) {
  if (slen != 64) return false;
  ECDSA_SIG *es = ECDSA_SIG_new();
  BIGNUM *r = BN_bin2bn(sig, 32, NULL), *s = BN_bin2bn(sig + 32, 32, NULL);
  if (!es || !r || !s || ECDSA_SIG_set0(es, r, s) != 1) {
    ECDSA_SIG_free(es);
    BN_free(r);
    BN_free(s);
    return false;
  }
  unsigned char *der = NULL;
  int derlen = i2d_ECDSA_SIG(es, &der);
  ECDSA_SIG_free(es);
  if (derlen <= 0) return false;
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  bool ok = md && EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, k) == 1 &&
            EVP_DigestVerify(md, der, (size_t)derlen, (const unsigned char *)data, dlen) == 1;
  EVP_MD_CTX_free(md);
  OPENSSL_free(der);
  return ok;
}

mc_rc mc_jwt_verify(mc_arena *a, const char *token, const json_t *jwks, unsigned algs, mc_jwt *out,
                    mc_err *err) {
  memset(out, 0, sizeof *out);
  if (!token) return bad_token(err, "missing");
  size_t n = strnlen(token, MC_JWT_MAX_BYTES + 1);
  if (n > MC_JWT_MAX_BYTES) return bad_token(err, "too long");
  const char *d1 = memchr(token, '.', n), *d2 = d1 ? memchr(d1 + 1, '.', (size_t)(token + n - d1 - 1)) : NULL;
  if (!d1 || !d2 || memchr(d2 + 1, '.', (size_t)(token + n - d2 - 1)))
    return bad_token(err, "not three parts");
  out->header = decode_json_part(a, token, (size_t)(d1 - token));
  out->claims = decode_json_part(a, d1 + 1, (size_t)(d2 - d1 - 1));
  if (!out->header || !out->claims) return bad_token(err, "header or claims are not a JSON object");
  size_t siglen;
  unsigned char *sig = mc_b64url_decode(a, d2 + 1, (size_t)(token + n - d2 - 1), 1024, &siglen);
  if (!sig || !siglen) return bad_token(err, "bad signature encoding");

  out->alg = json_string_value(json_object_get(out->header, "alg"));
  out->kid = json_string_value(json_object_get(out->header, "kid"));
  unsigned alg = mc_str_eq(out->alg, "RS256") ? MC_JWT_RS256 : mc_str_eq(out->alg, "ES256") ? MC_JWT_ES256 : 0;
  if (!alg || !(alg & algs))
    return mc_fail(err, MC_EUNAUTH, "oidc.bad_alg", NULL, "The identity token is signed with an algorithm we do not accept (%.16s).",
                   out->alg ? out->alg : "none");
  if (json_object_get(out->header, "crit"))
    return bad_token(err, "unsupported critical header");
  const char *kty = alg == MC_JWT_RS256 ? "RSA" : "EC";
  const json_t *keys = json_object_get(jwks, "keys");
  size_t i, tried = 0;
  const json_t *jwk;
  bool ok = false;
  json_array_foreach(keys, i, jwk) {
    if (ok || i >= KEYS_MAX) break;
    if (!mc_str_eq(json_string_value(json_object_get(jwk, "kty")), kty)) continue;
    const char *kalg = json_string_value(json_object_get(jwk, "alg"));
    const char *use = json_string_value(json_object_get(jwk, "use"));
    const char *kkid = json_string_value(json_object_get(jwk, "kid"));
    if ((kalg && !mc_str_eq(kalg, out->alg)) || (use && !mc_str_eq(use, "sig"))) continue;
    if (out->kid && !mc_str_eq(kkid, out->kid)) continue;
    EVP_PKEY *k = alg == MC_JWT_RS256 ? rsa_key(a, jwk) : ec_key(a, jwk);
    if (!k) continue;
    tried++;
    ok = alg == MC_JWT_RS256 ? verify_rs256(k, token, (size_t)(d2 - token), sig, siglen)
                             : verify_es256(k, token, (size_t)(d2 - token), sig, siglen);
    EVP_PKEY_free(k);
  }
  if (ok) return MC_OK;
  if (!tried)
    return mc_fail(err, MC_EUNAUTH, "oidc.unknown_key", NULL,
                   "The identity token names a signing key the provider does not publish.");
  return mc_fail(err, MC_EUNAUTH, "oidc.bad_signature", NULL, "The identity token's signature is not valid.");
}

/* ---- claims -------------------------------------------------------------- */

static bool num_claim(const json_t *claims, const char *name, double *v) {
  const json_t *j = json_object_get(claims, name);
  if (!json_is_number(j)) return false;
  *v = json_number_value(j);
  return true;
}

mc_rc mc_jwt_check_claims(const json_t *claims, const mc_jwt_expect *x, mc_err *err) {
  double leeway = x->leeway ? x->leeway : MC_JWT_LEEWAY, now = (double)x->now, v;
  if (!mc_str_eq(json_string_value(json_object_get(claims, "iss")), x->issuer))
    return mc_fail(err, MC_EUNAUTH, "oidc.bad_issuer", NULL, "The identity token was not issued by the expected provider.");
  const json_t *aud = json_object_get(claims, "aud");
  bool aud_ok = false;
  size_t naud = 1;
  if (json_is_string(aud)) {
    aud_ok = mc_str_eq(json_string_value(aud), x->audience);
  } else if (json_is_array(aud)) {
    size_t i;
    const json_t *e;
    naud = json_array_size(aud);
    json_array_foreach(aud, i, e) aud_ok = aud_ok || mc_str_eq(json_string_value(e), x->audience);
  }
  const json_t *azp = json_object_get(claims, "azp");
  if (aud_ok && (azp || naud > 1)) aud_ok = mc_str_eq(json_string_value(azp), x->audience);
  if (!aud_ok)
    return mc_fail(err, MC_EUNAUTH, "oidc.bad_audience", NULL, "The identity token was issued for another application.");
  if (!num_claim(claims, "exp", &v)) return bad_token(err, "no expiry");
  if (now >= v + leeway)
    return mc_fail(err, MC_EUNAUTH, "oidc.expired", NULL, "The identity token has expired; please log in again.");
  if (!num_claim(claims, "iat", &v)) return bad_token(err, "no issue time");
  if (v > now + leeway)
    return mc_fail(err, MC_EUNAUTH, "oidc.not_yet_valid", NULL, "The identity token is dated in the future.");
  if (num_claim(claims, "nbf", &v) && v > now + leeway)
    return mc_fail(err, MC_EUNAUTH, "oidc.not_yet_valid", NULL, "The identity token is not valid yet.");
  if (x->nonce) {
    const char *got = json_string_value(json_object_get(claims, "nonce"));
    size_t gl = got ? strlen(got) : 0, wl = strlen(x->nonce);
    if (!got || gl != wl || sodium_memcmp(got, x->nonce, wl) != 0)
      return mc_fail(err, MC_EUNAUTH, "oidc.bad_nonce", NULL, "The identity token does not belong to this login attempt.");
  }
  const char *sub = json_string_value(json_object_get(claims, "sub"));
  if (!sub || !*sub || strlen(sub) > 255) return bad_token(err, "no subject");
  return MC_OK;
}
