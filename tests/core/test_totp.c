/* test_totp.c — RFC 6238 (TOTP, appendix B) and RFC 4226 (HOTP, appendix D)
 * test vectors, the ±1-step window, replay protection, and RFC 4648 base32. */
#include <criterion/criterion.h>
#include <string.h>
#include "core/totp.h"

static const unsigned char K1[] = "12345678901234567890";
static const unsigned char K256[] = "12345678901234567890123456789012";
static const unsigned char K512[] = "1234567890123456789012345678901234567890123456789012345678901234";

Test(totp, rfc6238_vectors) {
  static const struct { int64_t t; uint32_t sha1, sha256, sha512; } v[] = {
    {59, 94287082, 46119246, 90693936},
    {1111111109, 7081804, 68084774, 25091201},
    {1111111111, 14050471, 67062674, 99943326},
    {1234567890, 89005924, 91819424, 93441116},
    {2000000000, 69279037, 90698825, 38618901},
    {20000000000, 65353130, 77737706, 47863826},
  };
  for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
    cr_assert_eq(mc_totp(K1, 20, MC_TOTP_SHA1, v[i].t, 30, 8), v[i].sha1, "SHA1 at %lld", (long long)v[i].t);
    cr_assert_eq(mc_totp(K256, 32, MC_TOTP_SHA256, v[i].t, 30, 8), v[i].sha256, "SHA256 at %lld", (long long)v[i].t);
    cr_assert_eq(mc_totp(K512, 64, MC_TOTP_SHA512, v[i].t, 30, 8), v[i].sha512, "SHA512 at %lld", (long long)v[i].t);
  }
}

Test(totp, rfc4226_hotp_vectors) {
  static const uint32_t want[] = {755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489};
  for (uint64_t c = 0; c < 10; c++) cr_assert_eq(mc_hotp(K1, 20, MC_TOTP_SHA1, c, 6), want[c], "counter %llu", (unsigned long long)c);
}

Test(totp, check_window_and_replay) {
  /* At t = 59 the 6-digit SHA1 code is the last six digits of 94287082. */
  int64_t last = 0;
  cr_assert(mc_totp_check(K1, 20, "287082", 59, 1, &last));
  cr_assert_eq(last, 1);
  /* The same code again (replay): refused. */
  cr_assert_not(mc_totp_check(K1, 20, "287082", 59, 1, &last));
  /* One step late is accepted (window 1), two steps late is not. */
  int64_t l2 = 0;
  cr_assert(mc_totp_check(K1, 20, "287082", 89, 1, &l2));
  l2 = 0;
  cr_assert_not(mc_totp_check(K1, 20, "287082", 119, 1, &l2));
  /* Malformed codes. */
  l2 = 0;
  cr_assert_not(mc_totp_check(K1, 20, "28708", 59, 1, &l2));
  cr_assert_not(mc_totp_check(K1, 20, "2870822", 59, 1, &l2));
  cr_assert_not(mc_totp_check(K1, 20, "28708a", 59, 1, &l2));
  cr_assert_not(mc_totp_check(K1, 20, "", 59, 1, &l2));
  cr_assert_not(mc_totp_check(K1, 20, NULL, 59, 1, &l2));
  /* An earlier step than the last one used is refused even if the code is right. */
  int64_t l3 = 5;
  cr_assert_not(mc_totp_check(K1, 20, "287082", 59, 1, &l3));
}

Test(totp, base32_rfc4648) {
  static const struct { const char *in, *out; } v[] = {
    {"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
    {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"},
  };
  for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
    char enc[32];
    mc_base32_encode((const unsigned char *)v[i].in, strlen(v[i].in), enc, sizeof enc);
    cr_assert_str_eq(enc, v[i].out);
    unsigned char dec[32];
    size_t n;
    cr_assert(mc_base32_decode(v[i].out, dec, sizeof dec, &n));
    cr_assert_eq(n, strlen(v[i].in));
    cr_assert_eq(memcmp(dec, v[i].in, n), 0);
  }
  unsigned char dec[32];
  size_t n;
  cr_assert(mc_base32_decode("mzxw 6ytb oi======", dec, sizeof dec, &n), "case, spaces and padding");
  cr_assert_eq(n, 6);
  cr_assert_not(mc_base32_decode("MZXW1", dec, sizeof dec, &n), "1 is not a base32 digit");
  cr_assert_not(mc_base32_decode("MY==MY", dec, sizeof dec, &n), "data after padding");
  cr_assert_not(mc_base32_decode("MZXW6YTBOI", dec, 3, &n), "output too small");
}
