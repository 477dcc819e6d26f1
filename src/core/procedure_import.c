/* procedure_import.c — importing the catalogue from JSON or CSV (formats in
 * procedure.h): every item is checked first, then all are written in one
 * transaction, or nothing is. CSV rows are turned into the JSON document of
 * one procedure and checked by the same mc_procedure_from_json, so both
 * formats obey the same rules; errors name the item or line and the field. */
#include "core/procedure_int.h"
#include "util/csv.h"
#include "util/json.h"
#include "util/str.h"
#include "util/time.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { CSV_CELL_MAX = MC_PROC_DOC_MAX + 1024, COMPOSITE_PARTS = 4 };

typedef struct item {
  const json_t *doc;
  int where;               /* item number (JSON, 1-based) or line (CSV) */
  mc_procedure *p;
} item;

typedef struct import {
  mc_arena *a;
  bool csv;
  item *items;
  int n, cap;
} import;

static mc_rc no_memory(mc_err *err) {
  return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

/* "item 17 (1.001234): <inner message>", keeping the inner code and field. */
static mc_rc located(mc_err *err, const import *im, int where, const char *code, mc_err *inner) {
  const char *what = im->csv ? "line" : "item";
  mc_rc rc = inner->rc ? inner->rc : MC_EINVAL;
  if (code && *code)
    mc_fail(err, inner->rc, inner->code, inner->field, "%s %d (%.64s): %s", what, where, code, inner->message);
  else
    mc_fail(err, inner->rc, inner->code, inner->field, "%s %d: %s", what, where, inner->message);
  if (inner->detail) { mc_err_detail(err, "detail", inner->detail); inner->detail = NULL; }
  mc_err_detail(err, what, json_integer(where));
  if (code && *code) mc_err_detail(err, "procedure", json_string(code));
  mc_err_clear(inner);
  return rc;
}

static mc_rc fail_at(mc_err *err, const import *im, int where, const char *pcode, const char *code,
                     const char *field, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static mc_rc fail_at(mc_err *err, const import *im, int where, const char *pcode, const char *code,
                     const char *field, const char *fmt, ...) {
  mc_err inner = {0};
  char msg[MC_ERR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mc_fail(&inner, MC_EINVAL, code, field, "%s", msg);
  return located(err, im, where, pcode, &inner);
}

static mc_rc add_item(import *im, const json_t *doc, int where, mc_err *err) {
  if (im->n == MC_PROC_IMPORT_ITEMS_MAX)
    return mc_fail(err, MC_ETOOBIG, "import.too_many", NULL,
                   "The import has more than %d procedures; split it.", MC_PROC_IMPORT_ITEMS_MAX);
  if (im->n == im->cap) {
    int cap = im->cap ? im->cap * 2 : 256;
    item *bigger = mc_arena_alloc(im->a, sizeof *bigger * (size_t)cap);
    if (!bigger) return no_memory(err);
    if (im->n) memcpy(bigger, im->items, sizeof *bigger * (size_t)im->n);
    im->items = bigger;
    im->cap = cap;
  }
  im->items[im->n++] = (item){.doc = doc, .where = where};
  return MC_OK;
}

/* ---- JSON ------------------------------------------------------------------- */

static mc_rc parse_json(import *im, const char *text, size_t len, mc_err *err) {
  json_error_t je;
  json_t *root = mc_json_keep(im->a, json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je));
  if (!root)
    return mc_fail(err, MC_EINVAL, "import.malformed", NULL,
                   "The file is not valid JSON (line %d, column %d): %s.", je.line, je.column, je.text);
  json_t *list = root;
  if (json_is_object(root)) {
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
      if (strcmp(key, "procedures") != 0 && strcmp(key, "format") != 0)
        return mc_fail(err, MC_EINVAL, "import.malformed", key,
                       "Unknown member \"%.60s\" at the top of the file (expected \"format\" and \"procedures\").", key);
    list = json_object_get(root, "procedures");
    json_t *format = json_object_get(root, "format");
    if (format && (!json_is_string(format) || strcmp(json_string_value(format), "motcua-procedures/1") != 0))
      return mc_fail(err, MC_EINVAL, "import.bad_format", "format",
                     "The file's format is not \"motcua-procedures/1\".");
  }
  if (!json_is_array(list))
    return mc_fail(err, MC_EINVAL, "import.malformed", NULL,
                   "The file must be a list of procedures or {\"procedures\": [...]}.");
  size_t i;
  json_t *v;
  json_array_foreach(list, i, v) {
    mc_rc rc = add_item(im, v, (int)i + 1, err);
    if (rc) return rc;
  }
  return MC_OK;
}

/* ---- CSV ---------------------------------------------------------------------- */

typedef enum { COL_TEXT, COL_INT, COL_BOOL, COL_KINDS, COL_FEES, COL_COMPONENTS, COL_DOC } col_type;

static const struct { const char *name; col_type type; bool required; } columns[] = {
  {"code", COL_TEXT, true}, {"name", COL_TEXT, true}, {"field_code", COL_TEXT, true},
  {"field_name", COL_TEXT, true}, {"level", COL_TEXT, true}, {"unit_kinds", COL_KINDS, true},
  {"time_amount", COL_INT, false}, {"time_unit", COL_TEXT, true}, {"rule_1500", COL_BOOL, false},
  {"online_level", COL_TEXT, true}, {"full_eligible", COL_BOOL, false},
  {"result_type", COL_TEXT, true}, {"citizen_kind", COL_TEXT, true},
  {"decided_on", COL_TEXT, false}, {"effective_on", COL_TEXT, false},
  {"published_on", COL_TEXT, false}, {"payment_integrated", COL_BOOL, false},
  {"active", COL_BOOL, false}, {"fees", COL_FEES, false}, {"components", COL_COMPONENTS, false},
  {"eform", COL_DOC, false}, {"workflow", COL_DOC, false},
};
enum { NCOLUMNS = sizeof columns / sizeof columns[0] };

static bool parse_bool(const char *s, bool *out) {
  static const char *const yes[] = {"true", "1", "yes", NULL}, *const no[] = {"false", "0", "no", NULL};
  for (int i = 0; yes[i]; i++) {
    if (strcasecmp(s, yes[i]) == 0) { *out = true; return true; }
    if (strcasecmp(s, no[i]) == 0) { *out = false; return true; }
  }
  return false;
}

/* Split "a:b:c|d:e:f" honouring \: \| \\ into items of up to COMPOSITE_PARTS parts. */
typedef struct composite { char *part[COMPOSITE_PARTS]; int nparts; } composite;

static int split_composite(mc_arena *a, const char *s, composite *out, int max, bool *too_many_parts) {
  int n = 0;
  char *buf = mc_arena_alloc(a, strlen(s) + 1);
  if (!buf) return -1;
  *too_many_parts = false;
  while (*s && n < max) {
    composite *c = &out[n++];
    c->nparts = 0;
    for (;;) {
      char *w = buf;
      while (*s && *s != ':' && *s != '|') {
        if (*s == '\\' && s[1]) s++;
        *buf++ = *s++;
      }
      *buf++ = 0;
      if (c->nparts < COMPOSITE_PARTS) c->part[c->nparts++] = w;
      else *too_many_parts = true;
      if (*s == ':') { s++; continue; }
      break;
    }
    if (*s == '|') s++;
  }
  return *s ? max + 1 : n;
}

static mc_rc cell_value(mc_arena *a, const char *name, col_type type, const char *s, json_t **out,
                        mc_err *err) {
  *out = NULL;
  switch (type) {
  case COL_TEXT:
    *out = json_string(s);
    if (!*out) return mc_fail(err, MC_EINVAL, "procedure.bad_text", name, "%s is not valid UTF-8", name);
    return MC_OK;
  case COL_INT: {
    int64_t v;
    if (!mc_parse_i64(s, INT64_MIN, INT64_MAX, &v))
      return mc_fail(err, MC_EINVAL, "procedure.wrong_type", name, "%s \"%.40s\" is not a whole number", name, s);
    *out = json_integer(v);
    return MC_OK;
  }
  case COL_BOOL: {
    bool v;
    if (!parse_bool(s, &v))
      return mc_fail(err, MC_EINVAL, "procedure.wrong_type", name, "%s \"%.40s\" is not true or false", name, s);
    *out = json_boolean(v);
    return MC_OK;
  }
  case COL_KINDS: {
    *out = json_array();
    while (*s) {
      const char *e = strchr(s, ',');
      size_t n = e ? (size_t)(e - s) : strlen(s);
      const char *b = s;
      while (n && *b == ' ') { b++; n--; }
      while (n && b[n - 1] == ' ') n--;
      json_t *k = json_stringn(b, n);
      if (!k) return mc_fail(err, MC_EINVAL, "procedure.bad_text", name, "%s is not valid UTF-8", name);
      json_array_append_new(*out, k);
      s += (e ? (size_t)(e - s) + 1 : strlen(s));
    }
    return MC_OK;
  }
  case COL_FEES:
  case COL_COMPONENTS: {
    bool fees = type == COL_FEES;
    int max = fees ? MC_PROC_FEES_MAX : MC_PROC_COMPONENTS_MAX;
    composite *parts = mc_arena_alloc(a, sizeof *parts * (size_t)max);
    bool extra;
    int n = parts ? split_composite(a, s, parts, max, &extra) : -1;
    if (n < 0) return no_memory(err);
    if (n > max)
      return mc_fail(err, MC_EINVAL, "procedure.too_long", name, "%s has more than %d items", name, max);
    *out = json_array();
    for (int i = 0; i < n; i++) {
      composite *c = &parts[i];
      char f[48];
      snprintf(f, sizeof f, "%s[%d]", name, i);
      if ((fees && c->nparts != 4) || (!fees && c->nparts < 2) || extra)
        return mc_fail(err, MC_EINVAL, "procedure.bad_value", f,
                       fees ? "%s must be code:name:amount:kind (write \\: for a ':' inside a name)"
                            : "%s must be code:name[:required[:from_store]] (write \\: for a ':' inside a name)", f);
      json_t *o = json_object();
      json_array_append_new(*out, o);
      json_t *code = json_string(c->part[0]), *nm = json_string(c->part[1]);
      if (!code || !nm) {
        json_decref(code);
        json_decref(nm);
        return mc_fail(err, MC_EINVAL, "procedure.bad_text", f, "%s is not valid UTF-8", f);
      }
      json_object_set_new(o, "code", code);
      json_object_set_new(o, "name", nm);
      if (fees) {
        int64_t amount;
        if (!mc_parse_i64(c->part[2], INT64_MIN, INT64_MAX, &amount))
          return mc_fail(err, MC_EINVAL, "procedure.wrong_type", f, "%s.amount \"%.40s\" is not a whole number", f,
                         c->part[2]);
        json_object_set_new(o, "amount", json_integer(amount));
        json_object_set_new(o, "kind", json_string(c->part[3]));
        continue;
      }
      static const char *const flags[] = {"required", "from_store"};
      for (int k = 2; k < c->nparts; k++) {
        bool v;
        if (!parse_bool(c->part[k], &v))
          return mc_fail(err, MC_EINVAL, "procedure.wrong_type", f, "%s.%s \"%.40s\" is not true or false", f,
                         flags[k - 2], c->part[k]);
        json_object_set_new(o, flags[k - 2], json_boolean(v));
      }
    }
    return MC_OK;
  }
  case COL_DOC: {
    json_error_t je;
    *out = json_loads(s, JSON_REJECT_DUPLICATES, &je);
    if (!*out)
      return mc_fail(err, MC_EINVAL, "procedure.bad_json", name, "%s is not valid JSON (column %d): %s", name,
                     je.column, je.text);
    return MC_OK;
  }
  }
  return MC_OK;
}

static mc_rc parse_csv(import *im, const char *text, size_t len, mc_err *err) {
  mc_csv r;
  mc_csv_col cols[NCOLUMNS];
  int idx[NCOLUMNS], rc;
  for (int k = 0; k < NCOLUMNS; k++) cols[k] = (mc_csv_col){columns[k].name, columns[k].required};
  mc_csv_opts opts = {.field_max = CSV_CELL_MAX, .rows_max = MC_PROC_IMPORT_ITEMS_MAX};
  if ((rc = mc_csv_open(&r, im->a, text, len, &opts, err)) ||
      (rc = mc_csv_header(&r, cols, NCOLUMNS, idx, err)))
    return rc;
  while ((rc = mc_csv_next(&r, err)) > 0) {
    const char *pcode = mc_csv_field(&r, idx[0]);
    json_t *doc = mc_json_keep(im->a, json_object());
    if (!doc) return no_memory(err);
    for (int k = 0; k < NCOLUMNS; k++) {
      const char *cell = mc_csv_field(&r, idx[k]);
      if (!cell[0]) continue;   /* empty = absent */
      json_t *v;
      mc_err inner = {0};
      if (cell_value(im->a, columns[k].name, columns[k].type, cell, &v, &inner)) {
        json_decref(v);
        return located(err, im, r.line, pcode, &inner);
      }
      json_object_set_new(doc, columns[k].name, v);
    }
    mc_rc e = add_item(im, doc, r.line, err);
    if (e) return e;
  }
  return rc < 0 ? err->rc : MC_OK;
}

/* ---- checking and writing ------------------------------------------------------ */

typedef struct key_ref { const char *key; int i; } key_ref;

static int cmp_key(const void *x, const void *y) {
  const key_ref *a = x, *b = y;
  int c = strcmp(a->key, b->key);
  return c ? c : a->i - b->i;
}

/* Codes must be unique in one import; a field code must carry one name. */
static mc_rc check_across(import *im, mc_err *err) {
  key_ref *refs = mc_arena_alloc(im->a, sizeof *refs * (size_t)(im->n ? im->n : 1));
  if (!refs) return no_memory(err);
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < im->n; i++)
      refs[i] = (key_ref){pass == 0 ? im->items[i].p->code : im->items[i].p->field_code, i};
    qsort(refs, (size_t)im->n, sizeof *refs, cmp_key);
    int worst = -1, first = -1;    /* the earliest item in the file that clashes with an earlier one */
    for (int k = 1, g = 0; k < im->n; k++) {
      if (strcmp(refs[k].key, refs[g].key) != 0) { g = k; continue; }
      bool clash = pass == 0 ||
          strcmp(im->items[refs[k].i].p->field_name, im->items[refs[g].i].p->field_name) != 0;
      if (clash && (worst < 0 || refs[k].i < worst)) { worst = refs[k].i; first = refs[g].i; }
    }
    if (worst < 0) continue;
    const item *w = &im->items[worst], *f = &im->items[first];
    const char *what = im->csv ? "line" : "item";
    if (pass == 0)
      return fail_at(err, im, w->where, w->p->code, "import.duplicate_code", "code",
                     "code appears twice in this import (also %s %d)", what, f->where);
    return fail_at(err, im, w->where, w->p->code, "import.field_name_conflict", "field_name",
                   "field_name \"%.80s\" differs from \"%.80s\" given for field %s in %s %d", w->p->field_name,
                   f->p->field_name, w->p->field_code, what, f->where);
  }
  return MC_OK;
}

mc_rc mc_procedures_import(mc_db *db, const char *format, const char *text, size_t len,
                           int *count, mc_err *err) {
  if (count) *count = 0;
  bool csv = format && strcmp(format, "csv") == 0;
  if (!csv && !(format && strcmp(format, "json") == 0))
    return mc_fail(err, MC_EINVAL, "import.bad_format", "format", "The import format must be json or csv.");
  if (len > MC_PROC_IMPORT_MAX)
    return mc_fail(err, MC_ETOOBIG, "import.too_large", NULL, "The import is larger than %d bytes.",
                   MC_PROC_IMPORT_MAX);
  if (!text || len == 0) return mc_fail(err, MC_EINVAL, "import.malformed", NULL, "The import is empty.");
  import im = {.a = mc_arena_new(0), .csv = csv};
  if (!im.a) return no_memory(err);
  mc_rc rc = csv ? parse_csv(&im, text, len, err) : parse_json(&im, text, len, err);
  for (int i = 0; i < im.n && !rc; i++) {
    mc_err inner = {0};
    item *it = &im.items[i];
    if (mc_procedure_from_json(im.a, it->doc, &it->p, &inner)) {
      json_t *code = json_is_object(it->doc) ? json_object_get(it->doc, "code") : NULL;
      rc = located(err, &im, it->where, json_is_string(code) ? json_string_value(code) : NULL, &inner);
    }
  }
  if (!rc) rc = check_across(&im, err);
  if (rc) { mc_arena_free(im.a); return rc; }

  bool own = !mc_db_in_tx(db);
  if (own && (rc = mc_db_begin(db, err))) { mc_arena_free(im.a); return rc; }
  char now[32];
  mc_time_format(mc_now(), now, sizeof now);
  for (int i = 0; i < im.n && !rc; i++) {
    int64_t id;
    mc_err inner = {0};
    if (mc_proc_store(db, im.a, im.items[i].p, now, &id, &inner))
      rc = located(err, &im, im.items[i].where, im.items[i].p->code, &inner);
  }
  if (own) {
    if (!rc) rc = mc_db_commit(db, err);
    else mc_db_rollback(db);
  }
  if (!rc && count) *count = im.n;
  mc_arena_free(im.a);
  return rc;
}
