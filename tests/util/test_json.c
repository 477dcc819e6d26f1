/* test_json.c — checked JSON input: limits, unknown fields, types. */
#include <criterion/criterion.h>
#include <string.h>
#include "util/json.h"

Test(json, parse_and_check) {
  mc_arena *a = mc_arena_new(0);
  mc_err err = {0};
  json_t *j;
  const char *txt = "{\"name\":\"Nguyễn Văn A\",\"age\":30}";
  cr_assert_eq(mc_json_parse(a, txt, strlen(txt), 0, &j, &err), MC_OK);
  static const char *const ok[] = {"name", "age", NULL};
  static const char *const narrow[] = {"name", NULL};
  cr_assert_eq(mc_json_only(j, ok, NULL, &err), MC_OK);
  cr_assert_eq(mc_json_only(j, narrow, "applicant", &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "json.unknown_field");
  cr_assert_str_eq(err.field, "applicant.age");
  mc_err_clear(&err);
  int64_t age;
  cr_assert_eq(mc_json_int(j, "age", true, 0, 20, &age, NULL, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "json.out_of_range");
  mc_err_clear(&err);
  const char *s;
  cr_assert_eq(mc_json_str(j, "name", true, 5, &s, NULL, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "json.too_long");
  mc_err_clear(&err);
  cr_assert_eq(mc_json_str(j, "missing", true, 5, &s, NULL, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "json.missing_field");
  mc_err_clear(&err);
  mc_arena_free(a);
}

Test(json, malformed_duplicate_and_oversized) {
  mc_arena *a = mc_arena_new(0);
  mc_err err = {0};
  json_t *j;
  cr_assert_eq(mc_json_parse(a, "{\"a\":", 5, 0, &j, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "json.malformed");
  mc_err_clear(&err);
  cr_assert_eq(mc_json_parse(a, "{\"a\":1,\"a\":2}", 13, 0, &j, &err), MC_EINVAL);
  mc_err_clear(&err);
  cr_assert_eq(mc_json_parse(a, "{\"a\":\"\xff\"}", 9, 0, &j, &err), MC_EINVAL);
  mc_err_clear(&err);
  cr_assert_eq(mc_json_parse(a, "{}", 2, 1, &j, &err), MC_ETOOBIG);
  cr_assert_str_eq(err.code, "json.too_large");
  mc_err_clear(&err);
  mc_arena_free(a);
}
