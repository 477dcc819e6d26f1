/* fuzz_router.c — the router and the static-file guard: "METHOD PATH" from
 * the input (split at the first space). Invariants: a match is for that
 * method (HEAD answers as GET) with every parameter non-empty and free of
 * '/'; "method not allowed" lists methods; and the static-file server never
 * serves anything from outside its folder (a secret file sits next to it). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz.h"
#include "http/router.h"
#include "http/static.h"

static char root[256], web[300];

static void cleanup(void) {
  static const char *const files[] = {"web/index.html", "web/.hidden", "web/link.txt", "secret.txt", "web", ""};
  char p[400];
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    snprintf(p, sizeof p, "%s/%s", root, files[i]);
    if (remove(p) != 0 && files[i][0]) continue;
  }
  rmdir(root);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *base = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  mkdir(base, 0755);
  snprintf(root, sizeof root, "%s/fuzz-web-XXXXXX", base);
  if (!mkdtemp(root)) abort();
  atexit(cleanup);
  char p[700];
  snprintf(p, sizeof p, "%s/secret.txt", root);
  FILE *f = fopen(p, "w");
  fputs("OUTSIDE-SECRET", f);
  fclose(f);
  snprintf(web, sizeof web, "%s/web", root);
  mkdir(web, 0755);
  snprintf(p, sizeof p, "%s/index.html", web);
  f = fopen(p, "w");
  fputs("<!doctype html><title>ok</title>", f);
  fclose(f);
  snprintf(p, sizeof p, "%s/.hidden", web);
  f = fopen(p, "w");
  fputs("HIDDEN-SECRET", f);
  fclose(f);
  char link[700];
  snprintf(p, sizeof p, "%s/secret.txt", root);
  snprintf(link, sizeof link, "%s/link.txt", web);
  if (symlink(p, link) != 0) abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0;
  char *text = malloc(size + 1);
  memcpy(text, data, size);
  text[size] = 0;
  if (strlen(text) != size) { free(text); return 0; }   /* URLs reach us NUL-free */
  char *sp = strchr(text, ' ');
  const char *method = sp ? text : "GET";
  const char *path = sp ? sp + 1 : text;
  if (sp) *sp = 0;
  mc_req r = {.arena = mc_arena_new(1 << 20)};
  const mc_route *rt = NULL;
  const char *allow = NULL;
  mc_match m = mc_route_find(&r, method, path, &rt, &allow);
  if (m == MC_MATCH_OK) {
    FUZZ_CHECK(rt && (strcmp(rt->method, method) == 0 ||
                      (strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0)));
    FUZZ_CHECK(r.nparams >= 0 && r.nparams <= MC_MAX_PARAMS);
    for (int i = 0; i < r.nparams; i++) {
      FUZZ_CHECK(r.pvalues[i][0] != 0 && !strchr(r.pvalues[i], '/'));
      FUZZ_CHECK(mc_req_param(&r, r.pnames[i]) != NULL);
    }
  } else if (m == MC_MATCH_NO_METHOD) {
    FUZZ_CHECK(allow && allow[0]);
  }
  mc_req s = {.arena = r.arena, .method = "GET", .path = path};
  mc_rc rc = mc_static_serve(&s, web, path);
  if (rc == MC_OK) {
    FUZZ_CHECK(s.out && !memmem(s.out, s.out_len, "OUTSIDE-SECRET", 14) && !memmem(s.out, s.out_len, "HIDDEN-SECRET", 13));
  } else {
    FUZZ_CHECK(s.err.code[0]);
  }
  mc_err_clear(&s.err);
  mc_err_clear(&r.err);
  mc_arena_free(r.arena);
  free(text);
  return 0;
}
