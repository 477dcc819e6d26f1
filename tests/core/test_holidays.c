/* test_holidays.c — public holidays and declared overrides (holidays.c,
 * calendar.c, calendar_store.c): the generated holidays of 2024–2026 plus
 * data/demo/calendar.csv give exactly the days off of calendar.md (written
 * out by hand below); compensatory days; the holiday rules as data; the
 * override import (CSV and JSON, all or nothing, line-numbered errors) and
 * the shared calendar following the database. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/calendar.h"
#include "harness.h"
#include "util/arena.h"

static int32_t D(int y, int m, int d) { return mc_days_from_civil(y, m, d); }

static char *read_file(const char *rel, size_t *len) {
  const char *src = getenv("MOTCUA_SRC");
  cr_assert(src, "MOTCUA_SRC is not set (run the tests through meson)");
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", src, rel);
  FILE *f = fopen(path, "rb");
  cr_assert(f, "cannot open %s", path);
  char *buf = calloc(1, 1 << 20);
  *len = fread(buf, 1, (1 << 20) - 1, f);
  fclose(f);
  return buf;
}

/* The calendar of the generated holidays + the demo overrides. */
static const mc_calendar *demo_calendar(mc_arena *a) {
  size_t len;
  char *text = read_file("data/demo/calendar.csv", &len);
  mc_cal_override *ov;
  int n;
  mc_err err = {0};
  cr_assert_eq(mc_cal_overrides_parse(a, "csv", text, len, &ov, &n, &err), MC_OK, "%s", err.message);
  cr_assert_gt(n, 0);
  const mc_calendar *c;
  cr_assert_eq(mc_calendar_build(NULL, ov, n, &c, &err), MC_OK, "%s", err.message);
  free(text);
  return c;
}

/* Every Monday–Friday that is off and every Saturday/Sunday that works in
 * year y must be exactly the lists given (each ended by 0). */
static void expect_year(const mc_calendar *c, int y, const int32_t *weekdays_off, const int32_t *weekends_working) {
  for (int32_t d = D(y, 1, 1); d <= D(y, 12, 31); d++) {
    int w = mc_weekday(d);
    bool weekend = w == 0 || w == 6, working = mc_cal_is_working_day(c, d);
    const int32_t *list = weekend ? weekends_working : weekdays_off;
    bool listed = false;
    for (int i = 0; list[i]; i++) listed |= list[i] == d;
    char s[16];
    mc_date_format(d, s, sizeof s);
    if (weekend) cr_expect_eq(working, listed, "%s (weekend) should be %s", s, listed ? "a make-up working day" : "off");
    else cr_expect_eq(!working, listed, "%s should be %s (%s)", s, listed ? "off" : "a working day",
                      mc_cal_day_note(c, d) ? mc_cal_day_note(c, d) : "working");
  }
}

/* [from, to] all off, the days around it working (a span of calendar.md). */
static void expect_span(const mc_calendar *c, int32_t from, int32_t to) {
  char a[16], b[16];
  mc_date_format(from, a, sizeof a);
  mc_date_format(to, b, sizeof b);
  for (int32_t d = from; d <= to; d++) cr_expect_not(mc_cal_is_working_day(c, d), "%s–%s: day %d works", a, b, d - from);
  cr_expect(mc_cal_is_working_day(c, from - 1), "the day before %s is off", a);
  cr_expect(mc_cal_is_working_day(c, to + 1), "the day after %s is off", b);
}

Test(holidays, days_off_2024) {
  mc_arena *a = mc_arena_new(0);
  const mc_calendar *c = demo_calendar(a);
  const int32_t off[] = {D(2024, 1, 1),
                         D(2024, 2, 8), D(2024, 2, 9), D(2024, 2, 12), D(2024, 2, 13), D(2024, 2, 14),
                         D(2024, 4, 18),
                         D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1),
                         D(2024, 9, 2), D(2024, 9, 3), 0};
  const int32_t work[] = {D(2024, 5, 4), 0};
  expect_year(c, 2024, off, work);
  expect_span(c, D(2024, 2, 8), D(2024, 2, 14));     /* Tết 8–14 Feb */
  expect_span(c, D(2024, 4, 18), D(2024, 4, 18));    /* Hùng Kings Thu 18 Apr */
  expect_span(c, D(2024, 4, 27), D(2024, 5, 1));     /* 27 Apr – 1 May, make-up Sat 4 May */
  expect_span(c, D(2024, 8, 31), D(2024, 9, 3));     /* 31 Aug – 3 Sep */
  mc_calendar_put(c);
  mc_arena_free(a);
}

Test(holidays, days_off_2025) {
  mc_arena *a = mc_arena_new(0);
  const mc_calendar *c = demo_calendar(a);
  const int32_t off[] = {D(2025, 1, 1),
                         D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31),
                         D(2025, 4, 7),
                         D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2),
                         D(2025, 9, 1), D(2025, 9, 2), 0};
  const int32_t work[] = {D(2025, 4, 26), 0};
  expect_year(c, 2025, off, work);
  expect_span(c, D(2025, 1, 25), D(2025, 2, 2));     /* Tết Sat 25 Jan – Sun 2 Feb */
  expect_span(c, D(2025, 4, 5), D(2025, 4, 7));      /* Hùng Kings Mon 7 Apr (after a weekend) */
  expect_span(c, D(2025, 4, 30), D(2025, 5, 4));     /* 30 Apr – 4 May, make-up Sat 26 Apr */
  expect_span(c, D(2025, 8, 30), D(2025, 9, 2));     /* 30 Aug – 2 Sep */
  mc_calendar_put(c);
  mc_arena_free(a);
}

Test(holidays, days_off_2026) {
  mc_arena *a = mc_arena_new(0);
  const mc_calendar *c = demo_calendar(a);
  const int32_t off[] = {D(2026, 1, 1), D(2026, 1, 2),
                         D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20),
                         D(2026, 4, 27),
                         D(2026, 4, 30), D(2026, 5, 1),
                         D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2), 0};
  const int32_t work[] = {D(2026, 1, 10), D(2026, 8, 22), 0};
  expect_year(c, 2026, off, work);
  expect_span(c, D(2026, 2, 14), D(2026, 2, 22));    /* Tết 14–22 Feb (statutory Mon 16 – Fri 20) */
  expect_span(c, D(2026, 4, 25), D(2026, 4, 27));    /* Hùng Kings Sun 26 Apr → Mon 27 Apr off */
  expect_span(c, D(2026, 4, 30), D(2026, 5, 3));
  expect_span(c, D(2026, 8, 29), D(2026, 9, 2));     /* 29 Aug – 2 Sep, make-up Sat 22 Aug */
  cr_expect(mc_cal_is_working_day(c, D(2026, 8, 22)));
  mc_calendar_put(c);
  mc_arena_free(a);
}

Test(holidays, generated_lists) {
  mc_holiday h[MC_HOLIDAYS_PER_YEAR_MAX];
  int n = mc_holidays_generate(2026, NULL, h, MC_HOLIDAYS_PER_YEAR_MAX);
  const int32_t want[] = {D(2026, 1, 1), D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19),
                          D(2026, 2, 20), D(2026, 4, 26), D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1),
                          D(2026, 9, 1), D(2026, 9, 2)};
  cr_assert_eq(n, 12);
  for (int i = 0; i < n; i++) cr_expect_eq(h[i].day, want[i], "holiday %d of 2026", i);
  cr_expect_str_eq(h[6].name, "Giỗ Tổ Hùng Vương");
  cr_expect(h[7].compensatory);
  cr_expect_str_eq(h[7].name, "Nghỉ bù Giỗ Tổ Hùng Vương");
  cr_expect_str_eq(h[1].name, "Tết Nguyên đán");
  /* 2024: Tết 8–12 Feb with Sat 10 and Sun 11 → compensatory Tue 13 and Wed 14. */
  n = mc_holidays_generate(2024, NULL, h, MC_HOLIDAYS_PER_YEAR_MAX);
  cr_assert_eq(n, 13);
  cr_expect(h[6].compensatory && h[6].day == D(2024, 2, 13) && h[7].compensatory && h[7].day == D(2024, 2, 14));
  /* New Year on a weekend: 2022 (Sat) → Mon 3 Jan; 2023 (Sun) → Mon 2 Jan. */
  n = mc_holidays_generate(2022, NULL, h, MC_HOLIDAYS_PER_YEAR_MAX);
  cr_expect(h[1].compensatory && h[1].day == D(2022, 1, 3));
  n = mc_holidays_generate(2023, NULL, h, MC_HOLIDAYS_PER_YEAR_MAX);
  cr_expect(h[1].compensatory && h[1].day == D(2023, 1, 2));
  /* The statutory count: 11 days from 2021, 10 in 2014–2020, 9 in 2007–2013, 8 before. */
  for (int y = 1900; y <= 2100; y++) {
    n = mc_holidays_generate(y, NULL, h, MC_HOLIDAYS_PER_YEAR_MAX);
    int statutory = 0;
    for (int i = 0; i < n; i++) {
      statutory += !h[i].compensatory;
      cr_assert(i == 0 || h[i].day > h[i - 1].day, "holidays of %d out of order", y);
      if (h[i].compensatory) cr_assert(mc_weekday(h[i].day) != 0 && mc_weekday(h[i].day) != 6);
    }
    int want_n = y >= 2021 ? 11 : y >= 2014 ? 10 : y >= 2007 ? 9 : 8;
    cr_assert_eq(statutory, want_n, "%d has %d statutory holidays, want %d", y, statutory, want_n);
  }
  cr_expect_eq(mc_holidays_generate(1899, NULL, h, MC_HOLIDAYS_PER_YEAR_MAX), 0);
}

Test(holidays, rules_are_data) {
  mc_holiday_rules r;
  mc_err err = {0};
  const char *json = "{\"tet\":[{\"from\":2026,\"to\":2026,\"first\":-2,\"count\":5}],"
                     "\"national_day\":[{\"from\":2026,\"to\":2100,\"offset\":1}]}";
  cr_assert_eq(mc_holiday_rules_parse(json, strlen(json), &r, &err), MC_OK, "%s", err.message);
  cr_expect_eq(r.hung_kings_from, 2007);   /* absent: default kept */
  mc_holiday h[MC_HOLIDAYS_PER_YEAR_MAX];
  int n = mc_holidays_generate(2026, &r, h, MC_HOLIDAYS_PER_YEAR_MAX);
  /* Tết 15 (Sun) … 19 Feb → compensatory Fri 20; 2–3 Sep instead of 1–2. */
  bool has15 = false, comp20 = false, sep1 = false, sep3 = false;
  for (int i = 0; i < n; i++) {
    has15 |= h[i].day == D(2026, 2, 15);
    comp20 |= h[i].day == D(2026, 2, 20) && h[i].compensatory;
    sep1 |= h[i].day == D(2026, 9, 1);
    sep3 |= h[i].day == D(2026, 9, 3);
  }
  cr_expect(has15 && comp20 && !sep1 && sep3);
  /* No Tết rule for a year: no Tết. */
  json = "{\"tet\":[]}";
  cr_assert_eq(mc_holiday_rules_parse(json, strlen(json), &r, &err), MC_OK);
  cr_expect_eq(mc_holidays_generate(2026, &r, h, MC_HOLIDAYS_PER_YEAR_MAX), 7);
  /* The JSON form reads back to the same rules. */
  json_t *j = mc_holiday_rules_json(&mc_default_holiday_rules);
  char *text = json_dumps(j, 0);
  cr_assert_eq(mc_holiday_rules_parse(text, strlen(text), &r, &err), MC_OK);
  cr_expect_eq(memcmp(&r, &mc_default_holiday_rules, sizeof r), 0);
  free(text);
  json_decref(j);
  static const char *const bad[][2] = {
    {"{\"tet\":[{\"from\":2026,\"to\":2025,\"first\":-1,\"count\":5}]}", "calendar.bad_rules"},
    {"{\"national_day\":[{\"from\":2026,\"to\":2026,\"offset\":2}]}", "json.out_of_range"},
    {"{\"tet\":[{\"from\":2026,\"to\":2026,\"first\":-1}]}", "json.missing_field"},
    {"{\"easter\":true}", "json.unknown_field"},
    {"[1]", "calendar.bad_rules"},
    {"{", "json.malformed"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    mc_err e = {0};
    cr_expect_neq(mc_holiday_rules_parse(bad[i][0], strlen(bad[i][0]), &r, &e), MC_OK, "%s", bad[i][0]);
    cr_expect_str_eq(e.code, bad[i][1], "%s: %s", bad[i][0], e.message);
    mc_err_clear(&e);
  }
}

Test(holidays, notes) {
  mc_arena *a = mc_arena_new(0);
  const mc_calendar *c = demo_calendar(a);
  cr_expect_str_eq(mc_cal_day_note(c, D(2025, 1, 27)), "holiday: Tết Nguyên đán");
  cr_expect_str_eq(mc_cal_day_note(c, D(2025, 1, 25)), "weekend");
  cr_expect_str_eq(mc_cal_day_note(c, D(2026, 4, 27)), "holiday: Nghỉ bù Giỗ Tổ Hùng Vương");
  cr_expect_str_eq(mc_cal_day_note(c, D(2025, 5, 2)),
                   "day off: Nghỉ hoán đổi dịp 30/4–1/5/2025 (làm bù thứ Bảy 26/4/2025) (Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024)");
  cr_expect_null(mc_cal_day_note(c, D(2025, 4, 26)));   /* a make-up Saturday works */
  cr_expect_null(mc_cal_day_note(c, D(2025, 4, 28)));
  mc_day_info i;
  mc_cal_day_info(c, D(2025, 4, 26), &i);
  cr_expect(i.working && i.kind == MC_DAY_DECLARED_WORK);
  cr_expect_str_eq(i.document, "Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024");
  cr_expect_str_eq(mc_day_kind_name(i.kind), "declared_work");
  mc_cal_day_info(c, D(2025, 9, 2), &i);
  cr_expect(!i.working && i.kind == MC_DAY_HOLIDAY && i.document == NULL);
  cr_expect_str_eq(i.name, "Quốc khánh");
  mc_calendar_put(c);
  mc_arena_free(a);
}

/* ---- import ----------------------------------------------------------------------- */

static mc_db *fresh_db(void) {
  char *url = th_fresh_db_url();
  mc_db *db;
  mc_err err = {0};
  cr_assert_eq(mc_db_open(url, &db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK, "%s", err.message);
  free(url);
  mc_calendar_changed();   /* a new database for this process */
  return db;
}

static int override_count(mc_db *db) {
  mc_arena *a = mc_arena_new(0);
  mc_cal_override *v;
  int n = -1;
  mc_err err = {0};
  cr_assert_eq(mc_cal_overrides_list(db, a, D(1900, 1, 1), D(2100, 12, 31), &v, &n, &err), MC_OK, "%s", err.message);
  mc_arena_free(a);
  return n;
}

Test(holidays, import_demo_csv_and_calendar_follows) {
  mc_db *db = fresh_db();
  size_t len;
  char *text = read_file("data/demo/calendar.csv", &len);
  mc_err err = {0};
  int n = 0;
  const mc_calendar *c;
  cr_assert_eq(mc_calendar_get(db, &c, &err), MC_OK, "%s", err.message);
  cr_expect(mc_cal_is_working_day(c, D(2025, 5, 2)));   /* no overrides yet */
  mc_calendar_put(c);
  cr_assert_eq(mc_calendar_import(db, "csv", text, len, &n, &err), MC_OK, "%s", err.message);
  cr_expect_eq(n, 8);
  cr_expect_eq(override_count(db), 8);
  cr_assert_eq(mc_calendar_get(db, &c, &err), MC_OK);
  cr_expect_not(mc_cal_is_working_day(c, D(2025, 5, 2)));
  cr_expect(mc_cal_is_working_day(c, D(2025, 4, 26)));
  mc_calendar_put(c);
  /* Importing again replaces, not duplicates. */
  cr_assert_eq(mc_calendar_import(db, "csv", text, len, &n, &err), MC_OK, "%s", err.message);
  cr_expect_eq(override_count(db), 8);
  /* Add, conflict, delete. */
  mc_cal_override o = {.day = D(2027, 3, 5), .work = false, .name = "Nghỉ thêm (thử)", .document = "Test 1/TB"};
  cr_assert_eq(mc_cal_override_add(db, &o, &err), MC_OK, "%s", err.message);
  cr_expect_eq(mc_cal_override_add(db, &o, &err), MC_ECONFLICT);
  cr_expect_str_eq(err.code, "calendar.override_exists");
  mc_err_clear(&err);
  cr_assert_eq(mc_calendar_get(db, &c, &err), MC_OK);
  cr_expect_not(mc_cal_is_working_day(c, D(2027, 3, 5)));
  mc_calendar_put(c);
  cr_expect_eq(mc_cal_override_delete(db, D(2027, 3, 5), &err), MC_OK);
  cr_expect_eq(mc_cal_override_delete(db, D(2027, 3, 5), &err), MC_ENOTFOUND);
  cr_expect_str_eq(err.code, "calendar.no_override");
  mc_err_clear(&err);
  cr_assert_eq(mc_calendar_get(db, &c, &err), MC_OK);
  cr_expect(mc_cal_is_working_day(c, D(2027, 3, 5)));
  mc_calendar_put(c);
  /* Rules in the database change the calendar. */
  cr_assert_eq(mc_calendar_set_rules(db, "{\"national_day\":[{\"from\":2026,\"to\":2100,\"offset\":1}]}", &err), MC_OK,
               "%s", err.message);
  cr_assert_eq(mc_calendar_get(db, &c, &err), MC_OK);
  cr_expect(mc_cal_is_working_day(c, D(2027, 9, 1)));
  cr_expect_not(mc_cal_is_working_day(c, D(2027, 9, 3)));
  mc_calendar_put(c);
  cr_assert_eq(mc_calendar_set_rules(db, NULL, &err), MC_OK);
  cr_assert_eq(mc_calendar_get(db, &c, &err), MC_OK);
  cr_expect_not(mc_cal_is_working_day(c, D(2027, 9, 1)));
  mc_calendar_put(c);
  free(text);
  mc_db_close(db);
}

Test(holidays, import_json_and_transactions) {
  mc_db *db = fresh_db();
  mc_err err = {0};
  int n = 0;
  const char *json = "[{\"date\":\"2027-02-05\",\"kind\":\"off\",\"name\":\"Nghỉ thêm\",\"document\":null},"
                     "{\"date\":\"2027-02-20\",\"kind\":\"work\",\"name\":\"Làm bù\",\"document\":\"TB 1\"}]";
  cr_assert_eq(mc_calendar_import(db, "json", json, strlen(json), &n, &err), MC_OK, "%s", err.message);
  cr_expect_eq(n, 2);
  /* Inside the caller's transaction: rolled back with it. */
  const char *csv = "2027-03-01,off,Thử,\n";
  cr_assert_eq(mc_db_begin(db, &err), MC_OK);
  cr_assert_eq(mc_calendar_import(db, "csv", csv, strlen(csv), &n, &err), MC_OK, "%s", err.message);
  mc_db_rollback(db);
  cr_expect_eq(override_count(db), 2);
  mc_db_close(db);
}

static void expect_import_error(mc_db *db, const char *format, const char *text, const char *code, const char *msg_part) {
  mc_err err = {0};
  int n = -1;
  cr_expect_neq(mc_calendar_import(db, format, text, strlen(text), &n, &err), MC_OK, "%s accepted", text);
  cr_expect_str_eq(err.code, code, "%s: %s", text, err.message);
  cr_expect(strstr(err.message, msg_part), "message \"%s\" lacks \"%s\"", err.message, msg_part);
  cr_expect_eq(n, -1);
  mc_err_clear(&err);
}

Test(holidays, import_errors_leave_nothing) {
  mc_db *db = fresh_db();
  const char *head = "# comment\ndate,kind,name,document\n2027-02-05,off,Một,\n";
  char buf[512];
  snprintf(buf, sizeof buf, "%s2027-02-31,off,Hai,\n", head);
  expect_import_error(db, "csv", buf, "calendar.bad_date", "line 4");
  snprintf(buf, sizeof buf, "%s2027-02-08,holiday,Hai,\n", head);
  expect_import_error(db, "csv", buf, "calendar.bad_kind", "line 4");
  snprintf(buf, sizeof buf, "%s2027-02-08,off,,\n", head);
  expect_import_error(db, "csv", buf, "calendar.missing_name", "line 4");
  snprintf(buf, sizeof buf, "%s2101-01-03,off,Hai,\n", head);
  expect_import_error(db, "csv", buf, "calendar.out_of_range", "line 4");
  snprintf(buf, sizeof buf, "%s2027-02-05,work,Lại,\n", head);
  expect_import_error(db, "csv", buf, "calendar.duplicate_date", "line 4");
  expect_import_error(db, "csv", "2027-02-05,off\n", "csv.column_count", "line 1");
  expect_import_error(db, "csv", "date,kind,name,doc\n", "csv.unknown_column", "");
  expect_import_error(db, "csv", "2027-02-05,off,\"Một\n", "csv.unterminated_quote", "line 1");
  expect_import_error(db, "xml", "<a/>", "calendar.bad_format", "xml");
  expect_import_error(db, "json", "[{\"date\":\"2027-02-05\",\"kind\":\"off\",\"name\":\"A\"},{\"date\":\"2027-02-06\"}]",
                      "json.missing_field", "");
  expect_import_error(db, "json", "[{\"date\":\"2027-02-05\",\"kind\":\"of\",\"name\":\"A\"}]", "calendar.bad_kind", "item 1");
  expect_import_error(db, "json", "{\"date\":\"2027-02-05\"}", "json.wrong_type", "");
  cr_expect_eq(override_count(db), 0);
  /* Quoted fields, CRLF, no header, optional document. */
  const char *ok = "2027-02-05,off,\"Nghỉ, có dấu phẩy\",\"Công điện 1/CĐ-TTg, ngày 1/1\"\r\n2027-02-06,work,Làm bù\r\n";
  mc_err err = {0};
  int n;
  cr_assert_eq(mc_calendar_import(db, "csv", ok, strlen(ok), &n, &err), MC_OK, "%s", err.message);
  mc_arena *a = mc_arena_new(0);
  mc_cal_override *v;
  cr_assert_eq(mc_cal_overrides_list(db, a, D(2027, 1, 1), D(2027, 12, 31), &v, &n, &err), MC_OK);
  cr_assert_eq(n, 2);
  cr_expect_str_eq(v[0].name, "Nghỉ, có dấu phẩy");
  cr_expect_str_eq(v[0].document, "Công điện 1/CĐ-TTg, ngày 1/1");
  cr_expect(v[1].work && v[1].document == NULL);
  mc_arena_free(a);
  mc_db_close(db);
}

/* ---- the shared calendar under threads ------------------------------------------ */

typedef struct reader { char url[600]; int rounds, errors; } reader;

static void *read_loop(void *p) {
  reader *r = p;
  mc_db *db;
  mc_err err = {0};
  if (mc_db_open(r->url, &db, &err)) { r->errors++; return NULL; }
  for (int i = 0; i < r->rounds; i++) {
    const mc_calendar *c;
    if (mc_calendar_get(db, &c, &err)) { r->errors++; mc_err_clear(&err); continue; }
    /* Whatever version a thread holds, it is a whole calendar. */
    r->errors += mc_cal_is_working_day(c, D(2025, 1, 27)) || !mc_cal_is_working_day(c, D(2025, 1, 24));
    if (i % 7 == 0) mc_calendar_changed();
    mc_calendar_put(c);
  }
  mc_db_close(db);
  return NULL;
}

Test(holidays, shared_calendar_under_threads) {
  char *url = th_fresh_db_url();
  mc_db *db;
  mc_err err = {0};
  cr_assert_eq(mc_db_open(url, &db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK, "%s", err.message);
  mc_calendar_changed();
  enum { NT = 4 };
  reader r[NT];
  pthread_t t[NT];
  for (int i = 0; i < NT; i++) {
    r[i] = (reader){.rounds = 60};
    snprintf(r[i].url, sizeof r[i].url, "%s", url);
    cr_assert_eq(pthread_create(&t[i], NULL, read_loop, &r[i]), 0);
  }
  /* Meanwhile, change the overrides. */
  for (int i = 0; i < 10; i++) {
    mc_cal_override o = {.day = D(2027, 3, 1) + i, .work = false, .name = "Thử"};
    cr_expect_eq(mc_cal_override_add(db, &o, &err), MC_OK, "%s", err.message);
  }
  for (int i = 0; i < NT; i++) {
    pthread_join(t[i], NULL);
    cr_expect_eq(r[i].errors, 0, "thread %d saw %d errors", i, r[i].errors);
  }
  const mc_calendar *c;
  cr_assert_eq(mc_calendar_get(db, &c, &err), MC_OK);
  cr_expect_not(mc_cal_is_working_day(c, D(2027, 3, 1)));
  cr_expect_not(mc_cal_is_working_day(c, D(2027, 3, 10)));
  mc_calendar_put(c);
  mc_db_close(db);
  free(url);
}
