/* commands.c — the table of subcommands and the helpers they share. */
#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

const mc_command mc_commands[] = {
  {"serve", cmd_serve, "run the HTTP server",
   "motcua [--db URL] serve [--config FILE] [--port N] [--bind ADDR] [--threads N] [--web DIR] [--data DIR] [--port-file F]"},
  {"init", cmd_init, "create the database (applies every migration)", "motcua [--db URL] init"},
  {"migrate", cmd_migrate, "apply pending migrations", "motcua [--db URL] migrate"},
  {"migrate-store", cmd_migrate_store, "copy the province to another storage and verify it",
   "motcua migrate-store --from sqlite:PATH --to postgresql://USER@HOST:PORT/DB"},
  {"import", cmd_import, "import units, procedures or calendar overrides from CSV or JSON",
   "motcua [--db URL] import units|procedures|calendar FILE [--format csv|json]"},
  {"export", cmd_export, "export units or procedures as CSV or JSON",
   "motcua [--db URL] export units|procedures [--format csv|json] [--out FILE]"},
  {"demo", cmd_demo, "load the demo province (units, catalogue, calendar, users)",
   "motcua [--db URL] demo"},
  {"user", cmd_user, "manage accounts",
   "motcua [--db URL] user add --username U --role R [--unit CODE] [--name NAME] [--password-stdin]\n"
   "       motcua [--db URL] user list\n"
   "       motcua [--db URL] user passwd --username U [--password-stdin]"},
  {"calendar", cmd_calendar, "working days, solar/lunar conversion, deadlines",
   "motcua [--db URL] calendar days FROM TO | lunar DATE | solar LUNAR_DATE | deadline START AMOUNT UNIT"},
  {"audit", cmd_audit, "check the audit log's hash chain, print its head, list entries",
   "motcua [--db URL] audit verify [--anchor SEQ:HASH] | head | show [--dossier CODE | --user USERNAME] [--limit N]"},
  {"auth", cmd_auth, "account security: unlock, TOTP reset, reset code, mail outbox, config check",
   "motcua [--db URL] auth unlock|totp-reset|reset-token --username U | outbox [--take] | check-config FILE"},
  {"index", cmd_index, "the Decision-766 service index of a unit: table, CSV, XLSX", "motcua [--db URL] index [--unit CODE] [--period 2025|2025-Q3|2025-07|2025-W27 | --from D --to D] [--procedure CODE] [--edition E] [--rollup as_of|successor] [--ranking] [--csv FILE] [--xlsx FILE]\n       motcua [--db URL] index verify [--repair] [--max-diffs N] [--max-buckets N]   (the index equals a recount from the dossiers; --repair rebuilds it)"},
  {"simulate", cmd_simulate, "write a reproducible synthetic history of dossiers (demos, benchmarks)",
   "motcua [--db URL] simulate [--seed N] [--dossiers N] [--from DATE] [--to DATE] [--now TIME] [--rates FILE] [--batch N] [--data DIR] [--engine] [--index count|rebuild|record] [--growth X] [--zipf X] [--quiet] [--json]\n"
   "       motcua simulate --print-rates\n"
   "       motcua [--db URL] simulate --check   (events replay to the rows; the 766 index equals a recount)"},
  {"slip", cmd_slip, "print a legal slip of a dossier (01–06) or a unit's register (07) as PDF",
   "motcua [--db URL] slip CODE 01|02|03|04|05|06 [--out FILE]\n       motcua [--db URL] slip UNIT 07 [--from DATE] [--to DATE] [--out FILE]"},
  {NULL, NULL, NULL, NULL},
};

int mc_cli_fail(const char *cmd, const mc_err *err) {
  if (err->field[0]) fprintf(stderr, "motcua %s: %s [%s: %s]\n", cmd, err->message, err->code, err->field);
  else fprintf(stderr, "motcua %s: %s [%s]\n", cmd, err->message, err->code);
  return 1;
}

int mc_cli_usage(const char *cmd) {
  for (const mc_command *c = mc_commands; c->name; c++)
    if (strcmp(c->name, cmd) == 0) fprintf(stderr, "usage: %s\n", c->usage);
  return 2;
}

bool mc_cli_wants_help(mc_cli *c) {
  for (int i = 1; i < c->argc; i++) {
    if (strcmp(c->argv[i], "--help") == 0 || strcmp(c->argv[i], "-h") == 0) {
      for (const mc_command *m = mc_commands; m->name; m++)
        if (strcmp(m->name, c->argv[0]) == 0) printf("%s — %s\nusage: %s\n", m->name, m->summary, m->usage);
      return true;
    }
  }
  return false;
}

mc_db *mc_cli_open_db(mc_cli *c, const char *cmd) {
  mc_err err = {0};
  mc_db *db = NULL;
  if (mc_db_open(c->db_url, &db, &err) || mc_db_migrate(db, NULL, &err)) {
    mc_cli_fail(cmd, &err);
    mc_err_clear(&err);
    mc_db_close(db);
    return NULL;
  }
  return db;
}
