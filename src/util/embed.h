/* embed.h — files compiled into the binary by scripts/embed.py (SQL, definitions). */
#pragma once
#include <stddef.h>

typedef struct mc_embedded { const char *path; const char *data; size_t len; } mc_embedded;
