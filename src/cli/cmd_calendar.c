/* cmd_calendar.c — `motcua calendar` (owned by the calendar module). */
#include "cli/cli.h"
#include <stdio.h>

int cmd_calendar(mc_cli *c) { fprintf(stderr, "motcua calendar: not built yet\n"); return 1; }
