/* router.c — linear match of "/a/{x}/b" templates against request paths.
 * A hundred routes cost a few microseconds; no allocation unless matched. */
#include "http/router.h"
#include <stdio.h>
#include <string.h>

void mc_route_each(void (*fn)(const mc_route *rt, void *ctx), void *ctx) {
  for (const mc_route_table *t = mc_route_tables; t->module; t++)
    for (const mc_route *rt = t->routes; rt->method; rt++) fn(rt, ctx);
}

/* Match template against path; record params when r is non-NULL. */
static int match(const char *tpl, const char *path, mc_req *r) {
  int n = 0;
  while (*tpl && *path) {
    if (*tpl == '{') {
      const char *te = strchr(tpl, '}');
      if (!te) return 0;
      const char *pe = strchr(path, '/');
      if (!pe) pe = path + strlen(path);
      if (pe == path || n >= MC_MAX_PARAMS) return 0;
      if (r) {
        r->pnames[n] = mc_arena_strndup(r->arena, tpl + 1, (size_t)(te - tpl - 1));
        r->pvalues[n] = mc_arena_strndup(r->arena, path, (size_t)(pe - path));
      }
      n++;
      tpl = te + 1;
      path = pe;
      continue;
    }
    if (*tpl != *path) return 0;
    tpl++;
    path++;
  }
  if (*tpl || *path) return 0;
  if (r) r->nparams = n;
  return 1;
}

mc_match mc_route_find(mc_req *r, const char *method, const char *path,
                       const mc_route **route, const char **allow) {
  char methods[64] = "";
  bool any = false;
  for (const mc_route_table *t = mc_route_tables; t->module; t++) {
    for (const mc_route *rt = t->routes; rt->method; rt++) {
      if (!match(rt->path, path, NULL)) continue;
      bool same = strcmp(rt->method, method) == 0 ||
                  (strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0);
      if (same) {
        match(rt->path, path, r);
        *route = rt;
        return MC_MATCH_OK;
      }
      if (!strstr(methods, rt->method)) {
        size_t len = strlen(methods);
        snprintf(methods + len, sizeof methods - len, "%s%s", any ? ", " : "", rt->method);
        any = true;
      }
    }
  }
  if (!any) return MC_MATCH_NO_PATH;
  *allow = mc_arena_strdup(r->arena, methods);
  return MC_MATCH_NO_METHOD;
}
