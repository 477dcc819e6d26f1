/* server.c — libmicrohttpd glue: per-request arena, bounded body, route
 * dispatch, authentication (bearer or cookie + CSRF), role check, JSON
 * parsing, one error body, security headers, static files, and the limits a
 * public server needs (connections, header size, per-phase deadlines that
 * close slow clients). Handlers never see MHD. */
#include "http/server.h"
#include "core/config.h"
#include "http/conntrack.h"
#include "http/route.h"
#include "http/router.h"
#include "http/security.h"
#include "http/static.h"
#include "util/json.h"
#include "util/log.h"
#include "util/str.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct mc_server { struct MHD_Daemon *d; mc_app *app; mc_conntrack *ct; };

enum { REQ_ARENA_CAP = 64 << 20, RAW_BODY_MAX = 25 << 20 };

typedef struct req_state {
  mc_req r;                 /* first member: handlers' mc_req * is a req_state * */
  const mc_route *route;
  mc_match match;
  const char *allow;
  char *body;
  size_t body_len, body_max;
  bool too_big;
  bool cookie;              /* authenticated by the session cookie */
  const char *client;
  struct timespec t0;
} req_state;

/* ---- helpers used by handlers (route.h, security.h) ------------------------- */

const char *mc_req_param(mc_req *r, const char *name) {
  for (int i = 0; i < r->nparams; i++)
    if (strcmp(r->pnames[i], name) == 0) return r->pvalues[i];
  return NULL;
}

const char *mc_req_query(mc_req *r, const char *name) {
  if (!r->conn) return NULL;
  return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *mc_req_header(mc_req *r, const char *name) {
  if (!r->conn) return NULL;
  return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

mc_rc mc_req_query_int(mc_req *r, const char *name, int64_t min, int64_t max, int64_t def,
                       int64_t *out) {
  const char *v = mc_req_query(r, name);
  if (!v || !*v) { *out = def; return MC_OK; }
  if (!mc_parse_i64(v, min, max, out))
    return mc_fail(&r->err, MC_EINVAL, "query.bad_number", name,
                   "The parameter \"%s\" must be a whole number between %lld and %lld.",
                   name, (long long)min, (long long)max);
  return MC_OK;
}

static const char *peer_address(mc_req *r, char *buf, size_t n) {
  const union MHD_ConnectionInfo *ci = r->conn ? MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS) : NULL;
  const struct sockaddr *sa = ci ? ci->client_addr : NULL;
  if (sa && sa->sa_family == AF_INET && inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, (socklen_t)n))
    return buf;
  if (sa && sa->sa_family == AF_INET6 && inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, (socklen_t)n))
    return buf;
  return "unknown";
}

const char *mc_req_client(mc_req *r) {
  req_state *s = (req_state *)r;
  if (s->client) return s->client;
  char peer[INET6_ADDRSTRLEN];
  const char *ip = peer_address(r, peer, sizeof peer);
  const mc_config *cfg = mc_config_current();
  if (cfg->trusted_proxy[0] && strcmp(ip, cfg->trusted_proxy) == 0) {
    const char *fwd = mc_req_header(r, "X-Real-IP");
    unsigned char tmp[sizeof(struct in6_addr)];
    if (fwd && (inet_pton(AF_INET, fwd, tmp) == 1 || inet_pton(AF_INET6, fwd, tmp) == 1)) ip = fwd;
  }
  s->client = mc_arena_strdup(r->arena, ip);
  return s->client ? s->client : "unknown";
}

const char *mc_req_cookie(mc_req *r, const char *name) {
  return r->conn ? MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name) : NULL;
}

bool mc_req_cookie_auth(mc_req *r) { return ((req_state *)r)->cookie; }
const char *mc_req_session_token(mc_req *r) { return r->token; }

mc_rc mc_reply_bytes(mc_req *r, int status, const char *type, const void *data, size_t len) {
  r->status = status;
  r->out_type = type;
  r->out = mc_arena_alloc(r->arena, len + 1);
  if (!r->out) return mc_fail(&r->err, MC_ETOOBIG, "http.response_too_large", NULL, "The response is too large.");
  memcpy(r->out, data, len);
  r->out_len = len;
  return MC_OK;
}

mc_rc mc_reply_json(mc_req *r, int status, json_t *j) {
  if (!j) return mc_fail(&r->err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  char *s = json_dumps(j, JSON_COMPACT);
  json_decref(j);
  if (!s) return mc_fail(&r->err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc = mc_reply_bytes(r, status, "application/json; charset=utf-8", s, strlen(s));
  free(s);
  return rc;
}

mc_rc mc_reply_page(mc_req *r, json_t *items, int64_t total, int64_t limit, int64_t offset) {
  return mc_reply_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total",
                                         (json_int_t)total, "limit", (json_int_t)limit,
                                         "offset", (json_int_t)offset));
}

void mc_reply_header(mc_req *r, const char *name, const char *value) {
  if (r->nout_headers >= 8 || !value) return;
  r->out_headers[r->nout_headers][0] = name;
  r->out_headers[r->nout_headers][1] = mc_arena_strdup(r->arena, value);
  r->nout_headers++;
}

/* ---- dispatch -------------------------------------------------------------- */

static bool too_many(const char *code) {
  return !strcmp(code, "auth.locked") || !strcmp(code, "auth.throttled");
}

static void render_error(mc_req *r, mc_rc rc) {
  if (r->err.rc == MC_OK)
    mc_fail(&r->err, rc ? rc : MC_EINTERNAL, "internal.error", NULL, "An internal error occurred.");
  json_t *e = json_pack("{s:s, s:s}", "code", r->err.code, "message", r->err.message);
  if (r->err.field[0]) json_object_set_new(e, "field", json_string(r->err.field));
  if (r->err.detail) json_object_update(e, r->err.detail);
  /* Keep Set-Cookie headers a handler queued (clearing a cookie on a failed
   * OpenID callback); drop the rest. */
  int keep = 0;
  for (int i = 0; i < r->nout_headers; i++)
    if (!strcasecmp(r->out_headers[i][0], "Set-Cookie")) {
      r->out_headers[keep][0] = r->out_headers[i][0];
      r->out_headers[keep][1] = r->out_headers[i][1];
      keep++;
    }
  r->nout_headers = keep;
  int status = mc_rc_http_status(r->err.rc);
  if (r->err.rc == MC_EINVAL && strncmp(r->err.code, "json.", 5) != 0 &&
      strncmp(r->err.code, "query.", 6) != 0 && strncmp(r->err.code, "http.", 5) != 0)
    status = 422;    /* well-formed but semantically wrong (e-form, rules) */
  if (r->err.rc == MC_EUNSUPPORTED && strcmp(r->err.code, "http.method_not_allowed") == 0) status = 405;
  if (too_many(r->err.code)) status = 429;
  json_t *retry = r->err.detail ? json_object_get(r->err.detail, "retry_after") : NULL;
  char ra[24] = "";
  if (json_is_integer(retry)) snprintf(ra, sizeof ra, "%lld", (long long)json_integer_value(retry));
  mc_reply_json(r, status, json_pack("{s:o}", "error", e));
  if (status == 401) mc_reply_header(r, "WWW-Authenticate", "Bearer");
  if (status == 429 && ra[0]) mc_reply_header(r, "Retry-After", ra);
}

static bool state_changing(const char *m) {
  return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0 && strcmp(m, "OPTIONS") != 0;
}

/* The token the client sent: "Authorization: Bearer" first, else the cookie. */
static const char *find_token(req_state *s) {
  mc_req *r = &s->r;
  const char *h = mc_req_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
  s->cookie = false;
  if (h && strncasecmp(h, "Bearer ", 7) == 0) return h + 7;
  const char *c = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, mc_session_cookie_name());
  if (c && *c) s->cookie = true;
  return c && *c ? c : NULL;
}

static mc_rc authenticate(req_state *s, const mc_route *rt) {
  mc_req *r = &s->r;
  if (!r->token) return MC_OK;
  /* A public state-changing route (login, reset) never acts on the cookie's
   * session, so it needs no CSRF token; it may still read r->token to drop
   * that session (rotation). */
  if (!rt->roles && s->cookie && state_changing(r->method)) return MC_OK;
  mc_principal *who = mc_arena_alloc(r->arena, sizeof *who);
  if (!who) return mc_fail(&r->err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc = mc_auth_session(r->db, r->arena, r->token, who, &r->err);
  if (rc) {
    if (rt->roles || rc == MC_EDB) return rc;
    mc_err_clear(&r->err);     /* a stale token on a public route: carry on anonymously */
    return MC_OK;
  }
  r->who = who;
  if (s->cookie && state_changing(r->method) &&
      !mc_auth_csrf_ok(r->token, mc_req_header(r, "X-CSRF-Token"))) {
    r->who = NULL;
    return mc_fail(&r->err, MC_EFORBIDDEN, "auth.csrf", NULL,
                   "This request lacks its anti-forgery token (X-CSRF-Token); reload the page and try again.");
  }
  return MC_OK;
}

static mc_rc dispatch(req_state *s) {
  mc_req *r = &s->r;
  if (s->match == MC_MATCH_NO_PATH)
    return mc_fail(&r->err, MC_ENOTFOUND, "http.not_found", NULL, "No such resource: %.200s.", r->path);
  if (s->match == MC_MATCH_NO_METHOD) {
    mc_fail(&r->err, MC_EUNSUPPORTED, "http.method_not_allowed", NULL,
            "%s is not allowed here; use %s.", r->method, s->allow);
    return MC_EUNSUPPORTED;
  }
  if (s->too_big)
    return mc_fail(&r->err, MC_ETOOBIG, "http.body_too_large", NULL,
                   "The request body is larger than %zu bytes.", s->body_max);
  const mc_route *rt = s->route;
  mc_rc rc;
  r->token = find_token(s);
  if (!(rt->flags & MC_ROUTE_NO_DB) || r->token) {
    r->db = mc_dbpool_get(r->app->pool);
    if ((rc = authenticate(s, rt))) return rc;
  }
  if (rt->roles) {
    if (!r->who) return mc_fail(&r->err, MC_EUNAUTH, "auth.required", NULL, "Please log in.");
    if (!(rt->roles & MC_ROLE_BIT(r->who->role)))
      return mc_fail(&r->err, MC_EFORBIDDEN, "auth.forbidden", NULL,
                     "Your role (%s) may not do this.", mc_role_name(r->who->role));
  }
  r->content_type = mc_req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
  if (rt->flags & MC_ROUTE_RAW) {
    r->raw = s->body ? s->body : "";
    r->raw_len = s->body_len;
  } else if (s->body_len > 0) {
    if (!r->content_type || strncasecmp(r->content_type, "application/json", 16) != 0)
      return mc_fail(&r->err, MC_EUNSUPPORTED, "http.unsupported_media_type", NULL,
                     "Send the body as application/json.");
    if ((rc = mc_json_parse(r->arena, s->body, s->body_len, s->body_max, &r->body, &r->err))) return rc;
    if (rt->body_schema && !json_is_object(r->body))
      return mc_fail(&r->err, MC_EINVAL, "json.wrong_type", NULL, "The request body must be a JSON object.");
  } else if (rt->body_schema && (strcmp(r->method, "POST") == 0 || strcmp(r->method, "PUT") == 0 ||
                                 strcmp(r->method, "PATCH") == 0)) {
    r->body = mc_json_keep(r->arena, json_object());
  }
  return rt->fn(r);
}

/* Responses that a browser could render as a page of ours but that carry
 * someone's uploaded content are forced to download, in a sandbox. */
static bool active_content(const char *type) {
  static const char *const risky[] = {"text/html", "image/svg", "application/xhtml", "text/xml",
                                      "application/xml", "text/javascript", "application/javascript"};
  for (size_t i = 0; type && i < sizeof risky / sizeof *risky; i++)
    if (strncasecmp(type, risky[i], strlen(risky[i])) == 0) return true;
  return false;
}

static enum MHD_Result send_reply(struct MHD_Connection *c, mc_req *r, bool from_static) {
  struct MHD_Response *resp = MHD_create_response_from_buffer(r->out_len, r->out, MHD_RESPMEM_PERSISTENT);
  if (!resp) return MHD_NO;
  const mc_config *cfg = mc_config_current();
  bool api = strncmp(r->path, "/api/", 5) == 0;
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->out_type ? r->out_type : "text/plain");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
  MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
  MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (cfg->cookie_secure)
    MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (api) MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  if (api && !from_static && active_content(r->out_type)) {
    MHD_add_response_header(resp, "Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'");
    bool has_cd = false;
    for (int i = 0; i < r->nout_headers; i++) has_cd = has_cd || !strcasecmp(r->out_headers[i][0], "Content-Disposition");
    if (!has_cd) MHD_add_response_header(resp, "Content-Disposition", "attachment");
  } else {
    MHD_add_response_header(resp, "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  }
  for (int i = 0; i < r->nout_headers; i++) {
    const char *name = r->out_headers[i][0], *value = r->out_headers[i][1];
    if (api && !from_static && active_content(r->out_type) && !strcasecmp(name, "Content-Disposition") &&
        !strncasecmp(value, "inline", 6))     /* keep the file name, never render inline */
      value = mc_arena_printf(r->arena, "attachment%s", value + 6);
    if (value) MHD_add_response_header(resp, name, value);
  }
  enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
  MHD_destroy_response(resp);
  return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **req_cls) {
  mc_server *srv = cls;
  mc_app *app = srv->app;
  req_state *s = *req_cls;
  if (!s) {
    mc_conntrack_phase(srv->ct, c, MC_PHASE_BODY);
    mc_arena *a = mc_arena_new(REQ_ARENA_CAP);
    if (!a) return MHD_NO;
    s = mc_arena_alloc(a, sizeof *s);
    s->r.arena = a;
    s->r.app = app;
    s->r.conn = c;
    s->r.method = mc_arena_strdup(a, method);
    s->r.path = mc_arena_strdup(a, url);
    clock_gettime(CLOCK_MONOTONIC, &s->t0);
    s->match = mc_route_find(&s->r, method, url, &s->route, &s->allow);
    s->body_max = s->route && s->route->max_body ? s->route->max_body
                : (s->route && (s->route->flags & MC_ROUTE_RAW)) ? RAW_BODY_MAX : MC_JSON_BODY_MAX;
    *req_cls = s;
    return MHD_YES;   /* reply on a later call: replying now forces Connection: close */
  }
  if (*upload_size) {
    if (!s->too_big) {
      if (s->body_len + *upload_size > s->body_max) {
        s->too_big = true;
      } else {
        if (!s->body) s->body = mc_arena_alloc(s->r.arena, s->body_max + 1);
        if (!s->body) s->too_big = true;
        else { memcpy(s->body + s->body_len, upload, *upload_size); s->body_len += *upload_size; }
      }
    }
    *upload_size = 0;
    return MHD_YES;
  }
  mc_req *r = &s->r;
  mc_rc rc;
  bool from_static = false;
  if (s->match == MC_MATCH_NO_PATH && app->web_dir &&
      (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) && strncmp(url, "/api/", 5) != 0) {
    rc = mc_static_serve(r, app->web_dir, url);
    from_static = rc == MC_OK;
  } else {
    rc = dispatch(s);
  }
  if (rc || !r->out) render_error(r, rc);
  if (r->db) {
    if (mc_db_in_tx(r->db)) mc_db_rollback(r->db);
    mc_dbpool_put(app->pool, r->db);
    r->db = NULL;
  }
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (double)(t1.tv_sec - s->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - s->t0.tv_nsec) / 1e6;
  /* Log the path only: query strings may carry codes and tokens. */
  if (r->status >= 500) mc_error("%s %s %d %.1fms %s", method, url, r->status, ms, r->err.code);
  else mc_debug("%s %s %d %.1fms", method, url, r->status, ms);
  mc_conntrack_phase(srv->ct, c, MC_PHASE_SEND);
  return send_reply(c, r, from_static);
}

static void on_complete(void *cls, struct MHD_Connection *c, void **req_cls,
                        enum MHD_RequestTerminationCode toe) {
  mc_server *srv = cls;
  mc_conntrack_phase(srv->ct, c, MC_PHASE_HEADERS);
  req_state *s = *req_cls;
  if (!s) return;
  if (s->r.db) mc_dbpool_put(srv->app->pool, s->r.db);
  mc_err_clear(&s->r.err);
  mc_arena_free(s->r.arena);
  *req_cls = NULL;
}

/* Percent-decoding of paths and query values, except %00: a NUL byte would
 * silently cut the string ("/x.js%00.png"), so it stays as the three
 * characters "%00" (and then matches nothing). */
static int hexval(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static size_t unescape(void *cls, struct MHD_Connection *c, char *s) {
  char *w = s;
  for (const char *p = s; *p; p++) {
    int hi, lo;
    if (p[0] == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0 && (hi | lo) != 0) {
      *w++ = (char)(hi * 16 + lo);
      p += 2;
    } else {
      *w++ = *p;
    }
  }
  *w = 0;
  return (size_t)(w - s);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code) {
  mc_server *srv = cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED) mc_conntrack_open(srv->ct, c, socket_context);
  else mc_conntrack_close(srv->ct, socket_context);
}

mc_rc mc_server_start(mc_app *app, const char *bind_addr, int port, int *bound_port,
                      mc_server **out, mc_err *err) {
  const mc_config *cfg = mc_config_current();
  mc_server *s = calloc(1, sizeof *s);
  if (!s) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  s->app = app;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  if (inet_pton(AF_INET, bind_addr ? bind_addr : "127.0.0.1", &sa.sin_addr) != 1) {
    free(s);
    return mc_fail(err, MC_EINVAL, "serve.bad_address", "bind", "Bad bind address \"%s\".", bind_addr);
  }
  mc_rc rc = mc_conntrack_new(app, &s->ct, err);
  if (rc) { free(s); return rc; }
  unsigned threads = app->threads > 0 ? (unsigned)app->threads : 2;
  /* The connection's memory pool holds the request line and headers (and the
   * response headers): its size is the header limit. */
  s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG,
                          (uint16_t)port, NULL, NULL, on_request, s,
                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                          MHD_OPTION_THREAD_POOL_SIZE, threads,
                          MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->idle_timeout,
                          MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->max_header_bytes,
                          MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_connections_per_ip,
                          MHD_OPTION_NOTIFY_COMPLETED, on_complete, s,
                          MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
                          MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
                          MHD_OPTION_END);
  if (!s->d) {
    mc_conntrack_free(s->ct);
    free(s);
    return mc_fail(err, MC_EIO, "serve.cannot_listen", "port",
                   "Cannot listen on %s:%d (in use, or not allowed).", bind_addr ? bind_addr : "127.0.0.1", port);
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
  if (bound_port) *bound_port = info ? info->port : port;
  *out = s;
  return MC_OK;
}

void mc_server_stop(mc_server *s) {
  if (!s) return;
  mc_conntrack_stop(s->ct);       /* the reaper thread first: it must not touch sockets MHD closes */
  MHD_stop_daemon(s->d);
  mc_conntrack_free(s->ct);
  free(s);
}
