/* buf.h — growable byte buffer with a hard maximum (for building responses,
 * CSV output, SQL-free text). All appends fail with MC_ETOOBIG past max.     */
#pragma once
#include <stddef.h>
#include "util/err.h"

typedef struct mc_buf { char *data; size_t len, cap, max; } mc_buf;

void mc_buf_init(mc_buf *b, size_t max);     /* max 0 = 64 MiB */
void mc_buf_release(mc_buf *b);
mc_rc mc_buf_append(mc_buf *b, const void *p, size_t n);
mc_rc mc_buf_puts(mc_buf *b, const char *s);
mc_rc mc_buf_printf(mc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Take ownership of the NUL-terminated data (free() it); the buffer is reset. */
char *mc_buf_steal(mc_buf *b);
