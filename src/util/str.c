/* str.c — bounded string and number helpers (see str.h). */
#include "util/str.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool mc_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out) {
  if (!s || !*s) return false;
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || *end || end == s || v < min || v > max) return false;
  *out = v;
  return true;
}

size_t mc_strlcpy(char *dst, const char *src, size_t size) {
  size_t n = strlen(src);
  if (size) {
    size_t k = n < size - 1 ? n : size - 1;
    memcpy(dst, src, k);
    dst[k] = 0;
  }
  return n;
}

bool mc_str_eq(const char *a, const char *b) { return a && b ? strcmp(a, b) == 0 : a == b; }
bool mc_str_empty(const char *s) { return !s || !*s; }

bool mc_list_has(const char *list, const char *item) {
  if (mc_str_empty(list)) return true;
  size_t k = strlen(item);
  for (const char *p = list; *p;) {
    const char *e = strchr(p, ',');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n == k && strncmp(p, item, k) == 0) return true;
    if (!e) break;
    p = e + 1;
  }
  return false;
}

bool mc_utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  while (p < e) {
    unsigned c = *p++;
    if (c < 0x80) continue;
    int k; unsigned min;
    if ((c & 0xE0) == 0xC0) { k = 1; c &= 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { k = 2; c &= 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { k = 3; c &= 0x07; min = 0x10000; }
    else return false;
    if (e - p < k) return false;
    for (int i = 0; i < k; i++) {
      if ((p[i] & 0xC0) != 0x80) return false;
      c = (c << 6) | (p[i] & 0x3F);
    }
    p += k;
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
  }
  return true;
}

size_t mc_utf8_len(const char *s) {
  size_t n = 0;
  for (; *s; s++) if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}
