/* arena.c — block-chained bump allocator (see arena.h). */
#include "util/arena.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct block { struct block *next; size_t size, used; _Alignas(16) unsigned char data[]; } block;
typedef struct cleanup { struct cleanup *next; void (*fn)(void *); void *p; } cleanup;

struct mc_arena { block *head; cleanup *cleanups; size_t cap, total; };

enum { BLOCK_MIN = 8192 };

mc_arena *mc_arena_new(size_t cap) {
  mc_arena *a = calloc(1, sizeof *a);
  if (a) a->cap = cap ? cap : (size_t)256 << 20;
  return a;
}

void mc_arena_free(mc_arena *a) {
  if (!a) return;
  for (cleanup *c = a->cleanups; c; c = c->next) c->fn(c->p);
  for (block *b = a->head, *n; b; b = n) { n = b->next; free(b); }
  free(a);
}

void *mc_arena_alloc(mc_arena *a, size_t n) {
  if (!a) return NULL;
  n = (n + 15u) & ~(size_t)15u;
  if (n == 0) n = 16;
  block *b = a->head;
  if (!b || b->size - b->used < n) {
    size_t sz = n > BLOCK_MIN ? n : BLOCK_MIN;
    if (b && sz < b->size * 2 && b->size * 2 <= (size_t)1 << 20) sz = b->size * 2;
    if (sz > a->cap || a->total > a->cap - sz) return NULL;
    b = malloc(sizeof *b + sz);
    if (!b) return NULL;
    b->size = sz; b->used = 0; b->next = a->head; a->head = b;
    a->total += sz;
  }
  void *p = b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *mc_arena_strndup(mc_arena *a, const char *s, size_t n) {
  if (!s) return NULL;
  char *p = mc_arena_alloc(a, n + 1);
  if (p) { memcpy(p, s, n); p[n] = 0; }
  return p;
}

char *mc_arena_strdup(mc_arena *a, const char *s) {
  return s ? mc_arena_strndup(a, s, strlen(s)) : NULL;
}

char *mc_arena_vprintf(mc_arena *a, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return NULL;
  char *p = mc_arena_alloc(a, (size_t)n + 1);
  if (p) vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

char *mc_arena_printf(mc_arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = mc_arena_vprintf(a, fmt, ap);
  va_end(ap);
  return p;
}

int mc_arena_defer(mc_arena *a, void (*fn)(void *), void *p) {
  cleanup *c = mc_arena_alloc(a, sizeof *c);
  if (!c) return -1;
  c->fn = fn; c->p = p; c->next = a->cleanups; a->cleanups = c;
  return 0;
}

size_t mc_arena_used(const mc_arena *a) { return a ? a->total : 0; }
