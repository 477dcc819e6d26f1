/* calendar_store.c — the calendar's data in the database: overrides (declared
 * days off and make-up working days) with their documents, their CSV/JSON
 * import, the holiday-rule setting, and the version tag that tells every
 * process to rebuild its calendar (queries in src/store/sql/calendar.sql). */
#include "core/calendar_int.h"
#include "util/csv.h"
#include "util/json.h"
#include "util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- settings ------------------------------------------------------------------ */

static mc_rc setting(mc_db *db, const char *key, mc_arena *a, const char **out, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "meta.setting_get", err, "s", key);
  if (!st) return err && err->rc ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  *out = NULL;
  if (r > 0) {
    *out = a ? mc_arena_strdup(a, mc_col_text(st, 0)) : NULL;
    while ((r = mc_stmt_next(st, err)) > 0) {}
  }
  return r < 0 ? (err && err->rc ? err->rc : MC_EDB) : MC_OK;
}

mc_rc mc_cal_read_version(mc_db *db, char *buf, size_t n, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "meta.setting_get", err, "s", MC_CAL_SETTING_VERSION);
  if (!st) return err && err->rc ? err->rc : MC_EDB;
  snprintf(buf, n, "0");
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) snprintf(buf, n, "%s", mc_col_text(st, 0));
  return r < 0 ? (err && err->rc ? err->rc : MC_EDB) : MC_OK;
}

mc_rc mc_calendar_rules(mc_db *db, mc_holiday_rules *out, mc_err *err) {
  mc_arena *a = mc_arena_new(1 << 20);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  const char *json;
  mc_rc rc = setting(db, MC_CAL_SETTING_RULES, a, &json, err);
  if (!rc) {
    if (json) rc = mc_holiday_rules_parse(json, strlen(json), out, err);
    else *out = mc_default_holiday_rules;
  }
  mc_arena_free(a);
  return rc;
}

static mc_rc bump(mc_db *db, mc_err *err) { return mc_db_exec(db, "calendar.bump_version", err, NULL); }

/* Run fn inside a transaction of its own unless the caller has one open. */
static mc_rc in_tx(mc_db *db, mc_rc (*fn)(mc_db *, void *, mc_err *), void *ctx, mc_err *err) {
  if (mc_db_in_tx(db)) {
    mc_rc rc = fn(db, ctx, err);
    return rc ? rc : bump(db, err);
  }
  mc_rc rc = mc_db_begin(db, err);
  if (rc) return rc;
  if ((rc = fn(db, ctx, err)) || (rc = bump(db, err)) || (rc = mc_db_commit(db, err))) {
    mc_db_rollback(db);
    return rc;
  }
  mc_calendar_changed();
  return MC_OK;
}

static mc_rc put_rules(mc_db *db, void *ctx, mc_err *err) {
  const char *json = ctx;
  return json ? mc_db_exec(db, "meta.setting_put", err, "ss", MC_CAL_SETTING_RULES, json)
              : mc_db_exec(db, "calendar.rules_delete", err, NULL);
}

mc_rc mc_calendar_set_rules(mc_db *db, const char *json, mc_err *err) {
  char *norm = NULL;
  if (json) {
    mc_holiday_rules r;
    mc_rc rc = mc_holiday_rules_parse(json, strlen(json), &r, err);
    if (rc) return rc;
    json_t *j = mc_holiday_rules_json(&r);
    norm = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    if (!norm) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  mc_rc rc = in_tx(db, put_rules, norm, err);
  free(norm);
  return rc;
}

/* ---- reading and writing overrides -------------------------------------------- */

static void row(mc_stmt *st, mc_arena *a, mc_cal_override *o) {
  memset(o, 0, sizeof *o);
  if (!mc_date_parse(mc_col_text(st, 0), &o->day)) o->day = 0;
  o->work = strcmp(mc_col_text(st, 1), "work") == 0;
  o->name = mc_arena_strdup(a, mc_col_text(st, 2));
  o->document = mc_col_null(st, 3) ? NULL : mc_arena_strdup(a, mc_col_text(st, 3));
  o->created_at = mc_arena_strdup(a, mc_col_text(st, 4));
}

mc_rc mc_cal_overrides_list(mc_db *db, mc_arena *a, int32_t from, int32_t to,
                            mc_cal_override **out, int *n, mc_err *err) {
  char f[16], t[16];
  mc_date_format(from, f, sizeof f);
  mc_date_format(to, t, sizeof t);
  int64_t count = 0;
  mc_rc rc = mc_db_i64(db, "calendar.count_range", &count, err, "ss", f, t);
  if (rc) return rc;
  mc_cal_override *v = mc_arena_alloc(a, (size_t)(count + 1) * sizeof *v);
  if (!v) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_stmt *st = mc_db_prep(db, "calendar.range", err, "ss", f, t);
  if (!st) return err && err->rc ? err->rc : MC_EDB;
  int k = 0, r;
  while ((r = mc_stmt_next(st, err)) > 0)
    if (k < count) row(st, a, &v[k++]);
  if (r < 0) return err && err->rc ? err->rc : MC_EDB;
  *out = v;
  *n = k;
  return MC_OK;
}

static mc_rc check_override(const mc_cal_override *o, mc_err *err) {
  if (o->day < mc_days_from_civil(MC_CAL_FIRST_YEAR, 1, 1) || o->day > mc_days_from_civil(MC_CAL_LAST_YEAR, 12, 31))
    return mc_fail(err, MC_EINVAL, "calendar.out_of_range", "date", "The calendar covers %d to %d.",
                   MC_CAL_FIRST_YEAR, MC_CAL_LAST_YEAR);
  if (mc_str_empty(o->name))
    return mc_fail(err, MC_EINVAL, "calendar.missing_name", "name", "An override needs a name (why the day changes).");
  if (!mc_utf8_valid(o->name, strlen(o->name)) || mc_utf8_len(o->name) > MC_CAL_NAME_MAX)
    return mc_fail(err, MC_EINVAL, "calendar.too_long", "name", "The name is at most %d characters of UTF-8 text.",
                   MC_CAL_NAME_MAX);
  if (o->document && (!mc_utf8_valid(o->document, strlen(o->document)) || mc_utf8_len(o->document) > MC_CAL_DOC_MAX))
    return mc_fail(err, MC_EINVAL, "calendar.too_long", "document",
                   "The document is at most %d characters of UTF-8 text.", MC_CAL_DOC_MAX);
  return MC_OK;
}

static mc_rc write_one(mc_db *db, const mc_cal_override *o, bool upsert, mc_err *err) {
  char date[16], now[32];
  mc_date_format(o->day, date, sizeof date);
  mc_time_format(mc_now(), now, sizeof now);
  const char *doc = o->document && *o->document ? o->document : NULL;
  return mc_db_exec(db, upsert ? "calendar.upsert" : "calendar.insert", err, "sssss", date,
                    o->work ? "work" : "off", o->name, doc, now);
}

static mc_rc add_fn(mc_db *db, void *ctx, mc_err *err) {
  const mc_cal_override *o = ctx;
  mc_rc rc = write_one(db, o, false, err);
  if (rc == MC_ECONFLICT) {
    char date[16];
    mc_date_format(o->day, date, sizeof date);
    mc_err_clear(err);
    return mc_fail(err, MC_ECONFLICT, "calendar.override_exists", "date",
                   "%s already has an override; delete it first.", date);
  }
  return rc;
}

mc_rc mc_cal_override_add(mc_db *db, const mc_cal_override *o, mc_err *err) {
  mc_rc rc = check_override(o, err);
  return rc ? rc : in_tx(db, add_fn, (void *)o, err);
}

static mc_rc delete_fn(mc_db *db, void *ctx, mc_err *err) {
  const int32_t *day = ctx;
  char date[16];
  mc_date_format(*day, date, sizeof date);
  mc_rc rc = mc_db_exec(db, "calendar.delete", err, "s", date);
  if (rc) return rc;
  if (mc_db_changes(db) == 0)
    return mc_fail(err, MC_ENOTFOUND, "calendar.no_override", "date", "%s has no override.", date);
  return MC_OK;
}

mc_rc mc_cal_override_delete(mc_db *db, int32_t day, mc_err *err) {
  return in_tx(db, delete_fn, &day, err);
}

/* ---- parsing an import ------------------------------------------------------------ */

static mc_rc rc_of(const mc_err *err) { return err && err->rc ? err->rc : MC_EINVAL; }

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = 0;
  return s;
}

/* Check one parsed row; where = "line 7" or "item 3". */
static mc_rc check_row(mc_cal_override *o, const char *date, const char *kind, const char *where,
                       mc_err *err) {
  if (!mc_date_parse(date, &o->day))
    return mc_fail(err, MC_EINVAL, "calendar.bad_date", "date", "%s: \"%s\" is not a date (YYYY-MM-DD).", where, date);
  if (strcmp(kind, "off") == 0) o->work = false;
  else if (strcmp(kind, "work") == 0) o->work = true;
  else return mc_fail(err, MC_EINVAL, "calendar.bad_kind", "kind", "%s: kind \"%s\" is not off or work.", where, kind);
  mc_err e = {0};
  if (check_override(o, &e)) {
    mc_fail(err, e.rc, e.code, e.field, "%s: %s", where, e.message);
    mc_err_clear(&e);
    return err ? err->rc : MC_EINVAL;
  }
  return MC_OK;
}

static mc_rc row_fail(mc_err *err, int line, const char *unit) {
  if (err && err->rc) mc_err_detail(err, unit, json_integer(line));
  return err && err->rc ? err->rc : MC_EINVAL;
}

static mc_rc parse_csv(mc_arena *a, const char *text, size_t len, mc_cal_override *v, int *n, mc_err *err) {
  static const mc_csv_col cols[] = {{"date", true}, {"kind", true}, {"name", true}, {"document", false}};
  mc_csv_opts opts = {.comments = true, .rows_max = MC_CAL_IMPORT_ROWS_MAX, .field_max = 4096};
  mc_csv r;
  int idx[4] = {0, 1, 2, 3};
  mc_rc rc = mc_csv_open(&r, a, text, len, &opts, err);
  if (rc) return rc;
  /* A header is optional: peek at the first record. */
  int got = mc_csv_next(&r, err);
  if (got < 0) return rc_of(err);
  bool header = got > 0 && strcasecmp(trim(r.fields[0]), "date") == 0;
  if ((rc = mc_csv_open(&r, a, text, len, &opts, err))) return rc;
  if (header && (rc = mc_csv_header(&r, cols, 4, idx, err))) return rc;
  int k = 0;
  while ((got = mc_csv_next(&r, err)) > 0) {
    if (!header && (r.nfields < 3 || r.nfields > 4))
      return mc_csv_fail(&r, err, MC_EINVAL, "csv.column_count", -1,
                         "expected date,kind,name[,document], found %d fields.", r.nfields);
    char where[32];
    snprintf(where, sizeof where, "line %d", r.line);
    mc_cal_override *o = &v[k];
    memset(o, 0, sizeof *o);
    o->line = r.line;
    o->name = trim((char *)mc_csv_field(&r, idx[2]));
    const char *doc = idx[3] >= 0 ? trim((char *)mc_csv_field(&r, idx[3])) : "";
    o->document = *doc ? doc : NULL;
    if ((rc = check_row(o, trim((char *)mc_csv_field(&r, idx[0])), trim((char *)mc_csv_field(&r, idx[1])), where, err)))
      return row_fail(err, r.line, "line");
    k++;
  }
  if (got < 0) return rc_of(err);
  *n = k;
  return MC_OK;
}

static mc_rc parse_json(mc_arena *a, const char *text, size_t len, mc_cal_override *v, int *n, mc_err *err) {
  json_t *root;
  mc_rc rc = mc_json_parse(a, text, len, MC_CAL_IMPORT_BYTES_MAX, &root, err);
  if (rc) return rc;
  if (!json_is_array(root))
    return mc_fail(err, MC_EINVAL, "json.wrong_type", NULL, "Calendar overrides are a JSON array of objects.");
  if (json_array_size(root) > MC_CAL_IMPORT_ROWS_MAX)
    return mc_fail(err, MC_ETOOBIG, "calendar.too_many_rows", NULL, "At most %d overrides in one import.",
                   MC_CAL_IMPORT_ROWS_MAX);
  static const char *const fields[] = {"date", "kind", "name", "document", NULL};
  size_t i;
  json_t *o;
  json_array_foreach(root, i, o) {
    char where[32], path[32];
    snprintf(where, sizeof where, "item %zu", i + 1);
    snprintf(path, sizeof path, "[%zu]", i);
    const char *date = NULL, *kind = NULL, *name = NULL, *doc = NULL;
    mc_cal_override *x = &v[i];
    memset(x, 0, sizeof *x);
    x->line = (int)i + 1;
    if (!json_is_object(o))
      rc = mc_fail(err, MC_EINVAL, "json.wrong_type", path, "%s: an override is a JSON object.", where);
    else if (!(rc = mc_json_only(o, fields, path, err)) &&
             !(rc = mc_json_str(o, "date", true, 10, &date, path, err)) &&
             !(rc = mc_json_str(o, "kind", true, 8, &kind, path, err)) &&
             !(rc = mc_json_str(o, "name", true, MC_CAL_NAME_MAX, &name, path, err)) &&
             !(rc = mc_json_str(o, "document", false, MC_CAL_DOC_MAX, &doc, path, err))) {
      x->name = name;
      x->document = doc && *doc ? doc : NULL;
      rc = check_row(x, date, kind, where, err);
    }
    if (rc) return row_fail(err, (int)i + 1, "item");
  }
  *n = (int)json_array_size(root);
  return MC_OK;
}

mc_rc mc_cal_overrides_parse(mc_arena *a, const char *format, const char *text, size_t len,
                             mc_cal_override **out, int *n, mc_err *err) {
  bool csv = format && strcmp(format, "csv") == 0, json = format && strcmp(format, "json") == 0;
  if (!csv && !json)
    return mc_fail(err, MC_EINVAL, "calendar.bad_format", "format", "The format is csv or json, not \"%s\".",
                   format ? format : "");
  if (len > MC_CAL_IMPORT_BYTES_MAX)
    return mc_fail(err, MC_ETOOBIG, "calendar.too_large", NULL, "A calendar import is at most %d bytes.",
                   MC_CAL_IMPORT_BYTES_MAX);
  mc_cal_override *v = mc_arena_alloc(a, (size_t)(MC_CAL_IMPORT_ROWS_MAX + 1) * sizeof *v);
  if (!v) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  int k = 0;
  mc_rc rc = csv ? parse_csv(a, text, len, v, &k, err) : parse_json(a, text, len, v, &k, err);
  if (rc) return rc;
  /* One row per date. */
  for (int i = 0; i < k; i++)
    for (int j = 0; j < i; j++)
      if (v[i].day == v[j].day) {
        char date[16];
        const char *unit = csv ? "line" : "item";
        mc_date_format(v[i].day, date, sizeof date);
        mc_fail(err, MC_EINVAL, "calendar.duplicate_date", "date", "%s %d: %s is already given at %s %d.", unit,
                v[i].line, date, unit, v[j].line);
        return row_fail(err, v[i].line, unit);
      }
  *out = v;
  *n = k;
  return MC_OK;
}

typedef struct import_ctx { const mc_cal_override *v; int n; } import_ctx;

static mc_rc import_fn(mc_db *db, void *ctx, mc_err *err) {
  import_ctx *ic = ctx;
  for (int i = 0; i < ic->n; i++) {
    mc_rc rc = write_one(db, &ic->v[i], true, err);
    if (rc) return rc;
  }
  return MC_OK;
}

mc_rc mc_calendar_import(mc_db *db, const char *format, const char *text, size_t len,
                         int *count, mc_err *err) {
  mc_arena *a = mc_arena_new(64 << 20);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  import_ctx ic = {0};
  mc_cal_override *v;
  mc_rc rc = mc_cal_overrides_parse(a, format, text, len, &v, &ic.n, err);
  if (!rc) {
    ic.v = v;
    bool own = !mc_db_in_tx(db);
    rc = in_tx(db, import_fn, &ic, err);
    if (!rc && !own) mc_calendar_changed();
  }
  if (!rc && count) *count = ic.n;
  mc_arena_free(a);
  return rc;
}
