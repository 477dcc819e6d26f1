/* cmd_index.c — `motcua index`: the Decision-766 index of a unit for a
 * period as a table (total, groups, every indicator with numerator,
 * denominator, rate, points, target and change), optionally the ranking of
 * its child units, and the same table written to CSV or XLSX. The figures
 * come from core/index766.h (mc_index_summary, mc_index_ranking).
 * `motcua index verify [--repair]` compares the stored index with a recount
 * from the dossiers (mc_index_verify) and can rebuild it (mc_index_repair). */
#include "cli/cli.h"
#include "core/index766.h"
#include "util/csv.h"
#include "util/str.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

enum { NCOLS = 10 };
static const char *const head[NCOLS] = {"Loại", "Mã", "Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Điểm", "Tối đa",
                                        "Kế hoạch (%)", "Thay đổi (điểm)"};

typedef struct row {
  const char *kind, *code, *name;
  json_t *num, *den, *pct, *pts, *max, *target, *change;   /* borrowed; NULL or JSON null = empty */
} row;

static json_t *get(json_t *o, const char *k) { return json_object_get(o, k); }

static int rows_of(mc_arena *a, json_t *s, row *out, int cap) {
  int n = 0;
  json_t *t = get(s, "total");
  out[n++] = (row){"Tổng", "", "Tổng điểm", NULL, NULL, NULL, get(t, "points"), get(t, "max"), NULL, get(t, "change")};
  size_t i, k;
  json_t *g, *ind;
  json_array_foreach(get(s, "groups"), i, g) {
    if (n >= cap) break;
    out[n++] = (row){"Nhóm", json_string_value(get(g, "code")), json_string_value(get(g, "name")), NULL, NULL, NULL,
                     get(g, "points"), get(g, "max"), NULL, get(g, "change")};
    json_array_foreach(get(s, "indicators"), k, ind) {
      if (n >= cap) break;
      if (!mc_str_eq(json_string_value(get(ind, "group")), json_string_value(get(g, "code")))) continue;
      const char *name = json_string_value(get(ind, "name"));
      json_t *avg = get(ind, "average_hours");     /* 2.2: an average, not a rate */
      if (json_is_number(avg)) name = mc_arena_printf(a, "%s: %.2f giờ", name, json_number_value(avg));
      out[n++] = (row){"Chỉ số", json_string_value(get(ind, "code")), name, get(ind, "numerator"),
                       get(ind, "denominator"), get(ind, "percent"), get(ind, "points"), get(ind, "max"),
                       get(ind, "target"), get(ind, "change_points")};
    }
  }
  return n;
}

/* A cell as text ("" for none); percentages of targets are shown ×100. */
static void cell(char *b, size_t n, json_t *v, bool times100) {
  if (!v || json_is_null(v)) b[0] = 0;
  else if (json_is_integer(v)) snprintf(b, n, "%lld", (long long)json_integer_value(v));
  else if (json_is_real(v)) snprintf(b, n, "%.2f", json_real_value(v) * (times100 ? 100 : 1));
  else snprintf(b, n, "%s", json_is_string(v) ? json_string_value(v) : "");
}

static void cells(const row *r, char c[NCOLS][48]) {
  snprintf(c[0], 48, "%s", r->kind);
  snprintf(c[1], 48, "%s", r->code ? r->code : "");
  c[2][0] = 0;
  cell(c[3], 48, r->num, false);
  cell(c[4], 48, r->den, false);
  cell(c[5], 48, r->pct, false);
  cell(c[6], 48, r->pts, false);
  cell(c[7], 48, r->max, false);
  cell(c[8], 48, r->target, true);
  cell(c[9], 48, r->change, false);
}

static void pad(const char *s, int width) {
  int len = (int)mc_utf8_len(s);
  fputs(s, stdout);
  for (int i = len; i < width; i++) putchar(' ');
}

static void print_table(json_t *s, const row *rows, int n) {
  json_t *u = get(s, "unit"), *p = get(s, "period"), *t = get(s, "total");
  printf("%s (%s) — kỳ %s (%s … %s), bộ chỉ số %s\n", json_string_value(get(u, "name")),
         json_string_value(get(u, "code")), json_string_value(get(p, "label")), json_string_value(get(p, "from")),
         json_string_value(get(p, "to")), json_string_value(get(get(s, "edition"), "code")));
  if (json_is_string(get(t, "band"))) printf("Xếp loại: %s\n", json_string_value(get(t, "band")));
  static const int widths[NCOLS] = {7, 4, 58, 9, 9, 10, 7, 7, 13, 15};
  for (int i = 0; i < NCOLS; i++) { pad(head[i], widths[i]); putchar(' '); }
  putchar('\n');
  for (int r = 0; r < n; r++) {
    char c[NCOLS][48];
    cells(&rows[r], c);
    char name[160];
    snprintf(name, sizeof name, "%s%s", rows[r].kind[0] == 'C' ? "  " : "", rows[r].name ? rows[r].name : "");
    for (int i = 0; i < NCOLS; i++) { pad(i == 2 ? name : c[i], widths[i]); putchar(' '); }
    putchar('\n');
  }
}

static int write_csv(const char *path, const row *rows, int n) {
  mc_buf b;
  mc_buf_init(&b, 0);
  mc_rc rc = mc_buf_puts(&b, "\xEF\xBB\xBF");
  if (!rc) rc = mc_csv_write_row(&b, head, NCOLS);
  for (int r = 0; r < n && !rc; r++) {
    char c[NCOLS][48];
    cells(&rows[r], c);
    const char *f[NCOLS];
    for (int i = 0; i < NCOLS; i++) f[i] = i == 2 ? (rows[r].name ? rows[r].name : "") : c[i];
    rc = mc_csv_write_row(&b, f, NCOLS);
  }
  FILE *out = rc ? NULL : fopen(path, "wb");
  bool ok = out && fwrite(b.data, 1, b.len, out) == b.len;
  if (out && fclose(out) != 0) ok = false;
  mc_buf_release(&b);
  if (!ok) { fprintf(stderr, "motcua index: cannot write %s\n", path); return 1; }
  return 0;
}

static void xnum(lxw_worksheet *ws, int r, int c, json_t *v, bool times100, lxw_format *f) {
  if (v && json_is_number(v)) worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, json_number_value(v) * (times100 ? 100 : 1), f);
}

static int write_xlsx(const char *path, json_t *s, const row *rows, int n, json_t *ranking) {
  lxw_workbook *wb = workbook_new(path);
  if (!wb) { fprintf(stderr, "motcua index: cannot create %s\n", path); return 1; }
  lxw_format *bold = workbook_add_format(wb), *dec = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_num_format(dec, "0.00");
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Chi so 766");
  json_t *u = get(s, "unit"), *p = get(s, "period");
  char title[300];
  snprintf(title, sizeof title, "%s — kỳ %s (%s … %s)", json_string_value(get(u, "name")), json_string_value(get(p, "label")),
           json_string_value(get(p, "from")), json_string_value(get(p, "to")));
  worksheet_write_string(ws, 0, 0, title, bold);
  for (int i = 0; i < NCOLS; i++) worksheet_write_string(ws, 2, (lxw_col_t)i, head[i], bold);
  for (int r = 0; r < n; r++) {
    const row *x = &rows[r];
    lxw_row_t y = (lxw_row_t)(r + 3);
    lxw_format *f = x->kind[0] == 'C' ? NULL : bold;
    worksheet_write_string(ws, y, 0, x->kind, f);
    worksheet_write_string(ws, y, 1, x->code ? x->code : "", f);
    worksheet_write_string(ws, y, 2, x->name ? x->name : "", f);
    xnum(ws, (int)y, 3, x->num, false, NULL);
    xnum(ws, (int)y, 4, x->den, false, NULL);
    xnum(ws, (int)y, 5, x->pct, false, dec);
    xnum(ws, (int)y, 6, x->pts, false, dec);
    xnum(ws, (int)y, 7, x->max, false, dec);
    xnum(ws, (int)y, 8, x->target, true, dec);
    xnum(ws, (int)y, 9, x->change, false, dec);
  }
  worksheet_set_column(ws, 2, 2, 60, NULL);
  if (ranking) {
    lxw_worksheet *rs = workbook_add_worksheet(wb, "Xep hang");
    static const char *const rh[] = {"Hạng", "Mã đơn vị", "Đơn vị", "Tổng điểm", "Xếp loại", "Thay đổi", "Ghi chú"};
    for (int i = 0; i < 7; i++) worksheet_write_string(rs, 0, (lxw_col_t)i, rh[i], bold);
    size_t i;
    json_t *it;
    json_array_foreach(get(ranking, "items"), i, it) {
      lxw_row_t y = (lxw_row_t)(i + 1);
      json_t *t = get(it, "total");
      xnum(rs, (int)y, 0, get(it, "rank"), false, NULL);
      worksheet_write_string(rs, y, 1, json_string_value(get(get(it, "unit"), "code")), NULL);
      worksheet_write_string(rs, y, 2, json_string_value(get(get(it, "unit"), "name")), NULL);
      xnum(rs, (int)y, 3, get(t, "points"), false, dec);
      if (json_is_string(get(t, "band"))) worksheet_write_string(rs, y, 4, json_string_value(get(t, "band")), NULL);
      xnum(rs, (int)y, 5, get(t, "change"), false, dec);
      if (json_is_true(get(it, "insufficient_data"))) worksheet_write_string(rs, y, 6, "Chưa đủ dữ liệu", NULL);
    }
    worksheet_set_column(rs, 2, 2, 40, NULL);
  }
  lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) { fprintf(stderr, "motcua index: cannot write %s: %s\n", path, lxw_strerror(e)); return 1; }
  return 0;
}

static void print_ranking(json_t *r) {
  printf("\nXếp hạng đơn vị trực thuộc (tối thiểu %lld hồ sơ để xếp hạng)\n",
         (long long)json_integer_value(get(r, "min_denominator")));
  size_t i;
  json_t *it;
  json_array_foreach(get(r, "items"), i, it) {
    json_t *t = get(it, "total");
    char rank[16], pts[24];
    cell(rank, sizeof rank, get(it, "rank"), false);
    cell(pts, sizeof pts, get(t, "points"), false);
    pad(rank[0] ? rank : "–", 5);
    pad(json_string_value(get(get(it, "unit"), "code")), 18);
    pad(json_string_value(get(get(it, "unit"), "name")), 40);
    pad(pts, 8);
    printf("%s\n", json_is_true(get(it, "insufficient_data")) ? "chưa đủ dữ liệu"
                   : json_is_string(get(t, "band")) ? json_string_value(get(t, "band")) : "");
  }
}

static void print_diffs(const mc_index_verify_report *r) {
  for (int i = 0; i < r->ndiffs; i++)
    printf("  %s: stored %lld, recomputed %lld\n", r->diffs[i].what, (long long)r->diffs[i].stored,
           (long long)r->diffs[i].recomputed);
  if (r->differences > r->ndiffs) printf("  … and %lld more\n", (long long)(r->differences - r->ndiffs));
}

/* The verification line; true when everything was equal. */
static bool report_verify(mc_rc rc, const mc_index_verify_report *r) {
  printf("index verify: %lld dossiers, %lld counters checked, ", (long long)r->dossiers, (long long)r->counters);
  if (rc == MC_OK) {
    printf("all equal\n");
    return true;
  }
  printf("%lld difference%s:\n", (long long)r->differences, r->differences == 1 ? "" : "s");
  print_diffs(r);
  return false;
}

/* `motcua index verify [--repair] [--max-diffs N] [--max-buckets N]`: 0 when the
 * index equals a recount (or was rebuilt to equal it), 1 when not. */
static int cmd_index_verify(mc_cli *c) {
  static const struct option opts[] = {
    {"repair", no_argument, 0, 'r'}, {"max-diffs", required_argument, 0, 'd'},
    {"max-buckets", required_argument, 0, 'b'}, {0, 0, 0, 0}};
  mc_index_verify_report *rep = mc_arena_alloc(c->arena, sizeof *rep);
  if (!rep) { fprintf(stderr, "motcua index: out of memory\n"); return 1; }
  bool repair = false;
  int64_t v;
  int o;
  optind = 2;
  while ((o = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 'r': repair = true; break;
    case 'd':
      if (!mc_parse_i64(optarg, 1, MC_INDEX_VERIFY_DIFFS_MAX, &v)) return mc_cli_usage("index");
      rep->max_diffs = (int)v;
      break;
    case 'b':
      if (!mc_parse_i64(optarg, 1, INT64_MAX, &v)) return mc_cli_usage("index");
      rep->max_buckets = v;
      break;
    default: return mc_cli_usage("index");
    }
  }
  if (optind < c->argc) return mc_cli_usage("index");
  mc_db *db = mc_cli_open_db(c, "index");
  if (!db) return 1;
  mc_err err = {0};
  mc_rc rc = mc_index_verify(db, rep, &err);
  int ret = rc && rc != MC_ECONFLICT ? mc_cli_fail("index", &err) : report_verify(rc, rep) ? 0 : 1;
  if (ret == 1 && rc == MC_ECONFLICT && repair) {
    mc_err_clear(&err);
    if ((rc = mc_index_repair(db, rep, &err))) {
      ret = mc_cli_fail("index", &err);
    } else {
      printf("index repair: %lld dossier facts and %lld buckets rebuilt from %lld dossiers\n", (long long)rep->facts,
             (long long)rep->buckets, (long long)rep->dossiers);
      rc = mc_index_verify(db, rep, &err);
      ret = rc && rc != MC_ECONFLICT ? mc_cli_fail("index", &err) : report_verify(rc, rep) ? 0 : 1;
    }
  }
  mc_err_clear(&err);
  mc_db_close(db);
  return ret;
}

int cmd_index(mc_cli *c) {
  if (c->argc > 1 && strcmp(c->argv[1], "verify") == 0) return cmd_index_verify(c);
  static const struct option opts[] = {
    {"unit", required_argument, 0, 'u'}, {"period", required_argument, 0, 'p'}, {"from", required_argument, 0, 'f'},
    {"to", required_argument, 0, 't'}, {"procedure", required_argument, 0, 'P'}, {"edition", required_argument, 0, 'e'},
    {"rollup", required_argument, 0, 'r'}, {"csv", required_argument, 0, 'c'}, {"xlsx", required_argument, 0, 'x'},
    {"ranking", no_argument, 0, 'R'}, {0, 0, 0, 0}};
  mc_index_query q = {0};
  const char *csv = NULL, *xlsx = NULL;
  bool want_ranking = false;
  int o;
  optind = 1;
  while ((o = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 'u': q.unit = optarg; break;
    case 'p': q.period = optarg; break;
    case 'f': q.from = optarg; break;
    case 't': q.to = optarg; break;
    case 'P': q.procedure = optarg; break;
    case 'e': q.edition = optarg; break;
    case 'r': q.rollup = optarg; break;
    case 'c': csv = optarg; break;
    case 'x': xlsx = optarg; break;
    case 'R': want_ranking = true; break;
    default: return mc_cli_usage("index");
    }
  }
  if (optind < c->argc) return mc_cli_usage("index");
  mc_db *db = mc_cli_open_db(c, "index");
  if (!db) return 1;
  mc_err err = {0};
  json_t *s = NULL, *ranking = NULL;
  int ret = 0;
  if (mc_index_summary(db, &q, &s, &err) || (want_ranking && mc_index_ranking(db, &q, NULL, &ranking, &err))) {
    ret = mc_cli_fail("index", &err);
  } else {
    enum { ROWS_MAX = 128 };
    row rows[ROWS_MAX];
    int n = rows_of(c->arena, s, rows, ROWS_MAX);
    print_table(s, rows, n);
    if (ranking) print_ranking(ranking);
    if (csv) ret |= write_csv(csv, rows, n);
    if (xlsx) ret |= write_xlsx(xlsx, s, rows, n, ranking);
  }
  json_decref(s);
  json_decref(ranking);
  mc_err_clear(&err);
  mc_db_close(db);
  return ret;
}
