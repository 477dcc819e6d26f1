/* router.h — matching a method and path against the route tables. */
#pragma once
#include "http/route.h"

typedef enum { MC_MATCH_OK, MC_MATCH_NO_PATH, MC_MATCH_NO_METHOD } mc_match;

/* On MC_MATCH_OK fills r->pnames/pvalues (arena copies) and *route. On
 * MC_MATCH_NO_METHOD, *allow lists the methods the path accepts ("GET, POST"). */
mc_match mc_route_find(mc_req *r, const char *method, const char *path,
                       const mc_route **route, const char **allow);
/* Call fn for every route of every table. */
void mc_route_each(void (*fn)(const mc_route *rt, void *ctx), void *ctx);
