/* main.c — `motcua [--db URL] COMMAND [ARGS]`: global options, then dispatch
 * to the command table (commands.c). */
#include "cli/cli.h"
#include "util/arena.h"
#include "util/log.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f) {
  fprintf(f, "motcua — a province's one-stop public-service platform\n\n"
             "usage: motcua [--db URL] [--verbose] COMMAND [ARGS]\n\n"
             "  --db URL   sqlite:PATH or PATH (default: $MOTCUA_DB or var/motcua.db)\n\ncommands:\n");
  for (const mc_command *c = mc_commands; c->name; c++) fprintf(f, "  %-10s %s\n", c->name, c->summary);
  fprintf(f, "\n`motcua COMMAND --help` shows a command's options.\n");
}

int main(int argc, char **argv) {
  const char *db = getenv("MOTCUA_DB");
  if (!db || !*db) db = "var/motcua.db";
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db = argv[++i];
    else if (strncmp(argv[i], "--db=", 5) == 0) db = argv[i] + 5;
    else if (strcmp(argv[i], "--verbose") == 0) mc_log_set_level(MC_LOG_DEBUG);
    else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { usage(stdout); return 0; }
    else { fprintf(stderr, "motcua: unknown option %s\n\n", argv[i]); usage(stderr); return 2; }
  }
  if (i >= argc) { usage(stderr); return 2; }
  for (const mc_command *c = mc_commands; c->name; c++) {
    if (strcmp(c->name, argv[i]) != 0) continue;
    mc_cli cli = {.db_url = db, .argc = argc - i, .argv = argv + i, .arena = mc_arena_new(0)};
    if (mc_cli_wants_help(&cli)) { mc_arena_free(cli.arena); return 0; }
    int rc = c->fn(&cli);
    mc_arena_free(cli.arena);
    return rc;
  }
  fprintf(stderr, "motcua: unknown command \"%s\"\n\n", argv[i]);
  usage(stderr);
  return 2;
}
