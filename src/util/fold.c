/* fold.c — diacritic- and case-insensitive folding with utf8proc (see fold.h). */
#include "util/fold.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *mc_fold_dup(const char *s) {
  utf8proc_uint8_t *out = NULL;
  /* NFKD + strip marks + case fold: "Ấ" → "a". đ/Đ have no decomposition. */
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
      UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  if (n < 0) return NULL;
  /* Replace đ (U+0111, C4 91) by d and collapse white space, in place. */
  unsigned char *r = out, *w = out;
  int space = 1;
  while (*r) {
    if (r[0] == 0xC4 && r[1] == 0x91) { *w++ = 'd'; r += 2; space = 0; continue; }
    if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
      if (!space) *w++ = ' ';
      space = 1; r++; continue;
    }
    *w++ = *r++; space = 0;
  }
  if (w > out && w[-1] == ' ') w--;
  *w = 0;
  return (char *)out;
}

char *mc_fold(mc_arena *a, const char *s) {
  char *f = mc_fold_dup(s);
  if (!f) return NULL;
  char *p = mc_arena_strdup(a, f);
  free(f);
  return p;
}
