/* server.c — libmicrohttpd glue: per-request arena, bounded body, route
 * dispatch, authentication, role check, JSON parsing, one error body,
 * security headers, static files. Handlers never see MHD. */
#include "http/server.h"
#include "http/route.h"
#include "http/router.h"
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

struct mc_server { struct MHD_Daemon *d; mc_app *app; };

enum { REQ_ARENA_CAP = 64 << 20, RAW_BODY_MAX = 25 << 20 };

typedef struct req_state {
  mc_req r;
  const mc_route *route;
  mc_match match;
  const char *allow;
  char *body;
  size_t body_len, body_max;
  bool too_big;
  struct timespec t0;
} req_state;

/* ---- helpers used by handlers (route.h) ---------------------------------- */

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
  if (r->nout_headers >= 8) return;
  r->out_headers[r->nout_headers][0] = name;
  r->out_headers[r->nout_headers][1] = mc_arena_strdup(r->arena, value);
  r->nout_headers++;
}

/* ---- dispatch -------------------------------------------------------------- */

static void render_error(mc_req *r, mc_rc rc) {
  if (r->err.rc == MC_OK)
    mc_fail(&r->err, rc ? rc : MC_EINTERNAL, "internal.error", NULL, "An internal error occurred.");
  json_t *e = json_pack("{s:s, s:s}", "code", r->err.code, "message", r->err.message);
  if (r->err.field[0]) json_object_set_new(e, "field", json_string(r->err.field));
  if (r->err.detail) json_object_update(e, r->err.detail);
  r->nout_headers = 0;
  int status = mc_rc_http_status(r->err.rc);
  if (r->err.rc == MC_EINVAL && strncmp(r->err.code, "json.", 5) != 0 &&
      strncmp(r->err.code, "query.", 6) != 0 && strncmp(r->err.code, "http.", 5) != 0)
    status = 422;    /* well-formed but semantically wrong (e-form, rules) */
  if (r->err.rc == MC_EUNSUPPORTED && strcmp(r->err.code, "http.method_not_allowed") == 0) status = 405;
  mc_reply_json(r, status, json_pack("{s:o}", "error", e));
  if (status == 401) mc_reply_header(r, "WWW-Authenticate", "Bearer");
}

static const char *bearer(mc_req *r) {
  const char *h = mc_req_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
  if (h && strncasecmp(h, "Bearer ", 7) == 0) return h + 7;
  return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "motcua_session");
}

static mc_rc authenticate(mc_req *r) {
  r->token = bearer(r);
  if (!r->token) return MC_OK;
  mc_principal *who = mc_arena_alloc(r->arena, sizeof *who);
  mc_rc rc = mc_auth_session(r->db, r->arena, r->token, who, &r->err);
  if (!rc) r->who = who;
  return rc;
}

static mc_rc dispatch(req_state *s) {
  mc_req *r = &s->r;
  if (s->match == MC_MATCH_NO_PATH)
    return mc_fail(&r->err, MC_ENOTFOUND, "http.not_found", NULL, "No such resource: %s.", r->path);
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
  if (!(rt->flags & MC_ROUTE_NO_DB) || bearer(r)) {
    r->db = mc_dbpool_get(r->app->pool);
    if ((rc = authenticate(r))) return rc;
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

static enum MHD_Result send_reply(struct MHD_Connection *c, mc_req *r) {
  struct MHD_Response *resp = MHD_create_response_from_buffer(r->out_len, r->out, MHD_RESPMEM_PERSISTENT);
  if (!resp) return MHD_NO;
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->out_type ? r->out_type : "text/plain");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  bool api = strncmp(r->path, "/api/", 5) == 0;
  if (api) MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  MHD_add_response_header(resp, "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
      "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  for (int i = 0; i < r->nout_headers; i++)
    MHD_add_response_header(resp, r->out_headers[i][0], r->out_headers[i][1]);
  enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
  MHD_destroy_response(resp);
  return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **req_cls) {
  mc_app *app = cls;
  req_state *s = *req_cls;
  if (!s) {
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
  if (s->match == MC_MATCH_NO_PATH && app->web_dir &&
      (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) && strncmp(url, "/api/", 5) != 0)
    rc = mc_static_serve(r, app->web_dir, url);
  else
    rc = dispatch(s);
  if (rc || !r->out) render_error(r, rc);
  if (r->db) {
    if (mc_db_in_tx(r->db)) mc_db_rollback(r->db);
    mc_dbpool_put(app->pool, r->db);
    r->db = NULL;
  }
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (double)(t1.tv_sec - s->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - s->t0.tv_nsec) / 1e6;
  if (r->status >= 500) mc_error("%s %s %d %.1fms %s", method, url, r->status, ms, r->err.code);
  else mc_debug("%s %s %d %.1fms", method, url, r->status, ms);
  return send_reply(c, r);
}

static void on_complete(void *cls, struct MHD_Connection *c, void **req_cls,
                        enum MHD_RequestTerminationCode toe) {
  req_state *s = *req_cls;
  if (!s) return;
  mc_app *app = cls;
  if (s->r.db) mc_dbpool_put(app->pool, s->r.db);
  mc_err_clear(&s->r.err);
  mc_arena_free(s->r.arena);
  *req_cls = NULL;
}

mc_rc mc_server_start(mc_app *app, const char *bind_addr, int port, int *bound_port,
                      mc_server **out, mc_err *err) {
  mc_server *s = calloc(1, sizeof *s);
  if (!s) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  s->app = app;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  if (inet_pton(AF_INET, bind_addr ? bind_addr : "127.0.0.1", &sa.sin_addr) != 1) {
    free(s);
    return mc_fail(err, MC_EINVAL, "serve.bad_address", "bind", "Bad bind address \"%s\".", bind_addr);
  }
  unsigned threads = app->threads > 0 ? (unsigned)app->threads : 2;
  s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG,
                          (uint16_t)port, NULL, NULL, on_request, app,
                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                          MHD_OPTION_THREAD_POOL_SIZE, threads,
                          MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
                          MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
                          MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)256,
                          MHD_OPTION_NOTIFY_COMPLETED, on_complete, app,
                          MHD_OPTION_END);
  if (!s->d) {
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
  MHD_stop_daemon(s->d);
  free(s);
}
