/* cmd_db.c — `motcua init` and `motcua migrate`. */
#include "cli/cli.h"
#include <stdio.h>
#include <sys/stat.h>

static int run(mc_cli *c, const char *name) {
  if (c->argc != 1) return mc_cli_usage(name);
  mkdir("var", 0750);
  mc_err err = {0};
  mc_db *db;
  int applied = 0;
  if (mc_db_open(c->db_url, &db, &err)) return mc_cli_fail(name, &err);
  if (mc_db_migrate(db, &applied, &err)) { mc_db_close(db); return mc_cli_fail(name, &err); }
  printf("%s: schema version %d (%d migration%s applied)\n", c->db_url, mc_db_schema_version(db),
         applied, applied == 1 ? "" : "s");
  mc_db_close(db);
  return 0;
}

int cmd_init(mc_cli *c) { return run(c, "init"); }
int cmd_migrate(mc_cli *c) { return run(c, "migrate"); }
