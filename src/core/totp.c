/* totp.c — RFC 4226 HOTP / RFC 6238 TOTP and RFC 4648 base32 (see totp.h). */
#include "core/totp.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

uint32_t mc_hotp(const unsigned char *key, size_t keylen, mc_totp_alg alg, uint64_t counter, int digits) {
  unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
  unsigned int maclen = 0;
  for (int i = 7; i >= 0; i--) { msg[i] = (unsigned char)(counter & 0xff); counter >>= 8; }
  const EVP_MD *md = alg == MC_TOTP_SHA512 ? EVP_sha512() : alg == MC_TOTP_SHA256 ? EVP_sha256() : EVP_sha1();
  if (!HMAC(md, key, (int)keylen, msg, sizeof msg, mac, &maclen) || maclen < 20) return 0;
  unsigned off = mac[maclen - 1] & 0x0f;
  uint32_t bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
                 ((uint32_t)mac[off + 2] << 8) | (uint32_t)mac[off + 3];
  uint32_t mod = 1;
  for (int i = 0; i < digits && i < 9; i++) mod *= 10;
  return bin % mod;
}

uint32_t mc_totp(const unsigned char *key, size_t keylen, mc_totp_alg alg, int64_t t, int step, int digits) {
  if (t < 0 || step <= 0) return 0;
  return mc_hotp(key, keylen, alg, (uint64_t)(t / step), digits);
}

bool mc_totp_check(const unsigned char *key, size_t keylen, const char *code, int64_t t, int window,
                   int64_t *last_step) {
  if (!code || strlen(code) != MC_TOTP_DIGITS || t < 0) return false;
  uint32_t want = 0;
  for (const char *p = code; *p; p++) {
    if (*p < '0' || *p > '9') return false;
    want = want * 10 + (uint32_t)(*p - '0');
  }
  int64_t now_step = t / MC_TOTP_STEP, matched = -1;
  for (int64_t s = now_step - window; s <= now_step + window; s++) {
    if (s < 0) continue;
    uint32_t got = mc_hotp(key, keylen, MC_TOTP_SHA1, (uint64_t)s, MC_TOTP_DIGITS);
    /* Branch-free compare; keep scanning so timing does not reveal which step matched. */
    uint32_t diff = got ^ want;
    int64_t hit = (int64_t)((diff | (0u - diff)) >> 31) - 1;   /* -1 when equal, 0 otherwise */
    matched = (matched & ~hit) | (s & hit);
  }
  if (matched < 0 || matched <= *last_step) return false;
  *last_step = matched;
  return true;
}

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void mc_base32_encode(const unsigned char *in, size_t n, char *out, size_t outsz) {
  size_t o = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; i++) {
    acc = (acc << 8) | in[i];
    bits += 8;
    while (bits >= 5 && o + 1 < outsz) { out[o++] = B32[(acc >> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0 && o + 1 < outsz) out[o++] = B32[(acc << (5 - bits)) & 31];
  if (outsz) out[o] = 0;
}

bool mc_base32_decode(const char *in, unsigned char *out, size_t outsz, size_t *outlen) {
  uint32_t acc = 0;
  int bits = 0;
  size_t o = 0;
  bool padding = false;
  for (const char *p = in; *p; p++) {
    char c = *p;
    if (c == ' ' || c == '-') continue;
    if (c == '=') { padding = true; continue; }
    if (padding) return false;
    if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    const char *k = strchr(B32, c);
    if (!k || !c) return false;
    acc = (acc << 5) | (uint32_t)(k - B32);
    bits += 5;
    if (bits >= 8) {
      if (o >= outsz) return false;
      out[o++] = (unsigned char)((acc >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  *outlen = o;
  return true;
}
