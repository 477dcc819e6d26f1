/* cmd_auth.c — `motcua auth …`: the operator's account actions (unlock, TOTP
 * reset, one-time reset code), the outbox a mail relay drains, and a check of
 * a configuration file before deploying it. */
#include "cli/cli.h"
#include "core/auth.h"
#include "core/config.h"
#include "util/time.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *username_opt(mc_cli *c) {
  static const struct option opts[] = {{"username", required_argument, 0, 'u'}, {0, 0, 0, 0}};
  const char *u = NULL;
  int o;
  optind = 2;
  while ((o = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
    if (o != 'u') return NULL;
    u = optarg;
  }
  return optind < c->argc ? NULL : u;
}

static int check_config(mc_cli *c) {
  if (c->argc != 3) return mc_cli_usage("auth");
  mc_config cfg;
  mc_err err = {0};
  mc_config_defaults(&cfg);
  if (mc_config_load(&cfg, c->argv[2], &err)) {
    int ret = mc_cli_fail("auth", &err);
    mc_err_clear(&err);
    mc_config_release(&cfg);
    return ret;
  }
  printf("%s: ok (cookie_secure %s, lockout after %d failures for %d s, %d OpenID provider%s)\n", c->argv[2],
         cfg.cookie_secure ? "on" : "off", cfg.lockout_threshold, cfg.lockout_seconds, cfg.nproviders,
         cfg.nproviders == 1 ? "" : "s");
  for (int i = 0; i < cfg.nproviders; i++) {
    const mc_oidc_provider *p = &cfg.providers[i];
    printf("  [oidc.%s] %s, %s mode%s, client secret %s\n", p->name, p->issuer, p->staff ? "staff" : "citizen",
           p->vneid ? ", VNeID" : "", p->client_secret ? "read" : "none");
  }
  mc_config_release(&cfg);
  return 0;
}

/* Print pending messages as JSON lines; with --take, remove them (the relay
 * has taken them over). */
static int outbox(mc_cli *c, mc_db *db) {
  bool take = c->argc == 3 && !strcmp(c->argv[2], "--take");
  if (c->argc > 3 || (c->argc == 3 && !take)) return mc_cli_usage("auth");
  mc_err err = {0};
  mc_stmt *st = mc_db_prep(db, "users.outbox_list", &err, "ii", (int64_t)mc_now(), (int64_t)1000);
  json_t *ids = json_array();
  int r = -1;
  while (st && (r = mc_stmt_next(st, &err)) > 0) {
    json_t *row = mc_row_json(st);
    char *line = json_dumps(row, JSON_COMPACT);
    if (line) puts(line);
    json_array_append(ids, json_object_get(row, "id"));
    free(line);
    json_decref(row);
  }
  size_t i;
  json_t *id;
  json_array_foreach(ids, i, id) {
    if (r < 0 || !take) break;
    if (mc_db_exec(db, "users.outbox_delete", &err, "i", (int64_t)json_integer_value(id))) r = -1;
  }
  json_decref(ids);
  int ret = r < 0 ? mc_cli_fail("auth", &err) : 0;
  mc_err_clear(&err);
  return ret;
}

int cmd_auth(mc_cli *c) {
  if (c->argc < 2) return mc_cli_usage("auth");
  const char *sub = c->argv[1];
  if (!strcmp(sub, "check-config")) return check_config(c);
  bool known = !strcmp(sub, "unlock") || !strcmp(sub, "totp-reset") || !strcmp(sub, "reset-token") ||
               !strcmp(sub, "outbox");
  if (!known) return mc_cli_usage("auth");
  const char *user = NULL;
  if (strcmp(sub, "outbox") != 0 && !(user = username_opt(c))) return mc_cli_usage("auth");
  mc_db *db = mc_cli_open_db(c, "auth");
  if (!db) return 1;
  mc_err err = {0};
  mc_rc rc = MC_OK;
  int ret = 0;
  if (!strcmp(sub, "outbox")) {
    ret = outbox(c, db);
  } else if (!strcmp(sub, "unlock")) {
    if (!(rc = mc_auth_unlock(db, NULL, user, &err))) printf("%s unlocked\n", user);
  } else if (!strcmp(sub, "totp-reset")) {
    if (!(rc = mc_totp_reset(db, NULL, user, &err))) printf("two-step login of %s removed\n", user);
  } else {
    const char *token;
    if (!(rc = mc_auth_reset_issue(db, c->arena, NULL, user, &token, &err)))
      printf("one-time reset code for %s (valid %d minutes; give it to the person only):\n%s\n", user,
             mc_config_current()->reset_ttl / 60, token);
  }
  if (rc) ret = mc_cli_fail("auth", &err);
  mc_err_clear(&err);
  mc_db_close(db);
  return ret;
}
