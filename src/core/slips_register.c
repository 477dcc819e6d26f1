/* slips_register.c — form 07, the dossier register (sổ theo dõi hồ sơ) of a
 * unit's one-stop desk (slips.h): every dossier it received in a date range,
 * one row each with the columns of the circular's register (received, due,
 * sent to the handling agency, result back, returned) and a QR code of the
 * dossier's public lookup. Landscape A4; the header row repeats on every page. */
#include "core/slips_int.h"
#include "core/audit.h"
#include "core/unit.h"
#include <string.h>

enum { COLS = 12 };

static const mc_pdf_col cols[COLS] = {
  {"STT", 26, MC_PDF_CENTER},
  {"Mã hồ sơ", 84, MC_PDF_LEFT},
  {"Tên thủ tục hành chính", 110, MC_PDF_LEFT},
  {"Tên cá nhân, tổ chức; địa chỉ, số điện thoại", 110, MC_PDF_LEFT},
  {"Cơ quan chủ trì giải quyết", 76, MC_PDF_LEFT},
  {"Nhận hồ sơ", 50, MC_PDF_CENTER},
  {"Hẹn trả kết quả", 50, MC_PDF_CENTER},
  {"Chuyển hồ sơ đến cơ quan giải quyết", 52, MC_PDF_CENTER},
  {"Nhận kết quả từ cơ quan giải quyết", 52, MC_PDF_CENTER},
  {"Trả kết quả cho cá nhân, tổ chức", 52, MC_PDF_CENTER},
  {"Ghi chú", 56, MC_PDF_LEFT},
  {"Tra cứu", 44, MC_PDF_CENTER},
};

static const mc_pdf_margins margins = {.top = 36, .right = 40, .bottom = 26, .left = 40, .footer = 18};

typedef struct reg_ctx {
  const char *unit_name;
  const char *range;
  const char *base;        /* public.base_url */
} reg_ctx;

static void footer(mc_pdfw *w, int page, int npages, void *ctx) {
  const reg_ctx *r = ctx;
  float by = w->ybot - 12;
  mc_pdfw_text(w, MC_PDF_OBLIQUE, 8, w->x0, by, mc_arena_printf(w->a, "Sổ theo dõi hồ sơ — %s — %s", r->unit_name, r->range));
  mc_pdfw_text_at(w, MC_PDF_REG, 8, w->x0, w->x1 - w->x0, MC_PDF_RIGHT, by, mc_arena_printf(w->a, "Trang %d/%d", page, npages));
}

static mc_rc may_read(mc_db *db, const mc_principal *who, const mc_unit *u, mc_err *err) {
  if (!who) return MC_OK;
  bool yes = false;
  switch (who->role) {
  case MC_ROLE_ADMIN:
  case MC_ROLE_PROVINCE_LEADER:
    yes = true;
    break;
  case MC_ROLE_CITIZEN:
    break;
  default:
    yes = who->unit_id && who->unit_id == u->id;
    if (!yes && who->role == MC_ROLE_UNIT_LEADER && who->unit_id) {
      mc_rc rc = mc_unit_within(db, u->id, who->unit_id, &yes, err);
      if (rc) return rc;
    }
  }
  if (yes) return MC_OK;
  return mc_fail(err, MC_EFORBIDDEN, "slip.register_forbidden", "code",
                 "Only the staff of %s (or of a unit above it) may print its dossier register.", u->name);
}

/* Two lines for a narrow cell: "15/07/2025\n08:30". */
static const char *when2(mc_arena *a, int64_t t) {
  if (!t) return "";
  const char *s = mc_slip_when_short(a, t);   /* "15/07/2025 08:30" */
  char *c = mc_arena_strdup(a, s);
  char *sp = c ? strchr(c, ' ') : NULL;
  if (sp) *sp = '\n';
  return c ? c : s;
}

static int64_t col_i64(mc_stmt *st, int i) { return mc_col_null(st, i) ? 0 : mc_col_i64(st, i); }

static const char *col_text(mc_arena *a, mc_stmt *st, int i) {
  const char *v = mc_col_null(st, i) ? NULL : mc_col_text(st, i);
  return v ? mc_arena_strdup(a, v) : NULL;
}

/* Columns of slips.register. */
enum { R_CODE, R_PROC, R_NAME, R_ADDRESS, R_PHONE, R_HANDLING, R_RECEIVED, R_DUE, R_APOLOGY, R_SENT, R_BACK,
       R_RETURNED, R_STATUS, R_ENDED, R_ON_TIME };

static const char *remark(mc_arena *a, mc_stmt *st) {
  int status = (int)col_i64(st, R_STATUS);
  const char *s = mc_status_label(status);
  if (col_i64(st, R_ENDED)) s = mc_arena_printf(a, "%s; %s", s, col_i64(st, R_ON_TIME) == 1 ? "đúng hạn" : "quá hạn");
  if (col_i64(st, R_APOLOGY)) s = mc_arena_printf(a, "%s; hẹn lại %s", s, mc_slip_when_short(a, col_i64(st, R_APOLOGY)));
  return s;
}

static void row(mc_pdfw *w, const mc_pdf_table *t, const char *base, mc_stmt *st, int n) {
  mc_arena *a = w->a;
  const char *name = col_text(a, st, R_NAME), *addr = col_text(a, st, R_ADDRESS), *phone = col_text(a, st, R_PHONE);
  const char *who = mc_arena_printf(a, "%s%s%s%s%s", name ? name : "", addr ? "\n" : "", addr ? addr : "",
                                    phone ? "\nĐT: " : "", phone ? phone : "");
  const char *code = col_text(a, st, R_CODE);
  const char *cells[COLS] = {
    mc_arena_printf(a, "%d", n), code, col_text(a, st, R_PROC), who, col_text(a, st, R_HANDLING),
    when2(a, col_i64(st, R_RECEIVED)), when2(a, col_i64(st, R_DUE)), when2(a, col_i64(st, R_SENT)),
    when2(a, col_i64(st, R_BACK)), when2(a, col_i64(st, R_RETURNED)), remark(a, st), ""};
  float top, qr = 40;
  mc_pdfw_table_row(w, t, cells, qr + 4, &top);
  mc_pdfw_qr(w, mc_pdfw_col_x(w, t, COLS - 1) + 2, top - 2, qr, mc_slip_url_with(a, base, code));
}

static mc_rc audit(mc_db *db, const mc_principal *who, const mc_unit *u, int32_t from, int32_t to, int rows,
                   mc_err *err) {
  if (!who) return MC_OK;
  char f[16], t[16];
  mc_date_format(from, f, sizeof f);
  mc_date_format(to, t, sizeof t);
  json_t *detail = json_pack("{s:s, s:s, s:i}", "from", f, "to", t, "rows", rows);
  mc_audit_entry e = {.actor = who, .action = "unit.register", .object_type = "unit", .object_id = u->id,
                      .object_code = u->code, .detail = detail};
  mc_rc rc = mc_audit_append(db, &e, err);
  json_decref(detail);
  return rc;
}

mc_rc mc_slip_register_pdf(mc_db *db, mc_arena *a, const mc_principal *who, const char *unit_code, int32_t from,
                           int32_t to, mc_time at, const void **pdf, size_t *len, mc_err *err) {
  return mc_slip_register_rows(db, a, who, unit_code, from, to, at, MC_SLIP_REGISTER_ROWS_MAX, pdf, len, err);
}

mc_rc mc_slip_register_rows(mc_db *db, mc_arena *a, const mc_principal *who, const char *unit_code, int32_t from,
                            int32_t to, mc_time at, int max_rows, const void **pdf, size_t *len, mc_err *err) {
  mc_unit *u;
  mc_rc rc = mc_unit_get(db, a, unit_code, &u, err);
  if (rc || (rc = may_read(db, who, u, err))) return rc;
  if (to < from)
    return mc_fail(err, MC_EINVAL, "slip.bad_range", "to", "The end of the range is before its start.");
  if (to - from + 1 > MC_SLIP_REGISTER_DAYS_MAX)
    return mc_fail(err, MC_EINVAL, "slip.bad_range", "to", "A register covers at most %d days.",
                   MC_SLIP_REGISTER_DAYS_MAX);
  if (!at) at = mc_now();
  int y0, m0, d0, y1, m1, d1;
  mc_civil_from_days(from, &y0, &m0, &d0);
  mc_civil_from_days(to, &y1, &m1, &d1);
  reg_ctx ctx = {.unit_name = u->name, .base = mc_slip_base_url(db, a),
                 .range = mc_arena_printf(a, "từ ngày %02d/%02d/%04d đến ngày %02d/%02d/%04d", d0, m0, y0, d1, m1, y1)};
  mc_time t0 = mc_local_instant(from, 0), t1 = mc_local_instant(to + 1, 0);
  mc_stmt *st = mc_db_prep(db, "slips.register", err, "iiii", u->id, t0, t1, (int64_t)max_rows + 1);
  if (!st) return err->rc;
  mc_pdfw w;
  if ((rc = mc_pdfw_begin(&w, a, true, &margins, at, mc_arena_printf(a, "Mẫu số 07 — Sổ theo dõi hồ sơ — %s", u->name),
                          err))) {
    while (mc_stmt_next(st, NULL) > 0) {}
    return rc;
  }
  w.footer = footer;
  w.footer_ctx = &ctx;
  mc_slip_header(&w, u->name, true, "Mẫu số 07", at);
  w.y += 6;
  mc_pdfw_line(&w, MC_PDF_BOLD, 14, MC_PDF_CENTER, "SỔ THEO DÕI HỒ SƠ");
  mc_pdfw_line(&w, MC_PDF_OBLIQUE, 10.5f, MC_PDF_CENTER, mc_arena_printf(a, "(Hồ sơ tiếp nhận %s)", ctx.range));
  w.y -= 6;
  mc_pdf_table t = {.cols = cols, .ncols = COLS, .size = 7.5f, .head_size = 7, .pad = 3};
  mc_pdfw_table_head(&w, &t);
  int n = 0, r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    if (++n > max_rows) break;
    row(&w, &t, ctx.base, st, n);
  }
  if (r > 0) while (mc_stmt_next(st, NULL) > 0) {}
  if (r < 0 || n > max_rows) {
    mc_pdfw_free(&w);
    if (r < 0) return err->rc;
    return mc_fail(err, MC_ETOOBIG, "slip.register_too_large", "to",
                   "More than %d dossiers were received in this range; print a shorter one.", max_rows);
  }
  if (n == 0) {
    const char *cells[COLS] = {"", "", "Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này."};
    mc_pdfw_table_row(&w, &t, cells, 0, NULL);
  }
  w.y -= 8;
  mc_pdfw_line(&w, MC_PDF_REG, 9.5f, MC_PDF_LEFT,
               mc_arena_printf(a, "Tổng số: %d hồ sơ. Sổ lập lúc %s.", n, mc_slip_when_short(a, at)));
  if ((rc = mc_pdfw_finish(&w, pdf, len, err))) return rc;
  return audit(db, who, u, from, to, n, err);
}
