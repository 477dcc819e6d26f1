/* log.h — one-line logs to stderr: time, level, message. Never pass secrets,
 * passwords, tokens or citizens' ID numbers: log ids, not contents.          */
#pragma once

typedef enum { MC_LOG_DEBUG, MC_LOG_INFO, MC_LOG_WARN, MC_LOG_ERROR } mc_log_level;

void mc_log_set_level(mc_log_level l);
void mc_log(mc_log_level l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define mc_debug(...) mc_log(MC_LOG_DEBUG, __VA_ARGS__)
#define mc_info(...) mc_log(MC_LOG_INFO, __VA_ARGS__)
#define mc_warn(...) mc_log(MC_LOG_WARN, __VA_ARGS__)
#define mc_error(...) mc_log(MC_LOG_ERROR, __VA_ARGS__)
