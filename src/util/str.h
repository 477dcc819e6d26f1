/* str.h — bounded string and number helpers (instead of atoi/strcpy & co). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parse a whole string as a base-10 integer within [min,max]; false otherwise. */
bool mc_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);
/* Copy at most size-1 bytes and NUL-terminate; returns strlen(src). */
size_t mc_strlcpy(char *dst, const char *src, size_t size);
bool mc_str_eq(const char *a, const char *b);          /* NULL-safe */
bool mc_str_empty(const char *s);                      /* NULL or "" */
/* Is item one of the comma-separated entries of list ("commune,district")?
 * An empty or NULL list contains everything. */
bool mc_list_has(const char *list, const char *item);
bool mc_utf8_valid(const char *s, size_t n);
size_t mc_utf8_len(const char *s);                     /* code points */
