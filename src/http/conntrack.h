/* conntrack.h — per-connection deadlines for slow clients, and the server's
 * housekeeping thread.
 *
 * libmicrohttpd's own timeout counts idle time only, so a client sending one
 * byte every few seconds would hold a connection slot forever. Each
 * connection is tracked with the phase it is in and since when:
 *   HEADERS  waiting for (the rest of) a request's headers — header_timeout
 *   BODY     headers in, reading the body                 — body_timeout
 *   SEND     the response is queued and being delivered    — send_timeout
 * A thread checks every half second and shuts down the socket of any
 * connection over its phase's limit (config.h); libmicrohttpd then closes it.
 * The same thread purges expired sessions, tokens and flows every 10 minutes. */
#pragma once
#include "http/server.h"
#include "util/err.h"

struct MHD_Connection;
typedef struct mc_conntrack mc_conntrack;
typedef enum { MC_PHASE_HEADERS, MC_PHASE_BODY, MC_PHASE_SEND } mc_phase;

mc_rc mc_conntrack_new(mc_app *app, mc_conntrack **out, mc_err *err);
void mc_conntrack_open(mc_conntrack *t, struct MHD_Connection *c, void **socket_context);
void mc_conntrack_close(mc_conntrack *t, void **socket_context);
void mc_conntrack_phase(mc_conntrack *t, struct MHD_Connection *c, mc_phase p);
/* Stop the thread (before the daemon stops); free after the daemon stopped. */
void mc_conntrack_stop(mc_conntrack *t);
void mc_conntrack_free(mc_conntrack *t);
