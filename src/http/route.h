/* route.h — what an HTTP handler sees, and how a route is declared.
 *
 * Routes are data: each module exports a table of mc_route (method, path
 * template with {params}, roles allowed, handler, OpenAPI summary and request
 * schema). The server checks the role, the body size and the JSON before the
 * handler runs, so handlers only parse their fields, call the core, and reply.
 * A handler returns MC_OK after mc_reply_*(), or an error code with r->err
 * filled (the server renders the one error body).                          */
#pragma once
#include <jansson.h>
#include <stddef.h>
#include "core/auth.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

struct mc_app;
struct MHD_Connection;

enum { MC_MAX_PARAMS = 6 };

typedef struct mc_req {
  mc_arena *arena;
  struct mc_app *app;
  mc_db *db;
  const mc_principal *who;            /* NULL when anonymous */
  const char *method, *path;
  const char *token;                  /* bearer token as sent, or NULL */
  const char *pnames[MC_MAX_PARAMS], *pvalues[MC_MAX_PARAMS];
  int nparams;
  json_t *body;                       /* parsed JSON body (JSON routes) */
  const char *raw;                    /* raw body (MC_ROUTE_RAW) */
  size_t raw_len;
  const char *content_type;
  struct MHD_Connection *conn;
  mc_err err;
  /* reply */
  int status;
  char *out;                          /* arena-owned body */
  size_t out_len;
  const char *out_type;
  const char *out_headers[8][2];
  int nout_headers;
} mc_req;

typedef mc_rc (*mc_handler)(mc_req *r);

enum {
  MC_ROUTE_JSON = 0,        /* body (if any) is JSON, parsed into r->body */
  MC_ROUTE_RAW = 1,         /* body kept as bytes (uploads) */
  MC_ROUTE_NO_DB = 2,       /* needs no database connection */
};

typedef struct mc_route {
  const char *method;
  const char *path;          /* "/api/v1/dossiers/{code}" */
  unsigned roles;            /* MC_ROLE_BIT mask; 0 = public */
  mc_handler fn;
  const char *tag;           /* OpenAPI tag */
  const char *summary;       /* OpenAPI summary (English) */
  const char *body_schema;   /* JSON Schema of the request body, as JSON text, or NULL */
  unsigned flags;
  size_t max_body;           /* 0 = MC_JSON_BODY_MAX */
  const char *query_params;  /* documented query parameters: "q,field,unit,limit,offset" */
} mc_route;

/* Path parameter by name (NULL if absent); query-string parameter (NULL if absent). */
const char *mc_req_param(mc_req *r, const char *name);
const char *mc_req_query(mc_req *r, const char *name);
/* Query parameter as a bounded integer; absent → def. */
mc_rc mc_req_query_int(mc_req *r, const char *name, int64_t min, int64_t max, int64_t def,
                       int64_t *out);
const char *mc_req_header(mc_req *r, const char *name);

/* Replies. mc_reply_json steals the reference to j. */
mc_rc mc_reply_json(mc_req *r, int status, json_t *j);
mc_rc mc_reply_bytes(mc_req *r, int status, const char *type, const void *data, size_t len);
void mc_reply_header(mc_req *r, const char *name, const char *value);
/* Standard page envelope: {"items":[…],"total":N,"limit":L,"offset":O}. */
mc_rc mc_reply_page(mc_req *r, json_t *items, int64_t total, int64_t limit, int64_t offset);

/* Every module's routes, terminated by a NULL method. */
typedef struct mc_route_table { const char *module; const mc_route *routes; } mc_route_table;
extern const mc_route_table mc_route_tables[];
