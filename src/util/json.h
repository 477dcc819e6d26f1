/* json.h — checked access to JSON input (jansson). Every getter reports the
 * field by its path ("applicant.phone") with a stable code on failure:
 *   json.malformed, json.too_large, json.unknown_field, json.missing_field,
 *   json.wrong_type, json.out_of_range, json.too_long                        */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "util/arena.h"
#include "util/err.h"

enum { MC_JSON_BODY_MAX = 1 << 20 };

/* Parse text (≤ max bytes, one object or array, no duplicate keys, valid UTF-8).
 * The result is decref'ed when the arena is freed. */
mc_rc mc_json_parse(mc_arena *a, const char *text, size_t len, size_t max,
                    json_t **out, mc_err *err);
/* Fail with json.unknown_field when obj has a member outside allowed (NULL-ended). */
mc_rc mc_json_only(const json_t *obj, const char *const allowed[], const char *path, mc_err *err);
/* Getters: absent + !required → MC_OK and *out untouched. path may be NULL. */
mc_rc mc_json_str(const json_t *obj, const char *key, bool required, size_t maxlen,
                  const char **out, const char *path, mc_err *err);
mc_rc mc_json_int(const json_t *obj, const char *key, bool required, int64_t min,
                  int64_t max, int64_t *out, const char *path, mc_err *err);
mc_rc mc_json_bool(const json_t *obj, const char *key, bool required, bool *out,
                   const char *path, mc_err *err);
/* Member must be an object / array when present. */
mc_rc mc_json_obj(const json_t *obj, const char *key, bool required, json_t **out,
                  const char *path, mc_err *err);
mc_rc mc_json_arr(const json_t *obj, const char *key, bool required, size_t maxlen,
                  json_t **out, const char *path, mc_err *err);
/* Arena-owned json reference helper: the arena decrefs j when freed. */
json_t *mc_json_keep(mc_arena *a, json_t *j);
