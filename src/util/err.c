/* err.c — filling and mapping mc_err (see err.h). */
#include "util/err.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

mc_rc mc_fail(mc_err *err, mc_rc rc, const char *code, const char *field,
              const char *fmt, ...) {
  if (!err) return rc;
  /* The first failure wins: callers further up may add context but not replace it. */
  if (err->rc != MC_OK) return rc;
  err->rc = rc;
  snprintf(err->code, sizeof err->code, "%s", code ? code : "error");
  snprintf(err->field, sizeof err->field, "%s", field ? field : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return rc;
}

void mc_err_detail(mc_err *err, const char *key, json_t *value) {
  if (!err) { json_decref(value); return; }
  if (!err->detail) err->detail = json_object();
  json_object_set_new(err->detail, key, value);
}

void mc_err_clear(mc_err *err) {
  if (!err) return;
  json_decref(err->detail);
  memset(err, 0, sizeof *err);
}

static const struct { int status; const char *name; } rc_table[MC_RC_COUNT] = {
  [MC_OK] = {200, "ok"},
  [MC_EINVAL] = {400, "invalid"},
  [MC_ENOTFOUND] = {404, "not_found"},
  [MC_ECONFLICT] = {409, "conflict"},
  [MC_EUNAUTH] = {401, "unauthenticated"},
  [MC_EFORBIDDEN] = {403, "forbidden"},
  [MC_ETOOBIG] = {413, "too_large"},
  [MC_EUNSUPPORTED] = {415, "unsupported"},
  [MC_EDB] = {500, "storage"},
  [MC_ENOMEM] = {500, "no_memory"},
  [MC_EIO] = {500, "io"},
  [MC_EINTERNAL] = {500, "internal"},
  [MC_EBUSY] = {503, "busy"},
};

int mc_rc_http_status(mc_rc rc) {
  return (rc >= 0 && rc < MC_RC_COUNT) ? rc_table[rc].status : 500;
}

const char *mc_rc_name(mc_rc rc) {
  return (rc >= 0 && rc < MC_RC_COUNT) ? rc_table[rc].name : "internal";
}
