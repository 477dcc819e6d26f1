/* json.c — checked access to JSON input (see json.h). */
#include "util/json.h"
#include "util/str.h"
#include <stdio.h>
#include <string.h>

static void decref(void *p) { json_decref(p); }

json_t *mc_json_keep(mc_arena *a, json_t *j) {
  if (j && mc_arena_defer(a, decref, j)) { json_decref(j); return NULL; }
  return j;
}

mc_rc mc_json_parse(mc_arena *a, const char *text, size_t len, size_t max,
                    json_t **out, mc_err *err) {
  if (len > (max ? max : MC_JSON_BODY_MAX))
    return mc_fail(err, MC_ETOOBIG, "json.too_large", NULL,
                   "The request body is larger than %zu bytes.", max ? max : (size_t)MC_JSON_BODY_MAX);
  json_error_t je;
  json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
  if (!j)
    return mc_fail(err, MC_EINVAL, "json.malformed", NULL,
                   "The request body is not valid JSON (line %d, column %d): %s.",
                   je.line, je.column, je.text);
  if (!mc_json_keep(a, j)) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  *out = j;
  return MC_OK;
}

static void fieldpath(char *buf, size_t n, const char *path, const char *key) {
  if (path && *path) snprintf(buf, n, "%s.%s", path, key);
  else snprintf(buf, n, "%s", key);
}

mc_rc mc_json_only(const json_t *obj, const char *const allowed[], const char *path, mc_err *err) {
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)obj, key, v) {
    bool ok = false;
    for (int i = 0; allowed[i] && !ok; i++) ok = strcmp(allowed[i], key) == 0;
    if (!ok) {
      char f[MC_ERR_FIELD_MAX];
      fieldpath(f, sizeof f, path, key);
      return mc_fail(err, MC_EINVAL, "json.unknown_field", f, "Unknown field \"%s\".", f);
    }
  }
  return MC_OK;
}

static mc_rc get(const json_t *obj, const char *key, bool required, const char *path,
                 json_t **v, mc_err *err) {
  *v = json_object_get(obj, key);
  if (*v && !json_is_null(*v)) return MC_OK;
  *v = NULL;
  if (!required) return MC_OK;
  char f[MC_ERR_FIELD_MAX];
  fieldpath(f, sizeof f, path, key);
  return mc_fail(err, MC_EINVAL, "json.missing_field", f, "The field \"%s\" is required.", f);
}

static mc_rc wrong(const char *path, const char *key, const char *want, mc_err *err) {
  char f[MC_ERR_FIELD_MAX];
  fieldpath(f, sizeof f, path, key);
  return mc_fail(err, MC_EINVAL, "json.wrong_type", f, "The field \"%s\" must be %s.", f, want);
}

mc_rc mc_json_str(const json_t *obj, const char *key, bool required, size_t maxlen,
                  const char **out, const char *path, mc_err *err) {
  json_t *v;
  mc_rc rc = get(obj, key, required, path, &v, err);
  if (rc || !v) return rc;
  if (!json_is_string(v)) return wrong(path, key, "a string", err);
  const char *s = json_string_value(v);
  if (maxlen && mc_utf8_len(s) > maxlen) {
    char f[MC_ERR_FIELD_MAX];
    fieldpath(f, sizeof f, path, key);
    return mc_fail(err, MC_EINVAL, "json.too_long", f,
                   "The field \"%s\" is longer than %zu characters.", f, maxlen);
  }
  if (strlen(s) != json_string_length(v)) return wrong(path, key, "text without NUL characters", err);
  *out = s;
  return MC_OK;
}

mc_rc mc_json_int(const json_t *obj, const char *key, bool required, int64_t min,
                  int64_t max, int64_t *out, const char *path, mc_err *err) {
  json_t *v;
  mc_rc rc = get(obj, key, required, path, &v, err);
  if (rc || !v) return rc;
  if (!json_is_integer(v)) return wrong(path, key, "a whole number", err);
  json_int_t n = json_integer_value(v);
  if (n < min || n > max) {
    char f[MC_ERR_FIELD_MAX];
    fieldpath(f, sizeof f, path, key);
    return mc_fail(err, MC_EINVAL, "json.out_of_range", f,
                   "The field \"%s\" must be between %lld and %lld.", f, (long long)min, (long long)max);
  }
  *out = n;
  return MC_OK;
}

mc_rc mc_json_bool(const json_t *obj, const char *key, bool required, bool *out,
                   const char *path, mc_err *err) {
  json_t *v;
  mc_rc rc = get(obj, key, required, path, &v, err);
  if (rc || !v) return rc;
  if (!json_is_boolean(v)) return wrong(path, key, "true or false", err);
  *out = json_is_true(v);
  return MC_OK;
}

mc_rc mc_json_obj(const json_t *obj, const char *key, bool required, json_t **out,
                  const char *path, mc_err *err) {
  json_t *v;
  mc_rc rc = get(obj, key, required, path, &v, err);
  if (rc || !v) return rc;
  if (!json_is_object(v)) return wrong(path, key, "an object", err);
  *out = v;
  return MC_OK;
}

mc_rc mc_json_arr(const json_t *obj, const char *key, bool required, size_t maxlen,
                  json_t **out, const char *path, mc_err *err) {
  json_t *v;
  mc_rc rc = get(obj, key, required, path, &v, err);
  if (rc || !v) return rc;
  if (!json_is_array(v)) return wrong(path, key, "a list", err);
  if (maxlen && json_array_size(v) > maxlen) {
    char f[MC_ERR_FIELD_MAX];
    fieldpath(f, sizeof f, path, key);
    return mc_fail(err, MC_EINVAL, "json.too_long", f, "The list \"%s\" has more than %zu items.", f, maxlen);
  }
  *out = v;
  return MC_OK;
}
