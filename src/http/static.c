/* static.c — static files below the web folder, with types and cache headers.
 * A path is served only when, after libmicrohttpd's decoding, it has no "..",
 * no hidden component, no "//", backslash or control character, names a
 * regular file that is not a symbolic link, and resolves inside the folder. */
#include "http/static.h"
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { STATIC_MAX = 8 << 20, URL_MAX = 512 };

static const struct { const char *ext, *type; } types[] = {
  {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
  {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
  {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
  {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"},
  {".webmanifest", "application/manifest+json"},
};

static const char *type_of(const char *path) {
  const char *dot = strrchr(path, '.');
  for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
    if (strcmp(dot, types[i].ext) == 0) return types[i].type;
  return "application/octet-stream";
}

static mc_rc not_found(mc_req *r) {
  return mc_fail(&r->err, MC_ENOTFOUND, "http.not_found", NULL, "No such page.");
}

static bool url_safe(const char *url) {
  if (url[0] != '/' || strlen(url) > URL_MAX) return false;
  if (strstr(url, "..") || strstr(url, "/.") || strstr(url, "//")) return false;
  for (const unsigned char *p = (const unsigned char *)url; *p; p++)
    if (*p < 0x20 || *p == 0x7f || *p == '\\' || *p == '%') return false;
  return true;
}

/* Is path (resolved) inside dir (resolved)? */
static bool inside(const char *dir, const char *path) {
  char rd[PATH_MAX], rp[PATH_MAX];
  if (!realpath(dir, rd) || !realpath(path, rp)) return false;
  size_t n = strlen(rd);
  return strncmp(rp, rd, n) == 0 && rp[n] == '/';
}

mc_rc mc_static_serve(mc_req *r, const char *dir, const char *url) {
  if (!url_safe(url)) return not_found(r);
  const char *last = strrchr(url, '/');
  const char *rel = url + 1;
  if (!*rel || !strchr(last, '.')) rel = "index.html";
  char *path = mc_arena_printf(r->arena, "%s/%s", dir, rel);
  if (!path || !inside(dir, path)) return not_found(r);
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return not_found(r);
  struct stat st;
  if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > STATIC_MAX) {
    close(fd);
    return not_found(r);
  }
  char *data = mc_arena_alloc(r->arena, (size_t)st.st_size + 1);
  size_t got = 0;
  while (data && got < (size_t)st.st_size) {
    ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fd);
  if (!data || got != (size_t)st.st_size)
    return mc_fail(&r->err, MC_EIO, "http.read_failed", NULL, "Could not read the page.");
  r->status = 200;
  r->out = data;
  r->out_len = got;
  r->out_type = type_of(path);
  mc_reply_header(r, "Cache-Control", strcmp(rel, "index.html") == 0 ? "no-cache" : "public, max-age=300");
  return MC_OK;
}
