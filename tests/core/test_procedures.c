/* test_procedures.c — the procedure catalogue: import (JSON and CSV; every
 * error class named by item/line and field, nothing written on error),
 * loading, idempotent re-import, export → import round trips, single save,
 * search (folding, ranking, filters, paging), fields, and the demo catalogue
 * (size, e-forms and workflows valid, online share, publication dates). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/eform.h"
#include "core/procedure.h"
#include "core/workflow.h"
#include "util/time.h"

static mc_db *db;
static char *url;
static mc_err err;
static mc_arena *arena;

static void open_db(void) {
  url = th_fresh_db_url();
  cr_assert_eq(mc_db_open(url, &db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK, "%s", err.message);
  arena = mc_arena_new(0);
}

static void close_db(void) {
  mc_db_close(db);
  mc_err_clear(&err);
  mc_arena_free(arena);
  free(url);
}

TestSuite(procedures, .init = open_db, .fini = close_db);

/* A file of the source tree, read whole (malloc'ed). */
static char *source_file(const char *rel, size_t *len) {
  const char *src = getenv("MOTCUA_SRC");
  cr_assert_not_null(src, "MOTCUA_SRC is not set (run through meson)");
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", src, rel);
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "cannot open %s", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = 0;
  fclose(f);
  if (len) *len = (size_t)n;
  return buf;
}

static void import_ok(const char *format, const char *text, size_t len, int want) {
  int n = -1;
  mc_rc rc = mc_procedures_import(db, format, text, len, &n, &err);
  cr_assert_eq(rc, MC_OK, "import failed: %s [%s %s]", err.message, err.code, err.field);
  cr_assert_eq(n, want);
}

static void import_fixture(void) {
  size_t len;
  char *text = source_file("tests/core/data/procedures_fixture.json", &len);
  import_ok("json", text, len, 5);
  free(text);
}

static int64_t count_all(void) {
  mc_procedure_filter f = {.include_inactive = true, .limit = 1};
  mc_procedure_page pg;
  cr_assert_eq(mc_procedures_search(db, arena, &f, &pg, &err), MC_OK, "%s", err.message);
  return pg.total;
}

static mc_procedure *get(const char *code) {
  mc_procedure *p = NULL;
  cr_assert_eq(mc_procedure_get(db, arena, code, &p, &err), MC_OK, "get %s: %s", code, err.message);
  return p;
}

/* ---- import and load ------------------------------------------------------------ */

Test(procedures, import_and_get_every_member) {
  import_fixture();
  cr_assert_eq(count_all(), 5);
  mc_procedure *p = get("1.001193");
  cr_assert_str_eq(p->name, "Thủ tục đăng ký khai sinh");
  cr_assert_str_eq(p->field_code, "ho_tich");
  cr_assert_str_eq(p->field_name, "Hộ tịch");
  cr_assert_str_eq(p->level, "commune");
  cr_assert_str_eq(p->unit_kinds, "commune");
  cr_assert_eq(p->time_amount, 1);
  cr_assert_eq(p->time_unit, MC_TU_WORKING_DAYS);
  cr_assert_not(p->rule_1500);
  cr_assert_str_eq(p->online_level, "full");
  cr_assert(p->full_eligible);
  cr_assert_str_eq(p->result_type, "both");
  cr_assert_str_eq(p->citizen_kind, "citizen");
  cr_assert_eq(p->decided_on, mc_days_from_civil(2024, 3, 1));
  cr_assert_eq(p->effective_on, mc_days_from_civil(2024, 3, 15));
  cr_assert_eq(p->published_on, mc_days_from_civil(2024, 3, 5));
  cr_assert(p->payment_integrated);
  cr_assert(p->active);
  cr_assert_eq(p->nfees, 1);
  cr_assert_str_eq(p->fees[0].code, "le_phi_qua_han");
  cr_assert_eq(p->fees[0].amount, 8000);
  cr_assert_eq(p->fees[0].kind, 2);
  cr_assert_eq(p->ncomponents, 3);
  cr_assert_str_eq(p->components[2].code, "cccd");
  cr_assert(p->components[2].required);
  cr_assert(p->components[2].from_store);
  cr_assert_not(p->components[0].from_store);
  cr_assert_eq(json_array_size(json_object_get(p->eform, "fields")), 4);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(p->eform, "fields"), 2), "type")),
                   "select");
  cr_assert_eq(json_array_size(json_object_get(p->workflow, "steps")), 2);

  /* Same procedure by id. */
  mc_procedure *q;
  cr_assert_eq(mc_procedure_get_id(db, arena, p->id, &q, &err), MC_OK);
  cr_assert_str_eq(q->code, "1.001193");
  cr_assert_eq(q->nfees, 1);

  /* Defaults: same_day without an amount is 1; chứng thực keeps the 15:00 rule. */
  mc_procedure *ct = get("2.000815");
  cr_assert_eq(ct->time_unit, MC_TU_SAME_DAY);
  cr_assert_eq(ct->time_amount, 1);
  cr_assert(ct->rule_1500);
  cr_assert_str_eq(ct->unit_kinds, "commune,district");
  cr_assert_null(ct->workflow);
  cr_assert_eq(ct->nfees, 2);
  cr_assert_eq(ct->fees[1].amount, 1000);
  /* online full ⇒ full_eligible defaults to true; published_on null stays unknown. */
  mc_procedure *gplx = get("1.002804");
  cr_assert(gplx->full_eligible);
  cr_assert_eq(gplx->published_on, 0);
  cr_assert_eq(gplx->fees[0].amount, 135000);
  /* components[].required defaults to true, from_store to false; no fees = 0 lines. */
  mc_procedure *kh = get("1.000894");
  cr_assert(kh->components[0].required);
  cr_assert_not(kh->components[0].from_store);
  cr_assert_eq(kh->nfees, 0);
  cr_assert_null(kh->eform);
  cr_assert_not(get("2.001023")->active);
  cr_assert_eq(get("2.001023")->fees[0].kind, 1);
}

Test(procedures, unknown_code_is_not_found) {
  mc_procedure *p;
  cr_assert_eq(mc_procedure_get(db, arena, "9.999999", &p, &err), MC_ENOTFOUND);
  cr_assert_str_eq(err.code, "procedure.not_found");
  mc_err_clear(&err);
  cr_assert_eq(mc_procedure_get_id(db, arena, 424242, &p, &err), MC_ENOTFOUND);
}

Test(procedures, reimport_updates_by_code) {
  import_fixture();
  import_fixture();                  /* idempotent: no duplicates */
  cr_assert_eq(count_all(), 5);
  const char *change =
    "[{\"code\":\"1.001193\",\"name\":\"Đăng ký khai sinh (sửa)\",\"field_code\":\"ho_tich\","
    "\"field_name\":\"Hộ tịch\",\"level\":\"commune\",\"unit_kinds\":[\"commune\"],\"time_amount\":2,"
    "\"time_unit\":\"working_days\",\"online_level\":\"partial\",\"result_type\":\"paper\","
    "\"citizen_kind\":\"citizen\",\"components\":[{\"code\":\"to_khai\",\"name\":\"Tờ khai\"}]}]";
  import_ok("json", change, strlen(change), 1);
  cr_assert_eq(count_all(), 5);
  mc_procedure *p = get("1.001193");
  cr_assert_str_eq(p->name, "Đăng ký khai sinh (sửa)");
  cr_assert_eq(p->time_amount, 2);
  cr_assert_eq(p->nfees, 0);               /* lines are replaced, not merged */
  cr_assert_eq(p->ncomponents, 1);
  cr_assert_null(p->eform);
  cr_assert_eq(p->decided_on, 0);
}

/* ---- import errors ------------------------------------------------------------------ */

static json_t *fixture_list(void) {
  char *text = source_file("tests/core/data/procedures_fixture.json", NULL);
  json_t *root = json_loads(text, 0, NULL);
  free(text);
  json_t *list = json_incref(json_object_get(root, "procedures"));
  json_decref(root);
  return list;
}

/* Import the fixture with item `index` (0-based) changed by fn; expect code,
 * field and message start; and that nothing at all was written. */
static void expect_item_error(int index, void (*fn)(json_t *item), const char *code, const char *field,
                              const char *message) {
  json_t *list = fixture_list();
  fn(json_array_get(list, (size_t)index));
  char *text = json_dumps(list, 0);
  json_decref(list);
  int n = -1;
  mc_err_clear(&err);
  mc_rc rc = mc_procedures_import(db, "json", text, strlen(text), &n, &err);
  free(text);
  cr_assert_eq(rc, MC_EINVAL, "expected an error %s, got rc %d", code, rc);
  cr_assert_str_eq(err.code, code, "code %s (message: %s)", err.code, err.message);
  cr_assert_str_eq(err.field, field, "field %s (message: %s)", err.field, err.message);
  cr_assert(strncmp(err.message, message, strlen(message)) == 0, "message \"%s\" should start \"%s\"",
            err.message, message);
  cr_assert_eq(json_integer_value(json_object_get(err.detail, "item")), index + 1);
  cr_assert_eq(n, 0);
  mc_err_clear(&err);
  cr_assert_eq(count_all(), 0, "an import that failed wrote something");
}

static void set_weeks(json_t *o) { json_object_set_new(o, "time_unit", json_string("weeks")); }
static void drop_name(json_t *o) { json_object_del(o, "name"); }
static void empty_name(json_t *o) { json_object_set_new(o, "name", json_string("")); }
static void add_unknown(json_t *o) { json_object_set_new(o, "colour", json_string("red")); }
static void amount_text(json_t *o) { json_object_set_new(o, "time_amount", json_string("5")); }
static void amount_zero(json_t *o) { json_object_set_new(o, "time_amount", json_integer(0)); }
static void same_day_3(json_t *o) { json_object_set_new(o, "time_amount", json_integer(3)); }
static void bad_code(json_t *o) { json_object_set_new(o, "code", json_string("1.00 12")); }
static void bad_date(json_t *o) { json_object_set_new(o, "effective_on", json_string("2024-02-30")); }
static void bad_level(json_t *o) { json_object_set_new(o, "level", json_string("village")); }
static void bad_kind(json_t *o) { json_array_append_new(json_object_get(o, "unit_kinds"), json_string("ward")); }
static void twice_kind(json_t *o) { json_array_append_new(json_object_get(o, "unit_kinds"), json_string("commune")); }
static void no_kinds(json_t *o) { json_object_set_new(o, "unit_kinds", json_array()); }
static void kinds_text(json_t *o) { json_object_set_new(o, "unit_kinds", json_string("commune")); }
static void bool_text(json_t *o) { json_object_set_new(o, "rule_1500", json_string("yes")); }
static void fee_kind(json_t *o) {
  json_object_set_new(json_array_get(json_object_get(o, "fees"), 0), "kind", json_string("tax"));
}
static void fee_negative(json_t *o) {
  json_object_set_new(json_array_get(json_object_get(o, "fees"), 0), "amount", json_integer(-5));
}
static void fee_twice(json_t *o) {
  json_t *fees = json_object_get(o, "fees");
  json_array_append_new(fees, json_deep_copy(json_array_get(fees, 0)));
}
static void component_text(json_t *o) {
  json_array_append_new(json_object_get(o, "components"), json_string("Tờ khai"));
}
static void component_unknown(json_t *o) {
  json_object_set_new(json_array_get(json_object_get(o, "components"), 1), "copies", json_integer(2));
}
static void not_eligible(json_t *o) { json_object_set_new(o, "full_eligible", json_false()); }
static void published_early(json_t *o) { json_object_set_new(o, "published_on", json_string("2024-02-01")); }
static void eform_bad_type(json_t *o) {
  json_object_set_new(json_array_get(json_object_get(json_object_get(o, "eform"), "fields"), 1), "type",
                      json_string("colour"));
}
static void eform_not_object(json_t *o) { json_object_set_new(o, "eform", json_string("{}")); }
static void workflow_bad_role(json_t *o) {
  json_object_set_new(json_array_get(json_object_get(json_object_get(o, "workflow"), "steps"), 0), "role",
                      json_string("citizen"));
}
static void long_name(json_t *o) {
  char big[1600];
  memset(big, 0, sizeof big);
  for (int i = 0; i < 501; i++) memcpy(big + i * 2, "đ", 2);   /* 501 characters, 1,002 bytes */
  json_object_set_new(o, "name", json_string(big));
}
static void control_char(json_t *o) { json_object_set_new(o, "name", json_string("Đăng ký\tkhai sinh")); }

Test(procedures, errors_name_item_and_field_and_write_nothing) {
  expect_item_error(1, set_weeks, "procedure.bad_value", "time_unit",
                    "item 2 (2.000815): time_unit \"weeks\" is not one of working_days, working_hours, days, same_day");
  expect_item_error(2, drop_name, "procedure.missing_field", "name", "item 3 (1.002804): name is required");
  expect_item_error(0, empty_name, "procedure.missing_field", "name", "item 1 (1.001193): name is required");
  expect_item_error(3, add_unknown, "procedure.unknown_field", "colour", "item 4 (1.000894): unknown member \"colour\"");
  expect_item_error(2, amount_text, "procedure.wrong_type", "time_amount",
                    "item 3 (1.002804): time_amount must be a whole number");
  expect_item_error(2, amount_zero, "procedure.out_of_range", "time_amount",
                    "item 3 (1.002804): time_amount must be between 1 and 730");
  expect_item_error(1, same_day_3, "procedure.out_of_range", "time_amount",
                    "item 2 (2.000815): time_amount must be 1 (or left out) when time_unit is same_day");
  expect_item_error(4, bad_code, "procedure.bad_code", "code", "item 5 (1.00 12): code \"1.00 12\" must start");
  expect_item_error(0, bad_date, "procedure.bad_date", "effective_on",
                    "item 1 (1.001193): effective_on \"2024-02-30\" is not a date");
  expect_item_error(0, bad_level, "procedure.bad_value", "level",
                    "item 1 (1.001193): level \"village\" is not one of province, department, district, commune");
  expect_item_error(0, bad_kind, "procedure.bad_value", "unit_kinds[1]", "item 1 (1.001193): unit_kinds[1] \"ward\"");
  expect_item_error(0, twice_kind, "procedure.duplicate", "unit_kinds[1]",
                    "item 1 (1.001193): unit_kinds lists \"commune\" twice");
  expect_item_error(0, no_kinds, "procedure.missing_field", "unit_kinds", "item 1 (1.001193): unit_kinds is empty");
  expect_item_error(0, kinds_text, "procedure.wrong_type", "unit_kinds", "item 1 (1.001193): unit_kinds must be a list");
  expect_item_error(0, bool_text, "procedure.wrong_type", "rule_1500", "item 1 (1.001193): rule_1500 must be true or false");
  expect_item_error(0, fee_kind, "procedure.bad_value", "fees[0].kind",
                    "item 1 (1.001193): fees[0].kind \"tax\" is not one of phi, le_phi");
  expect_item_error(0, fee_negative, "procedure.out_of_range", "fees[0].amount",
                    "item 1 (1.001193): fees[0].amount must be between 0 and 10000000000");
  expect_item_error(0, fee_twice, "procedure.duplicate", "fees[1].code",
                    "item 1 (1.001193): fees[1].code \"le_phi_qua_han\" is used twice");
  expect_item_error(0, component_text, "procedure.wrong_type", "components[3]",
                    "item 1 (1.001193): components[3] must be an object");
  expect_item_error(0, component_unknown, "procedure.unknown_field", "components[1].copies",
                    "item 1 (1.001193): unknown member \"components[1].copies\"");
  expect_item_error(2, not_eligible, "procedure.inconsistent", "full_eligible",
                    "item 3 (1.002804): full_eligible must be true when online_level is full");
  expect_item_error(0, published_early, "procedure.inconsistent", "published_on",
                    "item 1 (1.001193): published_on 2024-02-01 is before decided_on 2024-03-01");
  expect_item_error(0, eform_bad_type, "eform.def_bad_type", "eform.fields[1].type", "item 1 (1.001193): eform: ");
  expect_item_error(0, eform_not_object, "procedure.wrong_type", "eform", "item 1 (1.001193): eform must be an object");
  expect_item_error(0, workflow_bad_role, "workflow.bad_role", "workflow.steps[0].role",
                    "item 1 (1.001193): workflow: ");
  expect_item_error(0, long_name, "procedure.too_long", "name", "item 1 (1.001193): name is longer than 500 characters");
  expect_item_error(0, control_char, "procedure.bad_text", "name", "item 1 (1.001193): name contains a control character");
}

static void expect_import_error(const char *format, const char *text, const char *code, const char *message) {
  int n = -1;
  mc_err_clear(&err);
  mc_rc rc = mc_procedures_import(db, format, text, strlen(text), &n, &err);
  cr_assert_neq(rc, MC_OK, "import of %.60s should fail with %s", text, code);
  cr_assert_str_eq(err.code, code, "code %s (message: %s)", err.code, err.message);
  cr_assert(strstr(err.message, message), "message \"%s\" should contain \"%s\"", err.message, message);
  mc_err_clear(&err);
  cr_assert_eq(count_all(), 0);
}

Test(procedures, errors_across_items_and_of_the_file) {
  json_t *list = fixture_list();
  json_t *dup = json_deep_copy(json_array_get(list, 1));
  json_object_set_new(dup, "name", json_string("Chứng thực bản sao (lặp)"));
  json_array_append_new(list, dup);
  char *text = json_dumps(list, 0);
  expect_import_error("json", text, "import.duplicate_code",
                      "item 6 (2.000815): code appears twice in this import (also item 2)");
  free(text);
  json_array_remove(list, 5);
  json_object_set_new(json_array_get(list, 3), "field_name", json_string("Hộ tịch - Quốc tịch"));
  text = json_dumps(list, 0);
  expect_import_error("json", text, "import.field_name_conflict",
                      "item 4 (1.000894): field_name \"Hộ tịch - Quốc tịch\" differs from \"Hộ tịch\" given for field "
                      "ho_tich in item 1");
  free(text);
  json_decref(list);

  expect_import_error("json", "[{\"code\": ", "import.malformed", "not valid JSON");
  expect_import_error("json", "{\"items\": []}", "import.malformed", "Unknown member \"items\"");
  expect_import_error("json", "{\"format\": \"other/2\", \"procedures\": []}", "import.bad_format", "motcua-procedures/1");
  expect_import_error("json", "42", "import.malformed", "list of procedures");
  expect_import_error("json", "[42]", "procedure.wrong_type", "item 1: the procedure must be a JSON object");
  expect_import_error("xml", "<x/>", "import.bad_format", "json or csv");
  expect_import_error("json", "", "import.malformed", "empty");
}

static const char *csv_header =
  "code,name,field_code,field_name,level,unit_kinds,time_amount,time_unit,rule_1500,online_level,"
  "full_eligible,result_type,citizen_kind,decided_on,effective_on,published_on,payment_integrated,active,"
  "fees,components,eform,workflow\n";

static void expect_csv_error(const char *rows, const char *code, const char *field, const char *message) {
  char text[4096];
  snprintf(text, sizeof text, "%s%s", csv_header, rows);
  int n = -1;
  mc_err_clear(&err);
  cr_assert_neq(mc_procedures_import(db, "csv", text, strlen(text), &n, &err), MC_OK, "%s should fail", rows);
  cr_assert_str_eq(err.code, code, "code %s (message: %s)", err.code, err.message);
  if (field) cr_assert_str_eq(err.field, field, "field %s (message: %s)", err.field, err.message);
  cr_assert(strncmp(err.message, message, strlen(message)) == 0, "message \"%s\" should start \"%s\"",
            err.message, message);
  mc_err_clear(&err);
  cr_assert_eq(count_all(), 0);
}

#define GOOD_ROW "1.000001,Đăng ký thường trú,cu_tru,Cư trú,commune,commune,7,working_days,,full,,both,citizen,,,,,,,,,\n"

Test(procedures, csv_errors_name_the_line_and_field) {
  expect_csv_error(GOOD_ROW "1.000002,Đăng ký tạm trú,cu_tru,Cư trú,commune,commune,3,weeks,,full,,both,citizen,,,,,,,,,\n",
                   "procedure.bad_value", "time_unit",
                   "line 3 (1.000002): time_unit \"weeks\" is not one of working_days, working_hours, days, same_day");
  expect_csv_error(GOOD_ROW "1.000002,Đăng ký tạm trú,cu_tru,Cư trú,commune,commune,3,working_days,maybe,full,,both,citizen,,,,,,,,,\n",
                   "procedure.wrong_type", "rule_1500", "line 3 (1.000002): rule_1500 \"maybe\" is not true or false");
  expect_csv_error(GOOD_ROW "1.000002,Đăng ký tạm trú,cu_tru,Cư trú,commune,commune,ba,working_days,,full,,both,citizen,,,,,,,,,\n",
                   "procedure.wrong_type", "time_amount", "line 3 (1.000002): time_amount \"ba\" is not a whole number");
  expect_csv_error("1.000002,Đăng ký tạm trú,cu_tru,Cư trú,commune,commune,3,working_days,,full,,both,citizen,,,,,,"
                   "le_phi:Lệ phí:15000,,,\n",
                   "procedure.bad_value", "fees[0]", "line 2 (1.000002): fees[0] must be code:name:amount:kind");
  expect_csv_error("1.000002,Đăng ký tạm trú,cu_tru,Cư trú,commune,commune,3,working_days,,full,,both,citizen,,,,,,"
                   "le_phi:Lệ phí:15000:tax,,,\n",
                   "procedure.bad_value", "fees[0].kind", "line 2 (1.000002): fees[0].kind \"tax\" is not one of phi, le_phi");
  expect_csv_error("1.000002,Đăng ký tạm trú,cu_tru,Cư trú,commune,commune,3,working_days,,full,,both,citizen,,,,,,"
                   ",to_khai:Tờ khai:có,,\n",
                   "procedure.wrong_type", "components[0]", "line 2 (1.000002): components[0].required \"có\"");
  expect_csv_error("1.000002,Đăng ký tạm trú,cu_tru,Cư trú,commune,commune,3,working_days,,full,,both,citizen,,,,,,"
                   ",,\"{\"\"fields\"\":\",\n",
                   "procedure.bad_json", "eform", "line 2 (1.000002): eform is not valid JSON");
  expect_csv_error(GOOD_ROW GOOD_ROW, "import.duplicate_code", "code",
                   "line 3 (1.000001): code appears twice in this import (also line 2)");
  expect_csv_error(GOOD_ROW "1.000002,Thiếu cột\n", "csv.column_count", NULL, "line 3");
  expect_csv_error(GOOD_ROW "\"1.000002,Đăng ký\n", "csv.unterminated_quote", NULL, "line 3");

  /* Header problems. */
  const char *unknown = "code,name,colour\n1,a,b\n";
  int n;
  cr_assert_neq(mc_procedures_import(db, "csv", unknown, strlen(unknown), &n, &err), MC_OK);
  cr_assert_str_eq(err.code, "csv.unknown_column");
  mc_err_clear(&err);
  const char *missing = "code,name\n1,a\n";
  cr_assert_neq(mc_procedures_import(db, "csv", missing, strlen(missing), &n, &err), MC_OK);
  cr_assert_str_eq(err.code, "csv.missing_column");
  cr_assert(strstr(err.message, "field_code"), "%s", err.message);
  mc_err_clear(&err);
  cr_assert_eq(count_all(), 0);
}

Test(procedures, csv_import_with_quotes_escapes_and_any_column_order) {
  size_t len;
  char *text = source_file("tests/core/data/procedures_fixture.csv", &len);
  import_ok("csv", text, len, 2);
  free(text);
  mc_procedure *p = get("2.000884");
  cr_assert_str_eq(p->name, "Chứng thực chữ ký trong các giấy tờ, văn bản");
  cr_assert_eq(p->time_unit, MC_TU_SAME_DAY);
  cr_assert(p->rule_1500);
  cr_assert_str_eq(p->unit_kinds, "commune,district");
  cr_assert_str_eq(p->fees[0].name, "Lệ phí chứng thực chữ ký: 10.000 đồng/trường hợp");
  cr_assert_eq(p->fees[0].amount, 10000);
  cr_assert_eq(p->ncomponents, 2);
  cr_assert(p->components[1].from_store);
  cr_assert_eq(json_array_size(json_object_get(p->eform, "fields")), 1);
  cr_assert_null(p->workflow);
  mc_procedure *l = get("1.001022");
  cr_assert_eq(l->nfees, 2);
  cr_assert_eq(l->fees[1].amount, 100000);
  cr_assert_eq(l->fees[1].kind, 1);
  cr_assert(l->components[0].required);       /* code:name alone = required, not from the store */
  cr_assert_not(l->components[0].from_store);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(l->workflow, "steps"), 0), "unit")),
                   "other:CA-TINH");

  /* Columns in another order, optional ones left out, CRLF line ends. */
  const char *shuffled =
    "unit_kinds,citizen_kind,result_type,online_level,time_unit,time_amount,level,field_name,field_code,name,code\r\n"
    "commune,citizen,paper,none,working_days,3,commune,Cư trú,cu_tru,Xóa đăng ký thường trú,1.000003\r\n";
  import_ok("csv", shuffled, strlen(shuffled), 1);
  cr_assert_str_eq(get("1.000003")->online_level, "none");
  cr_assert_eq(count_all(), 3);
}

/* ---- export → import round trips ------------------------------------------------------ */

static char *export_text(const char *format) {
  mc_buf b;
  mc_buf_init(&b, 0);
  cr_assert_eq(mc_procedures_export(db, format, &b, &err), MC_OK, "%s", err.message);
  return mc_buf_steal(&b);
}

static void round_trip(const char *format) {
  size_t len;
  char *text = source_file("tests/core/data/procedures_fixture.json", &len);
  import_ok("json", text, len, 5);
  free(text);
  text = source_file("tests/core/data/procedures_fixture.csv", &len);
  import_ok("csv", text, len, 2);
  free(text);
  char *first = export_text(format), *first_json = export_text("json");
  mc_db *orig = db;
  char *orig_url = url;
  url = th_fresh_db_url();
  cr_assert_eq(mc_db_open(url, &db, &err), MC_OK);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK);
  import_ok(format, first, strlen(first), 7);
  char *second = export_text(format), *second_json = export_text("json");
  cr_assert_str_eq(second, first, "%s export → import → export differs", format);
  cr_assert_str_eq(second_json, first_json, "the data differ after a %s round trip", format);
  /* Re-importing the export into the original changes nothing. */
  mc_db_close(db);
  free(url);
  db = orig;
  url = orig_url;
  import_ok(format, first, strlen(first), 7);
  char *third = export_text("json");
  cr_assert_str_eq(third, first_json);
  free(first);
  free(first_json);
  free(second);
  free(second_json);
  free(third);
}

Test(procedures, export_json_imports_to_the_same_data) { round_trip("json"); }
Test(procedures, export_csv_imports_to_the_same_data) { round_trip("csv"); }

Test(procedures, export_escapes_separators_in_csv) {
  const char *doc =
    "[{\"code\":\"X.1\",\"name\":\"Tên có \\\"ngoặc\\\", dấu phẩy\\\\ và | gạch\",\"field_code\":\"thu\","
    "\"field_name\":\"Thử\",\"level\":\"province\",\"unit_kinds\":[\"province\"],\"time_amount\":8,"
    "\"time_unit\":\"working_hours\",\"online_level\":\"none\",\"result_type\":\"paper\",\"citizen_kind\":\"business\","
    "\"fees\":[{\"code\":\"a:b\",\"name\":\"Phí: a|b \\\\ c\",\"amount\":1,\"kind\":\"phi\"}]}]";
  /* a fee code with ':' is refused (codes use A-Z a-z 0-9 . _ -) */
  int n;
  cr_assert_eq(mc_procedures_import(db, "json", doc, strlen(doc), &n, &err), MC_EINVAL);
  cr_assert_str_eq(err.field, "fees[0].code");
  mc_err_clear(&err);
  char fixed[1024];
  snprintf(fixed, sizeof fixed, "%s", doc);
  char *colon = strstr(fixed, "a:b");
  colon[1] = '_';
  import_ok("json", fixed, strlen(fixed), 1);
  char *csv = export_text("csv");
  mc_procedure *before = get("X.1");
  cr_assert_str_eq(before->fees[0].name, "Phí: a|b \\ c");
  import_ok("csv", csv, strlen(csv), 1);
  mc_procedure *after = get("X.1");
  cr_assert_str_eq(after->name, "Tên có \"ngoặc\", dấu phẩy\\ và | gạch");
  cr_assert_str_eq(after->fees[0].name, "Phí: a|b \\ c");
  cr_assert_eq(after->time_unit, MC_TU_WORKING_HOURS);
  free(csv);
}

/* ---- single save --------------------------------------------------------------------- */

Test(procedures, save_create_update_and_conflicts) {
  json_t *list = fixture_list();
  json_t *doc = json_array_get(list, 0);
  int64_t id = 0;
  cr_assert_eq(mc_procedure_save(db, doc, MC_SAVE_CREATE, NULL, &id, &err), MC_OK, "%s", err.message);
  cr_assert_gt(id, 0);
  cr_assert_eq(mc_procedure_save(db, doc, MC_SAVE_CREATE, NULL, &id, &err), MC_ECONFLICT);
  cr_assert_str_eq(err.code, "procedure.exists");
  mc_err_clear(&err);
  json_object_set_new(doc, "time_amount", json_integer(3));
  json_object_del(doc, "code");           /* PUT takes the code from the address */
  cr_assert_eq(mc_procedure_save(db, doc, MC_SAVE_UPDATE, "1.001193", &id, &err), MC_OK, "%s", err.message);
  cr_assert_eq(get("1.001193")->time_amount, 3);
  cr_assert_eq(mc_procedure_save(db, doc, MC_SAVE_UPDATE, "1.999999", &id, &err), MC_ENOTFOUND);
  cr_assert_str_eq(err.code, "procedure.not_found");
  mc_err_clear(&err);
  json_object_set_new(doc, "code", json_string("1.001194"));
  cr_assert_eq(mc_procedure_save(db, doc, MC_SAVE_UPDATE, "1.001193", &id, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "procedure.code_mismatch");
  mc_err_clear(&err);
  json_object_set_new(doc, "time_unit", json_string("weeks"));
  cr_assert_eq(mc_procedure_save(db, doc, MC_SAVE_CREATE, NULL, &id, &err), MC_EINVAL);
  cr_assert_str_eq(err.message, "time_unit \"weeks\" is not one of working_days, working_hours, days, same_day");
  cr_assert_str_eq(err.field, "time_unit");
  mc_err_clear(&err);
  cr_assert_eq(count_all(), 1);
  json_decref(list);
}

/* ---- search ---------------------------------------------------------------------------- */

static mc_procedure_page search(const char *q, const char *field, const char *kind, const char *online, int64_t limit,
                                int64_t offset) {
  mc_procedure_filter f = {.q = q, .field_code = field, .unit_kind = kind, .online = online, .limit = limit,
                           .offset = offset};
  mc_procedure_page pg;
  cr_assert_eq(mc_procedures_search(db, arena, &f, &pg, &err), MC_OK, "search %s: %s", q ? q : "", err.message);
  return pg;
}

static bool has(const mc_procedure_page *pg, const char *code) {
  for (int i = 0; i < pg->n; i++)
    if (strcmp(pg->items[i].code, code) == 0) return true;
  return false;
}

static void search_fixture(void) {
  import_fixture();
  size_t len;
  char *text = source_file("tests/core/data/procedures_fixture.csv", &len);
  import_ok("csv", text, len, 2);
  free(text);
  const char *more =
    "[{\"code\":\"1.000105\",\"name\":\"Cấp lại giấy phép lái xe\",\"field_code\":\"duong_bo\","
    "\"field_name\":\"Đường bộ\",\"level\":\"department\",\"unit_kinds\":[\"department\"],\"time_amount\":5,"
    "\"time_unit\":\"working_days\",\"online_level\":\"partial\",\"result_type\":\"paper\",\"citizen_kind\":\"citizen\"},"
    "{\"code\":\"1.004999\",\"name\":\"Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ\",\"field_code\":\"xay_dung\","
    "\"field_name\":\"Xây dựng\",\"level\":\"district\",\"unit_kinds\":[\"district\",\"commune\"],\"time_amount\":15,"
    "\"time_unit\":\"working_days\",\"online_level\":\"partial\",\"result_type\":\"both\",\"citizen_kind\":\"both\"}]";
  import_ok("json", more, strlen(more), 2);
}

Test(procedures, search_ignores_case_and_diacritics) {
  search_fixture();
  mc_procedure_page pg = search("giay phep lai xe", NULL, NULL, NULL, 20, 0);
  cr_assert_eq(pg.total, 2);
  cr_assert(has(&pg, "1.002804") && has(&pg, "1.000105"));
  /* Names starting with the text come first, then a word start, by name. */
  pg = search("GIẤY PHÉP", NULL, NULL, NULL, 20, 0);
  cr_assert_eq(pg.total, 3);
  cr_assert(has(&pg, "1.004999"));
  pg = search("dang ky", NULL, NULL, NULL, 20, 0);
  cr_assert_eq(pg.total, 2, "%lld", (long long)pg.total);
  cr_assert_str_eq(pg.items[0].code, "1.000894");     /* "Đăng ký kết hôn": prefix */
  cr_assert_str_eq(pg.items[1].code, "1.001193");     /* "Thủ tục đăng ký khai sinh": word start */
  /* "d" matches "đ": "đăng" and "Đường bộ" names hold a d. */
  pg = search("Đăng Ký Kết Hôn", NULL, NULL, NULL, 20, 0);
  cr_assert_eq(pg.total, 1);
  pg = search("dang ky ket hon", NULL, NULL, NULL, 20, 0);
  cr_assert_eq(pg.total, 1);
  cr_assert_str_eq(pg.items[0].name, "Đăng ký kết hôn");
  /* Words in any order rank after phrase matches. */
  pg = search("lai xe giay phep", NULL, NULL, NULL, 20, 0);
  cr_assert_eq(pg.total, 2);
  /* Codes. */
  pg = search("1.0011", NULL, NULL, NULL, 20, 0);
  cr_assert_eq(pg.total, 1);
  cr_assert_str_eq(pg.items[0].code, "1.001193");
  /* LIKE wildcards are plain text. */
  cr_assert_eq(search("%", NULL, NULL, NULL, 20, 0).total, 0);
  cr_assert_eq(search("_", NULL, NULL, NULL, 20, 0).total, 0);
  cr_assert_eq(search("không có thủ tục này", NULL, NULL, NULL, 20, 0).total, 0);
  /* Items carry the summary, not the lines. */
  pg = search("khai sinh", NULL, NULL, NULL, 20, 0);
  cr_assert_eq(pg.total, 1);
  cr_assert_str_eq(pg.items[0].field_name, "Hộ tịch");
  cr_assert_eq(pg.items[0].nfees, 0);
  cr_assert_null(pg.items[0].eform);
}

Test(procedures, search_filters_and_pages) {
  search_fixture();
  /* The inactive 2.001023 is left out unless asked for. */
  cr_assert_eq(search(NULL, NULL, NULL, NULL, 50, 0).total, 8);
  cr_assert_eq(count_all(), 9);
  cr_assert_eq(search("giay chung nhan", NULL, NULL, NULL, 50, 0).total, 0);
  cr_assert_eq(search(NULL, "ho_tich", NULL, NULL, 50, 0).total, 2);
  cr_assert_eq(search("khai sinh", "chung_thuc", NULL, NULL, 50, 0).total, 0);
  mc_procedure_page pg = search(NULL, NULL, "district", NULL, 50, 0);
  cr_assert_eq(pg.total, 3);                 /* 2.000815, 2.000884, 1.004999 */
  cr_assert(has(&pg, "2.000815") && has(&pg, "2.000884") && has(&pg, "1.004999"));
  cr_assert_eq(search(NULL, NULL, "commune", NULL, 50, 0).total, 5);
  cr_assert_eq(search(NULL, NULL, NULL, "full", 50, 0).total, 3);
  cr_assert_eq(search(NULL, NULL, NULL, "partial", 50, 0).total, 5);
  cr_assert_eq(search(NULL, NULL, NULL, "online", 50, 0).total, 8);
  cr_assert_eq(search(NULL, NULL, NULL, "none", 50, 0).total, 0);
  cr_assert_eq(search("giay phep", NULL, "department", "partial", 50, 0).total, 1);
  /* Paging: the same order page by page. */
  mc_procedure_page all = search(NULL, NULL, NULL, NULL, 50, 0);
  for (int i = 0; i < 8; i++) {
    mc_procedure_page one = search(NULL, NULL, NULL, NULL, 1, i);
    cr_assert_eq(one.n, 1);
    cr_assert_eq(one.total, 8);
    cr_assert_str_eq(one.items[0].code, all.items[i].code);
  }
  cr_assert_eq(search(NULL, NULL, NULL, NULL, 5, 8).n, 0);
  cr_assert_eq(search(NULL, NULL, NULL, NULL, 5, 5).n, 3);
  /* Bad filters. */
  mc_procedure_filter f = {.unit_kind = "ward", .limit = 10};
  mc_procedure_page pg2;
  cr_assert_eq(mc_procedures_search(db, arena, &f, &pg2, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "query.bad_value");
  mc_err_clear(&err);
  f = (mc_procedure_filter){.online = "sometimes", .limit = 10};
  cr_assert_eq(mc_procedures_search(db, arena, &f, &pg2, &err), MC_EINVAL);
  mc_err_clear(&err);
  f = (mc_procedure_filter){.limit = 0};
  cr_assert_eq(mc_procedures_search(db, arena, &f, &pg2, &err), MC_EINVAL);
  mc_err_clear(&err);
  f = (mc_procedure_filter){.q = "\xff\xfe", .limit = 10};
  cr_assert_eq(mc_procedures_search(db, arena, &f, &pg2, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "query.bad_text");
  mc_err_clear(&err);
}

Test(procedures, fields_with_counts) {
  search_fixture();
  mc_field_info *fields;
  int n;
  cr_assert_eq(mc_fields_list(db, arena, &fields, &n, &err), MC_OK, "%s", err.message);
  cr_assert_eq(n, 6);
  /* Sorted by folded name: Chứng thực, Đất đai, Đường bộ, Hộ tịch, Lý lịch tư pháp, Xây dựng. */
  const char *order[] = {"chung_thuc", "dat_dai", "duong_bo", "ho_tich", "ly_lich_tu_phap", "xay_dung"};
  for (int i = 0; i < 6; i++) cr_assert_str_eq(fields[i].code, order[i], "field %d is %s", i, fields[i].code);
  cr_assert_eq(fields[1].procedures, 0);      /* its only procedure is inactive */
  cr_assert_eq(fields[2].procedures, 2);
  cr_assert_eq(fields[2].online, 2);
  cr_assert_eq(fields[3].procedures, 2);
}

/* ---- the demo catalogue ------------------------------------------------------------------ */

static int weekdays_between(int32_t from, int32_t to) {   /* Mon–Fri in (from, to] */
  int n = 0;
  for (int32_t d = from + 1; d <= to; d++) n += mc_weekday(d) >= 1 && mc_weekday(d) <= 5;
  return n;
}

Test(procedures, demo_catalogue) {
  size_t len;
  char *text = source_file("data/demo/procedures.json", &len);
  json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
  cr_assert_not_null(root, "data/demo/procedures.json is not valid JSON");
  json_t *list = json_object_get(root, "procedures");
  size_t n = json_array_size(list);
  cr_assert_geq(n, 150, "the demo catalogue has %zu procedures", n);
  size_t online = 0, i;
  json_t *p;
  json_array_foreach(list, i, p) {
    const char *code = json_string_value(json_object_get(p, "code"));
    json_t *eform = json_object_get(p, "eform"), *wf = json_object_get(p, "workflow");
    cr_assert(json_is_object(eform), "%s has no e-form", code);
    cr_assert(json_is_object(wf), "%s has no workflow", code);
    cr_assert_eq(mc_eform_check_definition(eform, &err), MC_OK, "%s e-form: %s [%s]", code, err.message, err.field);
    cr_assert_eq(mc_workflow_check_definition(wf, &err), MC_OK, "%s workflow: %s [%s]", code, err.message, err.field);
    online += strcmp(json_string_value(json_object_get(p, "online_level")), "none") != 0;
  }
  double share = (double)online / (double)n;
  cr_assert(share >= 0.80 && share <= 0.95, "online share %.3f", share);

  int count;
  cr_assert_eq(mc_procedures_import(db, "json", text, len, &count, &err), MC_OK, "%s", err.message);
  cr_assert_eq((size_t)count, n);
  free(text);
  json_decref(root);

  /* Indicators 1.1 / 1.2 are sometimes met and sometimes not. */
  mc_procedure_filter f = {.include_inactive = true, .limit = MC_PROC_PAGE_MAX};
  int announced_early = 0, announced_late = 0, published_fast = 0, published_slow = 0, same_day_1500 = 0;
  for (f.offset = 0;; f.offset += f.limit) {
    mc_procedure_page pg;
    cr_assert_eq(mc_procedures_search(db, arena, &f, &pg, &err), MC_OK);
    for (int k = 0; k < pg.n; k++) {
      mc_procedure *q = &pg.items[k];
      cr_assert(q->decided_on && q->effective_on, "%s has no dates", q->code);
      if (weekdays_between(q->decided_on, q->effective_on) >= 5) announced_early++;
      else announced_late++;
      if (q->published_on && weekdays_between(q->decided_on, q->published_on) <= 5) published_fast++;
      else published_slow++;
      if (strcmp(q->field_code, "chung_thuc") == 0 && q->time_unit == MC_TU_SAME_DAY && q->rule_1500) same_day_1500++;
    }
    if (pg.n < f.limit) break;
  }
  cr_assert_gt(announced_early, announced_late, "most are announced on time");
  cr_assert_gt(announced_late, 0);
  cr_assert_gt(published_fast, published_slow);
  cr_assert_gt(published_slow, 0);
  cr_assert_geq(same_day_1500, 3, "chứng thực procedures are same-day with the 15:00 rule");
  /* The search works on it. */
  mc_procedure_page pg = search("giay phep lai xe", NULL, NULL, NULL, 20, 0);
  cr_assert_geq(pg.total, 2);
  pg = search("khai sinh", "ho_tich", NULL, NULL, 20, 0);
  cr_assert_geq(pg.total, 1);
}
