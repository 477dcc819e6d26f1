/* test_units.c — administrative units in the core: import (happy path, every
 * error class with its line, nothing written on failure), within() across
 * levels, history and successors, export → import round trips, and the demo
 * province's counts per kind in each model. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/unit.h"
#include "util/time.h"

static mc_db *db;
static mc_arena *a;
static char path[512];

static mc_db *open_db(char *p, size_t n) {
  const char *dir = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  mkdir(dir, 0755);
  snprintf(p, n, "%s/units-XXXXXX", dir);
  int fd = mkstemp(p);
  cr_assert(fd >= 0);
  close(fd);
  mc_db *d;
  mc_err err = {0};
  cr_assert_eq(mc_db_open(p, &d, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(d, NULL, &err), MC_OK, "%s", err.message);
  return d;
}

static void close_db(mc_db *d, const char *p) {
  mc_db_close(d);
  char q[600];
  unlink(p);
  snprintf(q, sizeof q, "%s-wal", p);
  unlink(q);
  snprintf(q, sizeof q, "%s-shm", p);
  unlink(q);
}

static void setup(void) { db = open_db(path, sizeof path); a = mc_arena_new(0); }
static void teardown(void) { mc_arena_free(a); close_db(db, path); }
TestSuite(units, .init = setup, .fini = teardown);

static int64_t count_units(void) {
  int64_t n = -1;
  mc_err err = {0};
  cr_assert_eq(mc_db_i64(db, "units.count_all", &n, &err, NULL), MC_OK);
  return n;
}

static void import_ok(const char *format, const char *text, int want) {
  mc_err err = {0};
  int n = -1;
  mc_rc rc = mc_units_import(db, format, text, strlen(text), &n, &err);
  cr_assert_eq(rc, MC_OK, "import failed: %s [%s]", err.message, err.code);
  cr_assert_eq(n, want);
}

static mc_unit *get(const char *code) {
  mc_unit *u = NULL;
  mc_err err = {0};
  cr_assert_eq(mc_unit_get(db, a, code, &u, &err), MC_OK, "%s: %s", code, err.message);
  return u;
}

static int32_t day(const char *s) {
  int32_t d;
  cr_assert(mc_date_parse(s, &d));
  return d;
}

/* A small province: forward references to parents and successors, a comment,
 * a BOM and CRLF line ends. */
static const char small[] =
  "\xEF\xBB\xBF# two models of one small province\r\n"
  "code,name,kind,parent_code,valid_from,valid_to,successor_codes\r\n"
  "P.C1,Phường Một,commune,P.D1,,2025-07-01,N.W1\r\n"           /* line 3: parent defined later */
  "P.C2,\"Xã Hai, Ba\",commune,P.D1,,2025-07-01,N.W1|N.W2\r\n" /* line 4: split in two */
  "P.D1,Huyện Đông,district,P,,2025-07-01,N.W1|N.W2\r\n"
  "P,Tỉnh Thử,province,,,2025-07-01,N\r\n"
  "P.S1,Sở Tư pháp,department,P,2020-01-01,2025-07-01,N.S1\r\n"
  "N,Thành phố Mới,province,,2025-07-01,,\r\n"
  "N.S1,Sở Tư pháp Mới,department,N,2025-07-01,,\r\n"
  "N.W1,Phường Thủ Đức,commune,N,2025-07-01,,\r\n"
  "N.W2,Xã Đồng Tháp,commune,N,2025-07-01,,\r\n";

Test(units, import_happy_path_with_forward_references) {
  import_ok("csv", small, 9);
  cr_assert_eq(count_units(), 9);
  mc_unit *c2 = get("P.C2"), *d1 = get("P.D1"), *p = get("P"), *s1 = get("P.S1");
  cr_assert_str_eq(c2->name, "Xã Hai, Ba");
  cr_assert_str_eq(c2->kind, "commune");
  cr_assert_eq(c2->parent_id, d1->id);
  cr_assert_eq(d1->parent_id, p->id);
  cr_assert_eq(p->parent_id, 0);
  cr_assert_eq(c2->valid_from, 0);
  cr_assert_eq(c2->valid_to, day("2025-07-01"));
  cr_assert_eq(s1->valid_from, day("2020-01-01"));
  cr_assert(mc_unit_valid_on(c2, day("2025-06-30")));
  cr_assert(!mc_unit_valid_on(c2, day("2025-07-01")));
  mc_unit *byid;
  mc_err err = {0};
  cr_assert_eq(mc_unit_get_id(db, a, d1->id, &byid, &err), MC_OK);
  cr_assert_str_eq(byid->code, "P.D1");
  cr_assert_eq(mc_unit_get(db, a, "NOPE", &byid, &err), MC_ENOTFOUND);
  cr_assert_str_eq(err.code, "unit.not_found");
  mc_err_clear(&err);
}

Test(units, successors_and_predecessors) {
  import_ok("csv", small, 9);
  json_t *o;
  mc_err err = {0};
  cr_assert_eq(mc_unit_describe(db, "P.C2", &o, &err), MC_OK);
  json_t *succ = json_object_get(o, "successors");
  cr_assert_eq(json_array_size(succ), 2);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(succ, 0), "code")), "N.W1");
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(succ, 1), "code")), "N.W2");
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(succ, 0), "effective")), "2025-07-01");
  cr_assert_str_eq(json_string_value(json_object_get(json_object_get(o, "parent"), "code")), "P.D1");
  cr_assert_eq(json_integer_value(json_object_get(o, "children_count")), 0);
  json_decref(o);
  cr_assert_eq(mc_unit_describe(db, "N.W1", &o, &err), MC_OK);
  json_t *pred = json_object_get(o, "predecessors");
  cr_assert_eq(json_array_size(pred), 3, "C1, C2 and D1 went (partly) into N.W1");
  const char *want[] = {"P.C1", "P.C2", "P.D1"};
  for (int i = 0; i < 3; i++)
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(pred, (size_t)i), "code")), want[i]);
  cr_assert_eq(json_array_size(json_object_get(o, "successors")), 0);
  json_decref(o);
  cr_assert_eq(mc_unit_describe(db, "P.D1", &o, &err), MC_OK);
  cr_assert_eq(json_integer_value(json_object_get(o, "children_count")), 2);
  json_decref(o);
}

Test(units, within_across_levels) {
  import_ok("csv", small, 9);
  int64_t c1 = get("P.C1")->id, d1 = get("P.D1")->id, p = get("P")->id, s1 = get("P.S1")->id,
          n = get("N")->id, w1 = get("N.W1")->id;
  struct { int64_t inner, outer; bool want; } cases[] = {
    {c1, c1, true}, {c1, d1, true}, {c1, p, true}, {d1, p, true}, {s1, p, true}, {w1, n, true},
    {p, c1, false}, {d1, c1, false}, {c1, s1, false}, {s1, d1, false},
    {c1, n, false},      /* successors do not make a unit "within" the new tree */
    {c1, 999999, false}, {999999, p, false},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    bool yes = !cases[i].want;
    mc_err err = {0};
    cr_assert_eq(mc_unit_within(db, cases[i].inner, cases[i].outer, &yes, &err), MC_OK);
    cr_assert_eq(yes, cases[i].want, "case %zu", i);
  }
  /* Moving a subtree (re-import with another parent) keeps within() right. */
  import_ok("csv", "code,name,kind,parent_code,valid_to\nP.C1,Phường Một,commune,P,2025-07-01\n", 1);
  bool yes = true;
  mc_err err = {0};
  cr_assert_eq(mc_unit_within(db, c1, d1, &yes, &err), MC_OK);
  cr_assert(!yes);
  cr_assert_eq(mc_unit_within(db, c1, p, &yes, &err), MC_OK);
  cr_assert(yes);
}

/* A failing import names its line and column and writes nothing. */
static void expect_fail(const char *format, const char *text, const char *code, int where, const char *column) {
  int64_t before = count_units();
  mc_err err = {0};
  int n = -1;
  mc_rc rc = mc_units_import(db, format, text, strlen(text), &n, &err);
  cr_assert_neq(rc, MC_OK, "expected %s", code);
  cr_assert_str_eq(err.code, code, "%s", err.message);
  const char *key = strcmp(format, "json") == 0 ? "item" : "line";
  cr_assert_eq(json_integer_value(json_object_get(err.detail, key)), where, "%s: %s %lld, want %d (%s)", code, key,
               (long long)json_integer_value(json_object_get(err.detail, key)), where, err.message);
  char prefix[32];
  snprintf(prefix, sizeof prefix, "%s %d", key, where);
  cr_assert(strncmp(err.message, prefix, strlen(prefix)) == 0, "\"%s\" must start with \"%s\"", err.message, prefix);
  if (column)
    cr_assert_str_eq(json_string_value(json_object_get(err.detail, "column")), column, "%s", err.message);
  cr_assert_eq(n, -1);
  cr_assert_eq(count_units(), before, "%s: a failed import must write nothing", code);
  mc_err_clear(&err);
}

#define H "code,name,kind,parent_code,valid_from,valid_to,successor_codes\n"

Test(units, every_error_names_its_line_and_writes_nothing) {
  import_ok("csv", H "X,Tỉnh X,province,,,,\nX.A,Huyện A,district,X,,2025-07-01,\n", 2);
  expect_fail("csv", H "Y,Tỉnh Y,province,,,,\nY.1,Xã 1,village,Y,,,\n", "unit.bad_kind", 3, "kind");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,,\nY.1,Xã 1,commune,Y,,,\nY.1,Xã 1 bis,commune,Y,,,\n",
              "unit.duplicate_code", 4, "code");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,,\nX,Tỉnh X lại,province,,,,\nX,Tỉnh X lần ba,province,,,,\n",
              "unit.duplicate_code", 4, "code");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,,\n\nY.1,Xã 1,commune,Q,,,\n", "unit.unknown_parent", 4, "parent_code");
  expect_fail("csv", H "Y,Tỉnh Y,province,Y.1,,,\nY.1,Xã 1,commune,Y,,,\n", "unit.cycle", 2, "parent_code");
  expect_fail("csv", H "Y,Tỉnh Y,province,Y,,,\n", "unit.cycle", 2, "parent_code");
  /* A cycle through a stored unit: X becomes the child of its own child. */
  expect_fail("csv", H "X,Tỉnh X,province,X.A,,,\n", "unit.cycle", 2, "parent_code");
  expect_fail("csv", H "Y,Tỉnh Y,province,,2025-02-30,,\n", "unit.bad_date", 2, "valid_from");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,1/7/2025,\n", "unit.bad_date", 2, "valid_to");
  expect_fail("csv", H "Y,Tỉnh Y,province,,2025-07-01,2025-07-01,\n", "unit.bad_validity", 2, "valid_to");
  expect_fail("csv", H "Y,Tỉnh Y,province,,2025-07-02,2025-07-01,\n", "unit.bad_validity", 2, "valid_to");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,2025-07-01,Z\n", "unit.unknown_successor", 2, "successor_codes");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,,X\n", "unit.bad_successor", 2, "valid_to");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,2025-07-01,Y\n", "unit.bad_successor", 2, "successor_codes");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,2025-07-01,Z|Z\nZ,Tỉnh Z,province,,,,\n", "unit.bad_successor", 2,
              "successor_codes");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,2025-07-01,Z\nZ,Tỉnh Z,province,,2025-08-01,,\n", "unit.bad_successor", 2,
              "successor_codes");
  /* A child outlives its parent; a parent would cut a stored child short. */
  expect_fail("csv", H "X.A.1,Xã 1,commune,X.A,,2026-01-01,\n", "unit.outside_parent", 2, "valid_to");
  expect_fail("csv", H "X,Tỉnh X,province,,2025-01-01,,\n", "unit.outside_parent", 2, "valid_from");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,,\nbad code,Xã,commune,Y,,,\n", "unit.bad_code", 3, "code");
  expect_fail("csv", H "Y,,province,,,,\n", "unit.bad_name", 2, "name");
  expect_fail("csv", H "Y,Tỉnh Y,province,,,\n", "csv.column_count", 2, NULL);
  expect_fail("csv", "code,name\nY,Tỉnh Y\n", "csv.missing_column", 1, "kind");
  expect_fail("csv", H "Y,\"Tỉnh Y,province,,,,\n", "csv.unterminated_quote", 2, NULL);
  cr_assert_eq(count_units(), 2);
}

Test(units, json_import_and_its_errors) {
  const char *ok = "[{\"code\":\"J\",\"name\":\"Tỉnh J\",\"kind\":\"province\"},"
                   "{\"code\":\"J.1\",\"name\":\"Xã 1\",\"kind\":\"commune\",\"parent_code\":\"J\","
                   "\"valid_to\":\"2025-07-01\",\"successor_codes\":[\"J.2\"]},"
                   "{\"code\":\"J.2\",\"name\":\"Xã 2\",\"kind\":\"commune\",\"parent_code\":\"J\","
                   "\"valid_from\":\"2025-07-01\",\"valid_to\":null,\"successor_codes\":[]}]";
  import_ok("json", ok, 3);
  expect_fail("json", "[{\"code\":\"K\",\"name\":\"K\",\"kind\":\"province\"},{\"code\":\"K.1\",\"name\":\"X\","
              "\"kind\":\"commune\",\"parent_code\":\"NO\"}]", "unit.unknown_parent", 2, "parent_code");
  expect_fail("json", "[{\"code\":\"K\",\"name\":\"K\",\"kind\":\"province\",\"colour\":\"red\"}]",
              "json.unknown_field", 1, "colour");
  expect_fail("json", "[{\"code\":\"K\",\"name\":5,\"kind\":\"province\"}]", "json.wrong_type", 1, "name");
  expect_fail("json", "[{\"code\":\"K\",\"name\":\"K\",\"kind\":\"province\",\"successor_codes\":[1]}]",
              "json.wrong_type", 1, "successor_codes");
  mc_err err = {0};
  cr_assert_eq(mc_units_import(db, "json", "{\"code\":\"K\"}", 12, NULL, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "unit.bad_format");
  mc_err_clear(&err);
  cr_assert_eq(mc_units_import(db, "xml", "<x/>", 4, NULL, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "unit.bad_format");
  mc_err_clear(&err);
  cr_assert_eq(count_units(), 3);
}

Test(units, reimport_is_idempotent_and_updates_by_code) {
  import_ok("csv", small, 9);
  mc_buf e1, e2;
  mc_buf_init(&e1, 0);
  mc_buf_init(&e2, 0);
  mc_err err = {0};
  cr_assert_eq(mc_units_export(db, "csv", &e1, &err), MC_OK);
  import_ok("csv", small, 9);
  cr_assert_eq(count_units(), 9);
  cr_assert_eq(mc_units_export(db, "csv", &e2, &err), MC_OK);
  cr_assert_str_eq(e1.data, e2.data);
  /* Update by code: a new name and one successor fewer. */
  import_ok("csv", H "P.C2,Xã Hai Mới,commune,P.D1,,2025-07-01,N.W2\n", 1);
  cr_assert_eq(count_units(), 9);
  cr_assert_str_eq(get("P.C2")->name, "Xã Hai Mới");
  json_t *o;
  cr_assert_eq(mc_unit_describe(db, "P.C2", &o, &err), MC_OK);
  cr_assert_eq(json_array_size(json_object_get(o, "successors")), 1);
  json_decref(o);
  mc_buf_release(&e1);
  mc_buf_release(&e2);
}

Test(units, create_and_update_one) {
  import_ok("csv", small, 9);
  mc_err err = {0};
  const char *succ[] = {"N.W1"};
  mc_unit_in in = {.code = "P.C3", .name = "Xã Ba", .kind = "commune", .parent_code = "P.D1",
                   .valid_to = "2025-07-01", .successors = succ, .nsuccessors = 1};
  cr_assert_eq(mc_unit_create(db, &in, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_unit_create(db, &in, &err), MC_ECONFLICT);
  cr_assert_str_eq(err.code, "unit.exists");
  mc_err_clear(&err);
  mc_unit_in bad = in;
  bad.code = "P.C4";
  bad.parent_code = "NOPE";
  cr_assert_eq(mc_unit_create(db, &bad, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "unit.unknown_parent");
  cr_assert_str_eq(err.message, "parent \"NOPE\" is unknown");
  cr_assert_str_eq(err.field, "parent_code");
  mc_err_clear(&err);
  mc_unit_in upd = {.name = "Xã Ba (đổi tên)", .kind = "commune", .parent_code = "P", .valid_to = "2025-07-01"};
  cr_assert_eq(mc_unit_update(db, "P.C3", &upd, &err), MC_OK, "%s", err.message);
  mc_unit *u = get("P.C3");
  cr_assert_str_eq(u->name, "Xã Ba (đổi tên)");
  cr_assert_eq(u->parent_id, get("P")->id);
  json_t *o;
  cr_assert_eq(mc_unit_describe(db, "P.C3", &o, &err), MC_OK);
  cr_assert_eq(json_array_size(json_object_get(o, "successors")), 0, "PUT replaces: no successors given");
  json_decref(o);
  cr_assert_eq(mc_unit_update(db, "P.C9", &upd, &err), MC_ENOTFOUND);
  cr_assert_str_eq(err.code, "unit.not_found");
  mc_err_clear(&err);
  upd.code = "OTHER";
  cr_assert_eq(mc_unit_update(db, "P.C3", &upd, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "unit.bad_code");
  mc_err_clear(&err);
}

static int64_t list_total(const char *q, const char *kind, const char *parent, const char *at, json_t **items) {
  mc_unit_query uq = {.q = q, .kind = kind, .parent_code = parent, .at = at ? day(at) : MC_UNIT_ANY_DAY,
                      .limit = 500, .offset = 0};
  json_t *it;
  int64_t total;
  mc_err err = {0};
  cr_assert_eq(mc_units_list(db, a, &uq, &it, &total, &err), MC_OK, "%s", err.message);
  cr_assert_eq((int64_t)json_array_size(it), total < 500 ? total : 500);
  if (items) *items = it;
  else json_decref(it);
  return total;
}

Test(units, list_by_date_kind_parent_and_folded_name) {
  import_ok("csv", small, 9);
  cr_assert_eq(list_total(NULL, NULL, NULL, "2025-06-30", NULL), 5);
  cr_assert_eq(list_total(NULL, NULL, NULL, "2025-07-01", NULL), 4);
  cr_assert_eq(list_total(NULL, NULL, NULL, "2019-12-31", NULL), 4, "P.S1 starts in 2020");
  cr_assert_eq(list_total(NULL, NULL, NULL, NULL, NULL), 9);
  cr_assert_eq(list_total(NULL, "commune", NULL, "2025-07-01", NULL), 2);
  cr_assert_eq(list_total(NULL, NULL, "P.D1", NULL, NULL), 2);
  json_t *items;
  cr_assert_eq(list_total("THU DUC", NULL, NULL, NULL, &items), 1);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 0), "code")), "N.W1");
  json_decref(items);
  cr_assert_eq(list_total("dong", NULL, NULL, NULL, NULL), 2, "Huyện Đông and Xã Đồng Tháp");
  cr_assert_eq(list_total("tu phap", NULL, NULL, NULL, &items), 2);
  json_decref(items);
  cr_assert_eq(list_total("%", NULL, NULL, NULL, NULL), 0, "LIKE wildcards are literal");
  /* Provinces first, then departments, districts, communes. */
  cr_assert_eq(list_total(NULL, NULL, NULL, "2025-06-30", &items), 5);
  const char *order[] = {"P", "P.S1", "P.D1", "P.C1", "P.C2"};
  for (int i = 0; i < 5; i++)
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, (size_t)i), "code")), order[i]);
  json_decref(items);
}

Test(units, tree_on_a_date) {
  import_ok("csv", small, 9);
  json_t *t;
  mc_err err = {0};
  cr_assert_eq(mc_units_tree(db, a, day("2025-06-30"), NULL, &t, &err), MC_OK);
  cr_assert_eq(json_array_size(t), 1);
  json_t *p = json_array_get(t, 0);
  cr_assert_str_eq(json_string_value(json_object_get(p, "code")), "P");
  json_t *kids = json_object_get(p, "children");
  cr_assert_eq(json_array_size(kids), 2);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(kids, 1), "code")), "P.D1");
  cr_assert_eq(json_array_size(json_object_get(json_array_get(kids, 1), "children")), 2);
  json_decref(t);
  cr_assert_eq(mc_units_tree(db, a, day("2025-07-01"), "N", &t, &err), MC_OK);
  cr_assert_eq(json_array_size(t), 1);
  cr_assert_eq(json_array_size(json_object_get(json_array_get(t, 0), "children")), 3);
  json_decref(t);
  cr_assert_eq(mc_units_tree(db, a, day("2025-07-01"), "P", &t, &err), MC_ENOTFOUND, "P ended on 2025-07-01");
  mc_err_clear(&err);
}

static char *read_demo(size_t *len) {
  char p[1024];
  snprintf(p, sizeof p, "%s/data/demo/units.csv", getenv("MOTCUA_SRC") ? getenv("MOTCUA_SRC") : ".");
  FILE *f = fopen(p, "rb");
  cr_assert(f, "cannot open %s", p);
  char *buf = malloc(1 << 20);
  *len = fread(buf, 1, (1 << 20) - 1, f);
  buf[*len] = 0;
  fclose(f);
  return buf;
}

Test(units, export_import_round_trip_is_identical) {
  size_t len;
  char *demo = read_demo(&len);
  int n;
  mc_err err = {0};
  cr_assert_eq(mc_units_import(db, "csv", demo, len, &n, &err), MC_OK, "%s", err.message);
  free(demo);
  mc_buf csv1, json1, csv2, csv3;
  mc_buf_init(&csv1, 0);
  mc_buf_init(&json1, 0);
  mc_buf_init(&csv2, 0);
  mc_buf_init(&csv3, 0);
  cr_assert_eq(mc_units_export(db, "csv", &csv1, &err), MC_OK);
  cr_assert_eq(mc_units_export(db, "json", &json1, &err), MC_OK);
  char p2[512], p3[512];
  mc_db *db2 = open_db(p2, sizeof p2), *db3 = open_db(p3, sizeof p3);
  int n2, n3;
  cr_assert_eq(mc_units_import(db2, "csv", csv1.data, csv1.len, &n2, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_units_import(db3, "json", json1.data, json1.len, &n3, &err), MC_OK, "%s", err.message);
  cr_assert_eq(n2, n);
  cr_assert_eq(n3, n);
  cr_assert_eq(mc_units_export(db2, "csv", &csv2, &err), MC_OK);
  cr_assert_eq(mc_units_export(db3, "csv", &csv3, &err), MC_OK);
  cr_assert_str_eq(csv2.data, csv1.data);
  cr_assert_str_eq(csv3.data, csv1.data);
  const char *header = "code,name,kind,parent_code,valid_from,valid_to,successor_codes\r\n";
  cr_assert(strncmp(csv1.data, header, strlen(header)) == 0, "%.80s", csv1.data);
  close_db(db2, p2);
  close_db(db3, p3);
  mc_buf_release(&csv1);
  mc_buf_release(&json1);
  mc_buf_release(&csv2);
  mc_buf_release(&csv3);
}

/* Units of kind valid on a date, and how many names start with prefix. */
static int64_t count_kind(const char *kind, const char *at, const char *prefix, int64_t *prefixed) {
  json_t *items;
  int64_t total = list_total(NULL, kind, NULL, at, &items);
  if (prefixed) {
    *prefixed = 0;
    for (size_t i = 0; i < json_array_size(items); i++)
      if (strncmp(json_string_value(json_object_get(json_array_get(items, i), "name")), prefix, strlen(prefix)) == 0)
        (*prefixed)++;
  }
  json_decref(items);
  return total;
}

Test(units, demo_province_counts_per_model) {
  size_t len;
  char *demo = read_demo(&len);
  int n;
  mc_err err = {0};
  cr_assert_eq(mc_units_import(db, "csv", demo, len, &n, &err), MC_OK, "%s", err.message);
  free(demo);
  cr_assert_eq(n, 169);
  /* Before the department reform of 2025-03-01: 15 Sở + Công an. */
  cr_assert_eq(count_kind("province", "2025-02-28", "", NULL), 1);
  cr_assert_eq(count_kind("department", "2025-02-28", "", NULL), 16);
  cr_assert_eq(count_kind("district", "2025-02-28", "", NULL), 9);
  /* The last day of the three-level model. */
  int64_t phuong, thitran, xa;
  cr_assert_eq(count_kind("province", "2025-06-30", "", NULL), 1);
  cr_assert_eq(count_kind("department", "2025-06-30", "", NULL), 11);
  cr_assert_eq(count_kind("district", "2025-06-30", "Thành phố ", &phuong), 9);
  cr_assert_eq(phuong, 5, "five cities, four huyện");
  cr_assert_eq(count_kind("commune", "2025-06-30", "Phường ", &phuong), 91);
  count_kind("commune", "2025-06-30", "Thị trấn ", &thitran);
  count_kind("commune", "2025-06-30", "Xã ", &xa);
  cr_assert_eq(phuong, 47);
  cr_assert_eq(thitran, 5);
  cr_assert_eq(xa, 39);
  /* The first day of the two-level model. */
  cr_assert_eq(count_kind("province", "2025-07-01", "", NULL), 1);
  cr_assert_eq(count_kind("department", "2025-07-01", "", NULL), 14);
  cr_assert_eq(count_kind("district", "2025-07-01", "", NULL), 0);
  cr_assert_eq(count_kind("commune", "2025-07-01", "Phường ", &phuong), 36);
  count_kind("commune", "2025-07-01", "Xã ", &xa);
  cr_assert_eq(phuong, 24);
  cr_assert_eq(xa, 12);
  /* Every old unit has successors; every new commune has predecessors. */
  json_t *items;
  list_total(NULL, NULL, NULL, "2025-06-30", &items);
  for (size_t i = 0; i < json_array_size(items); i++) {
    const char *code = json_string_value(json_object_get(json_array_get(items, i), "code"));
    json_t *o;
    cr_assert_eq(mc_unit_describe(db, code, &o, &err), MC_OK);
    cr_assert(json_array_size(json_object_get(o, "successors")) > 0, "%s has no successor", code);
    json_decref(o);
  }
  json_decref(items);
  list_total(NULL, "commune", NULL, "2025-07-01", &items);
  for (size_t i = 0; i < json_array_size(items); i++) {
    const char *code = json_string_value(json_object_get(json_array_get(items, i), "code"));
    json_t *o;
    cr_assert_eq(mc_unit_describe(db, code, &o, &err), MC_OK);
    cr_assert(json_array_size(json_object_get(o, "predecessors")) > 0, "%s has no predecessor", code);
    json_decref(o);
  }
  json_decref(items);
  /* Phường Thủ Dầu Một: Phú Cường, Phú Thọ, Chánh Nghĩa, Chánh Mỹ (part), Hiệp Thành (part) + the city. */
  json_t *o;
  cr_assert_eq(mc_unit_describe(db, "HCM.THUDAUMOT", &o, &err), MC_OK);
  cr_assert_eq(json_array_size(json_object_get(o, "predecessors")), 6);
  json_decref(o);
  /* The province's subtree: a ward is within the old province, not the new city. */
  bool yes;
  cr_assert_eq(mc_unit_within(db, get("BDG.DIAN.DONGHOA")->id, get("BDG")->id, &yes, &err), MC_OK);
  cr_assert(yes);
  cr_assert_eq(mc_unit_within(db, get("BDG.DIAN.DONGHOA")->id, get("HCM")->id, &yes, &err), MC_OK);
  cr_assert(!yes);
  cr_assert_eq(mc_unit_within(db, get("HCM.DONGHOA")->id, get("HCM")->id, &yes, &err), MC_OK);
  cr_assert(yes);
}
