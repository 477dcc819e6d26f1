/* fuzz_config.c — the INI configuration parser: any bytes. Invariants: no
 * crash; success leaves every number within its documented range and at most
 * MC_OIDC_MAX providers, each complete; failure names a line (but for a
 * text too large or not UTF-8). Finding fixed: a provider section's own
 * errors (missing issuer, scope without openid) did not name its line. */
#include <stdint.h>
#include <string.h>
#include "core/config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mc_config c;
  mc_err err = {0};
  mc_config_defaults(&c);
  mc_rc rc = mc_config_parse(&c, (const char *)data, size, &err);
  if (rc == MC_OK) {
    FUZZ_CHECK(c.nproviders >= 0 && c.nproviders <= MC_OIDC_MAX);
    FUZZ_CHECK(c.header_timeout >= 1 && c.lockout_threshold >= 1 && c.session_ttl >= 60);
    FUZZ_CHECK(c.max_header_bytes >= 4096 && c.max_header_bytes <= (1 << 20));
    for (int i = 0; i < c.nproviders; i++) {
      const mc_oidc_provider *p = &c.providers[i];
      FUZZ_CHECK(p->issuer[0] && p->client_id[0] && p->redirect_uri[0] && strstr(p->scope, "openid"));
      FUZZ_CHECK(p->alg_rs256 || p->alg_es256);
      FUZZ_CHECK(p->nassurance >= 0 && p->nassurance <= MC_ASSURANCE_MAP_MAX);
    }
  } else if (strcmp(err.code, "config.too_large") != 0 &&
             strcmp(err.message, "The configuration is not UTF-8 text.") != 0) {
    FUZZ_CHECK(strstr(err.message, "Line ") != NULL);
  }
  fuzz_check_err(rc, &err);
  mc_config_release(&c);
  return 0;
}
