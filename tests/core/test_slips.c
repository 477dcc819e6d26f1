/* test_slips.c — the legal slips (core/slips.h) of dossiers driven through the
 * real engine on the real working calendar: each applicable form is a PDF
 * (%PDF-, the DejaVu font embedded as FontFile2), says what its event says
 * (read back with pdftotext), carries a QR code that decodes (rendered with
 * pdftoppm, read with zbarimg) to the public lookup address; forms that do
 * not apply are refused (slip.not_applicable); a slip printed twice is the
 * same document; staff prints are audited; the register (07) lists what a
 * unit received in a range, one decodable QR per row, for its staff only. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"
#include "province.h"
#include "core/audit.h"
#include "core/dossier.h"
#include "core/procedure.h"
#include "core/slips.h"
#include "core/slips_int.h"
#include "core/unit.h"
#include "util/str.h"

static mc_db *db;
static char *url;
static mc_arena *A;
static mc_err err;
static mc_principal citizen, officer, specialist, leader, officer2, prov, city_leader;
static char dir[300];

static mc_time at(int y, int m, int d, int h, int mi) {
  return mc_local_instant(mc_days_from_civil(y, m, d), h * 3600 + mi * 60);
}

static const char *units_json =
  "[{\"code\":\"P\",\"name\":\"Tỉnh Thử\",\"kind\":\"province\"},"
  "{\"code\":\"C1\",\"name\":\"Phường Thủ Dầu Một\",\"kind\":\"commune\",\"parent_code\":\"P\"},"
  "{\"code\":\"C2\",\"name\":\"Phường Hai\",\"kind\":\"commune\",\"parent_code\":\"P\"}]";

static const char *procs_json =
  "[{\"code\":\"T3\",\"name\":\"Đăng ký khai sinh\",\"field_code\":\"ho_tich\",\"field_name\":\"Hộ tịch\","
  "\"level\":\"commune\",\"unit_kinds\":[\"commune\"],\"time_amount\":3,\"time_unit\":\"working_days\","
  "\"rule_1500\":false,\"online_level\":\"full\",\"result_type\":\"both\",\"citizen_kind\":\"citizen\","
  "\"components\":[{\"code\":\"to_khai\",\"name\":\"Tờ khai đăng ký khai sinh\",\"required\":true},"
  "{\"code\":\"giay_chung_sinh\",\"name\":\"Giấy chứng sinh\",\"required\":true},"
  "{\"code\":\"uy_quyen\",\"name\":\"Văn bản ủy quyền\",\"required\":false}],"
  "\"eform\":{\"fields\":[{\"name\":\"ho_ten\",\"label\":\"Họ và tên\",\"type\":\"text\",\"required\":true}]}}]";


static void user(mc_principal *p, const char *name, const char *full, mc_role role, const char *unit,
                 const char *idn, const char *phone) {
  th_user(db, A, p, name, full, role, unit, idn, phone);
}

static void setup(void) {
  A = mc_arena_new(0);
  db = th_province_open(units_json, procs_json, &url);
  user(&citizen, "congdan1", "Nguyễn Thị Ánh Tuyết", MC_ROLE_CITIZEN, NULL, "001090012345", "0912345678");
  user(&officer, "motcua.c1", "Trần Văn Đức", MC_ROLE_OFFICER, "C1", NULL, NULL);
  user(&specialist, "chuyenvien.c1", "Lê Thị Hằng", MC_ROLE_SPECIALIST, "C1", NULL, NULL);
  user(&leader, "lanhdao.c1", "Phạm Quốc Việt", MC_ROLE_UNIT_LEADER, "C1", NULL, NULL);
  user(&officer2, "motcua.c2", "Võ Minh Khoa", MC_ROLE_OFFICER, "C2", NULL, NULL);
  user(&prov, "lanhdao.tinh", "Đặng Thu Hà", MC_ROLE_PROVINCE_LEADER, "P", NULL, NULL);
  user(&city_leader, "lanhdao.p", "Bùi Văn Hòa", MC_ROLE_UNIT_LEADER, "P", NULL, NULL);
  th_temp_dir(dir, sizeof dir, "slips");
}

static void teardown(void) {
  mc_db_close(db);
  mc_arena_free(A);
  mc_err_clear(&err);
  free(url);
}

TestSuite(slips, .init = setup, .fini = teardown, .timeout = 120);

/* ---- the engine ------------------------------------------------------------------ */

static mc_dossier *submit_at(mc_time t) {
  json_t *form = json_pack("{s:s}", "ho_ten", "Nguyễn Thị Ánh Tuyết");
  mc_dossier_new in = {.procedure_code = "T3", .unit_code = "C1", .form = form, .at = t,
                       .applicant = {.address = "Số 12 đường Đoàn Thị Liên, phường Thủ Dầu Một"}};
  mc_dossier *d;
  cr_assert_eq(mc_dossier_submit(db, A, &citizen, &in, &d, &err), MC_OK, "%s %s", err.code, err.message);
  json_decref(form);
  return d;
}

static void act(const mc_principal *who, mc_dossier *d, mc_daction a, mc_time t, const char *reason, mc_time new_due) {
  mc_act_params p = {.at = t, .reason = reason, .new_due = new_due};
  cr_assert_eq(mc_dossier_act(db, A, who, d, a, &p, &err), MC_OK, "%s: %s %s", mc_daction_name(a), err.code,
               err.message);
}

/* ---- reading a PDF back ------------------------------------------------------------- */

typedef struct pdf { const char *data; size_t len; char path[400]; } pdf;

static pdf slip(const mc_principal *who, const mc_dossier *d, mc_slip_form f) {
  pdf p = {0};
  const void *data;
  mc_err_clear(&err);
  cr_assert_eq(mc_slip_pdf(db, A, who, d, f, &data, &p.len, &err), MC_OK, "form %02d: %s %s", (int)f, err.code,
               err.message);
  p.data = data;
  snprintf(p.path, sizeof p.path, "%s/%s-%02d.pdf", dir, d->code, (int)f);
  FILE *fp = fopen(p.path, "wb");
  cr_assert(fp && fwrite(p.data, 1, p.len, fp) == p.len && fclose(fp) == 0);
  return p;
}

static bool has_bytes(const pdf *p, const char *s) { return memmem(p->data, p->len, s, strlen(s)) != NULL; }

/* Standard output of a shell command (malloc'ed, NUL-terminated). */
static char *run(const char *cmd) {
  FILE *f = popen(cmd, "r");
  cr_assert_not_null(f, "cannot run %s", cmd);
  size_t cap = 1 << 16, n = 0;
  char *out = malloc(cap);
  size_t k;
  while ((k = fread(out + n, 1, cap - n - 1, f)) > 0) {
    n += k;
    if (n + 1 == cap) out = realloc(out, cap *= 2);
  }
  out[n] = 0;
  int st = pclose(f);
  cr_assert_eq(st, 0, "%s exited with %d: %.300s", cmd, st, out);
  return out;
}

/* The text of the PDF, white space collapsed to single spaces. */
static char *text_of(const pdf *p) {
  char cmd[700];
  snprintf(cmd, sizeof cmd, "pdftotext -q -raw '%s' - 2>/dev/null", p->path);
  char *t = run(cmd), *o = t;
  bool sp = false;
  for (const char *s = t; *s; s++) {
    bool ws = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\f' || *s == '\r';
    if (ws) { sp = o != t; continue; }
    if (sp) *o++ = ' ';
    sp = false;
    *o++ = *s;
  }
  *o = 0;
  return t;
}

static void expect_text(const char *text, const char *want) {
  cr_assert(strstr(text, want), "the slip does not say \"%s\": %.2000s", want, text);
}

/* The QR codes on page 1 as zbarimg reads them from a rendering, one per line. */
static char *qr_codes(const pdf *p, int dpi) {
  char cmd[1400];
  snprintf(cmd, sizeof cmd, "pdftoppm -q -r %d -png -f 1 -l 1 '%s' '%s.page' && zbarimg -q --raw '%s.page-1.png' 2>/dev/null",
           dpi, p->path, p->path, p->path);
  return run(cmd);
}

/* Every slip: a PDF with the font embedded, the code, and the lookup QR. */
static char *check_pdf(const pdf *p, const mc_dossier *d, const char *base) {
  cr_assert(p->len > 1000 && memcmp(p->data, "%PDF-", 5) == 0, "not a PDF");
  cr_assert(has_bytes(p, "/FontFile2"), "the font is not embedded");
  cr_assert(has_bytes(p, "DejaVuSans"), "not DejaVu Sans");
  char *codes = qr_codes(p, 150);
  char want[300];
  snprintf(want, sizeof want, "%s/tra-cuu?code=%s\n", base, d->code);
  cr_assert_str_eq(codes, want, "the QR code reads \"%s\"", codes);
  free(codes);
  char *t = text_of(p);
  expect_text(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect_text(t, "Độc lập - Tự do - Hạnh phúc");
  expect_text(t, d->code);
  return t;
}

/* ---- the letters themselves ------------------------------------------------------------ */

/* Dark pixels of a binary PGM (P5) file. */
static long ink(const char *path) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "no %s", path);
  int wd, ht, max;
  cr_assert_eq(fscanf(f, "P5 %d %d %d", &wd, &ht, &max), 3);
  fgetc(f);
  long dark = 0;
  for (long i = 0; i < (long)wd * ht; i++) {
    int c = fgetc(f);
    cr_assert_neq(c, EOF);
    dark += c < 128;
  }
  fclose(f);
  return dark;
}

/* A letter composed twice (ặ = ă + dot below, ă = a + breve) is printed
 * whole: it has more ink than each of the letters it is built from. The
 * embedded subset must hold the parts of its parts (slips_pdf.c). */
Test(slips, vietnamese_letters_are_whole) {
  static const char *const sets[][3] = {
    {"ặ", "ă", "ạ"}, {"ộ", "ô", "ọ"}, {"ế", "ê", "é"}, {"ự", "ư", "ụ"}, {"ẵ", "ă", "ã"}, {"ỗ", "ô", "õ"},
    {"Ặ", "Ă", "Ạ"}, {"Ộ", "Ô", "Ọ"}, {"Ế", "Ê", "É"}, {"Ự", "Ư", "Ụ"}, {"Ẵ", "Ă", "Ã"}, {"Ở", "Ơ", "Ỏ"},
  };
  enum { NSETS = sizeof sets / sizeof *sets };
  mc_pdfw w;
  mc_pdf_margins m = {.top = 20, .right = 20, .bottom = 20, .left = 20};
  cr_assert_eq(mc_pdfw_begin(&w, A, false, &m, 0, NULL, &err), MC_OK, "%s", err.message);
  int pages = 0;
  for (int style = MC_PDF_REG; style <= MC_PDF_BOLD; style++)
    for (int i = 0; i < NSETS; i++)
      for (int k = 0; k < 3; k++) {
        if (pages++) mc_pdfw_new_page(&w);
        mc_pdfw_text(&w, style, 360, 120, 300, sets[i][k]);
      }
  pdf p = {0};
  const void *data;
  cr_assert_eq(mc_pdfw_finish(&w, &data, &p.len, &err), MC_OK, "%s", err.message);
  p.data = data;
  snprintf(p.path, sizeof p.path, "%s/letters.pdf", dir);
  FILE *fp = fopen(p.path, "wb");
  cr_assert(fp && fwrite(p.data, 1, p.len, fp) == p.len && fclose(fp) == 0);
  char cmd[900];
  snprintf(cmd, sizeof cmd, "pdftoppm -q -gray -r 24 '%s' '%s.page'", p.path, p.path);
  free(run(cmd));
  int page = 1;
  for (int style = MC_PDF_REG; style <= MC_PDF_BOLD; style++)
    for (int i = 0; i < NSETS; i++) {
      long n[3];
      for (int k = 0; k < 3; k++) {
        char png[500];
        snprintf(png, sizeof png, "%s.page-%02d.pgm", p.path, page++);
        n[k] = ink(png);
      }
      cr_assert(n[0] > n[1] && n[0] > n[2], "%s \"%s\" (%ld dark pixels) is not more than \"%s\" (%ld) and \"%s\" (%ld)",
                style ? "bold" : "regular", sets[i][0], n[0], sets[i][1], n[1], sets[i][2], n[2]);
    }
}

/* ---- forms of one dossier ------------------------------------------------------------- */

/* The Tết dossier of test_dossier.c: received Fri 24 Jan 2025 10:00, 3
 * working days → due Wed 5 Feb 10:00; step xu_ly due Tue 4 Feb 08:30, done
 * Mon 3 Feb 09:00 (on time); phe_duyet due Tue 4 Feb 08:15, done Tue 09:00
 * (45 minutes late); processed on time; returned Wed 5 Feb 14:00. */
Test(slips, receipt_and_control_sheet) {
  mc_dossier *d = submit_at(at(2025, 1, 23, 20, 0));
  act(&officer, d, MC_DA_RECEIVE, at(2025, 1, 24, 10, 0), NULL, 0);
  pdf p = slip(&officer, d, MC_SLIP_RECEIPT);
  char *t = check_pdf(&p, d, MC_SLIP_BASE_URL_DEFAULT);
  expect_text(t, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
  expect_text(t, "Mẫu số 01");
  expect_text(t, "PHƯỜNG THỦ DẦU MỘT");
  expect_text(t, "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ");
  expect_text(t, "Ngày 24 tháng 01 năm 2025");
  expect_text(t, "Nguyễn Thị Ánh Tuyết");
  expect_text(t, "001090012345");
  expect_text(t, "Đăng ký khai sinh (mã thủ tục T3)");
  expect_text(t, "Tờ khai đăng ký khai sinh");
  expect_text(t, "Giấy chứng sinh");
  expect_text(t, "3 ngày làm việc");
  expect_text(t, "4. Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 24 tháng 01 năm 2025");
  expect_text(t, "5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 05 tháng 02 năm 2025");
  expect_text(t, "NGƯỜI TIẾP NHẬN HỒ SƠ");
  expect_text(t, "Trần Văn Đức");
  free(t);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "pdfinfo -isodates '%s' 2>/dev/null", p.path);
  char *info = run(cmd);
  expect_text(info, "Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả — C1-250123-0001");
  const char *pg = strstr(info, "Pages:");
  cr_assert(pg && strtol(pg + 6, NULL, 10) == 1, "one page: %s", info);
  expect_text(info, "2025-01-24T10:00:00+07");     /* dated by the reception */
  free(info);
  /* Printed again, later: the same document. */
  pdf again = slip(&officer, d, MC_SLIP_RECEIPT);
  cr_assert(p.len == again.len && memcmp(p.data, again.data, p.len) == 0, "a reprint differs");

  act(&specialist, d, MC_DA_FORWARD, at(2025, 2, 3, 9, 0), NULL, 0);
  act(&leader, d, MC_DA_FORWARD, at(2025, 2, 4, 9, 0), NULL, 0);
  act(&officer, d, MC_DA_RETURN_RESULT, at(2025, 2, 5, 14, 0), NULL, 0);
  pdf c = slip(&leader, d, MC_SLIP_CONTROL);
  t = check_pdf(&c, d, MC_SLIP_BASE_URL_DEFAULT);
  expect_text(t, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
  expect_text(t, "Ngày 05 tháng 02 năm 2025");        /* dated by the last change */
  expect_text(t, "Tiếp nhận hồ sơ");
  expect_text(t, "Trả kết quả");
  expect_text(t, "Lê Thị Hằng");
  expect_text(t, "Phạm Quốc Việt");
  expect_text(t, "04/02/2025 08:30");                /* xu_ly's deadline */
  expect_text(t, "Đúng hạn");
  expect_text(t, "Quá hạn 45 phút");                  /* phe_duyet */
  expect_text(t, "Đã xử lý xong lúc 04/02/2025 09:00 — đúng hạn");
  free(t);
}

Test(slips, forms_that_do_not_apply) {
  mc_dossier *d = submit_at(at(2025, 3, 3, 8, 0));
  const void *data;
  size_t len;
  for (int f = MC_SLIP_RECEIPT; f <= MC_SLIP_CONTROL; f++) {
    mc_err_clear(&err);
    cr_assert_eq(mc_slip_pdf(db, A, &officer, d, (mc_slip_form)f, &data, &len, &err), MC_ECONFLICT, "form %02d", f);
    cr_assert_str_eq(err.code, "slip.not_applicable");
  }
  mc_err_clear(&err);
  cr_assert_eq(mc_slip_pdf(db, A, &officer, d, MC_SLIP_REGISTER, &data, &len, &err), MC_ENOTFOUND);
  cr_assert_str_eq(err.code, "slip.unknown");
  act(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL, 0);
  unsigned mask;
  cr_assert_eq(mc_slips_applicable(db, A, d, &mask, &err), MC_OK);
  cr_assert_eq(mask, (1u << MC_SLIP_RECEIPT) | (1u << MC_SLIP_CONTROL));
  mc_err_clear(&err);
  cr_assert_eq(mc_slip_pdf(db, A, &officer, d, MC_SLIP_REFUSAL, &data, &len, &err), MC_ECONFLICT);
  cr_assert_str_eq(err.code, "slip.not_applicable");
}

Test(slips, parse_and_titles) {
  mc_slip_form f;
  cr_assert(mc_slip_parse("01", &f) && f == MC_SLIP_RECEIPT);
  cr_assert(mc_slip_parse("06.pdf", &f) && f == MC_SLIP_CONTROL);
  cr_assert(mc_slip_parse("07", &f) && f == MC_SLIP_REGISTER);
  const char *bad[] = {"", "1", "00", "08", "01.PDF", "01.pdfx", "001", "0a", NULL};
  for (int i = 0; bad[i]; i++) cr_assert_not(mc_slip_parse(bad[i], &f), "%s", bad[i]);
  cr_assert_not(mc_slip_parse(NULL, &f));
  cr_assert_str_eq(mc_slip_title(MC_SLIP_APOLOGY), "Phiếu xin lỗi và hẹn lại ngày trả kết quả");
  cr_assert_str_eq(mc_slip_title((mc_slip_form)0), "");
}

/* Supplement before reception (an incomplete online dossier), then refusal. */
Test(slips, supplement_and_refusal) {
  mc_dossier *d = submit_at(at(2025, 3, 3, 8, 0));
  act(&officer, d, MC_DA_REQUEST_SUPPLEMENT, at(2025, 3, 3, 9, 15), "Bản chụp Giấy chứng sinh bị mờ, nộp lại bản rõ nét.", 0);
  pdf p = slip(&citizen, d, MC_SLIP_SUPPLEMENT);
  char *t = check_pdf(&p, d, MC_SLIP_BASE_URL_DEFAULT);
  expect_text(t, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
  expect_text(t, "Mẫu số 02");
  expect_text(t, "Bản chụp Giấy chứng sinh bị mờ, nộp lại bản rõ nét.");
  expect_text(t, "NGƯỜI HƯỚNG DẪN");
  expect_text(t, "Trần Văn Đức");
  cr_assert_null(strstr(t, "tạm dừng"), "no clock runs before reception");
  free(t);
  act(&citizen, d, MC_DA_COMPLETE_SUPPLEMENT, at(2025, 3, 3, 10, 0), NULL, 0);
  act(&officer, d, MC_DA_REFUSE, at(2025, 3, 3, 10, 30), "Hồ sơ không thuộc thẩm quyền giải quyết của phường.", 0);
  pdf r = slip(&citizen, d, MC_SLIP_REFUSAL);
  t = check_pdf(&r, d, MC_SLIP_BASE_URL_DEFAULT);
  expect_text(t, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
  expect_text(t, "Hồ sơ không thuộc thẩm quyền giải quyết của phường.");
  expect_text(t, "Trực tuyến");
  free(t);
  unsigned mask;
  cr_assert_eq(mc_slips_applicable(db, A, d, &mask, &err), MC_OK);
  cr_assert_eq(mask, (1u << MC_SLIP_SUPPLEMENT) | (1u << MC_SLIP_REFUSAL), "received: never");
}

/* After reception: a supplement pauses the clock; an apology sets a new date;
 * the leader stops processing. */
Test(slips, supplement_apology_stop_after_reception) {
  mc_dossier *d = submit_at(at(2025, 3, 3, 8, 0));
  act(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL, 0);
  act(&specialist, d, MC_DA_REQUEST_SUPPLEMENT, at(2025, 3, 4, 14, 0), "Bổ sung văn bản ủy quyền có chứng thực.", 0);
  pdf s = slip(&citizen, d, MC_SLIP_SUPPLEMENT);
  char *t = check_pdf(&s, d, MC_SLIP_BASE_URL_DEFAULT);
  expect_text(t, "Bổ sung văn bản ủy quyền có chứng thực.");
  expect_text(t, "tạm dừng từ 04/03/2025 14:00");
  expect_text(t, "lần thứ 1");
  expect_text(t, "Lê Thị Hằng");
  free(t);
  act(&citizen, d, MC_DA_COMPLETE_SUPPLEMENT, at(2025, 3, 5, 8, 0), NULL, 0);
  act(&specialist, d, MC_DA_APOLOGY, at(2025, 3, 6, 9, 0), "Cần xác minh thông tin tại nơi sinh.", at(2025, 3, 12, 16, 0));
  pdf a = slip(&citizen, d, MC_SLIP_APOLOGY);
  t = check_pdf(&a, d, MC_SLIP_BASE_URL_DEFAULT);
  expect_text(t, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
  expect_text(t, "Kính gửi: Nguyễn Thị Ánh Tuyết");
  expect_text(t, "Cần xác minh thông tin tại nơi sinh.");
  expect_text(t, "16 giờ 00 phút, ngày 12 tháng 03 năm 2025");
  expect_text(t, "THỦ TRƯỞNG CƠ QUAN");
  cr_assert_null(strstr(t, "Lê Thị Hằng"), "a specialist is not the head of the agency");
  free(t);
  act(&leader, d, MC_DA_STOP, at(2025, 3, 7, 10, 30), "Người yêu cầu đã được cấp giấy khai sinh tại nơi khác.", 0);
  pdf st = slip(&citizen, d, MC_SLIP_STOP);
  t = check_pdf(&st, d, MC_SLIP_BASE_URL_DEFAULT);
  expect_text(t, "PHIẾU DỪNG XỬ LÝ HỒ SƠ");
  expect_text(t, "Người yêu cầu đã được cấp giấy khai sinh tại nơi khác.");
  expect_text(t, "10 giờ 30 phút, ngày 07 tháng 03 năm 2025");
  expect_text(t, "Phạm Quốc Việt");
  free(t);
  unsigned mask;
  cr_assert_eq(mc_slips_applicable(db, A, d, &mask, &err), MC_OK);
  cr_assert_eq(mask, (1u << MC_SLIP_RECEIPT) | (1u << MC_SLIP_SUPPLEMENT) | (1u << MC_SLIP_APOLOGY) |
                     (1u << MC_SLIP_STOP) | (1u << MC_SLIP_CONTROL));
  pdf c = slip(&officer, d, MC_SLIP_CONTROL);
  t = text_of(&c);
  expect_text(t, "Dừng xử lý");
  expect_text(t, "hẹn lại: 12/03/2025 16:00");
  free(t);
}

Test(slips, base_url_setting) {
  mc_dossier *d = submit_at(at(2025, 3, 3, 8, 0));
  act(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL, 0);
  cr_assert_eq(mc_db_exec(db, "meta.setting_put", &err, "ss", "public.base_url", "https://dichvucong.binhduong.gov.vn/"),
               MC_OK);
  char want[200];
  snprintf(want, sizeof want, "https://dichvucong.binhduong.gov.vn/tra-cuu?code=%s", d->code);
  cr_assert_str_eq(mc_slip_lookup_url(db, A, d->code), want);
  pdf p = slip(&officer, d, MC_SLIP_RECEIPT);
  free(check_pdf(&p, d, "https://dichvucong.binhduong.gov.vn"));
  /* Not an http(s) address: the default. */
  cr_assert_eq(mc_db_exec(db, "meta.setting_put", &err, "ss", "public.base_url", "javascript:alert(1)"), MC_OK);
  snprintf(want, sizeof want, "http://localhost:8080/tra-cuu?code=%s", d->code);
  cr_assert_str_eq(mc_slip_lookup_url(db, A, d->code), want);
  cr_assert_str_eq(mc_slip_lookup_url(db, A, "A B/ä"), "http://localhost:8080/tra-cuu?code=A%20B%2F%C3%A4");
}

Test(slips, staff_prints_are_audited) {
  mc_dossier *d = submit_at(at(2025, 3, 3, 8, 0));
  act(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL, 0);
  (void)slip(&citizen, d, MC_SLIP_RECEIPT);       /* the owner's own print is not */
  (void)slip(&officer, d, MC_SLIP_CONTROL);
  json_t *items;
  int64_t total;
  mc_audit_query q = {.object_type = "dossier", .object_code = d->code, .limit = 50};
  cr_assert_eq(mc_audit_list(db, &q, &items, &total, &err), MC_OK, "%s", err.message);
  int prints = 0;
  size_t i;
  json_t *e;
  json_array_foreach(items, i, e) {
    if (!mc_str_eq(json_string_value(json_object_get(e, "action")), "dossier.slip")) continue;
    prints++;
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(e, "detail"), "slip")), "06");
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(e, "actor"), "id")), officer.user_id);
  }
  json_decref(items);
  cr_assert_eq(prints, 1);
}

Test(slips, no_temporary_directory) {
  mc_dossier *d = submit_at(at(2025, 3, 3, 8, 0));
  act(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL, 0);
  setenv("TMPDIR", "/nonexistent/motcua", 1);
  const void *data;
  size_t len;
  cr_assert_eq(mc_slip_pdf(db, A, &officer, d, MC_SLIP_RECEIPT, &data, &len, &err), MC_EIO);
  cr_assert_str_eq(err.code, "slip.font_tmp");
  unsetenv("TMPDIR");
}

/* ---- the register --------------------------------------------------------------------- */

Test(slips, register_of_a_unit) {
  mc_dossier *in1 = submit_at(at(2025, 3, 3, 8, 0)), *in2 = submit_at(at(2025, 3, 4, 8, 0));
  mc_dossier *before = submit_at(at(2025, 2, 27, 8, 0)), *never = submit_at(at(2025, 3, 4, 9, 0));
  act(&officer, in1, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL, 0);
  act(&officer, in2, MC_DA_RECEIVE, at(2025, 3, 5, 16, 0), NULL, 0);
  act(&officer, before, MC_DA_RECEIVE, at(2025, 2, 28, 16, 0), NULL, 0);
  act(&officer, never, MC_DA_REFUSE, at(2025, 3, 4, 10, 0), "Sai thủ tục.", 0);
  act(&specialist, in1, MC_DA_FORWARD, at(2025, 3, 4, 9, 0), NULL, 0);
  act(&leader, in1, MC_DA_FORWARD, at(2025, 3, 4, 15, 0), NULL, 0);
  act(&officer, in1, MC_DA_RETURN_RESULT, at(2025, 3, 5, 8, 0), NULL, 0);
  int32_t from = mc_days_from_civil(2025, 3, 1), to = mc_days_from_civil(2025, 3, 31);
  const void *data;
  pdf p = {0};
  cr_assert_eq(mc_slip_register_pdf(db, A, &officer, "C1", from, to, at(2025, 4, 1, 8, 0), &data, &p.len, &err),
               MC_OK, "%s %s", err.code, err.message);
  p.data = data;
  snprintf(p.path, sizeof p.path, "%s/register-C1.pdf", dir);
  FILE *fp = fopen(p.path, "wb");
  cr_assert(fp && fwrite(p.data, 1, p.len, fp) == p.len && fclose(fp) == 0);
  cr_assert(memcmp(p.data, "%PDF-", 5) == 0 && has_bytes(&p, "/FontFile2"));
  char *t = text_of(&p);
  expect_text(t, "SỔ THEO DÕI HỒ SƠ");
  expect_text(t, "Mẫu số 07");
  expect_text(t, "từ ngày 01/03/2025 đến ngày 31/03/2025");
  expect_text(t, "Tổng số: 2 hồ sơ.");
  expect_text(t, "Đã trả kết quả; đúng hạn");
  cr_assert_null(strstr(t, before->code), "received in February");
  cr_assert_null(strstr(t, never->code), "never received");
  free(t);
  /* One QR per row, in reception order. */
  char *codes = qr_codes(&p, 240), want[400];
  snprintf(want, sizeof want, "http://localhost:8080/tra-cuu?code=%s\nhttp://localhost:8080/tra-cuu?code=%s\n",
           in1->code, in2->code);
  char *other = strstr(codes, "\n");
  cr_assert(other, "no QR code read: %s", codes);
  /* zbarimg lists symbols in no promised order: compare as a set of two lines. */
  char swapped[400];
  snprintf(swapped, sizeof swapped, "http://localhost:8080/tra-cuu?code=%s\nhttp://localhost:8080/tra-cuu?code=%s\n",
           in2->code, in1->code);
  cr_assert(!strcmp(codes, want) || !strcmp(codes, swapped), "QR codes read: %s", codes);
  free(codes);

  /* Who may print it. */
  cr_assert_eq(mc_slip_register_pdf(db, A, &leader, "C1", from, to, 0, &data, &p.len, &err), MC_OK);
  cr_assert_eq(mc_slip_register_pdf(db, A, &city_leader, "C1", from, to, 0, &data, &p.len, &err), MC_OK);
  cr_assert_eq(mc_slip_register_pdf(db, A, &prov, "C1", from, to, 0, &data, &p.len, &err), MC_OK);
  cr_assert_eq(mc_slip_register_pdf(db, A, NULL, "C1", from, to, 0, &data, &p.len, &err), MC_OK);
  mc_err_clear(&err);
  cr_assert_eq(mc_slip_register_pdf(db, A, &officer2, "C1", from, to, 0, &data, &p.len, &err), MC_EFORBIDDEN);
  cr_assert_str_eq(err.code, "slip.register_forbidden");
  mc_err_clear(&err);
  cr_assert_eq(mc_slip_register_pdf(db, A, &citizen, "C1", from, to, 0, &data, &p.len, &err), MC_EFORBIDDEN);
  mc_err_clear(&err);
  cr_assert_eq(mc_slip_register_pdf(db, A, &officer, "NOWHERE", from, to, 0, &data, &p.len, &err), MC_ENOTFOUND);
  mc_err_clear(&err);
  cr_assert_eq(mc_slip_register_pdf(db, A, &officer, "C1", to, from, 0, &data, &p.len, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "slip.bad_range");
  mc_err_clear(&err);
  cr_assert_eq(mc_slip_register_pdf(db, A, &officer, "C1", from, from + 366, 0, &data, &p.len, &err), MC_EINVAL);
  cr_assert_eq(mc_slip_register_pdf(db, A, &officer, "C1", from, from + 365, 0, &data, &p.len, &err), MC_OK);
}

Test(slips, empty_register) {
  const void *data;
  pdf p = {0};
  int32_t day = mc_days_from_civil(2025, 3, 1);
  cr_assert_eq(mc_slip_register_pdf(db, A, &officer, "C1", day, day, at(2025, 3, 2, 8, 0), &data, &p.len, &err),
               MC_OK);
  p.data = data;
  snprintf(p.path, sizeof p.path, "%s/register-empty.pdf", dir);
  FILE *fp = fopen(p.path, "wb");
  cr_assert(fp && fwrite(p.data, 1, p.len, fp) == p.len && fclose(fp) == 0);
  char *t = text_of(&p);
  expect_text(t, "Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.");
  expect_text(t, "Tổng số: 0 hồ sơ.");
  free(t);
}

/* A register has at most so many rows (MC_SLIP_REGISTER_ROWS_MAX; 4 here):
 * one more is refused (413); exactly that many print, page after page. */
Test(slips, register_limit) {
  enum { MAX = 4 };
  mc_dossier *d[MAX + 1];
  for (int i = 0; i <= MAX; i++) {
    d[i] = submit_at(at(2025, 3, 3, 8, 0) + i);
    act(&officer, d[i], MC_DA_RECEIVE, at(2025, 3, 3, 9, 0) + i, NULL, 0);
  }
  int32_t day = mc_days_from_civil(2025, 3, 3);
  const void *data;
  pdf p = {0};
  cr_assert_eq(mc_slip_register_rows(db, A, &officer, "C1", day, day, 0, MAX, &data, &p.len, &err), MC_ETOOBIG);
  cr_assert_str_eq(err.code, "slip.register_too_large");
  cr_assert_eq(mc_slip_register_rows(db, A, &officer, "C1", day, day, 0, MAX + 1, &data, &p.len, &err), MC_OK);
  cr_assert_eq(mc_slip_register_pdf(db, A, &officer, "C1", day, day, 0, &data, &p.len, &err), MC_OK);
}

/* Many rows: the header row on every page, every row's QR code readable. */
Test(slips, register_pages) {
  enum { N = 30 };
  mc_dossier *d[N];
  for (int i = 0; i < N; i++) {
    d[i] = submit_at(at(2025, 3, 3, 8, 0) + i);
    act(&officer, d[i], MC_DA_RECEIVE, at(2025, 3, 3, 9, 0) + 60 * i, NULL, 0);
  }
  int32_t day = mc_days_from_civil(2025, 3, 3);
  const void *data;
  pdf p = {0};
  cr_assert_eq(mc_slip_register_pdf(db, A, &officer, "C1", day, day, at(2025, 3, 4, 8, 0), &data, &p.len, &err), MC_OK);
  p.data = data;
  snprintf(p.path, sizeof p.path, "%s/register-pages.pdf", dir);
  FILE *fp = fopen(p.path, "wb");
  cr_assert(fp && fwrite(p.data, 1, p.len, fp) == p.len && fclose(fp) == 0);
  char *t = text_of(&p);
  const char *tr = strstr(t, "Trang 1/");
  cr_assert_not_null(tr, "no page numbers");
  int pages = (int)strtol(tr + strlen("Trang 1/"), NULL, 10), heads = 0;
  cr_assert_geq(pages, 3, "30 rows fill more than two pages");
  char last[32];
  snprintf(last, sizeof last, "Trang %d/%d", pages, pages);
  expect_text(t, last);
  for (const char *s = t; (s = strstr(s, "Tên thủ tục hành chính")); s++) heads++;
  cr_assert_eq(heads, pages, "the header row is on every page");
  for (int i = 0; i < N; i++) expect_text(t, d[i]->code);
  free(t);
  char cmd[1400];
  snprintf(cmd, sizeof cmd, "pdftoppm -q -r 240 -png '%s' '%s.all' && zbarimg -q --raw '%s'.all-*.png 2>/dev/null | sort",
           p.path, p.path, p.path);
  char *codes = run(cmd), want[64 * N] = "", *w = want;
  char *lines[N];
  for (int i = 0; i < N; i++) lines[i] = (char *)mc_slip_lookup_url(db, A, d[i]->code);
  /* The codes differ only in their sequence number, so their sorted order is the order made. */
  for (int i = 0; i < N; i++) w += snprintf(w, sizeof want - (size_t)(w - want), "%s\n", lines[i]);
  cr_assert_str_eq(codes, want);
  free(codes);
}
