/* sec_http.h — helpers of the security tests: seed accounts through the core,
 * start a server with a configuration file, and HTTP calls that show the
 * response headers and carry cookies and CSRF tokens explicitly. */
#pragma once
#include <jansson.h>
#include "harness.h"

enum { SEC_PW_LEN = 10 };
#define SEC_PW "mat-khau-1"

/* Write text as a configuration file (mode 0600) in a fresh folder; sets
 * MOTCUA_CONFIG for servers started afterwards. Returns the path. */
const char *sec_config(const char *text);
/* Units T.A (province) > T.B (commune), T.C (commune); accounts admin1 (T.A),
 * officer1 (T.B), officer2 (T.C), leader1 (T.A, unit_leader), citizen1,
 * citizen2 (with e-mail addresses), all with password SEC_PW. */
void sec_seed(th_server *s);

/* A free loopback port, kept bound by *held until the caller closes it. */
int sec_free_port(int *held);
/* Start `motcua serve` on a given port (over an empty database), as
 * th_server_start does; stop it with th_server_stop. */
th_server *sec_server_start(int port);

typedef struct sec_resp {
  long status;
  json_t *body;          /* parsed JSON, or a JSON string of the raw body */
  char headers[16384];   /* raw response headers */
} sec_resp;

typedef struct sec_opts {
  const char *cookie;    /* "name=value" */
  const char *csrf;      /* X-CSRF-Token */
  const char *bearer;
  const char *body;      /* JSON */
  const char *extra;     /* one more raw header line */
} sec_opts;

sec_resp *sec_call(th_server *s, const char *method, const char *path, const sec_opts *o);
void sec_free(sec_resp *r);
/* First header value by name (case-insensitive), copied; NULL if absent. */
char *sec_header(const sec_resp *r, const char *name);
/* The Set-Cookie line for a cookie name, or NULL. */
char *sec_set_cookie(const sec_resp *r, const char *name);
/* "name=value" from that Set-Cookie line (for sending back), or NULL. */
char *sec_cookie_pair(const sec_resp *r, const char *name);
const char *sec_str(const sec_resp *r, const char *key);
const char *sec_error(const sec_resp *r);
