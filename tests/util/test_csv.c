/* test_csv.c — the RFC 4180 reader and writer: quotes, embedded newlines,
 * CRLF, BOM, bad UTF-8, limits, header mapping, and the line numbers of errors. */
#include <criterion/criterion.h>
#include <string.h>
#include "util/csv.h"

static mc_arena *a;
static void setup(void) { a = mc_arena_new(0); }
static void teardown(void) { mc_arena_free(a); }
TestSuite(csv, .init = setup, .fini = teardown);

/* Read all records of text; returns the count, or -1 with err filled. */
static int read_all(const char *text, size_t len, const mc_csv_opts *o, mc_csv *r, mc_err *err) {
  cr_assert_eq(mc_csv_open(r, a, text, len, o, err), MC_OK);
  int n = 0, rc;
  while ((rc = mc_csv_next(r, err)) > 0) n++;
  return rc < 0 ? -1 : n;
}

Test(csv, quotes_commas_and_doubled_quotes) {
  const char *t = "a,\"b, c\",\"say \"\"hi\"\"\",\n";
  mc_csv r;
  mc_err err = {0};
  cr_assert_eq(mc_csv_open(&r, a, t, strlen(t), NULL, &err), MC_OK);
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_eq(r.nfields, 4);
  cr_assert_str_eq(mc_csv_field(&r, 0), "a");
  cr_assert_str_eq(mc_csv_field(&r, 1), "b, c");
  cr_assert_str_eq(mc_csv_field(&r, 2), "say \"hi\"");
  cr_assert_str_eq(mc_csv_field(&r, 3), "");      /* trailing comma = empty last field */
  cr_assert_str_eq(mc_csv_field(&r, 9), "");
  cr_assert_str_eq(mc_csv_field(&r, -1), "");
  cr_assert_eq(mc_csv_next(&r, &err), 0);
}

Test(csv, embedded_newlines_keep_line_numbers) {
  const char *t = "x,y\r\n\"one\r\ntwo\nthree\",2\r\nlast,3\r\n";
  mc_csv r;
  mc_err err = {0};
  cr_assert_eq(mc_csv_open(&r, a, t, strlen(t), NULL, &err), MC_OK);
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_eq(r.line, 1);
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_eq(r.line, 2);
  cr_assert_str_eq(mc_csv_field(&r, 0), "one\r\ntwo\nthree");
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_eq(r.line, 5, "the record after a 3-line field starts on line 5, got %d", r.line);
  cr_assert_str_eq(mc_csv_field(&r, 0), "last");
  cr_assert_eq(mc_csv_next(&r, &err), 0);
}

Test(csv, crlf_lf_cr_bom_blank_lines_and_no_final_newline) {
  const char *t = "\xEF\xBB\xBFh1,h2\r\n\r\na,b\rc,d\n\ne,f";
  mc_csv r;
  mc_err err = {0};
  static const mc_csv_col cols[] = {{"h1", true}, {"h2", true}};
  int idx[2];
  cr_assert_eq(mc_csv_open(&r, a, t, strlen(t), NULL, &err), MC_OK);
  cr_assert_eq(mc_csv_header(&r, cols, 2, idx, &err), MC_OK, "%s", err.message);
  cr_assert_eq(idx[0], 0, "the BOM must not stick to the first name");
  const char *want[][2] = {{"a", "b"}, {"c", "d"}, {"e", "f"}};
  int lines[] = {3, 4, 6};
  for (int i = 0; i < 3; i++) {
    cr_assert_eq(mc_csv_next(&r, &err), 1);
    cr_assert_str_eq(mc_csv_field(&r, idx[0]), want[i][0]);
    cr_assert_str_eq(mc_csv_field(&r, idx[1]), want[i][1]);
    cr_assert_eq(r.line, lines[i], "record %d on line %d, want %d", i, r.line, lines[i]);
  }
  cr_assert_eq(mc_csv_next(&r, &err), 0);
}

Test(csv, comments_only_when_asked) {
  const char *t = "# a comment, with \"quotes\n"
                  "a,b\n"
                  "\"#not a comment\",c\n";
  mc_csv r;
  mc_err err = {0};
  mc_csv_opts o = {.comments = true};
  cr_assert_eq(read_all(t, strlen(t), &o, &r, &err), 2);
  cr_assert_str_eq(mc_csv_field(&r, 0), "#not a comment");
  cr_assert_eq(r.line, 3);
  /* Without the option the comment line is data — and its stray quote an error. */
  cr_assert_eq(read_all(t, strlen(t), NULL, &r, &err), -1);
  cr_assert_str_eq(err.code, "csv.bad_quote");
  mc_err_clear(&err);
}

static void expect_error(const char *t, size_t len, const mc_csv_opts *o, const char *code, int line) {
  mc_csv r;
  mc_err err = {0};
  cr_assert_eq(read_all(t, len, o, &r, &err), -1, "expected %s", code);
  cr_assert_str_eq(err.code, code);
  cr_assert_eq(json_integer_value(json_object_get(err.detail, "line")), line,
               "%s: line %lld, want %d (%s)", code,
               (long long)json_integer_value(json_object_get(err.detail, "line")), line, err.message);
  char prefix[32];
  snprintf(prefix, sizeof prefix, "line %d", line);
  cr_assert(strncmp(err.message, prefix, strlen(prefix)) == 0, "message \"%s\" must start with \"%s\"",
            err.message, prefix);
  mc_err_clear(&err);
}

Test(csv, errors_name_their_line) {
  expect_error("a,b\nc,\"d\n", 9, NULL, "csv.unterminated_quote", 2);
  expect_error("a,b\nc,d\"e\n", 10, NULL, "csv.bad_quote", 2);
  expect_error("a\n\"x\"y,1\n", 9, NULL, "csv.bad_quote", 2);
  /* Bad UTF-8 on the third line of a multi-line field that starts on line 2. */
  const char bad[] = "h\n\"ok\nok\nb\xC3\x28\"\n";
  expect_error(bad, sizeof bad - 1, NULL, "csv.bad_utf8", 4);
  /* Overlong encoding of '/' and a surrogate are not UTF-8 either; nor is NUL. */
  const char overlong[] = "x\xC0\xAF\n";
  expect_error(overlong, sizeof overlong - 1, NULL, "csv.bad_utf8", 1);
  const char surrogate[] = "a\nb\n\xED\xA0\x80\n";
  expect_error(surrogate, sizeof surrogate - 1, NULL, "csv.bad_utf8", 3);
  const char nul[] = "a\nb\0c\n";
  expect_error(nul, sizeof nul - 1, NULL, "csv.bad_utf8", 2);
}

Test(csv, limits) {
  mc_csv_opts o = {.field_max = 4, .cols_max = 3, .rows_max = 2};
  expect_error("a,b\nabcde,x\n", 12, &o, "csv.field_too_long", 2);
  expect_error("a,b\n\"ab\ncde\",x\n", 15, &o, "csv.field_too_long", 2);
  expect_error("a,b\n1,2,3,4\n", 12, &o, "csv.too_many_columns", 2);
  /* rows_max counts data records after a header. */
  mc_csv r;
  mc_err err = {0};
  static const mc_csv_col cols[] = {{"a", true}, {"b", false}};
  int idx[2];
  const char *t = "a,b\n1,2\n3,4\n5,6\n";
  cr_assert_eq(mc_csv_open(&r, a, t, strlen(t), &o, &err), MC_OK);
  cr_assert_eq(mc_csv_header(&r, cols, 2, idx, &err), MC_OK);
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_eq(mc_csv_next(&r, &err), -1);
  cr_assert_str_eq(err.code, "csv.too_many_rows");
  mc_err_clear(&err);
}

Test(csv, header_mapping) {
  static const mc_csv_col cols[] = {{"code", true}, {"name", true}, {"note", false}};
  int idx[3];
  mc_csv r;
  mc_err err = {0};
  const char *t = " Name ,CODE\nHà Nội,HN\n";
  cr_assert_eq(mc_csv_open(&r, a, t, strlen(t), NULL, &err), MC_OK);
  cr_assert_eq(mc_csv_header(&r, cols, 3, idx, &err), MC_OK, "%s", err.message);
  cr_assert_eq(idx[0], 1);
  cr_assert_eq(idx[1], 0);
  cr_assert_eq(idx[2], -1);
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_str_eq(mc_csv_field(&r, idx[0]), "HN");
  cr_assert_str_eq(mc_csv_field(&r, idx[2]), "");
  /* A failure about a cell names line and column. */
  mc_csv_fail(&r, &err, MC_EINVAL, "x.bad", idx[0], "code \"%s\" is wrong", "HN");
  cr_assert_str_eq(err.message, "line 2, column \"code\": code \"HN\" is wrong");
  cr_assert_str_eq(err.field, "code");
  cr_assert_str_eq(json_string_value(json_object_get(err.detail, "column")), "code");
  mc_err_clear(&err);

  const char *missing = "name\nx\n", *unknown = "code,name,colour\n", *dup = "code,name,code\n",
             *ragged = "code,name\na,b\nc\n", *empty = "\r\n\r\n";
  struct { const char *t; const char *code; } cases[] = {
    {missing, "csv.missing_column"}, {unknown, "csv.unknown_column"},
    {dup, "csv.duplicate_column"}, {empty, "csv.empty"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    cr_assert_eq(mc_csv_open(&r, a, cases[i].t, strlen(cases[i].t), NULL, &err), MC_OK);
    cr_assert_eq(mc_csv_header(&r, cols, 3, idx, &err), MC_EINVAL, "%s", cases[i].t);
    cr_assert_str_eq(err.code, cases[i].code);
    mc_err_clear(&err);
  }
  cr_assert_eq(mc_csv_open(&r, a, ragged, strlen(ragged), NULL, &err), MC_OK);
  cr_assert_eq(mc_csv_header(&r, cols, 3, idx, &err), MC_OK);
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_eq(mc_csv_next(&r, &err), -1);
  cr_assert_str_eq(err.code, "csv.column_count");
  cr_assert(strncmp(err.message, "line 3:", 7) == 0, "%s", err.message);
  mc_err_clear(&err);
}

Test(csv, writer_quotes_only_when_needed_and_reads_back) {
  mc_buf b;
  mc_buf_init(&b, 0);
  const char *row1[] = {"#tag", "plain", "a,b", "say \"x\"", "two\nlines", " pad", NULL, "Đắk Lắk"};
  const char *row2[] = {"x", "", "", "", "", "", "", ""};
  cr_assert_eq(mc_csv_write_row(&b, row1, 8), MC_OK);
  cr_assert_eq(mc_csv_write_row(&b, row2, 8), MC_OK);
  cr_assert_str_eq(b.data,
                   "\"#tag\",plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\" pad\",,Đắk Lắk\r\n"
                   "x,,,,,,,\r\n");
  mc_csv r;
  mc_err err = {0};
  mc_csv_opts o = {.comments = true};
  cr_assert_eq(mc_csv_open(&r, a, b.data, b.len, &o, &err), MC_OK);
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_eq(r.nfields, 8);
  for (int i = 0; i < 8; i++) cr_assert_str_eq(mc_csv_field(&r, i), row1[i] ? row1[i] : "");
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_eq(r.line, 3);
  cr_assert_eq(mc_csv_next(&r, &err), 0);
  mc_buf_release(&b);
}

/* Found by fuzzing: a first field starting with U+FEFF must be quoted, or the
 * reader takes it for a byte-order mark and the field loses it. */
Test(csv, writer_quotes_a_leading_byte_order_mark) {
  mc_buf b;
  mc_buf_init(&b, 0);
  const char *row[] = {"\xEF\xBB\xBFx", "y"};
  cr_assert_eq(mc_csv_write_row(&b, row, 2), MC_OK);
  cr_assert_str_eq(b.data, "\"\xEF\xBB\xBFx\",y\r\n");
  mc_csv r;
  mc_err err = {0};
  cr_assert_eq(mc_csv_open(&r, a, b.data, b.len, NULL, &err), MC_OK);
  cr_assert_eq(mc_csv_next(&r, &err), 1);
  cr_assert_str_eq(mc_csv_field(&r, 0), "\xEF\xBB\xBFx");
  mc_buf_release(&b);
}
