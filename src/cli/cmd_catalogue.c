/* cmd_catalogue.c — `motcua import`, `export` and `demo` (owned by the catalogue module). */
#include "cli/cli.h"
#include <stdio.h>

int cmd_import(mc_cli *c) { fprintf(stderr, "motcua import: not built yet\n"); return 1; }
int cmd_export(mc_cli *c) { fprintf(stderr, "motcua export: not built yet\n"); return 1; }
int cmd_demo(mc_cli *c) { fprintf(stderr, "motcua demo: not built yet\n"); return 1; }
