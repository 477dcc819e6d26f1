/* csv.c — RFC 4180 reader and writer with named limits (see csv.h). */
#include "util/csv.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

mc_rc mc_csv_open(mc_csv *r, mc_arena *a, const char *text, size_t len,
                  const mc_csv_opts *opts, mc_err *err) {
  memset(r, 0, sizeof *r);
  r->arena = a;
  if (opts) r->opts = *opts;
  if (!r->opts.field_max) r->opts.field_max = MC_CSV_FIELD_MAX;
  if (r->opts.cols_max <= 0) r->opts.cols_max = MC_CSV_COLS_MAX;
  if (r->opts.rows_max <= 0) r->opts.rows_max = MC_CSV_ROWS_MAX;
  if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
      (unsigned char)text[2] == 0xBF) {
    text += 3;
    len -= 3;
  }
  r->p = text;
  r->end = text + len;
  r->next_line = 1;
  r->fields = mc_arena_alloc(a, sizeof *r->fields * (size_t)(r->opts.cols_max + 1));
  if (!r->fields) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  return MC_OK;
}

/* Offset of the first byte that is not valid UTF-8 (a NUL counts as invalid), or n. */
static size_t utf8_bad_at(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  while (p < e) {
    const unsigned char *start = p;
    unsigned c = *p++;
    if (c == 0) return (size_t)(start - (const unsigned char *)s);
    if (c < 0x80) continue;
    int k;
    unsigned min;
    if ((c & 0xE0) == 0xC0) { k = 1; c &= 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { k = 2; c &= 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { k = 3; c &= 0x07; min = 0x10000; }
    else return (size_t)(start - (const unsigned char *)s);
    if (e - p < k) return (size_t)(start - (const unsigned char *)s);
    for (int i = 0; i < k; i++) {
      if ((p[i] & 0xC0) != 0x80) return (size_t)(start - (const unsigned char *)s);
      c = (c << 6) | (p[i] & 0x3F);
    }
    p += k;
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
      return (size_t)(start - (const unsigned char *)s);
  }
  return n;
}

static mc_rc fail_at(mc_err *err, int line, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static mc_rc fail_at(mc_err *err, int line, const char *code, const char *fmt, ...) {
  char msg[MC_ERR_MSG_MAX - 32];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mc_rc rc = mc_fail(err, MC_EINVAL, code, NULL, "line %d: %s", line, msg);
  mc_err_detail(err, "line", json_integer(line));
  return rc;
}

static bool at_newline(const mc_csv *r) { return r->p < r->end && (*r->p == '\n' || *r->p == '\r'); }

static void eat_newline(mc_csv *r) {
  if (*r->p == '\r') {
    r->p++;
    if (r->p < r->end && *r->p == '\n') r->p++;
  } else {
    r->p++;
  }
  r->next_line++;
}

/* Check a field's UTF-8; field_line is the line the field starts on. */
static mc_rc check_utf8(const char *s, size_t n, int field_line, mc_err *err) {
  size_t bad = utf8_bad_at(s, n);
  if (bad == n) return MC_OK;
  int line = field_line;
  for (size_t i = 0; i < bad; i++) if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n'))) line++;
  return fail_at(err, line, "csv.bad_utf8", "the text is not valid UTF-8 (or holds a NUL byte); save the file as UTF-8");
}

/* Read one field at r->p into *out. */
static mc_rc read_field(mc_csv *r, char **out, mc_err *err) {
  int field_line = r->next_line;
  if (r->p < r->end && *r->p == '"') {
    const char *q = ++r->p;
    size_t n = 0;
    /* First pass: find the closing quote, count the unescaped bytes. */
    for (;;) {
      if (q >= r->end)
        return fail_at(err, field_line, "csv.unterminated_quote",
                       "a quoted field is never closed (a '\"' is missing)");
      if (*q == '"') {
        if (q + 1 < r->end && q[1] == '"') { q += 2; n++; continue; }
        break;
      }
      q++;
      n++;
      if (n > r->opts.field_max)
        return fail_at(err, field_line, "csv.field_too_long",
                       "a field is longer than %zu bytes", r->opts.field_max);
    }
    char *f = mc_arena_alloc(r->arena, n + 1);
    if (!f) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
    size_t k = 0;
    while (r->p < q) {
      char c = *r->p;
      if (c == '"') { f[k++] = '"'; r->p += 2; continue; }
      if (c == '\n' || (c == '\r' && (r->p + 1 >= q || r->p[1] != '\n'))) r->next_line++;
      f[k++] = c;
      r->p++;
    }
    f[k] = 0;
    r->p = q + 1;   /* past the closing quote */
    if (r->p < r->end && *r->p != ',' && !at_newline(r))
      return fail_at(err, r->next_line, "csv.bad_quote",
                     "unexpected text after a closing quote; quote the whole field and double inner quotes");
    mc_rc rc = check_utf8(f, n, field_line, err);
    *out = f;
    return rc;
  }
  const char *s = r->p;
  while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
    if (*r->p == '"')
      return fail_at(err, field_line, "csv.bad_quote",
                     "a '\"' inside an unquoted field; quote the whole field and double inner quotes");
    r->p++;
  }
  size_t n = (size_t)(r->p - s);
  if (n > r->opts.field_max)
    return fail_at(err, field_line, "csv.field_too_long", "a field is longer than %zu bytes",
                   r->opts.field_max);
  mc_rc rc = check_utf8(s, n, field_line, err);
  if (rc) return rc;
  *out = mc_arena_strndup(r->arena, s, n);
  return *out ? MC_OK : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

int mc_csv_next(mc_csv *r, mc_err *err) {
  for (;;) {
    if (r->p >= r->end) return 0;
    if (at_newline(r)) { eat_newline(r); continue; }          /* blank line */
    if (r->opts.comments && *r->p == '#') {                  /* comment line */
      while (r->p < r->end && !at_newline(r)) r->p++;
      if (r->p < r->end) eat_newline(r);
      continue;
    }
    break;
  }
  r->line = r->next_line;
  r->nfields = 0;
  for (;;) {
    if (r->nfields >= r->opts.cols_max) {
      fail_at(err, r->line, "csv.too_many_columns", "a record has more than %d fields", r->opts.cols_max);
      return -1;
    }
    char *f = NULL;
    if (read_field(r, &f, err)) return -1;
    r->fields[r->nfields++] = f;
    if (r->p < r->end && *r->p == ',') { r->p++; continue; }
    if (r->p < r->end) eat_newline(r);
    break;
  }
  if (r->width) {
    if (++r->rows > r->opts.rows_max) {
      fail_at(err, r->line, "csv.too_many_rows", "more than %ld records", r->opts.rows_max);
      return -1;
    }
    if (r->nfields != r->width) {
      fail_at(err, r->line, "csv.column_count", "the record has %d fields but the header has %d",
              r->nfields, r->width);
      return -1;
    }
  }
  return 1;
}

static const char *trim(mc_arena *a, const char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  return mc_arena_strndup(a, s, n);
}

mc_rc mc_csv_header(mc_csv *r, const mc_csv_col *cols, int ncols, int *idx, mc_err *err) {
  int rc = mc_csv_next(r, err);
  if (rc < 0) return err ? err->rc : MC_EINVAL;
  if (rc == 0) return mc_fail(err, MC_EINVAL, "csv.empty", NULL, "The file is empty: it needs a header line.");
  const char **names = mc_arena_alloc(r->arena, sizeof *names * (size_t)(r->nfields + 1));
  if (!names) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  for (int i = 0; i < ncols; i++) idx[i] = -1;
  for (int f = 0; f < r->nfields; f++) {
    names[f] = trim(r->arena, r->fields[f]);
    if (!names[f]) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
    int k = -1;
    for (int i = 0; i < ncols && k < 0; i++)
      if (strcasecmp(names[f], cols[i].name) == 0) k = i;
    if (k < 0) {
      mc_rc e = fail_at(err, r->line, "csv.unknown_column", "unknown column \"%s\" in the header", names[f]);
      mc_err_detail(err, "column", json_string(names[f]));
      return e;
    }
    if (idx[k] >= 0) {
      mc_rc e = fail_at(err, r->line, "csv.duplicate_column", "the column \"%s\" appears twice", names[f]);
      mc_err_detail(err, "column", json_string(names[f]));
      return e;
    }
    idx[k] = f;
    names[f] = cols[k].name;   /* messages use the declared spelling */
  }
  for (int i = 0; i < ncols; i++) {
    if (idx[i] < 0 && cols[i].required) {
      mc_rc e = fail_at(err, r->line, "csv.missing_column", "the header has no column \"%s\"", cols[i].name);
      mc_err_detail(err, "column", json_string(cols[i].name));
      return e;
    }
  }
  r->names = names;
  r->width = r->nfields;
  return MC_OK;
}

const char *mc_csv_field(const mc_csv *r, int i) {
  return i >= 0 && i < r->nfields ? r->fields[i] : "";
}

mc_rc mc_csv_fail(const mc_csv *r, mc_err *err, mc_rc rc, const char *code, int col,
                  const char *fmt, ...) {
  char msg[MC_ERR_MSG_MAX - 96];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  const char *name = col >= 0 && r->names && col < r->width ? r->names[col] : NULL;
  mc_rc out;
  if (name) out = mc_fail(err, rc, code, name, "line %d, column \"%s\": %s", r->line, name, msg);
  else if (col >= 0) out = mc_fail(err, rc, code, NULL, "line %d, column %d: %s", r->line, col + 1, msg);
  else out = mc_fail(err, rc, code, NULL, "line %d: %s", r->line, msg);
  mc_err_detail(err, "line", json_integer(r->line));
  if (name) mc_err_detail(err, "column", json_string(name));
  return out;
}

static bool needs_quotes(const char *s, bool first) {
  if (!*s) return false;
  if (first && *s == '#') return true;
  if (first && strncmp(s, "\xEF\xBB\xBF", 3) == 0) return true;   /* would read back as a byte-order mark */
  size_t n = strlen(s);
  if (s[0] == ' ' || s[n - 1] == ' ') return true;
  return strpbrk(s, ",\"\r\n") != NULL;
}

mc_rc mc_csv_write_row(mc_buf *out, const char *const *fields, int n) {
  mc_rc rc = MC_OK;
  for (int i = 0; i < n && !rc; i++) {
    const char *s = fields[i] ? fields[i] : "";
    if (i) rc = mc_buf_append(out, ",", 1);
    if (rc) break;
    if (!needs_quotes(s, i == 0)) { rc = mc_buf_puts(out, s); continue; }
    rc = mc_buf_append(out, "\"", 1);
    for (const char *p = s; *p && !rc; p++)
      rc = *p == '"' ? mc_buf_append(out, "\"\"", 2) : mc_buf_append(out, p, 1);
    if (!rc) rc = mc_buf_append(out, "\"", 1);
  }
  if (!rc) rc = mc_buf_append(out, "\r\n", 2);
  return rc;
}
