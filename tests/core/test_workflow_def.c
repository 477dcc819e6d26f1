/* test_workflow_def.c — workflow definitions: the default and the example of
 * workflow.h are valid; every workflow.* error class is caught. */
#include <criterion/criterion.h>
#include <string.h>
#include "core/workflow.h"

static const char *const EXAMPLE =
  "{\"steps\": ["
  "{\"code\": \"xu_ly\", \"name\": \"Thẩm định, xử lý\", \"role\": \"specialist\", \"unit\": \"handling\", \"share\": 0.6},"
  "{\"code\": \"phe_duyet\", \"name\": \"Phê duyệt\", \"role\": \"unit_leader\", \"unit\": \"handling\", \"share\": 0.3}"
  "]}";

static json_t *J(const char *text) {
  json_error_t e;
  json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &e);
  cr_assert_not_null(j, "bad test JSON (%s): %s", e.text, text);
  return j;
}

static void ok(const char *text) {
  json_t *def = J(text);
  mc_err err = {0};
  cr_assert_eq(mc_workflow_check_definition(def, &err), MC_OK, "%s: %s %s", text, err.code, err.message);
  json_decref(def);
}

static void fails(const char *text, const char *code, const char *field) {
  json_t *def = J(text);
  mc_err err = {0};
  cr_assert_eq(mc_workflow_check_definition(def, &err), MC_EINVAL, "accepted: %s", text);
  cr_assert_str_eq(err.code, code, "%s: got %s (%s)", text, err.code, err.message);
  cr_assert_str_eq(err.field, field, "%s: field %s", text, err.field);
  mc_err_clear(&err);
  json_decref(def);
}

/* One step with the given members after code. */
#define S1(rest) "{\"steps\": [{\"code\": \"a\", " rest "}]}"
#define GOOD_REST "\"name\": \"Bước\", \"role\": \"specialist\", \"unit\": \"handling\", \"share\": 0.5"

Test(workflow_def, default_and_example) {
  const json_t *d = mc_workflow_default();
  cr_assert_not_null(d);
  cr_assert_eq(d, mc_workflow_default());   /* one shared document */
  mc_err err = {0};
  cr_assert_eq(mc_workflow_check_definition(d, &err), MC_OK, "%s", err.message);
  const json_t *steps = json_object_get(d, "steps");
  cr_assert_eq(json_array_size(steps), 2);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(steps, 0), "role")), "specialist");
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(steps, 1), "role")), "unit_leader");
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(steps, 0), "unit")), "handling");
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(steps, 1), "unit")), "handling");
  json_t *ex = J(EXAMPLE);
  cr_assert(json_equal(ex, (json_t *)d), "the default is the example of workflow.h");
  json_decref(ex);
  ok(EXAMPLE);
  cr_assert_eq(mc_workflow_check_definition(NULL, &err), MC_OK);
  json_t *null = json_null();
  cr_assert_eq(mc_workflow_check_definition(null, &err), MC_OK);
  json_decref(null);
}

Test(workflow_def, units) {
  const char *good[] = {"receiving", "handling", "kind:district", "kind:province", "kind:other",
                        "department:SO-TNMT", "commune:XA.01_2", "district:H22"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    char text[256];
    snprintf(text, sizeof text, S1("\"name\": \"B\", \"role\": \"officer\", \"unit\": \"%s\", \"share\": 1"), good[i]);
    ok(text);
  }
  const char *bad[] = {"", "Handling", "kind:", "kind:ward", "kind:district:x", "department:",
                       "ward:X", "SO-TNMT", "department:SO TNMT", "department:SỞ", ":X", "kind",
                       "department:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char text[256];
    snprintf(text, sizeof text, S1("\"name\": \"B\", \"role\": \"officer\", \"unit\": \"%s\", \"share\": 1"), bad[i]);
    fails(text, "workflow.bad_unit", "steps[0].unit");
  }
  fails(S1("\"name\": \"B\", \"role\": \"officer\", \"unit\": 1, \"share\": 1"), "workflow.bad_unit", "steps[0].unit");
}

Test(workflow_def, shape) {
  fails("[]", "workflow.malformed", "");
  fails("{}", "workflow.malformed", "steps");
  fails("{\"steps\": {}}", "workflow.malformed", "steps");
  fails("{\"steps\": [], \"extra\": 1}", "workflow.malformed", "");
  fails("{\"steps\": [3]}", "workflow.malformed", "steps[0]");
  fails(S1(GOOD_REST ", \"hours\": 3"), "workflow.malformed", "steps[0].hours");
}

Test(workflow_def, step_count) {
  fails("{\"steps\": []}", "workflow.bad_step_count", "steps");
  json_t *def = json_pack("{s:[]}", "steps");
  json_t *steps = json_object_get(def, "steps");
  for (int i = 0; i < 20; i++) {
    char code[8];
    snprintf(code, sizeof code, "b%d", i);
    json_array_append_new(steps, json_pack("{s:s, s:s, s:s, s:s, s:f}", "code", code, "name", "Bước",
                                           "role", "specialist", "unit", "handling", "share", 0.05));
  }
  mc_err err = {0};
  cr_assert_eq(mc_workflow_check_definition(def, &err), MC_OK, "%s", err.message);
  json_array_append_new(steps, json_pack("{s:s, s:s, s:s, s:s, s:f}", "code", "b20", "name", "Bước",
                                         "role", "specialist", "unit", "handling", "share", 0.0001));
  cr_assert_eq(mc_workflow_check_definition(def, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "workflow.bad_step_count");
  mc_err_clear(&err);
  json_decref(def);
}

Test(workflow_def, codes) {
  fails("{\"steps\": [{" GOOD_REST "}]}", "workflow.bad_code", "steps[0].code");
  const char *bad[] = {"", "Xu_ly", "1a", "_a", "xu-ly", "xử_lý", "a234567890123456789012345678901234"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    json_t *def = json_pack("{s:[{s:s, s:s, s:s, s:s, s:f}]}", "steps", "code", bad[i], "name", "B",
                            "role", "specialist", "unit", "handling", "share", 0.5);
    mc_err err = {0};
    cr_assert_eq(mc_workflow_check_definition(def, &err), MC_EINVAL, "accepted %s", bad[i]);
    cr_assert_str_eq(err.code, "workflow.bad_code");
    mc_err_clear(&err);
    json_decref(def);
  }
  ok(S1(GOOD_REST));   /* "a" */
  ok("{\"steps\": [{\"code\": \"a2345678901234567890123456789012\", " GOOD_REST "}]}");   /* 32 */
  fails("{\"steps\": [{\"code\": \"x\", " GOOD_REST "}, {\"code\": \"y\", \"name\": \"B\", \"role\": \"unit_leader\","
        " \"unit\": \"handling\", \"share\": 0.1}, {\"code\": \"x\", \"name\": \"C\", \"role\": \"officer\","
        " \"unit\": \"receiving\", \"share\": 0.1}]}",
        "workflow.duplicate_code", "steps[2].code");
}

Test(workflow_def, names) {
  fails(S1("\"role\": \"specialist\", \"unit\": \"handling\", \"share\": 0.5"), "workflow.missing_name", "steps[0].name");
  fails(S1("\"name\": \"\", \"role\": \"specialist\", \"unit\": \"handling\", \"share\": 0.5"),
        "workflow.missing_name", "steps[0].name");
  fails(S1("\"name\": \"  \", \"role\": \"specialist\", \"unit\": \"handling\", \"share\": 0.5"),
        "workflow.missing_name", "steps[0].name");
  fails(S1("\"name\": 2, \"role\": \"specialist\", \"unit\": \"handling\", \"share\": 0.5"),
        "workflow.missing_name", "steps[0].name");
}

Test(workflow_def, roles) {
  const char *good[] = {"officer", "specialist", "unit_leader", "province_leader"};
  for (size_t i = 0; i < 4; i++) {
    char text[256];
    snprintf(text, sizeof text, S1("\"name\": \"B\", \"role\": \"%s\", \"unit\": \"handling\", \"share\": 1"), good[i]);
    ok(text);
  }
  const char *bad[] = {"citizen", "admin", "leader", "Specialist", ""};
  for (size_t i = 0; i < 5; i++) {
    char text[256];
    snprintf(text, sizeof text, S1("\"name\": \"B\", \"role\": \"%s\", \"unit\": \"handling\", \"share\": 1"), bad[i]);
    fails(text, "workflow.bad_role", "steps[0].role");
  }
  fails(S1("\"name\": \"B\", \"unit\": \"handling\", \"share\": 1"), "workflow.bad_role", "steps[0].role");
}

Test(workflow_def, shares) {
  ok(S1("\"name\": \"B\", \"role\": \"officer\", \"unit\": \"handling\", \"share\": 1"));
  ok(S1("\"name\": \"B\", \"role\": \"officer\", \"unit\": \"handling\", \"share\": 1.0"));
  const char *bad[] = {"0", "0.0", "-0.1", "1.01", "2", "\"0.5\"", "null", "true"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char text[256];
    snprintf(text, sizeof text, S1("\"name\": \"B\", \"role\": \"officer\", \"unit\": \"handling\", \"share\": %s"), bad[i]);
    fails(text, "workflow.bad_share", "steps[0].share");
  }
  fails(S1("\"name\": \"B\", \"role\": \"officer\", \"unit\": \"handling\""), "workflow.bad_share", "steps[0].share");
  /* The sum: at most 1 within ±0.001. */
  ok("{\"steps\": [{\"code\": \"x\", \"name\": \"B\", \"role\": \"specialist\", \"unit\": \"handling\", \"share\": 0.7},"
     "{\"code\": \"y\", \"name\": \"C\", \"role\": \"unit_leader\", \"unit\": \"handling\", \"share\": 0.3009}]}");
  fails("{\"steps\": [{\"code\": \"x\", \"name\": \"B\", \"role\": \"specialist\", \"unit\": \"handling\", \"share\": 0.7},"
        "{\"code\": \"y\", \"name\": \"C\", \"role\": \"unit_leader\", \"unit\": \"handling\", \"share\": 0.302}]}",
        "workflow.share_sum", "steps");
  /* Three thirds written as decimals add to 0.999…: fine. */
  ok("{\"steps\": [{\"code\": \"x\", \"name\": \"B\", \"role\": \"specialist\", \"unit\": \"handling\", \"share\": 0.3333},"
     "{\"code\": \"y\", \"name\": \"C\", \"role\": \"specialist\", \"unit\": \"kind:district\", \"share\": 0.3333},"
     "{\"code\": \"z\", \"name\": \"D\", \"role\": \"unit_leader\", \"unit\": \"department:SO-TNMT\", \"share\": 0.3334}]}");
}
