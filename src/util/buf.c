/* buf.c — growable byte buffer (see buf.h). */
#include "util/buf.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mc_buf_init(mc_buf *b, size_t max) {
  memset(b, 0, sizeof *b);
  b->max = max ? max : (size_t)64 << 20;
}

void mc_buf_release(mc_buf *b) { free(b->data); b->data = NULL; b->len = b->cap = 0; }

static mc_rc reserve(mc_buf *b, size_t extra) {
  if (extra > b->max || b->len > b->max - extra) return MC_ETOOBIG;
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return MC_OK;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need) cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) return MC_ENOMEM;
  b->data = p; b->cap = cap;
  return MC_OK;
}

mc_rc mc_buf_append(mc_buf *b, const void *p, size_t n) {
  mc_rc rc = reserve(b, n);
  if (rc) return rc;
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = 0;
  return MC_OK;
}

mc_rc mc_buf_puts(mc_buf *b, const char *s) { return mc_buf_append(b, s, strlen(s)); }

mc_rc mc_buf_printf(mc_buf *b, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  mc_rc rc = n < 0 ? MC_EINTERNAL : reserve(b, (size_t)n);
  if (!rc) { vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2); b->len += (size_t)n; }
  va_end(ap2);
  return rc;
}

char *mc_buf_steal(mc_buf *b) {
  if (!b->data && reserve(b, 0)) return NULL;
  char *p = b->data;
  b->data = NULL; b->len = b->cap = 0;
  return p;
}
