/* procedure_search.c — finding procedures by folded text and filters
 * (procedure.h). The text is folded with util/fold.h, so "giay phep lai xe"
 * finds "Giấy phép lái xe" and "d" matches "đ"; the ranking lives in
 * procedures.sql ("search"): code or name prefix, then a word start, then
 * anywhere, then every word in any order. */
#include "core/procedure_int.h"
#include "util/fold.h"
#include "util/str.h"
#include <string.h>

enum { SEARCH_WORDS = 6 };

/* LIKE pattern: before + text with % _ \ escaped by \ + after (arena). */
static char *pattern(mc_arena *a, const char *before, const char *s, size_t n, const char *after) {
  size_t bl = strlen(before), al = strlen(after);
  char *p = mc_arena_alloc(a, bl + 2 * n + al + 1);
  if (!p) return NULL;
  size_t k = 0;
  memcpy(p, before, bl);
  k = bl;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '%' || s[i] == '_' || s[i] == '\\') p[k++] = '\\';
    p[k++] = s[i];
  }
  memcpy(p + k, after, al + 1);
  return p;
}

static mc_rc bad_filter(mc_err *err, const char *name, const char *value, const char *allowed) {
  return mc_fail(err, MC_EINVAL, "query.bad_value", name, "The filter \"%s\" must be one of %s (not \"%.40s\").",
                 name, allowed, value);
}

static bool one_of(const char *const names[], const char *s) {
  for (int i = 0; names[i]; i++)
    if (strcmp(names[i], s) == 0) return true;
  return false;
}

mc_rc mc_procedures_search(mc_db *db, mc_arena *a, const mc_procedure_filter *f,
                           mc_procedure_page *out, mc_err *err) {
  memset(out, 0, sizeof *out);
  if (f->limit < 1 || f->limit > MC_PROC_PAGE_MAX || f->offset < 0)
    return mc_fail(err, MC_EINVAL, "query.bad_number", "limit",
                   "limit must be between 1 and %d and offset must not be negative.", MC_PROC_PAGE_MAX);
  const char *field = mc_str_empty(f->field_code) ? NULL : f->field_code;
  const char *kind = mc_str_empty(f->unit_kind) ? NULL : f->unit_kind;
  const char *online = mc_str_empty(f->online) ? NULL : f->online;
  if (field && strlen(field) > MC_FIELD_CODE_MAX)
    return mc_fail(err, MC_EINVAL, "query.too_long", "field", "The field code is too long.");
  if (kind && !one_of(mc_proc_unit_kinds, kind))
    return bad_filter(err, "unit_kind", kind, "province, department, district, commune, other");
  static const char *const online_values[] = {"full", "partial", "none", "online", NULL};
  if (online && !one_of(online_values, online))
    return bad_filter(err, "online", online, "full, partial, none, online");

  /* Text: folded phrase, its words, and the raw text for codes. */
  const char *folded = NULL, *raw = NULL;
  if (!mc_str_empty(f->q)) {
    if (mc_utf8_len(f->q) > MC_PROC_QUERY_MAX)
      return mc_fail(err, MC_EINVAL, "query.too_long", "q", "The search text is longer than %d characters.",
                     MC_PROC_QUERY_MAX);
    if (!mc_utf8_valid(f->q, strlen(f->q)) || !(folded = mc_fold(a, f->q)))
      return mc_fail(err, MC_EINVAL, "query.bad_text", "q", "The search text is not valid UTF-8.");
    if (!*folded) folded = NULL;
    const char *r = f->q;
    while (*r == ' ' || *r == '\t') r++;
    size_t rn = strlen(r);
    while (rn && (r[rn - 1] == ' ' || r[rn - 1] == '\t')) rn--;
    raw = mc_arena_strndup(a, r, rn);
  }
  const char *code_pat = "", *prefix = "", *word_start = "", *anywhere = "";
  const char *words[SEARCH_WORDS];
  for (int i = 0; i < SEARCH_WORDS; i++) words[i] = "%";
  if (folded) {
    size_t n = strlen(folded);
    code_pat = pattern(a, "", raw, strlen(raw), "%");
    prefix = pattern(a, "", folded, n, "%");
    word_start = pattern(a, "% ", folded, n, "%");
    anywhere = pattern(a, "%", folded, n, "%");
    const char *w = folded;
    for (int i = 0; i < SEARCH_WORDS && *w; i++) {
      const char *e = strchr(w, ' ');
      /* The last slot takes the rest of the text as one phrase. */
      size_t len = (e && i < SEARCH_WORDS - 1) ? (size_t)(e - w) : strlen(w);
      words[i] = pattern(a, "%", w, len, "%");
      if (!words[i]) break;
      w += len;
      while (*w == ' ') w++;
    }
    bool oom = !code_pat || !prefix || !word_start || !anywhere;
    for (int i = 0; i < SEARCH_WORDS; i++) oom = oom || !words[i];
    if (oom) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  const char *kind_pat = kind ? mc_arena_printf(a, "%%,%s,%%", kind) : NULL;
  int64_t inactive = f->include_inactive ? 1 : 0;

  mc_rc rc = mc_db_i64(db, "procedures.search_count", &out->total, err, "sssssssssssisss",
                       folded, code_pat, prefix, word_start, anywhere, words[0], words[1], words[2],
                       words[3], words[4], words[5], inactive, field, kind_pat, online);
  if (rc) return rc;
  int64_t cap = out->total - f->offset;
  if (cap > f->limit) cap = f->limit;
  if (cap <= 0) return MC_OK;
  out->items = mc_arena_alloc(a, sizeof *out->items * (size_t)cap);
  if (!out->items) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_stmt *st = mc_db_prep(db, "procedures.search", err, "sssssssssssisssii", folded, code_pat,
                           prefix, word_start, anywhere, words[0], words[1], words[2], words[3],
                           words[4], words[5], inactive, field, kind_pat, online, f->limit, f->offset);
  if (!st) return err->rc;
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    if (out->n == cap) continue;   /* a row added since the count: shown on the next request */
    if ((rc = mc_proc_from_row(st, a, &out->items[out->n], err))) {
      while (mc_stmt_next(st, NULL) > 0) {}
      return rc;
    }
    out->n++;
  }
  return r < 0 ? err->rc : MC_OK;
}
