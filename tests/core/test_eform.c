/* test_eform.c — e-form definitions (every eform.def_* class) and answer
 * validation (every eform.* code, Vietnamese messages, all problems listed). */
#include <criterion/criterion.h>
#include <string.h>
#include <time.h>
#include "core/eform.h"
#include "util/time.h"

/* The example of eform.h. */
static const char *const EXAMPLE =
  "{\"fields\": ["
  "{\"name\": \"ho_ten\", \"label\": \"Họ và tên\", \"type\": \"text\", \"required\": true,"
  " \"max_length\": 100, \"pattern\": \"^[^0-9]+$\"},"
  "{\"name\": \"ngay_sinh\", \"label\": \"Ngày sinh\", \"type\": \"date\", \"required\": true,"
  " \"not_after\": \"today\"},"
  "{\"name\": \"so_dinh_danh\", \"label\": \"Số định danh cá nhân\", \"type\": \"id_number\", \"required\": true},"
  "{\"name\": \"dien_thoai\", \"label\": \"Số điện thoại\", \"type\": \"phone\"},"
  "{\"name\": \"email\", \"label\": \"Thư điện tử\", \"type\": \"email\"},"
  "{\"name\": \"gioi_tinh\", \"label\": \"Giới tính\", \"type\": \"select\","
  " \"options\": [{\"value\": \"nam\", \"label\": \"Nam\"}, {\"value\": \"nu\", \"label\": \"Nữ\"}]},"
  "{\"name\": \"dien_tich\", \"label\": \"Diện tích (m²)\", \"type\": \"number\", \"min\": 0, \"max\": 1000000},"
  "{\"name\": \"so_ban_sao\", \"label\": \"Số bản sao\", \"type\": \"integer\", \"min\": 1, \"max\": 50},"
  "{\"name\": \"dong_y\", \"label\": \"Tôi cam đoan…\", \"type\": \"checkbox\", \"required\": true},"
  "{\"name\": \"ghi_chu\", \"label\": \"Ghi chú\", \"type\": \"textarea\", \"max_length\": 2000}"
  "]}";

static const char *const GOOD =
  "{\"ho_ten\": \"Nguyễn Văn An\", \"ngay_sinh\": \"1990-05-17\", \"so_dinh_danh\": \"001090012345\","
  " \"dien_thoai\": \"0912345678\", \"email\": \"an.nguyen@vidu.vn\", \"gioi_tinh\": \"nam\","
  " \"dien_tich\": 120.5, \"so_ban_sao\": 2, \"dong_y\": true, \"ghi_chu\": \"\"}";

static json_t *J(const char *text) {
  json_error_t e;
  json_t *j = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
  cr_assert_not_null(j, "bad test JSON (%s): %s", e.text, text);
  return j;
}

/* Put "now" at a local (UTC+7) date and time. */
static void set_today(int y, int m, int d, int hour) {
  mc_time want = mc_local_instant(mc_days_from_civil(y, m, d), hour * 3600);
  mc_clock_set_offset(want - (mc_time)time(NULL));
}

static json_t *problems(const mc_err *err) {
  cr_assert_not_null(err->detail);
  json_t *f = json_object_get(err->detail, "fields");
  cr_assert(json_is_array(f));
  return f;
}

static const char *pstr(const mc_err *err, size_t i, const char *key) {
  json_t *p = json_array_get(problems(err), i);
  cr_assert_not_null(p, "no problem #%zu", i);
  return json_string_value(json_object_get(p, key));
}

/* Validate the example form with GOOD, member `name` replaced by the JSON
 * value `value` (NULL = removed); expect exactly one problem with `code`
 * (NULL = no problem) and, if msg, that message. */
static void one(const char *name, const char *value, const char *code, const char *msg) {
  json_t *def = J(EXAMPLE), *data = J(GOOD);
  if (value) json_object_set_new(data, name, J(value));
  else json_object_del(data, name);
  mc_err err = {0};
  mc_rc rc = mc_eform_validate(def, data, &err);
  if (!code) {
    cr_assert_eq(rc, MC_OK, "%s = %s: unexpected %s %s", name, value ? value : "(absent)",
                 err.code, err.detail ? json_dumps(err.detail, 0) : "");
  } else {
    cr_assert_eq(rc, MC_EINVAL, "%s = %s: expected %s", name, value ? value : "(absent)", code);
    cr_assert_str_eq(err.code, "eform.invalid");
    cr_assert_str_eq(err.field, name);
    cr_assert_str_eq(err.message, "Có 1 trường chưa hợp lệ.");
    cr_assert_eq(json_array_size(problems(&err)), 1);
    cr_assert_str_eq(pstr(&err, 0, "field"), name);
    cr_assert_str_eq(pstr(&err, 0, "code"), code, "%s = %s: got %s", name, value, pstr(&err, 0, "code"));
    if (msg) cr_assert_str_eq(pstr(&err, 0, "message"), msg);
  }
  mc_err_clear(&err);
  json_decref(def);
  json_decref(data);
}

static void def_fails(const char *text, const char *code, const char *field) {
  json_t *def = J(text);
  mc_err err = {0};
  cr_assert_eq(mc_eform_check_definition(def, &err), MC_EINVAL, "accepted: %s", text);
  cr_assert_str_eq(err.code, code, "%s: got %s (%s)", text, err.code, err.message);
  if (field) cr_assert_str_eq(err.field, field, "%s: field %s", text, err.field);
  mc_err_clear(&err);
  json_decref(def);
}

static void def_ok(const char *text) {
  json_t *def = J(text);
  mc_err err = {0};
  cr_assert_eq(mc_eform_check_definition(def, &err), MC_OK, "%s: %s %s", text, err.code, err.message);
  json_decref(def);
}

#define F1(rest) "{\"fields\": [{\"name\": \"a\", \"label\": \"A\", " rest "}]}"

/* ---- definitions ------------------------------------------------------------ */

Test(eform_def, example_and_null_are_valid) {
  def_ok(EXAMPLE);
  def_ok("{\"fields\": []}");
  def_ok("{\"title\": \"Tờ khai\", \"description\": \"Mẫu số 01\", \"fields\": []}");
  def_ok(F1("\"type\": \"text\", \"help\": \"Ghi đầy đủ\", \"placeholder\": \"Nguyễn Văn A\""));
  mc_err err = {0};
  cr_assert_eq(mc_eform_check_definition(NULL, &err), MC_OK);
  json_t *null = json_null();
  cr_assert_eq(mc_eform_check_definition(null, &err), MC_OK);
  json_decref(null);
}

Test(eform_def, malformed) {
  def_fails("[]", "eform.def_malformed", "");
  def_fails("{}", "eform.def_malformed", "fields");
  def_fails("{\"fields\": {}}", "eform.def_malformed", "fields");
  def_fails("{\"fields\": [1]}", "eform.def_malformed", "fields[0]");
  def_fails("{\"fields\": [], \"title\": 3}", "eform.def_malformed", "title");
  def_fails(F1("\"type\": \"text\", \"required\": \"yes\""), "eform.def_malformed", "fields[0].required");
  def_fails(F1("\"type\": \"text\", \"help\": 1"), "eform.def_malformed", "fields[0].help");
  def_fails("{\"fields\": [], \"version\": 2}", "eform.def_unknown_key", "version");
}

Test(eform_def, field_count_limit) {
  json_t *def = json_pack("{s:[]}", "fields");
  json_t *fields = json_object_get(def, "fields");
  for (int i = 0; i < MC_EFORM_FIELDS_MAX; i++) {
    char name[16];
    snprintf(name, sizeof name, "f%d", i);
    json_array_append_new(fields, json_pack("{s:s, s:s, s:s}", "name", name, "label", "X", "type", "text"));
  }
  mc_err err = {0};
  cr_assert_eq(mc_eform_check_definition(def, &err), MC_OK);
  json_array_append_new(fields, json_pack("{s:s, s:s, s:s}", "name", "extra", "label", "X", "type", "text"));
  cr_assert_eq(mc_eform_check_definition(def, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "eform.def_too_many_fields");
  mc_err_clear(&err);
  json_decref(def);
}

Test(eform_def, names) {
  def_fails("{\"fields\": [{\"label\": \"A\", \"type\": \"text\"}]}", "eform.def_bad_name", "fields[0].name");
  const char *bad[] = {"Ho_ten", "1abc", "", "_a", "a-b", "họ_tên", "a b"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    json_t *def = json_pack("{s:[{s:s, s:s, s:s}]}", "fields", "name", bad[i], "label", "A", "type", "text");
    mc_err err = {0};
    cr_assert_eq(mc_eform_check_definition(def, &err), MC_EINVAL, "accepted name \"%s\"", bad[i]);
    cr_assert_str_eq(err.code, "eform.def_bad_name");
    mc_err_clear(&err);
    json_decref(def);
  }
  char n64[65], n65[66];
  memset(n64, 'a', 64); n64[64] = 0;
  memset(n65, 'a', 65); n65[65] = 0;
  json_t *def = json_pack("{s:[{s:s, s:s, s:s}]}", "fields", "name", n64, "label", "A", "type", "text");
  mc_err err = {0};
  cr_assert_eq(mc_eform_check_definition(def, &err), MC_OK);
  json_object_set_new(json_array_get(json_object_get(def, "fields"), 0), "name", json_string(n65));
  cr_assert_eq(mc_eform_check_definition(def, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "eform.def_bad_name");
  mc_err_clear(&err);
  json_decref(def);
  def_ok("{\"fields\": [{\"name\": \"so_2\", \"label\": \"A\", \"type\": \"text\"}]}");
  def_fails("{\"fields\": [{\"name\": \"a\", \"label\": \"A\", \"type\": \"text\"},"
            "{\"name\": \"b\", \"label\": \"B\", \"type\": \"text\"},"
            "{\"name\": \"a\", \"label\": \"C\", \"type\": \"date\"}]}",
            "eform.def_duplicate_name", "fields[2].name");
}

Test(eform_def, labels_and_types) {
  def_fails("{\"fields\": [{\"name\": \"a\", \"type\": \"text\"}]}", "eform.def_missing_label", "fields[0].label");
  def_fails("{\"fields\": [{\"name\": \"a\", \"label\": \"  \", \"type\": \"text\"}]}",
            "eform.def_missing_label", "fields[0].label");
  def_fails("{\"fields\": [{\"name\": \"a\", \"label\": 5, \"type\": \"text\"}]}",
            "eform.def_missing_label", "fields[0].label");
  def_fails("{\"fields\": [{\"name\": \"a\", \"label\": \"A\"}]}", "eform.def_bad_type", "fields[0].type");
  def_fails(F1("\"type\": \"file\""), "eform.def_bad_type", "fields[0].type");
  def_fails(F1("\"type\": \"TEXT\""), "eform.def_bad_type", "fields[0].type");
  const char *types[] = {"text", "textarea", "date", "id_number", "phone", "email", "number",
                         "integer", "checkbox"};
  for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
    json_t *def = json_pack("{s:[{s:s, s:s, s:s, s:b}]}", "fields", "name", "a", "label", "A",
                            "type", types[i], "required", 1);
    mc_err err = {0};
    cr_assert_eq(mc_eform_check_definition(def, &err), MC_OK, "%s: %s", types[i], err.message);
    json_decref(def);
  }
}

Test(eform_def, unknown_keys) {
  def_fails(F1("\"type\": \"text\", \"requied\": true"), "eform.def_unknown_key", "fields[0].requied");
  def_fails(F1("\"type\": \"integer\", \"pattern\": \"^1$\""), "eform.def_unknown_key", "fields[0].pattern");
  def_fails(F1("\"type\": \"text\", \"min\": 1"), "eform.def_unknown_key", "fields[0].min");
  def_fails(F1("\"type\": \"phone\", \"max_length\": 10"), "eform.def_unknown_key", "fields[0].max_length");
  def_fails(F1("\"type\": \"select\", \"options\": [{\"value\": \"x\", \"label\": \"X\"}], \"not_after\": \"today\""),
            "eform.def_unknown_key", "fields[0].not_after");
}

Test(eform_def, options) {
  def_ok(F1("\"type\": \"select\", \"options\": [{\"value\": \"x\", \"label\": \"X\"}]"));
  def_fails(F1("\"type\": \"select\""), "eform.def_bad_options", "fields[0].options");
  def_fails(F1("\"type\": \"select\", \"options\": []"), "eform.def_bad_options", "fields[0].options");
  def_fails(F1("\"type\": \"select\", \"options\": [\"x\"]"), "eform.def_bad_options", "fields[0].options");
  def_fails(F1("\"type\": \"select\", \"options\": [{\"value\": \"x\"}]"), "eform.def_bad_options", NULL);
  def_fails(F1("\"type\": \"select\", \"options\": [{\"value\": \"\", \"label\": \"X\"}]"),
            "eform.def_bad_options", NULL);
  def_fails(F1("\"type\": \"select\", \"options\": [{\"value\": 1, \"label\": \"X\"}]"),
            "eform.def_bad_options", NULL);
  def_fails(F1("\"type\": \"select\", \"options\": [{\"value\": \"x\", \"label\": \"X\", \"extra\": 1}]"),
            "eform.def_bad_options", NULL);
  def_fails(F1("\"type\": \"select\", \"options\": [{\"value\": \"x\", \"label\": \"X\"},"
               "{\"value\": \"y\", \"label\": \"Y\"}, {\"value\": \"x\", \"label\": \"Z\"}]"),
            "eform.def_bad_options", NULL);
}

Test(eform_def, ranges) {
  def_ok(F1("\"type\": \"number\", \"min\": -1.5, \"max\": -1.5"));
  def_ok(F1("\"type\": \"integer\", \"min\": 0"));
  def_fails(F1("\"type\": \"number\", \"min\": 10, \"max\": 9.5"), "eform.def_bad_range", "fields[0].min");
  def_fails(F1("\"type\": \"integer\", \"min\": 5, \"max\": 4"), "eform.def_bad_range", "fields[0].min");
  def_fails(F1("\"type\": \"integer\", \"min\": 0.5"), "eform.def_bad_range", "fields[0].min");
  def_fails(F1("\"type\": \"number\", \"max\": \"10\""), "eform.def_bad_range", "fields[0].max");
  def_fails(F1("\"type\": \"text\", \"max_length\": 0"), "eform.def_bad_range", "fields[0].max_length");
  def_fails(F1("\"type\": \"text\", \"max_length\": 100001"), "eform.def_bad_range", "fields[0].max_length");
  def_fails(F1("\"type\": \"textarea\", \"max_length\": 10.0"), "eform.def_bad_range", "fields[0].max_length");
}

Test(eform_def, patterns) {
  def_ok(F1("\"type\": \"text\", \"pattern\": \"^[A-Z]{2}-[0-9]{4}$\""));
  def_fails(F1("\"type\": \"text\", \"pattern\": \"([a-z]\""), "eform.def_bad_pattern", "fields[0].pattern");
  def_fails(F1("\"type\": \"text\", \"pattern\": \"[z-a]\""), "eform.def_bad_pattern", "fields[0].pattern");
  def_fails(F1("\"type\": \"text\", \"pattern\": \"(a+)\\\\1\""), "eform.def_bad_pattern", "fields[0].pattern");
  /* Found by fuzzing: stacked repetition makes regcomp take gigabytes. */
  def_fails(F1("\"type\": \"text\", \"pattern\": \"(a++++++++++++++++++++++*)*\""), "eform.def_bad_pattern", "fields[0].pattern");
  def_fails(F1("\"type\": \"text\", \"pattern\": \"((a{255}){255}){255}\""), "eform.def_bad_pattern", "fields[0].pattern");
  def_fails(F1("\"type\": \"text\", \"pattern\": \"\""), "eform.def_bad_pattern", "fields[0].pattern");
  def_fails(F1("\"type\": \"text\", \"pattern\": 7"), "eform.def_bad_pattern", "fields[0].pattern");
  char longpat[MC_EFORM_PATTERN_MAX + 2];
  memset(longpat, 'a', sizeof longpat - 1);
  longpat[sizeof longpat - 1] = 0;
  json_t *def = json_pack("{s:[{s:s, s:s, s:s, s:s}]}", "fields", "name", "a", "label", "A",
                          "type", "text", "pattern", longpat);
  mc_err err = {0};
  cr_assert_eq(mc_eform_check_definition(def, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "eform.def_bad_pattern");
  mc_err_clear(&err);
  longpat[MC_EFORM_PATTERN_MAX] = 0;
  json_object_set_new(json_array_get(json_object_get(def, "fields"), 0), "pattern", json_string(longpat));
  cr_assert_eq(mc_eform_check_definition(def, &err), MC_OK);
  json_decref(def);
}

Test(eform_def, date_rules) {
  def_ok(F1("\"type\": \"date\", \"not_before\": \"1900-01-01\", \"not_after\": \"today\""));
  def_ok(F1("\"type\": \"date\", \"not_before\": \"2020-01-01\", \"not_after\": \"2020-01-01\""));
  def_fails(F1("\"type\": \"date\", \"not_after\": \"yesterday\""), "eform.def_bad_date_rule", "fields[0].not_after");
  def_fails(F1("\"type\": \"date\", \"not_before\": \"2025-02-29\""), "eform.def_bad_date_rule", "fields[0].not_before");
  def_fails(F1("\"type\": \"date\", \"not_before\": \"2025-7-1\""), "eform.def_bad_date_rule", "fields[0].not_before");
  def_fails(F1("\"type\": \"date\", \"not_after\": 2025"), "eform.def_bad_date_rule", "fields[0].not_after");
  def_fails(F1("\"type\": \"date\", \"not_before\": \"2025-01-02\", \"not_after\": \"2025-01-01\""),
            "eform.def_bad_date_rule", "fields[0].not_before");
}

/* ---- validation --------------------------------------------------------------- */

Test(eform, good_answers_pass) {
  set_today(2025, 7, 1, 10);
  one("ho_ten", NULL, "eform.required", "Vui lòng nhập Họ và tên.");
  one("dien_thoai", NULL, NULL, NULL);            /* optional */
  one("dien_thoai", "\"\"", NULL, NULL);          /* optional, empty */
  one("email", "null", NULL, NULL);
  one("ghi_chu", "\"Không\"", NULL, NULL);
  json_t *def = J(EXAMPLE), *data = J(GOOD);
  mc_err err = {0};
  cr_assert_eq(mc_eform_validate(def, data, &err), MC_OK);
  json_decref(def);
  json_decref(data);
}

Test(eform, required) {
  set_today(2025, 7, 1, 10);
  one("ho_ten", "null", "eform.required", "Vui lòng nhập Họ và tên.");
  one("ho_ten", "\"   \"", "eform.required", "Vui lòng nhập Họ và tên.");
  one("ngay_sinh", "\"\"", "eform.required", "Vui lòng nhập Ngày sinh.");
  one("so_dinh_danh", NULL, "eform.required", "Vui lòng nhập Số định danh cá nhân.");
  one("dong_y", "false", "eform.required", "Vui lòng đánh dấu xác nhận “Tôi cam đoan…”.");
  one("dong_y", NULL, "eform.required", NULL);
}

Test(eform, text) {
  set_today(2025, 7, 1, 10);
  one("ho_ten", "\"Nguyễn Văn 2\"", "eform.pattern", "Họ và tên không đúng định dạng yêu cầu.");
  one("ho_ten", "123", "eform.wrong_type", NULL);
  one("ghi_chu", "[\"a\"]", "eform.wrong_type", NULL);
  /* 100 characters of 2 bytes each pass max_length 100; 101 do not. */
  char s[2 * 101 + 3];
  s[0] = '"';
  for (int i = 0; i < 100; i++) memcpy(s + 1 + 2 * i, "\xc3\xa2", 2);   /* â */
  memcpy(s + 201, "\"", 2);
  one("ho_ten", s, NULL, NULL);
  memcpy(s + 201, "\xc3\xa2\"", 4);
  one("ho_ten", s, "eform.too_long", "Họ và tên không được dài quá 100 ký tự.");
  /* Patterns see UTF-8 bytes: literal alternatives and negated ASCII classes work. */
  json_t *pdef = J(F1("\"type\": \"text\", \"pattern\": \"^(đ|Đ)[^0-9]+$\""));
  const char *pv[][2] = {{"Đinh Văn Ấn", NULL}, {"đào", NULL}, {"Dinh", "eform.pattern"}, {"Đinh 2", "eform.pattern"}};
  for (size_t i = 0; i < 4; i++) {
    json_t *d = json_pack("{s:s}", "a", pv[i][0]);
    mc_err e = {0};
    mc_rc rc = mc_eform_validate(pdef, d, &e);
    cr_assert_eq(rc, pv[i][1] ? MC_EINVAL : MC_OK, "%s", pv[i][0]);
    if (pv[i][1]) cr_assert_str_eq(pstr(&e, 0, "code"), pv[i][1]);
    mc_err_clear(&e);
    json_decref(d);
  }
  json_decref(pdef);
  /* A default bound applies without max_length. */
  json_t *def = J(F1("\"type\": \"text\""));
  json_t *data = json_object();
  char *big = malloc(MC_EFORM_TEXT_DEFAULT_MAX + 2);
  memset(big, 'x', MC_EFORM_TEXT_DEFAULT_MAX + 1);
  big[MC_EFORM_TEXT_DEFAULT_MAX + 1] = 0;
  json_object_set_new(data, "a", json_string(big));
  mc_err err = {0};
  cr_assert_eq(mc_eform_validate(def, data, &err), MC_EINVAL);
  cr_assert_str_eq(pstr(&err, 0, "code"), "eform.too_long");
  mc_err_clear(&err);
  big[MC_EFORM_TEXT_DEFAULT_MAX] = 0;
  json_object_set_new(data, "a", json_string(big));
  cr_assert_eq(mc_eform_validate(def, data, &err), MC_OK);
  free(big);
  json_decref(def);
  json_decref(data);
}

Test(eform, dates_and_today) {
  set_today(2025, 7, 1, 10);
  one("ngay_sinh", "\"2025-07-01\"", NULL, NULL);
  one("ngay_sinh", "\"2025-07-02\"", "eform.out_of_range", "Ngày sinh không được sau hôm nay.");
  one("ngay_sinh", "\"2025-02-29\"", "eform.bad_date", "Ngày sinh không phải là một ngày hợp lệ.");
  one("ngay_sinh", "\"2024-02-29\"", NULL, NULL);
  one("ngay_sinh", "\"17/05/1990\"", "eform.bad_date", NULL);
  one("ngay_sinh", "\"1990-5-17\"", "eform.bad_date", NULL);
  one("ngay_sinh", "\"1990-05-17T00:00\"", "eform.bad_date", NULL);
  one("ngay_sinh", "19900517", "eform.wrong_type", NULL);
  /* The clock moves: tomorrow's date becomes valid. */
  set_today(2025, 7, 2, 0);
  one("ngay_sinh", "\"2025-07-02\"", NULL, NULL);
  /* 2025-06-30 23:30 UTC is already 1 July in Vietnam. */
  mc_clock_set_offset(mc_local_instant(mc_days_from_civil(2025, 7, 1), 6 * 3600 + 1800) - (mc_time)time(NULL));
  one("ngay_sinh", "\"2025-07-01\"", NULL, NULL);
  one("ngay_sinh", "\"2025-07-02\"", "eform.out_of_range", NULL);
}

Test(eform, fixed_date_bounds) {
  json_t *def = J(F1("\"type\": \"date\", \"not_before\": \"2020-01-01\", \"not_after\": \"2020-12-31\""));
  const char *cases[][3] = {
    {"2020-01-01", NULL, NULL},
    {"2020-12-31", NULL, NULL},
    {"2019-12-31", "eform.out_of_range", "A không được trước ngày 01/01/2020."},
    {"2021-01-01", "eform.out_of_range", "A không được sau ngày 31/12/2020."},
  };
  for (size_t i = 0; i < 4; i++) {
    json_t *data = json_pack("{s:s}", "a", cases[i][0]);
    mc_err err = {0};
    mc_rc rc = mc_eform_validate(def, data, &err);
    if (!cases[i][1]) cr_assert_eq(rc, MC_OK, "%s", cases[i][0]);
    else {
      cr_assert_eq(rc, MC_EINVAL, "%s", cases[i][0]);
      cr_assert_str_eq(pstr(&err, 0, "code"), cases[i][1]);
      cr_assert_str_eq(pstr(&err, 0, "message"), cases[i][2]);
    }
    mc_err_clear(&err);
    json_decref(data);
  }
  json_decref(def);
  set_today(2025, 7, 1, 10);
  def = J(F1("\"type\": \"date\", \"not_before\": \"today\""));
  json_t *data = J("{\"a\": \"2025-06-30\"}");
  mc_err err = {0};
  cr_assert_eq(mc_eform_validate(def, data, &err), MC_EINVAL);
  cr_assert_str_eq(pstr(&err, 0, "message"), "A không được trước hôm nay.");
  mc_err_clear(&err);
  json_decref(data);
  json_decref(def);
}

Test(eform, id_number) {
  set_today(2025, 7, 1, 10);
  one("so_dinh_danh", "\"001090012345\"", NULL, NULL);
  one("so_dinh_danh", "\"096205000001\"", NULL, NULL);    /* Cà Mau, female born 2005 */
  one("so_dinh_danh", "\"079225000001\"", NULL, NULL);    /* born 2025: this year */
  one("so_dinh_danh", "\"00109001234\"", "eform.bad_id_number", "Số định danh cá nhân phải gồm 12 chữ số.");
  one("so_dinh_danh", "\"0010900123456\"", "eform.bad_id_number", "Số định danh cá nhân phải gồm 12 chữ số.");
  one("so_dinh_danh", "\"00109001234a\"", "eform.bad_id_number", "Số định danh cá nhân phải gồm 12 chữ số.");
  one("so_dinh_danh", "\"001 090 012 345\"", "eform.bad_id_number", NULL);
  one("so_dinh_danh", "\"000090012345\"", "eform.bad_id_number",
      "Số định danh cá nhân không hợp lệ: 3 chữ số đầu là mã tỉnh, thành phố, từ 001 đến 096.");
  one("so_dinh_danh", "\"097090012345\"", "eform.bad_id_number", NULL);
  one("so_dinh_danh", "\"079226000001\"", "eform.bad_id_number",
      "Số định danh cá nhân không hợp lệ: năm sinh ghi trong số (chữ số thứ 4 đến 6) sau năm hiện tại.");
  one("so_dinh_danh", "\"079400000001\"", "eform.bad_id_number", NULL);   /* born 2100 */
  one("so_dinh_danh", "1090012345", "eform.wrong_type", NULL);
  cr_assert(mc_id_number_valid("001090012345"));
  cr_assert_not(mc_id_number_valid("097090012345"));
  cr_assert_not(mc_id_number_valid(NULL));
}

Test(eform, phone) {
  set_today(2025, 7, 1, 10);
  struct { const char *in, *norm; } ok[] = {
    {"0912345678", "0912345678"}, {"0312 345 678", "0312345678"}, {"0912.345.678", "0912345678"},
    {"+84912345678", "0912345678"}, {"84 912 345 678", "0912345678"}, {"+84 (24) 3826 4040", "02438264040"},
    {"(024) 3826-4040", "02438264040"}, {"02513822222", "02513822222"}, {"0587654321", "0587654321"},
  };
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    char out[MC_PHONE_MAX];
    cr_assert(mc_phone_normalize(ok[i].in, out), "rejected %s", ok[i].in);
    cr_assert_str_eq(out, ok[i].norm);
  }
  const char *bad[] = {"091234567", "09123456789", "0112345678", "0012345678", "1912345678",
                       "+840912345678", "0912345678x", "+85 912345678", "0243826404", "", "++84912345678",
                       "0912345678901234567890"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char out[MC_PHONE_MAX];
    cr_assert_not(mc_phone_normalize(bad[i], out), "accepted %s", bad[i]);
  }
  one("dien_thoai", "\"+84 912 345 678\"", NULL, NULL);
  one("dien_thoai", "\"091234567\"", "eform.bad_phone",
      "Số điện thoại không hợp lệ: số di động gồm 10 chữ số, số cố định gồm 11 chữ số, bắt đầu bằng số 0.");
  one("dien_thoai", "912345678", "eform.wrong_type", NULL);
}

Test(eform, email) {
  set_today(2025, 7, 1, 10);
  const char *ok[] = {"an.nguyen@vidu.vn", "a+b@so-tnmt.binhphuoc.gov.vn", "X_Y@MAIL.COM", "a@b.co"};
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) cr_assert(mc_email_valid(ok[i]), "rejected %s", ok[i]);
  const char *bad[] = {"a@b", "a@@b.vn", ".a@b.vn", "a.@b.vn", "a..b@b.vn", "a@-b.vn", "a@b-.vn",
                       "a@b.v", "a b@c.vn", "a@b.123", "@b.vn", "a@", "a@b..vn", "an@vidu.vn.",
                       "nguyễn@vidu.vn", "a@vi_du.vn", ""};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) cr_assert_not(mc_email_valid(bad[i]), "accepted %s", bad[i]);
  one("email", "\"khong-phai-email\"", "eform.bad_email",
      "Thư điện tử không đúng định dạng thư điện tử (ví dụ: ten@vidu.vn).");
}

Test(eform, select) {
  set_today(2025, 7, 1, 10);
  one("gioi_tinh", "\"nu\"", NULL, NULL);
  one("gioi_tinh", "\"khac\"", "eform.bad_option", "Giá trị đã chọn cho Giới tính không có trong danh sách.");
  one("gioi_tinh", "\"Nam\"", "eform.bad_option", NULL);
  one("gioi_tinh", "1", "eform.wrong_type", NULL);
}

Test(eform, numbers) {
  set_today(2025, 7, 1, 10);
  one("dien_tich", "0", NULL, NULL);
  one("dien_tich", "1000000", NULL, NULL);
  one("dien_tich", "0.25", NULL, NULL);
  one("dien_tich", "-0.5", "eform.out_of_range", "Diện tích (m²) phải từ 0 đến 1.000.000.");
  one("dien_tich", "1000000.5", "eform.out_of_range", NULL);
  one("dien_tich", "\"12\"", "eform.wrong_type", "Diện tích (m²) có kiểu dữ liệu không đúng (cần một số).");
  one("dien_tich", "true", "eform.wrong_type", NULL);
  one("so_ban_sao", "50", NULL, NULL);
  one("so_ban_sao", "3.0", NULL, NULL);
  one("so_ban_sao", "2.5", "eform.wrong_type", "Số bản sao có kiểu dữ liệu không đúng (cần một số nguyên).");
  one("so_ban_sao", "0", "eform.out_of_range", "Số bản sao phải từ 1 đến 50.");
  one("so_ban_sao", "51", "eform.out_of_range", NULL);
  /* One-sided bounds and decimal bounds read the Vietnamese way. */
  json_t *def = J("{\"fields\": [{\"name\": \"a\", \"label\": \"Tỷ lệ\", \"type\": \"number\", \"min\": 0.5},"
                  "{\"name\": \"b\", \"label\": \"Số tiền\", \"type\": \"integer\", \"max\": -1234567}]}");
  json_t *data = J("{\"a\": 0.25, \"b\": 0}");
  mc_err err = {0};
  cr_assert_eq(mc_eform_validate(def, data, &err), MC_EINVAL);
  cr_assert_str_eq(pstr(&err, 0, "message"), "Tỷ lệ không được nhỏ hơn 0,5.");
  cr_assert_str_eq(pstr(&err, 1, "message"), "Số tiền không được lớn hơn -1.234.567.");
  mc_err_clear(&err);
  json_decref(data);
  json_decref(def);
}

Test(eform, checkbox) {
  set_today(2025, 7, 1, 10);
  one("dong_y", "\"true\"", "eform.wrong_type", NULL);
  one("dong_y", "1", "eform.wrong_type", NULL);
  json_t *def = J(F1("\"type\": \"checkbox\""));
  json_t *data = J("{\"a\": false}");
  mc_err err = {0};
  cr_assert_eq(mc_eform_validate(def, data, &err), MC_OK);   /* optional: unchecked is fine */
  json_decref(data);
  json_decref(def);
}

Test(eform, unknown_field) {
  set_today(2025, 7, 1, 10);
  one("ho_ten_khac", "\"x\"", "eform.unknown_field", "Trường “ho_ten_khac” không có trong biểu mẫu.");
  json_t *data = J("{\"x\": 1}");
  mc_err err = {0};
  cr_assert_eq(mc_eform_validate(NULL, data, &err), MC_EINVAL);
  cr_assert_str_eq(pstr(&err, 0, "code"), "eform.unknown_field");
  mc_err_clear(&err);
  json_t *empty = json_object();
  cr_assert_eq(mc_eform_validate(NULL, empty, &err), MC_OK);
  cr_assert_eq(mc_eform_validate(NULL, NULL, &err), MC_OK);
  json_decref(empty);
  json_decref(data);
}

Test(eform, reports_every_problem) {
  set_today(2025, 7, 1, 10);
  json_t *def = J(EXAMPLE), *data = J(GOOD);
  json_object_del(data, "ho_ten");
  json_object_set_new(data, "ngay_sinh", json_string("2030-01-01"));
  json_object_set_new(data, "so_dinh_danh", json_string("12345"));
  mc_err err = {0};
  cr_assert_eq(mc_eform_validate(def, data, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "eform.invalid");
  cr_assert_str_eq(err.field, "ho_ten");
  cr_assert_str_eq(err.message, "Có 3 trường chưa hợp lệ.");
  cr_assert_eq(json_array_size(problems(&err)), 3);
  const char *want[3][3] = {
    {"ho_ten", "eform.required", "Vui lòng nhập Họ và tên."},
    {"ngay_sinh", "eform.out_of_range", "Ngày sinh không được sau hôm nay."},
    {"so_dinh_danh", "eform.bad_id_number", "Số định danh cá nhân phải gồm 12 chữ số."},
  };
  for (size_t i = 0; i < 3; i++) {
    cr_assert_str_eq(pstr(&err, i, "field"), want[i][0]);
    cr_assert_str_eq(pstr(&err, i, "code"), want[i][1]);
    cr_assert_str_eq(pstr(&err, i, "message"), want[i][2]);
  }
  mc_err_clear(&err);
  /* Everything wrong at once: each field once, unknown fields after. */
  json_t *all = J("{\"ho_ten\": 1, \"ngay_sinh\": \"x\", \"so_dinh_danh\": \"097090012345\","
                  " \"dien_thoai\": \"1\", \"email\": \"x\", \"gioi_tinh\": \"x\", \"dien_tich\": -1,"
                  " \"so_ban_sao\": 1.5, \"dong_y\": false, \"ghi_chu\": false, \"z\": 1, \"y\": 2}");
  cr_assert_eq(mc_eform_validate(def, all, &err), MC_EINVAL);
  cr_assert_str_eq(err.message, "Có 12 trường chưa hợp lệ.");
  const char *codes[] = {"eform.wrong_type", "eform.bad_date", "eform.bad_id_number", "eform.bad_phone",
                         "eform.bad_email", "eform.bad_option", "eform.out_of_range", "eform.wrong_type",
                         "eform.required", "eform.wrong_type", "eform.unknown_field", "eform.unknown_field"};
  for (size_t i = 0; i < 12; i++) cr_assert_str_eq(pstr(&err, i, "code"), codes[i], "#%zu", i);
  cr_assert_str_eq(pstr(&err, 10, "field"), "z");
  cr_assert_str_eq(pstr(&err, 11, "field"), "y");
  mc_err_clear(&err);
  json_decref(all);
  json_decref(def);
  json_decref(data);
}

Test(eform, many_unknown_fields_are_capped) {
  json_t *data = json_object();
  for (int i = 0; i < MC_EFORM_PROBLEMS_MAX + 50; i++) {
    char k[16];
    snprintf(k, sizeof k, "k%d", i);
    json_object_set_new(data, k, json_true());
  }
  mc_err err = {0};
  cr_assert_eq(mc_eform_validate(NULL, data, &err), MC_EINVAL);
  cr_assert_eq(json_array_size(problems(&err)), MC_EFORM_PROBLEMS_MAX);
  char want[64];
  snprintf(want, sizeof want, "Có %d trường chưa hợp lệ.", MC_EFORM_PROBLEMS_MAX + 50);
  cr_assert_str_eq(err.message, want);
  mc_err_clear(&err);
  json_decref(data);
}

Test(eform, bad_input_shapes) {
  json_t *def = J(EXAMPLE), *arr = J("[1]"), *bad = J("{\"fields\": 3}"), *empty = json_object();
  mc_err err = {0};
  cr_assert_eq(mc_eform_validate(def, arr, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "eform.not_object");
  mc_err_clear(&err);
  cr_assert_eq(mc_eform_validate(bad, empty, &err), MC_EINTERNAL);
  cr_assert_str_eq(err.code, "eform.bad_definition");
  mc_err_clear(&err);
  /* A string with an embedded NUL is not text. */
  json_t *fdef = J(F1("\"type\": \"text\"")), *data = json_object();
  json_object_set_new(data, "a", json_stringn("ab\0cd", 5));
  cr_assert_eq(mc_eform_validate(fdef, data, &err), MC_EINVAL);
  cr_assert_str_eq(pstr(&err, 0, "code"), "eform.wrong_type");
  mc_err_clear(&err);
  json_decref(fdef);
  json_decref(data);
  json_decref(def);
  json_decref(arr);
  json_decref(bad);
  json_decref(empty);
}
