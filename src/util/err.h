/* err.h — the one error convention of motcua.
 *
 * Every fallible function returns mc_rc (MC_OK == 0) and, when given a non-NULL
 * mc_err*, fills it with a stable machine code ("dossier.invalid_transition"),
 * a message a person understands, and optionally the offending field. The HTTP
 * layer turns an mc_err into {"error":{"code","message","field"}} with the
 * status from mc_rc_http_status(); the CLI prints "motcua: <message>".
 * Pattern:   if ((rc = f(..., err))) return rc;                                */
#pragma once
#include <jansson.h>

typedef enum mc_rc {
  MC_OK = 0,
  MC_EINVAL,       /* bad input: 400 / 422 */
  MC_ENOTFOUND,    /* 404 */
  MC_ECONFLICT,    /* state conflict, invalid transition, duplicate: 409 */
  MC_EUNAUTH,      /* not logged in: 401 */
  MC_EFORBIDDEN,   /* logged in, not allowed: 403 */
  MC_ETOOBIG,      /* over a size limit: 413 */
  MC_EUNSUPPORTED, /* media type / method: 415 / 405 */
  MC_EDB,          /* storage failure (text logged, never shown): 500 */
  MC_ENOMEM,       /* 500 */
  MC_EIO,          /* file or network I/O: 500 */
  MC_EINTERNAL,    /* bug: 500 */
  MC_EBUSY,        /* try again: 503 */
  MC_RC_COUNT
} mc_rc;

enum { MC_ERR_CODE_MAX = 64, MC_ERR_MSG_MAX = 512, MC_ERR_FIELD_MAX = 128 };

typedef struct mc_err {
  mc_rc rc;
  char code[MC_ERR_CODE_MAX];
  char message[MC_ERR_MSG_MAX];
  char field[MC_ERR_FIELD_MAX];
  json_t *detail;   /* optional extra members (owned; e.g. "allowed": [...]) */
} mc_err;

/* Fill err (if non-NULL) and return rc. code is a stable dotted identifier. */
mc_rc mc_fail(mc_err *err, mc_rc rc, const char *code, const char *field,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Attach a detail member (steals the reference to value). */
void mc_err_detail(mc_err *err, const char *key, json_t *value);
void mc_err_clear(mc_err *err);
int mc_rc_http_status(mc_rc rc);
const char *mc_rc_name(mc_rc rc);
