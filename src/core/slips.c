/* slips.c — the legal slips of one dossier (slips.h): which forms apply to its
 * history, what each is drawn from (the dossier's detail, the event it
 * records, the procedure), the lookup address of its QR code, and the parts
 * every form shares: the national header, the signature blocks, the footer,
 * Vietnamese dates. The form bodies are in slips_forms.c, the register in
 * slips_register.c, the page writer in slips_pdf.c. */
#include "core/slips_int.h"
#include "core/audit.h"
#include "util/json.h"
#include "util/log.h"
#include "util/str.h"
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

static const char *const titles[MC_SLIP_COUNT] = {
  [MC_SLIP_RECEIPT] = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
  [MC_SLIP_SUPPLEMENT] = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
  [MC_SLIP_REFUSAL] = "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
  [MC_SLIP_APOLOGY] = "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
  [MC_SLIP_STOP] = "Phiếu dừng xử lý hồ sơ",
  [MC_SLIP_CONTROL] = "Phiếu kiểm soát quá trình giải quyết hồ sơ",
  [MC_SLIP_REGISTER] = "Sổ theo dõi hồ sơ",
};

/* The event each form records (06 records the whole history). */
static const char *const event_of[MC_SLIP_COUNT] = {
  [MC_SLIP_RECEIPT] = "receive", [MC_SLIP_SUPPLEMENT] = "request_supplement", [MC_SLIP_REFUSAL] = "refuse",
  [MC_SLIP_APOLOGY] = "apology", [MC_SLIP_STOP] = "stop", [MC_SLIP_CONTROL] = "receive",
};

/* What 409 says when the history has no such event. */
static const char *const not_applicable[MC_SLIP_COUNT] = {
  [MC_SLIP_RECEIPT] = "Form 01 (receipt and appointment) is made when the dossier is received; this one was not.",
  [MC_SLIP_SUPPLEMENT] = "Form 02 (request to supplement) is made when a supplement is requested; none was.",
  [MC_SLIP_REFUSAL] = "Form 03 (refusal of reception) applies only to a dossier refused at reception.",
  [MC_SLIP_APOLOGY] = "Form 04 (apology and new return date) applies only after an apology letter was issued.",
  [MC_SLIP_STOP] = "Form 05 (notice of stopping) applies only to a dossier whose processing was stopped.",
  [MC_SLIP_CONTROL] = "Form 06 (processing control sheet) starts when the dossier is received; this one was not.",
};

bool mc_slip_parse(const char *s, mc_slip_form *out) {
  if (!s || s[0] != '0' || s[1] < '1' || s[1] > '7') return false;
  if (s[2] && strcmp(s + 2, ".pdf") != 0) return false;
  *out = (mc_slip_form)(s[1] - '0');
  return true;
}

const char *mc_slip_title(mc_slip_form f) { return f > 0 && f < MC_SLIP_COUNT ? titles[f] : ""; }

/* ---- the lookup address ------------------------------------------------------------- */

/* The setting, when it is an http(s) address of printable ASCII; else the default. */
static void base_url(mc_db *db, char *out, size_t n) {
  mc_strlcpy(out, MC_SLIP_BASE_URL_DEFAULT, n);
  mc_err e = {0};
  char val[MC_SLIP_BASE_URL_MAX + 2] = "";
  mc_stmt *st = mc_db_prep(db, "meta.setting_get", &e, "s", "public.base_url");
  if (st && mc_stmt_next(st, &e) > 0) {
    const char *v = mc_col_text(st, 0);
    if (v) mc_strlcpy(val, v, sizeof val);    /* one byte more than allowed: too long is seen below */
    while (mc_stmt_next(st, &e) > 0) {}
  }
  mc_err_clear(&e);
  size_t len = strlen(val);
  if (len == 0) return;
  while (len > 0 && val[len - 1] == '/') val[--len] = 0;
  bool ok = len <= MC_SLIP_BASE_URL_MAX &&
            ((strncmp(val, "http://", 7) == 0 && len > 7) || (strncmp(val, "https://", 8) == 0 && len > 8));
  for (size_t i = 0; ok && i < len; i++) ok = val[i] > 0x20 && val[i] < 0x7f && val[i] != '"';
  if (ok) mc_strlcpy(out, val, n);
  else mc_log(MC_LOG_WARN, "slip: the setting public.base_url is not an http(s) address of at most %d characters; "
              "using %s", MC_SLIP_BASE_URL_MAX, out);
}

const char *mc_slip_base_url(mc_db *db, mc_arena *a) {
  char base[MC_SLIP_BASE_URL_MAX + 1];
  base_url(db, base, sizeof base);
  return mc_arena_strdup(a, base);
}

const char *mc_slip_url_with(mc_arena *a, const char *base, const char *code) {
  char enc[3 * MC_DOSSIER_CODE_MAX + 1];
  size_t k = 0;
  for (const unsigned char *p = (const unsigned char *)(code ? code : ""); *p && k + 4 < sizeof enc; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
      enc[k++] = (char)*p;
    else
      k += (size_t)snprintf(enc + k, sizeof enc - k, "%%%02X", *p);
  }
  enc[k] = 0;
  return mc_arena_printf(a, "%s/tra-cuu?code=%s", base ? base : MC_SLIP_BASE_URL_DEFAULT, enc);
}

const char *mc_slip_lookup_url(mc_db *db, mc_arena *a, const char *code) {
  return mc_slip_url_with(a, mc_slip_base_url(db, a), code);
}

/* ---- words and dates -------------------------------------------------------------- */

const char *mc_slip_when_long(mc_arena *a, mc_time t) {
  if (!t) return "…";
  int y, m, d, s = mc_local_sec_of_day(t);
  mc_civil_from_days(mc_local_day(t), &y, &m, &d);
  return mc_arena_printf(a, "%02d giờ %02d phút, ngày %02d tháng %02d năm %04d", s / 3600, s / 60 % 60, d, m, y);
}

const char *mc_slip_when_short(mc_arena *a, mc_time t) {
  if (!t) return "";
  int y, m, d, s = mc_local_sec_of_day(t);
  mc_civil_from_days(mc_local_day(t), &y, &m, &d);
  return mc_arena_printf(a, "%02d/%02d/%04d %02d:%02d", d, m, y, s / 3600, s / 60 % 60);
}

const char *mc_slip_date_line(mc_arena *a, mc_time t) {
  if (!t) return "Ngày … tháng … năm …";
  int y, m, d;
  mc_civil_from_days(mc_local_day(t), &y, &m, &d);
  return mc_arena_printf(a, "Ngày %02d tháng %02d năm %04d", d, m, y);
}

const char *mc_slip_upper(mc_arena *a, const char *s) {
  if (!s) return "";
  size_t n = strlen(s);
  char *out = mc_arena_alloc(a, n * 2 + 1);   /* upper case never needs more than twice the bytes here */
  if (!out) return s;
  size_t o = 0;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  while (*p) {
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
    if (k <= 0) return s;
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(c), buf);
    if (o + (size_t)m > n * 2) return s;
    memcpy(out + o, buf, (size_t)m);
    o += (size_t)m;
    p += k;
  }
  out[o] = 0;
  return out;
}

/* ---- parts every form shares ------------------------------------------------------- */

const mc_pdf_margins mc_slip_margins = {.top = 50, .right = 48, .bottom = 34, .left = 78, .footer = 82};

/* A centred block of wrapped lines in [x, x + width] from top; returns its bottom. */
static float block(mc_pdfw *w, int style, float size, float x, float width, float top, const char *s) {
  const char **lines;
  int n = mc_pdfw_wrap(w, style, size, s, width, &lines);
  for (int i = 0; i < n; i++) {
    top -= size * 1.3f;
    mc_pdfw_text_at(w, style, size, x, width, MC_PDF_CENTER, top + size * 0.25f, lines[i]);
  }
  return top;
}

/* The largest size ≤ size (down to 8) at which s fits width. */
static float fit(mc_pdfw *w, int style, float size, float width, const char *s) {
  while (size > 8 && mc_pdfw_width(w, style, size, s) > width) size -= 0.25f;
  return size;
}

void mc_slip_header(mc_pdfw *w, const char *unit_name, bool desk, const char *form_no, mc_time dated) {
  mc_arena *a = w->a;
  float size = 10.5f, top = w->y;
  if (form_no) mc_pdfw_text_at(w, MC_PDF_BOLD, 9.5f, w->x0, w->x1 - w->x0, MC_PDF_RIGHT, top - 2, form_no);
  top -= 16;
  float full = w->x1 - w->x0;
  float lw = full * 0.44f, rx = w->x0 + full * 0.44f, rw = full * 0.56f;
  /* Left: the issuing body. */
  float ly = block(w, desk ? MC_PDF_REG : MC_PDF_BOLD, size, w->x0, lw, top, mc_slip_upper(a, unit_name));
  const char *desk_name = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ";
  if (desk) ly = block(w, MC_PDF_BOLD, fit(w, MC_PDF_BOLD, size, lw, desk_name), w->x0, lw, ly, desk_name);
  mc_pdfw_rule(w, w->x0 + lw / 2 - 30, ly - 3, w->x0 + lw / 2 + 30, ly - 3, 0.6f);
  /* Right: the national motto. */
  const char *nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", *motto = "Độc lập - Tự do - Hạnh phúc";
  float ns = fit(w, MC_PDF_BOLD, size, rw, nation);
  float ry = block(w, MC_PDF_BOLD, ns, rx, rw, top, nation);
  ry = block(w, MC_PDF_BOLD, size + 0.5f, rx, rw, ry, motto);
  float mw = mc_pdfw_width(w, MC_PDF_BOLD, size + 0.5f, motto);
  mc_pdfw_rule(w, rx + (rw - mw) / 2, ry - 3, rx + (rw + mw) / 2, ry - 3, 0.6f);
  ry -= 8;
  ry = block(w, MC_PDF_OBLIQUE, size, rx, rw, ry, mc_slip_date_line(a, dated));
  w->y = (ly < ry ? ly : ry) - 18;
}

static float sign_height(void) { return 12 * 1.3f * 2 + 64 + 14; }

static void sign_one(mc_pdfw *w, const mc_slip_sign *s, float x, float width, float top) {
  float y = block(w, MC_PDF_BOLD, 11, x, width, top, s->title);
  if (s->note) y = block(w, MC_PDF_OBLIQUE, 10, x, width, y, s->note);
  if (s->name && *s->name) block(w, MC_PDF_BOLD, 11, x, width, y - 62, s->name);
}

void mc_slip_signatures(mc_pdfw *w, const mc_slip_sign *left, const mc_slip_sign *right) {
  w->y -= 10;
  mc_pdfw_need(w, sign_height());
  float full = w->x1 - w->x0, half = full / 2;
  if (left) sign_one(w, left, w->x0, half, w->y);
  if (right) sign_one(w, right, w->x0 + half, half, w->y);
  w->y -= sign_height();
}

/* The footer of a dossier's slip: QR code, code, lookup address, page number. */
static void footer(mc_pdfw *w, int page, int npages, void *ctx) {
  const mc_slip_ctx *x = ctx;
  float qr = 64, top = w->ybot - 10, x0 = w->x0;
  mc_pdfw_rule(w, x0, w->ybot - 4, w->x1, w->ybot - 4, 0.4f);
  mc_pdfw_qr(w, x0 - 6, top + 2, qr, x->url);   /* the QR's white border lines up with the margin */
  float tx = x0 + qr + 2, by = top - 14;
  mc_pdfw_text(w, MC_PDF_BOLD, 9.5f, tx, by, mc_arena_printf(w->a, "Mã hồ sơ: %s", x->d->code));
  mc_pdfw_text(w, MC_PDF_REG, 8.5f, tx, by - 13, "Tra cứu tình trạng hồ sơ: quét mã QR hoặc truy cập");
  mc_pdfw_text(w, MC_PDF_REG, 8.5f, tx, by - 25, x->url);
  mc_pdfw_text_at(w, MC_PDF_REG, 8.5f, x0, w->x1 - x0, MC_PDF_RIGHT, by,
                  mc_arena_printf(w->a, "Trang %d/%d", page, npages));
}

/* ---- the history ----------------------------------------------------------------------- */

const char *mc_slip_event_str(const json_t *ev, const char *key) {
  const char *v = json_string_value(json_object_get(json_object_get(ev, "data"), key));
  if (!v) v = json_string_value(json_object_get(ev, key));
  return v && *v ? v : NULL;
}

mc_time mc_slip_event_time(const json_t *ev, const char *key) {
  mc_time t = 0;
  const char *v = mc_slip_event_str(ev, key);
  return v && mc_time_parse(v, &t) ? t : 0;
}

/* The last event of the action, or NULL. */
static json_t *last_event(const json_t *detail, const char *action) {
  json_t *evs = json_object_get(detail, "events");
  for (size_t i = json_array_size(evs); i-- > 0;) {
    json_t *e = json_array_get(evs, i);
    if (mc_str_eq(json_string_value(json_object_get(e, "action")), action)) return e;
  }
  return NULL;
}

static mc_rc load_detail(mc_db *db, mc_arena *a, const mc_dossier *d, json_t **out, mc_err *err) {
  json_t *j;
  mc_rc rc = mc_dossier_detail(db, a, NULL, d, false, &j, err);   /* the reader's trace is "dossier.slip" */
  if (rc) return rc;
  *out = mc_json_keep(a, j);
  return MC_OK;
}

static unsigned mask_of(const json_t *detail) {
  unsigned m = 0;
  for (int f = MC_SLIP_RECEIPT; f <= MC_SLIP_CONTROL; f++)
    if (last_event(detail, event_of[f])) m |= 1u << f;
  return m;
}

mc_rc mc_slips_applicable(mc_db *db, mc_arena *a, const mc_dossier *d, unsigned *mask, mc_err *err) {
  json_t *detail;
  mc_rc rc = load_detail(db, a, d, &detail, err);
  if (rc) return rc;
  *mask = mask_of(detail);
  return MC_OK;
}

/* The date a slip bears: its event's, or for 06 the dossier's last change. */
static mc_time dated(const mc_slip_ctx *x) {
  if (x->form != MC_SLIP_CONTROL) return mc_slip_event_time(x->event, "at");
  json_t *evs = json_object_get(x->detail, "events");
  return mc_slip_event_time(json_array_get(evs, json_array_size(evs) - 1), "at");
}

static mc_rc audit(mc_db *db, const mc_principal *who, const mc_dossier *d, mc_slip_form form, mc_err *err) {
  if (!who || who->role == MC_ROLE_CITIZEN) return MC_OK;   /* staff reading a citizen's dossier leave a trace */
  char no[4];
  snprintf(no, sizeof no, "%02d", (int)form);
  json_t *detail = json_pack("{s:s}", "slip", no);
  mc_audit_entry e = {.actor = who, .action = "dossier.slip", .object_type = "dossier", .object_id = d->id,
                      .object_code = d->code, .owner_id = d->owner_user_id, .detail = detail};
  mc_rc rc = mc_audit_append(db, &e, err);
  json_decref(detail);
  return rc;
}

mc_rc mc_slip_pdf(mc_db *db, mc_arena *a, const mc_principal *who, const mc_dossier *d, mc_slip_form form,
                  const void **pdf, size_t *len, mc_err *err) {
  if (form < MC_SLIP_RECEIPT || form > MC_SLIP_CONTROL)
    return mc_fail(err, MC_ENOTFOUND, "slip.unknown", "slip",
                   form == MC_SLIP_REGISTER ? "Form 07 (the dossier register) is printed for a unit, not a dossier."
                                            : "There is no such slip; the forms of a dossier are 01 to 06.");
  mc_slip_ctx x = {.db = db, .a = a, .d = d, .form = form};
  json_t *detail;
  mc_rc rc = load_detail(db, a, d, &detail, err);
  if (rc) return rc;
  x.detail = detail;
  x.event = last_event(detail, event_of[form]);
  if (!x.event) return mc_fail(err, MC_ECONFLICT, "slip.not_applicable", "slip", "%s", not_applicable[form]);
  mc_procedure *p;
  if ((rc = mc_procedure_get_id(db, a, d->procedure_id, &p, err))) return rc;
  x.proc = p;
  x.url = mc_slip_lookup_url(db, a, d->code);
  x.dated = dated(&x);
  if ((rc = mc_calendar_get(db, &x.cal, err))) return rc;
  mc_pdfw w;
  const char *title = mc_arena_printf(a, "Mẫu số %02d — %s — %s", (int)form, mc_slip_title(form), d->code);
  rc = mc_pdfw_begin(&w, a, false, &mc_slip_margins, x.dated, title, err);
  if (!rc) {
    w.footer = footer;
    w.footer_ctx = &x;
    mc_slip_draw(&w, &x);
    rc = mc_pdfw_finish(&w, pdf, len, err);
  }
  mc_calendar_put(x.cal);
  if (rc) return rc;
  return audit(db, who, d, form, err);
}
