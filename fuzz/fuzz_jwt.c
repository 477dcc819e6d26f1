/* fuzz_jwt.c — ID tokens: the first byte chooses between (even) any bytes as
 * a compact JWS from an attacker, and (odd) the bytes as the payload of a
 * token properly signed with our own RSA or EC key; both are checked against
 * a key set that also holds malformed and unusable keys, then through the
 * claim rules and the claim mapping of a VNeID-style provider. Invariants:
 * an attacker's bytes never verify; a properly signed token verifies exactly
 * when its payload is a JSON object; every refusal is 401 with an oidc.*
 * code; claim mapping keeps its length limits. */
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "core/jwt.h"
#include "core/oidc.h"
#include "fuzz.h"
#include "util/str.h"

static json_t *jwks;
static mc_oidc_provider prov;
static EVP_PKEY *rsa, *ec;

static char *b64(const unsigned char *p, size_t n) {
  size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  char *s = malloc(cap);
  sodium_bin2base64(s, cap, p, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return s;
}

static json_t *bn_member(EVP_PKEY *k, const char *name) {
  BIGNUM *bn = NULL;
  if (!EVP_PKEY_get_bn_param(k, name, &bn)) abort();
  unsigned char buf[1024];
  int n = BN_bn2bin(bn, buf);
  BN_free(bn);
  char *s = b64(buf, (size_t)n);
  json_t *j = json_string(s);
  free(s);
  return j;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  if (sodium_init() < 0) abort();
  rsa = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
  ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
  unsigned char pub[65];
  size_t n = 0;
  if (!rsa || !ec || !EVP_PKEY_get_octet_string_param(ec, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &n) || n != 65)
    abort();
  char *x = b64(pub + 1, 32), *y = b64(pub + 33, 32);
  jwks = json_pack("{s:[{s:s,s:s,s:s,s:o,s:o},{s:s,s:s,s:s,s:s,s:s},{s:s,s:s,s:s,s:s,s:s},{s:s,s:s,s:s,s:s},{s:s,s:s,s:s}]}",
                   "keys", "kty", "RSA", "kid", "r1", "use", "sig", "n", bn_member(rsa, OSSL_PKEY_PARAM_RSA_N),
                   "e", bn_member(rsa, OSSL_PKEY_PARAM_RSA_E),
                   "kty", "EC", "kid", "e1", "crv", "P-256", "x", x, "y", y,
                   "kty", "EC", "kid", "bad", "crv", "P-256", "x", "AAAA", "y", "AAAA",
                   "kty", "RSA", "kid", "small", "e", "AQAB", "n", "AQAB",
                   "kty", "oct", "kid", "h", "k", "c2VjcmV0");
  free(x);
  free(y);
  if (!jwks) abort();
  mc_strlcpy(prov.name, "vneid", sizeof prov.name);
  mc_strlcpy(prov.claim_id_number, "personal_id", sizeof prov.claim_id_number);
  mc_strlcpy(prov.claim_full_name, "name", sizeof prov.claim_full_name);
  mc_strlcpy(prov.claim_birth_date, "birthdate", sizeof prov.claim_birth_date);
  mc_strlcpy(prov.claim_phone, "phone_number", sizeof prov.claim_phone);
  mc_strlcpy(prov.claim_email, "email", sizeof prov.claim_email);
  mc_strlcpy(prov.claim_assurance, "acr", sizeof prov.claim_assurance);
  mc_strlcpy(prov.link_claim, "preferred_username", sizeof prov.link_claim);
  mc_strlcpy(prov.assurance_map[0].value, "urn:vneid:loa:2", sizeof prov.assurance_map[0].value);
  prov.assurance_map[0].level = 2;
  prov.nassurance = 1;
  prov.staff = true;
  return 0;
}

/* header.payload signed with our own key (the provider's side). */
static char *sign(EVP_PKEY *k, const char *header, const uint8_t *payload, size_t plen) {
  char *h = b64((const unsigned char *)header, strlen(header)), *p = b64(payload, plen);
  size_t in_len = strlen(h) + 1 + strlen(p);
  char *input = malloc(in_len + 1);
  snprintf(input, in_len + 1, "%s.%s", h, p);
  free(h);
  free(p);
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  unsigned char sig[512], raw[64];
  size_t slen = sizeof sig;
  if (EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, k) != 1 ||
      EVP_DigestSign(md, sig, &slen, (const unsigned char *)input, in_len) != 1)
    abort();
  EVP_MD_CTX_free(md);
  const unsigned char *sp = sig;
  size_t rlen = slen;
  if (k == ec) {
    const unsigned char *q = sig;
    ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &q, (long)slen);
    BN_bn2binpad(ECDSA_SIG_get0_r(es), raw, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), raw + 32, 32);
    ECDSA_SIG_free(es);
    sp = raw;
    rlen = 64;
  }
  char *s = b64(sp, rlen);
  char *tok = malloc(in_len + strlen(s) + 2);
  snprintf(tok, in_len + strlen(s) + 2, "%s.%s", input, s);
  free(input);
  free(s);
  return tok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > MC_JWT_MAX_BYTES + 16) return 0;
  mc_arena *a = mc_arena_new(16 << 20);
  mc_jwt jwt;
  mc_err err = {0};
  char *tok;
  bool signed_by_us = data[0] & 1;
  if (signed_by_us) {
    /* The payload bytes, signed properly: valid exactly when they are a JSON object. */
    tok = sign(data[0] & 2 ? ec : rsa, data[0] & 2 ? "{\"alg\":\"ES256\",\"kid\":\"e1\"}" : "{\"alg\":\"RS256\",\"kid\":\"r1\"}",
               data + 1, size - 1);
  } else {
    tok = malloc(size);
    memcpy(tok, data + 1, size - 1);
    tok[size - 1] = 0;
  }
  mc_rc rc = mc_jwt_verify(a, tok, jwks, MC_JWT_RS256 | MC_JWT_ES256, &jwt, &err);
  if (signed_by_us) {
    json_t *obj = size - 1 <= 8192 ? json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, NULL) : NULL;
    bool want = json_is_object(obj) && strlen(tok) <= MC_JWT_MAX_BYTES;
    json_decref(obj);
    FUZZ_CHECK((rc == MC_OK) == want);
  } else {
    FUZZ_CHECK(rc != MC_OK);     /* the fuzzer cannot sign with our keys */
  }
  FUZZ_CHECK(rc == MC_OK || (rc == MC_EUNAUTH && strncmp(err.code, "oidc.", 5) == 0));
  mc_err_clear(&err);
  /* The claim rules and the mapping run on whatever JSON object the token held. */
  const json_t *claims = jwt.claims;
  json_t *parsed = NULL;
  if (!claims) claims = parsed = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, NULL);
  if (json_is_object(claims)) {
    mc_jwt_expect x = {.issuer = "https://sso.example", .audience = "motcua", .nonce = "n", .now = 1800000000};
    rc = mc_jwt_check_claims(claims, &x, &err);
    FUZZ_CHECK(rc == MC_OK || (rc == MC_EUNAUTH && strncmp(err.code, "oidc.", 5) == 0));
    mc_err_clear(&err);
    mc_oidc_profile p;
    rc = mc_oidc_map_claims(a, &prov, claims, claims, &p, &err);
    if (rc == MC_OK) {
      FUZZ_CHECK(p.sub && p.sub[0] && mc_utf8_len(p.sub) <= 255);
      FUZZ_CHECK(!p.id_number || strlen(p.id_number) == 12);
      FUZZ_CHECK(!p.full_name || mc_utf8_len(p.full_name) <= 200);
      FUZZ_CHECK(!p.phone || mc_utf8_len(p.phone) <= 20);
      FUZZ_CHECK(p.assurance >= 0 && p.assurance <= 9);
    }
    fuzz_check_err(rc, &err);
  }
  json_decref(parsed);
  mc_arena_free(a);
  free(tok);
  return 0;
}
