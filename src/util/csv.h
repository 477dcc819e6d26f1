/* csv.h — RFC 4180 CSV: a bounded reader with line numbers, and a writer.
 *
 * Reader: fields separated by ',', records by CRLF or LF (a lone CR too);
 * a field may be quoted ("a, b"), a quote inside a quoted field is doubled
 * (""), and a quoted field may span lines. A UTF-8 byte-order mark at the
 * start is skipped. The text must be valid UTF-8. Every limit is named and
 * every error says where it is, "line 12: …", with a stable code:
 *   csv.bad_utf8, csv.bad_quote, csv.unterminated_quote, csv.field_too_long,
 *   csv.too_many_columns, csv.too_many_rows, csv.column_count,
 *   csv.missing_column, csv.unknown_column, csv.duplicate_column, csv.empty
 * and the detail members "line" (and "column" when known).
 *
 * Optional comments: with opts.comments, a record whose first byte is '#'
 * (outside quotes) is skipped entirely; the writer quotes a first field that
 * starts with '#', so written files read back unchanged. Blank lines are
 * skipped. Records (fields) live in the reader's arena.
 *
 *   mc_csv r;  int rc;
 *   mc_csv_open(&r, arena, text, len, NULL, err);
 *   mc_csv_header(&r, cols, idx, err);          // optional: map names → indexes
 *   while ((rc = mc_csv_next(&r, err)) > 0) { mc_csv_field(&r, idx[0]) … r.line … }
 *   if (rc < 0) return err->rc;                                               */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

enum {
  MC_CSV_FIELD_MAX = 64 * 1024,     /* bytes in one field */
  MC_CSV_COLS_MAX = 64,             /* fields in one record */
  MC_CSV_ROWS_MAX = 1000000,        /* data records in one text */
};

typedef struct mc_csv_opts {
  size_t field_max;   /* 0 = MC_CSV_FIELD_MAX */
  int cols_max;       /* 0 = MC_CSV_COLS_MAX */
  long rows_max;      /* 0 = MC_CSV_ROWS_MAX */
  bool comments;      /* skip records starting with '#' */
} mc_csv_opts;

typedef struct mc_csv {
  mc_arena *arena;
  const char *p, *end;
  int next_line;         /* line number of *p */
  mc_csv_opts opts;
  long rows;             /* data records returned so far */
  int width;             /* columns of the header (0 = no header read) */
  /* the current record */
  int line;              /* line where it starts */
  int nfields;
  char **fields;         /* NUL-terminated, arena-owned */
  const char *const *names;   /* header names (for messages), or NULL */
} mc_csv;

/* A column of a header: its name and whether it must be present. */
typedef struct mc_csv_col { const char *name; bool required; } mc_csv_col;

/* Start reading text (need not be NUL-terminated). opts may be NULL. */
mc_rc mc_csv_open(mc_csv *r, mc_arena *a, const char *text, size_t len,
                  const mc_csv_opts *opts, mc_err *err);
/* Read the next record: 1 = a record is ready, 0 = end, -1 = error (err filled). */
int mc_csv_next(mc_csv *r, mc_err *err);
/* Read the header record and map cols[0..ncols) to indexes (idx[i] = -1 when
 * an optional column is absent). Unknown and duplicate names are errors; so
 * is a later record whose field count differs from the header. Names are
 * compared after trimming spaces, case-insensitively (ASCII). */
mc_rc mc_csv_header(mc_csv *r, const mc_csv_col *cols, int ncols, int *idx, mc_err *err);
/* Field i of the current record, or "" when i < 0 or past the end. */
const char *mc_csv_field(const mc_csv *r, int i);
/* Fail with code/message about the current record: "line N, column "name": msg".
 * col may be -1 (no column). Adds detail "line" and "column". */
mc_rc mc_csv_fail(const mc_csv *r, mc_err *err, mc_rc rc, const char *code, int col,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Writer: append one record (CRLF-terminated); fields are quoted when they
 * hold ',', '"', CR or LF, start or end with a space, or (first field) start
 * with '#'. NULL fields are written empty. */
mc_rc mc_csv_write_row(mc_buf *out, const char *const *fields, int n);
