/* test_config.c — the INI configuration: every section and kind of value,
 * errors that name the line, file permission rules for the configuration and
 * the secret files, and the server key (created 0600 when absent, refused
 * when readable by others or malformed). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/config.h"

static char dir[512];

static void setup(void) {
  const char *base = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  mkdir(base, 0755);
  snprintf(dir, sizeof dir, "%s/config-XXXXXX", base);
  cr_assert(mkdtemp(dir));
}

static void teardown(void) {
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(config, .init = setup, .fini = teardown);

static const char *file(const char *name, const char *text, mode_t mode) {
  static char p[4][700];
  static int k;
  char *path = p[k++ % 4];
  snprintf(path, 700, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs(text, f);
  fclose(f);
  cr_assert_eq(chmod(path, mode), 0);
  return path;
}

static mc_rc parse(mc_config *c, const char *text, mc_err *err) {
  mc_config_defaults(c);
  return mc_config_parse(c, text, strlen(text), err);
}

Test(config, defaults_and_full_file) {
  mc_config c;
  mc_err err = {0};
  mc_config_defaults(&c);
  cr_assert_eq(c.lockout_threshold, 5);
  cr_assert_eq(c.session_ttl, 43200);
  cr_assert_not(c.cookie_secure);
  const char *text =
      "# motcua\n[server]\ncookie_secure = yes\ntrusted_proxy = 127.0.0.1   ; nginx\nheader_timeout=7\n"
      "max_header_bytes = 16384\n\n[auth]\nlockout_threshold = 3\nlockout_seconds = 60\n"
      "[oidc.vneid]\ndisplay_name = VNeID\nissuer = https://sso.example.gov.vn\nclient_id = motcua\n"
      "redirect_uri = https://dvc.example/api/v1/auth/oidc/callback\nvneid = true\nmin_assurance = 2\n"
      "claim.id_number = personal_id\nassurance.urn:vneid:loa:2 = 2\nassurance.urn:vneid:loa:1 = 1\n"
      "token_auth = client_secret_post\nalgs = ES256\n"
      "[oidc.province]\nissuer = https://sso.tinh.example\nclient_id = c2\nredirect_uri = https://x/cb\nmode = staff\n";
  cr_assert_eq(parse(&c, text, &err), MC_OK, "%s", err.message);
  cr_assert(c.cookie_secure);
  cr_assert_str_eq(c.trusted_proxy, "127.0.0.1");
  cr_assert_eq(c.header_timeout, 7);
  cr_assert_eq(c.max_header_bytes, 16384);
  cr_assert_eq(c.lockout_threshold, 3);
  cr_assert_eq(c.nproviders, 2);
  const mc_oidc_provider *v = mc_config_provider(&c, "vneid");
  cr_assert(v && v->vneid && !v->staff && v->post_auth && v->min_assurance == 2);
  cr_assert(v->alg_es256 && !v->alg_rs256);
  cr_assert_str_eq(v->claim_id_number, "personal_id");
  cr_assert_str_eq(v->claim_full_name, "name", "default mapping");
  cr_assert_eq(v->nassurance, 2);
  cr_assert_str_eq(v->assurance_map[0].value, "urn:vneid:loa:2");
  cr_assert_eq(v->assurance_map[0].level, 2);
  const mc_oidc_provider *p = mc_config_provider(&c, "province");
  cr_assert(p && p->staff && !p->vneid);
  cr_assert_str_eq(p->link_claim, "preferred_username");
  cr_assert_null(mc_config_provider(&c, "nope"));
  mc_config_release(&c);
}

static void parse_fails(const char *text, const char *code, const char *needle) {
  mc_config c;
  mc_err err = {0};
  cr_assert_neq(parse(&c, text, &err), MC_OK, "should fail: %s", text);
  cr_assert_str_eq(err.code, code, "%s: %s", text, err.message);
  if (needle) cr_assert(strstr(err.message, needle), "'%s' not in '%s'", needle, err.message);
  mc_err_clear(&err);
  mc_config_release(&c);
}

Test(config, errors_name_the_line) {
  parse_fails("[server]\nno_such = 1\n", "config.unknown_key", "Line 2");
  parse_fails("lockout_threshold = 3\n", "config.syntax", "before any");
  parse_fails("[auth]\nlockout_threshold = many\n", "config.bad_value", "Line 2");
  parse_fails("[auth]\nlockout_threshold = 0\n", "config.bad_value", NULL);
  parse_fails("[server]\ncookie_secure = maybe\n", "config.bad_value", "true or false");
  parse_fails("[nope]\n", "config.syntax", "unknown section");
  parse_fails("[server\n", "config.syntax", NULL);
  parse_fails("[server]\njust text\n", "config.syntax", "Line 2");
  parse_fails("[oidc.Bad!]\n", "config.syntax", NULL);
  parse_fails("[oidc.a]\nissuer = https://x\nclient_id = c\nredirect_uri = https://r\n[oidc.a]\n", "config.syntax", "twice");
  parse_fails("[oidc.a]\nclient_id = c\nredirect_uri = https://r\n", "config.missing", "issuer");
  parse_fails("[oidc.a]\nissuer = https://x\nclient_id = c\nredirect_uri = https://r\nscope = profile\n", "config.bad_value", "openid");
  parse_fails("[oidc.a]\nissuer = https://x\nclient_id = c\nredirect_uri = https://r\nalgs = HS256\n", "config.bad_value", NULL);
  parse_fails("[oidc.a]\nissuer = https://x\nclient_id = c\nredirect_uri = https://r\nmode = god\n", "config.bad_value", NULL);
  char big[3000];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = 0;
  memcpy(big, "[server]\n", 9);
  parse_fails(big, "config.syntax", "longer than");
  mc_config c;
  mc_err err = {0};
  mc_config_defaults(&c);
  cr_assert_neq(mc_config_parse(&c, "[server]\n\0x", 11, &err), MC_OK, "NUL byte");
  mc_err_clear(&err);
}

Test(config, file_permissions) {
  mc_config c;
  mc_err err = {0};
  const char *secret = file("vneid.secret", "s3cr3t-value\n", 0600);
  char text[1200];
  snprintf(text, sizeof text, "[oidc.vneid]\nissuer = https://x\nclient_id = c\nredirect_uri = https://r\nclient_secret_file = %s\n", secret);
  const char *conf = file("motcua.conf", text, 0644);
  mc_config_defaults(&c);
  cr_assert_eq(mc_config_load(&c, conf, &err), MC_OK, "%s", err.message);
  cr_assert_str_eq(c.providers[0].client_secret, "s3cr3t-value", "trailing newline removed");
  mc_config_release(&c);

  /* A secret readable by the group or by others is refused. */
  cr_assert_eq(chmod(secret, 0640), 0);
  mc_config_defaults(&c);
  cr_assert_eq(mc_config_load(&c, conf, &err), MC_EFORBIDDEN);
  cr_assert_str_eq(err.code, "config.bad_permissions");
  cr_assert(strstr(err.message, "chmod 600"), "%s", err.message);
  cr_assert_null(strstr(err.message, "s3cr3t"), "the secret never appears in a message");
  mc_err_clear(&err);
  mc_config_release(&c);
  cr_assert_eq(chmod(secret, 0604), 0);
  mc_config_defaults(&c);
  cr_assert_eq(mc_config_load(&c, conf, &err), MC_EFORBIDDEN);
  mc_err_clear(&err);
  mc_config_release(&c);
  cr_assert_eq(chmod(secret, 0600), 0);

  /* A configuration writable by others is refused; readable is fine. */
  cr_assert_eq(chmod(conf, 0666), 0);
  mc_config_defaults(&c);
  cr_assert_eq(mc_config_load(&c, conf, &err), MC_EFORBIDDEN);
  cr_assert_str_eq(err.code, "config.bad_permissions");
  mc_err_clear(&err);
  mc_config_release(&c);

  /* Missing files and symbolic links. */
  char missing[700];
  snprintf(missing, sizeof missing, "%s/none.conf", dir);
  mc_config_defaults(&c);
  cr_assert_eq(mc_config_load(&c, missing, &err), MC_EIO);
  mc_err_clear(&err);
  char link[700];
  snprintf(link, sizeof link, "%s/link.secret", dir);
  cr_assert_eq(symlink(secret, link), 0);
  char out[64];
  size_t n;
  cr_assert_neq(mc_secret_read(link, out, sizeof out, &n, &err), MC_OK, "symbolic links are not followed");
  mc_err_clear(&err);
  mc_config_release(&c);
}

Test(config, server_key) {
  mc_config c;
  mc_err err = {0};
  char data[600], key[700];
  snprintf(data, sizeof data, "%s/data", dir);
  mkdir(data, 0750);
  mc_config_defaults(&c);
  cr_assert_eq(mc_config_load_key(&c, data, &err), MC_OK, "%s", err.message);
  cr_assert(c.has_key);
  snprintf(key, sizeof key, "%s/keys/secret.key", data);
  struct stat st;
  cr_assert_eq(stat(key, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0600);
  unsigned char first[MC_KEY_BYTES];
  memcpy(first, c.secret_key, sizeof first);
  mc_config_release(&c);
  /* Loading again reads the same key. */
  mc_config_defaults(&c);
  cr_assert_eq(mc_config_load_key(&c, data, &err), MC_OK);
  cr_assert_eq(memcmp(first, c.secret_key, sizeof first), 0);
  mc_config_release(&c);
  /* Too open, or not 32 bytes of hex. */
  cr_assert_eq(chmod(key, 0644), 0);
  mc_config_defaults(&c);
  cr_assert_eq(mc_config_load_key(&c, data, &err), MC_EFORBIDDEN);
  mc_err_clear(&err);
  mc_config_release(&c);
  const char *bad = file("bad.key", "abcd\n", 0600);
  mc_config_defaults(&c);
  mc_config_parse(&c, "", 0, &err);
  snprintf(c.secret_key_file, sizeof c.secret_key_file, "%s", bad);
  cr_assert_eq(mc_config_load_key(&c, data, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "config.bad_key");
  mc_err_clear(&err);
  mc_config_release(&c);
}
