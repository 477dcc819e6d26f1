/* totp.h — time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) and
 * the base32 text form of their secrets (RFC 4648), as authenticator apps use:
 * HMAC-SHA1, 6 digits, 30-second steps by default.                          */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { MC_TOTP_SHA1, MC_TOTP_SHA256, MC_TOTP_SHA512 } mc_totp_alg;

enum { MC_TOTP_STEP = 30, MC_TOTP_DIGITS = 6, MC_TOTP_SECRET_BYTES = 20, MC_TOTP_KEY_MAX = 64 };

/* HOTP value of counter (digits 6–8). */
uint32_t mc_hotp(const unsigned char *key, size_t keylen, mc_totp_alg alg, uint64_t counter, int digits);
/* TOTP value at Unix time t with the given step (RFC 6238 T0 = 0). */
uint32_t mc_totp(const unsigned char *key, size_t keylen, mc_totp_alg alg, int64_t t, int step, int digits);
/* Check a 6-digit code typed by a person at time t within ±window steps, only
 * for steps after *last_step (replay protection); on success *last_step is the
 * matched step. Constant work whatever matches. */
bool mc_totp_check(const unsigned char *key, size_t keylen, const char *code, int64_t t, int window,
                   int64_t *last_step);

/* RFC 4648 base32 without padding. encode: out needs 8*ceil(n/5)+1 bytes.
 * decode: ignores spaces and case, accepts '=' padding; false on bad input. */
void mc_base32_encode(const unsigned char *in, size_t n, char *out, size_t outsz);
bool mc_base32_decode(const char *in, unsigned char *out, size_t outsz, size_t *outlen);
