/* test_jwt.c — ID-token verification against keys made here with OpenSSL:
 * RS256 and ES256 accepted; "none", HMAC, unknown keys, weak keys, wrong key
 * use, tampered payloads and signatures refused; every claim rule (issuer,
 * audience/azp, expiry with leeway, iat, nbf, nonce, sub). */
#include <criterion/criterion.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <string.h>
#include "core/jwt.h"
#include "util/json.h"

static mc_arena *a;
static EVP_PKEY *rsa, *ec, *rsa_small;
static json_t *jwks;

static char *b64(const unsigned char *p, size_t n) {
  size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  char *s = mc_arena_alloc(a, cap);
  sodium_bin2base64(s, cap, p, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return s;
}

static char *b64s(const char *s) { return b64((const unsigned char *)s, strlen(s)); }

static char *bn_b64(EVP_PKEY *k, const char *name) {
  BIGNUM *bn = NULL;
  cr_assert(EVP_PKEY_get_bn_param(k, name, &bn));
  unsigned char buf[1024];
  int n = BN_bn2bin(bn, buf);
  BN_free(bn);
  return b64(buf, (size_t)n);
}

static json_t *rsa_jwk(EVP_PKEY *k, const char *kid) {
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kty", "RSA", "kid", kid, "use", "sig", "alg", "RS256",
                   "n", bn_b64(k, OSSL_PKEY_PARAM_RSA_N), "e", bn_b64(k, OSSL_PKEY_PARAM_RSA_E));
}

static json_t *ec_jwk(EVP_PKEY *k, const char *kid) {
  unsigned char pub[65];
  size_t n = 0;
  cr_assert(EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &n));
  cr_assert_eq(n, 65);
  return json_pack("{s:s, s:s, s:s, s:s, s:s}", "kty", "EC", "kid", kid, "crv", "P-256",
                   "x", b64(pub + 1, 32), "y", b64(pub + 33, 32));
}

static void setup(void) {
  a = mc_arena_new(0);
  cr_assert(sodium_init() >= 0);
  rsa = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
  rsa_small = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
  ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
  cr_assert(rsa && ec && rsa_small);
  jwks = json_pack("{s:[o,o,o,{s:s,s:s,s:s,s:s,s:s}]}", "keys", rsa_jwk(rsa, "r1"), ec_jwk(ec, "e1"),
                   rsa_jwk(rsa_small, "weak"),
                   "kty", "RSA", "kid", "enc1", "use", "enc", "n", bn_b64(rsa, OSSL_PKEY_PARAM_RSA_N),
                   "e", bn_b64(rsa, OSSL_PKEY_PARAM_RSA_E));
}

static void teardown(void) {
  json_decref(jwks);
  EVP_PKEY_free(rsa);
  EVP_PKEY_free(rsa_small);
  EVP_PKEY_free(ec);
  mc_arena_free(a);
}

TestSuite(jwt, .init = setup, .fini = teardown);

/* header.payload signed with key (RS256 or ES256 by key type). */
static char *sign(EVP_PKEY *k, const char *header, const char *claims) {
  char *input = mc_arena_printf(a, "%s.%s", b64s(header), b64s(claims));
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  size_t slen = 0;
  cr_assert(EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, k) == 1);
  cr_assert(EVP_DigestSign(md, NULL, &slen, (const unsigned char *)input, strlen(input)) == 1);
  unsigned char *sig = mc_arena_alloc(a, slen);
  cr_assert(EVP_DigestSign(md, sig, &slen, (const unsigned char *)input, strlen(input)) == 1);
  EVP_MD_CTX_free(md);
  if (EVP_PKEY_get_base_id(k) == EVP_PKEY_EC) {     /* DER → r||s */
    const unsigned char *p = sig;
    ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)slen);
    unsigned char raw[64] = {0};
    BN_bn2binpad(ECDSA_SIG_get0_r(es), raw, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), raw + 32, 32);
    ECDSA_SIG_free(es);
    return mc_arena_printf(a, "%s.%s", input, b64(raw, 64));
  }
  return mc_arena_printf(a, "%s.%s", input, b64(sig, slen));
}

static const char *CLAIMS =
    "{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"abc\",\"exp\":2000000000,"
    "\"iat\":1700000000,\"nonce\":\"n-1\"}";

static void verify_code(const char *token, unsigned algs, const char *code) {
  mc_jwt jwt;
  mc_err err = {0};
  mc_rc rc = mc_jwt_verify(a, token, jwks, algs, &jwt, &err);
  if (!code) {
    cr_assert_eq(rc, MC_OK, "%s: %s", err.code, err.message);
  } else {
    cr_assert_eq(rc, MC_EUNAUTH, "expected %s, got ok", code);
    cr_assert_str_eq(err.code, code);
  }
  mc_err_clear(&err);
}

Test(jwt, good_signatures) {
  verify_code(sign(rsa, "{\"alg\":\"RS256\",\"kid\":\"r1\"}", CLAIMS), MC_JWT_RS256 | MC_JWT_ES256, NULL);
  verify_code(sign(ec, "{\"alg\":\"ES256\",\"kid\":\"e1\"}", CLAIMS), MC_JWT_RS256 | MC_JWT_ES256, NULL);
  /* Without a kid, the key is found by type. */
  verify_code(sign(rsa, "{\"alg\":\"RS256\"}", CLAIMS), MC_JWT_RS256, NULL);
  verify_code(sign(ec, "{\"alg\":\"ES256\",\"typ\":\"JWT\"}", CLAIMS), MC_JWT_ES256, NULL);
}

Test(jwt, refused_algorithms_and_keys) {
  verify_code(sign(rsa, "{\"alg\":\"RS256\",\"kid\":\"r1\"}", CLAIMS), MC_JWT_ES256, "oidc.bad_alg");
  char *none = mc_arena_printf(a, "%s.%s.", b64s("{\"alg\":\"none\"}"), b64s(CLAIMS));
  verify_code(none, MC_JWT_RS256 | MC_JWT_ES256, "oidc.bad_token");   /* empty signature */
  char *none2 = mc_arena_printf(a, "%s.%s.%s", b64s("{\"alg\":\"none\"}"), b64s(CLAIMS), b64s("x"));
  verify_code(none2, MC_JWT_RS256 | MC_JWT_ES256, "oidc.bad_alg");
  /* HS256 keyed with the public modulus (the classic confusion attack). */
  char *hs = mc_arena_printf(a, "%s.%s.%s", b64s("{\"alg\":\"HS256\",\"kid\":\"r1\"}"), b64s(CLAIMS), b64s("sig"));
  verify_code(hs, MC_JWT_RS256 | MC_JWT_ES256, "oidc.bad_alg");
  verify_code(sign(rsa, "{\"alg\":\"RS256\",\"kid\":\"nope\"}", CLAIMS), MC_JWT_RS256, "oidc.unknown_key");
  verify_code(sign(rsa_small, "{\"alg\":\"RS256\",\"kid\":\"weak\"}", CLAIMS), MC_JWT_RS256, "oidc.unknown_key");
  verify_code(sign(rsa, "{\"alg\":\"RS256\",\"kid\":\"enc1\"}", CLAIMS), MC_JWT_RS256, "oidc.unknown_key");
  /* Signed by the RSA key but claiming the EC key. */
  verify_code(sign(rsa, "{\"alg\":\"RS256\",\"kid\":\"e1\"}", CLAIMS), MC_JWT_RS256, "oidc.unknown_key");
  verify_code(sign(ec, "{\"alg\":\"ES256\",\"kid\":\"e1\",\"crit\":[\"exp\"]}", CLAIMS), MC_JWT_ES256, "oidc.bad_token");
}

Test(jwt, tampering) {
  char *t = sign(rsa, "{\"alg\":\"RS256\",\"kid\":\"r1\"}", CLAIMS);
  char *d1 = strchr(t, '.'), *d2 = strrchr(t, '.');
  /* Replace the payload with another (valid JSON, admin subject), keep the signature. */
  char *swapped = mc_arena_printf(a, "%.*s.%s%s", (int)(d1 - t), t,
                                  b64s("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"admin\",\"exp\":2000000000,\"iat\":1700000000,\"nonce\":\"n-1\"}"),
                                  d2);
  verify_code(swapped, MC_JWT_RS256, "oidc.bad_signature");
  /* Flip one signature character. */
  char *flipped = mc_arena_strdup(a, t);
  char *sig = strrchr(flipped, '.') + 10;
  *sig = *sig == 'A' ? 'B' : 'A';
  verify_code(flipped, MC_JWT_RS256, "oidc.bad_signature");
  char *e = sign(ec, "{\"alg\":\"ES256\",\"kid\":\"e1\"}", CLAIMS);
  char *ef = mc_arena_strdup(a, e);
  char *esig = strrchr(ef, '.') + 5;
  *esig = *esig == 'A' ? 'B' : 'A';
  verify_code(ef, MC_JWT_ES256, "oidc.bad_signature");
  /* Structure. */
  verify_code("abc.def", MC_JWT_RS256, "oidc.bad_token");
  verify_code("a.b.c.d", MC_JWT_RS256, "oidc.bad_token");
  verify_code("!!!.???.***", MC_JWT_RS256, "oidc.bad_token");
  verify_code(mc_arena_printf(a, "%s.%s.%s", b64s("[1]"), b64s(CLAIMS), b64s("x")), MC_JWT_RS256, "oidc.bad_token");
  verify_code("", MC_JWT_RS256, "oidc.bad_token");
}

static void claims_code(const char *claims, const char *nonce, mc_time now, const char *code) {
  json_t *c = json_loads(claims, 0, NULL);
  cr_assert(c, "bad test JSON %s", claims);
  mc_jwt_expect x = {.issuer = "https://sso.example", .audience = "motcua", .nonce = nonce, .now = now};
  mc_err err = {0};
  mc_rc rc = mc_jwt_check_claims(c, &x, &err);
  json_decref(c);
  if (!code) cr_assert_eq(rc, MC_OK, "%s: %s", claims, err.message);
  else {
    cr_assert_eq(rc, MC_EUNAUTH, "%s should fail with %s", claims, code);
    cr_assert_str_eq(err.code, code, "%s", claims);
  }
  mc_err_clear(&err);
}

Test(jwt, claims) {
  const mc_time now = 1800000000;
  claims_code(CLAIMS, "n-1", now, NULL);
  claims_code(CLAIMS, NULL, now, NULL);    /* nonce not checked when none expected */
  claims_code("{\"iss\":\"https://evil\",\"aud\":\"motcua\",\"sub\":\"a\",\"exp\":2000000000,\"iat\":1}", NULL, now, "oidc.bad_issuer");
  claims_code("{\"aud\":\"motcua\",\"sub\":\"a\",\"exp\":2000000000,\"iat\":1}", NULL, now, "oidc.bad_issuer");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"other\",\"sub\":\"a\",\"exp\":2000000000,\"iat\":1}", NULL, now, "oidc.bad_audience");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":[\"other\",\"motcua\"],\"sub\":\"a\",\"exp\":2000000000,\"iat\":1}", NULL, now, "oidc.bad_audience");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":[\"other\",\"motcua\"],\"azp\":\"motcua\",\"sub\":\"a\",\"exp\":2000000000,\"iat\":1}", NULL, now, NULL);
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":[\"motcua\"],\"sub\":\"a\",\"exp\":2000000000,\"iat\":1}", NULL, now, NULL);
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"azp\":\"other\",\"sub\":\"a\",\"exp\":2000000000,\"iat\":1}", NULL, now, "oidc.bad_audience");
  claims_code("{\"iss\":\"https://sso.example\",\"sub\":\"a\",\"exp\":2000000000,\"iat\":1}", NULL, now, "oidc.bad_audience");
  /* Expiry with 60 s of leeway. */
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"a\",\"exp\":1799999970,\"iat\":1}", NULL, now, NULL);
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"a\",\"exp\":1799999940,\"iat\":1}", NULL, now, "oidc.expired");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"a\",\"iat\":1}", NULL, now, "oidc.bad_token");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"a\",\"exp\":\"2000000000\",\"iat\":1}", NULL, now, "oidc.bad_token");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"a\",\"exp\":2000000000,\"iat\":1800000100}", NULL, now, "oidc.not_yet_valid");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"a\",\"exp\":2000000000,\"iat\":1,\"nbf\":1800000100}", NULL, now, "oidc.not_yet_valid");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"a\",\"exp\":2000000000}", NULL, now, "oidc.bad_token");
  claims_code(CLAIMS, "n-2", now, "oidc.bad_nonce");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"a\",\"exp\":2000000000,\"iat\":1}", "n-1", now, "oidc.bad_nonce");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"exp\":2000000000,\"iat\":1}", NULL, now, "oidc.bad_token");
  claims_code("{\"iss\":\"https://sso.example\",\"aud\":\"motcua\",\"sub\":\"\",\"exp\":2000000000,\"iat\":1}", NULL, now, "oidc.bad_token");
}
