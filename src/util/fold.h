/* fold.h — search folding for Vietnamese text: lower case, no diacritics,
 * đ → d, runs of white space collapsed. "Giấy phép LÁI XE" → "giay phep lai xe". */
#pragma once
#include "util/arena.h"

/* Returns the folded copy in the arena, or NULL on invalid UTF-8 / no memory. */
char *mc_fold(mc_arena *a, const char *s);
/* Same into a malloc'ed string (free() it). */
char *mc_fold_dup(const char *s);
