/* cli.h — the motcua command line: one descriptor per subcommand.
 * To add a command: write cmd_<name>.c with `int cmd_<name>(mc_cli *c)`,
 * declare it here, add a row to the table in commands.c and the file to
 * meson.build. Commands parse their own options with getopt_long, print
 * results to stdout, errors as "motcua <cmd>: <message>" to stderr, and
 * return 0 (ok), 1 (failed) or 2 (wrong usage). */
#pragma once
#include <stdbool.h>
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct mc_cli {
  const char *db_url;
  int argc;          /* argv[0] is the command name */
  char **argv;
  mc_arena *arena;
} mc_cli;

typedef struct mc_command {
  const char *name;
  int (*fn)(mc_cli *c);
  const char *summary;
  const char *usage;     /* printed by --help and on wrong usage */
} mc_command;

extern const mc_command mc_commands[];

/* Open the database and apply pending migrations; prints the error and returns NULL. */
mc_db *mc_cli_open_db(mc_cli *c, const char *cmd);
/* Print an mc_err as "motcua CMD: message [field]" and return 1 (2 for MC_EINVAL usage). */
int mc_cli_fail(const char *cmd, const mc_err *err);
int mc_cli_usage(const char *cmd);      /* prints the command's usage to stderr; returns 2 */
bool mc_cli_wants_help(mc_cli *c);      /* argv has -h/--help: usage printed to stdout */

int cmd_serve(mc_cli *c);
int cmd_init(mc_cli *c);
int cmd_migrate(mc_cli *c);
int cmd_user(mc_cli *c);
int cmd_import(mc_cli *c);
int cmd_export(mc_cli *c);
int cmd_demo(mc_cli *c);
int cmd_calendar(mc_cli *c);
int cmd_migrate_store(mc_cli *c);
int cmd_audit(mc_cli *c);
int cmd_auth(mc_cli *c);
int cmd_index(mc_cli *c);
int cmd_simulate(mc_cli *c);
int cmd_slip(mc_cli *c);
