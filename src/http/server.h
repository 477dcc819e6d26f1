/* server.h — the HTTP server (libmicrohttpd) and the application context. */
#pragma once
#include <stdint.h>
#include "store/db.h"
#include "util/err.h"

typedef struct mc_app {
  mc_dbpool *pool;
  const char *db_url;
  const char *data_dir;      /* attachments and generated documents live here */
  const char *web_dir;       /* static front end (NULL = none) */
  int threads;
} mc_app;

typedef struct mc_server mc_server;

/* port 0 picks a free port; *bound_port tells which. */
mc_rc mc_server_start(mc_app *app, const char *bind_addr, int port, int *bound_port,
                      mc_server **out, mc_err *err);
void mc_server_stop(mc_server *s);
