/* fuzz_json.c — JSON request decoding: any bytes through the request-body
 * parser (size limit, duplicate keys, UTF-8), then through the checked
 * getters every handler uses and the decoders of whole request bodies (a
 * unit, a procedure with its e-form and workflow). Invariants: no crash or
 * leak, every failure has a code and a message, a string accepted by
 * mc_json_str has no NUL and respects its length. */
#include <stdint.h>
#include <string.h>
#include "core/procedure.h"
#include "core/unit.h"
#include "fuzz.h"
#include "util/json.h"
#include "util/str.h"

static void getters(const json_t *obj, const char *path) {
  mc_err err = {0};
  static const char *const allowed[] = {"username", "password", "totp", "session", "code", "name", NULL};
  fuzz_check_err(mc_json_only(obj, allowed, path, &err), &err);
  const char *s = NULL;
  mc_rc rc = mc_json_str(obj, "username", false, 64, &s, path, &err);
  if (rc == MC_OK && s) FUZZ_CHECK(mc_utf8_len(s) <= 64 && strlen(s) == strnlen(s, 4 * 64 + 1));
  fuzz_check_err(rc, &err);
  int64_t n;
  fuzz_check_err(mc_json_int(obj, "limit", false, 1, 200, &n, path, &err), &err);
  bool b;
  fuzz_check_err(mc_json_bool(obj, "flag", false, &b, path, &err), &err);
  json_t *o;
  rc = mc_json_obj(obj, "applicant", false, &o, path, &err);
  fuzz_check_err(rc, &err);
  json_t *arr;
  fuzz_check_err(mc_json_arr(obj, "items", false, 50, &arr, path, &err), &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mc_arena *a = mc_arena_new(64 << 20);
  mc_err err = {0};
  json_t *j = NULL;
  mc_rc rc = mc_json_parse(a, (const char *)data, size, MC_JSON_BODY_MAX, &j, &err);
  fuzz_check_err(rc, &err);
  if (rc == MC_OK && json_is_object(j)) {
    getters(j, NULL);
    const char *k;
    json_t *v;
    json_object_foreach(j, k, v) if (json_is_object(v)) getters(v, k);
    mc_unit_in u;
    fuzz_check_err(mc_unit_from_json(j, a, 1, &u, &err), &err);
    mc_procedure *p;
    rc = mc_procedure_from_json(a, j, &p, &err);
    if (rc == MC_OK) FUZZ_CHECK(p && p->code && p->name);
    fuzz_check_err(rc, &err);
  }
  mc_arena_free(a);
  return 0;
}
