/* log.c — stderr logger (see log.h). */
#include "util/log.h"
#include "util/time.h"
#include <stdarg.h>
#include <stdio.h>

static mc_log_level level = MC_LOG_INFO;

void mc_log_set_level(mc_log_level l) { level = l; }

void mc_log(mc_log_level l, const char *fmt, ...) {
  if (l < level) return;
  static const char *names[] = {"debug", "info", "warn", "error"};
  char ts[32], line[2048];
  mc_time_format(mc_now(), ts, sizeof ts);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  fprintf(stderr, "%s %s %s\n", ts, names[l], line);
}
