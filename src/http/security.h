/* security.h — the HTTP side of authentication and abuse limits:
 * the session cookie, the client's address, login throttling.
 *
 * Session cookie: "motcua_session" (or "__Host-motcua_session" with
 * cookie_secure), HttpOnly, SameSite=Strict, Path=/, Max-Age = session_ttl,
 * Secure behind TLS. A cookie-authenticated POST/PUT/PATCH/DELETE must carry
 * X-CSRF-Token (the value login and /auth/me return), else 403 auth.csrf;
 * requests with "Authorization: Bearer" are exempt (no ambient credential). */
#pragma once
#include <stdbool.h>
#include "http/route.h"

enum { MC_THROTTLE_SLOTS = 4096 };

/* The client's address: the peer, or X-Real-IP when the peer is the
 * configured trusted proxy. Never NULL. */
const char *mc_req_client(mc_req *r);
/* True when the request authenticated with the session cookie (not a bearer header). */
bool mc_req_cookie_auth(mc_req *r);
/* A request cookie by name, or NULL. */
const char *mc_req_cookie(mc_req *r, const char *name);
/* The session token the client sent (bearer or cookie), or NULL. */
const char *mc_req_session_token(mc_req *r);

const char *mc_session_cookie_name(void);
void mc_reply_session_cookie(mc_req *r, const char *token);
void mc_reply_clear_session_cookie(mc_req *r);

/* Count one attempt of kind ("login", "reset") from key (a client address or
 * a username) in the current minute; false when over limit per minute (then
 * *retry_after = seconds to wait). Process-wide, fixed memory. */
bool mc_throttle_hit(const char *kind, const char *key, int limit, int *retry_after);
void mc_throttle_reset(void);
