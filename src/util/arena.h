/* arena.h — capped bump allocator with deferred cleanups.
 *
 * One arena per request (or per CLI command, or per test): allocate freely,
 * never free individually; mc_arena_free() runs the deferred cleanups in
 * reverse order and releases every block. An arena has a byte cap: allocation
 * beyond it returns NULL, so a hostile request cannot exhaust the machine.   */
#pragma once
#include <stdarg.h>
#include <stddef.h>

typedef struct mc_arena mc_arena;

mc_arena *mc_arena_new(size_t cap);            /* cap 0 = 256 MiB */
void mc_arena_free(mc_arena *a);
void *mc_arena_alloc(mc_arena *a, size_t n);    /* zeroed, 16-byte aligned */
char *mc_arena_strdup(mc_arena *a, const char *s);
char *mc_arena_strndup(mc_arena *a, const char *s, size_t n);
char *mc_arena_printf(mc_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *mc_arena_vprintf(mc_arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Run fn(p) when the arena is freed (e.g. json_decref, db release). 0 on success. */
int mc_arena_defer(mc_arena *a, void (*fn)(void *), void *p);
size_t mc_arena_used(const mc_arena *a);
