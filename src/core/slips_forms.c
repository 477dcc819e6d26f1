/* slips_forms.c — the bodies of forms 01–06 (slips.h), worded after the
 * circular's forms and the web front end's printable slips (web/js/pages/
 * slip.js): who applied, for what, when it was received and is due, and what
 * the slip's event says (the reason of a supplement request, a refusal, an
 * apology or a stop), then the signatures. Form 06 is the processing control
 * sheet: every step, who held it, from when to when, against its deadline. */
#include "core/slips_int.h"
#include "util/str.h"
#include <string.h>

static const float BODY = 11.5f;      /* body text size */

static const char *channel_label(int c) {
  switch (c) {
  case 1: return "Trực tiếp tại Bộ phận tiếp nhận và trả kết quả";
  case 2: return "Trực tuyến";
  case 3: return "Qua dịch vụ bưu chính công ích";
  default: return "";
  }
}

static const char *role_label(const char *role) {
  if (mc_str_eq(role, "officer")) return "Cán bộ Một cửa";
  if (mc_str_eq(role, "specialist")) return "Chuyên viên";
  if (mc_str_eq(role, "unit_leader")) return "Lãnh đạo đơn vị";
  return role ? role : "";
}

static const char *outcome_label(const char *o) {
  static const char *const map[][2] = {
    {"receive", "Đã tiếp nhận"}, {"forward", "Đã chuyển bước tiếp"}, {"send_back", "Trả lại bước trước"},
    {"transfer", "Chuyển đơn vị khác"}, {"refuse", "Từ chối tiếp nhận"}, {"stop", "Dừng xử lý"},
    {"withdraw", "Công dân rút hồ sơ"}, {"return_result", "Đã trả kết quả"},
  };
  for (size_t i = 0; o && i < sizeof map / sizeof *map; i++)
    if (strcmp(map[i][0], o) == 0) return map[i][1];
  return "";
}

static bool business(const mc_dossier *d) { return mc_str_eq(d->applicant.kind, "business"); }

static void title(mc_pdfw *w, const mc_slip_ctx *x) {
  w->y -= 6;
  mc_pdfw_line(w, MC_PDF_BOLD, 14, MC_PDF_CENTER, mc_slip_upper(w->a, mc_slip_title(x->form)));
  mc_pdf_run r[2] = {{"Mã hồ sơ: ", MC_PDF_REG}, {x->d->code, MC_PDF_BOLD}};
  mc_pdfw_para(w, r, 2, BODY, MC_PDF_CENTER, 0, 0);
  w->y -= 10;
}

static void gap(mc_pdfw *w, float h) { w->y -= h; }

/* The applicant's lines: name, identification, address, contacts. */
static void applicant(mc_pdfw *w, const mc_dossier *d, const char *name_label) {
  const mc_applicant *ap = &d->applicant;
  mc_pdfw_field(w, BODY, name_label, ap->name);
  if (ap->id_number) mc_pdfw_field(w, BODY, business(d) ? "Mã số thuế" : "Số định danh cá nhân", ap->id_number);
  if (ap->address) mc_pdfw_field(w, BODY, "Địa chỉ", ap->address);
  if (ap->phone && ap->email)
    mc_pdfw_field(w, BODY, "Số điện thoại", mc_arena_printf(w->a, "%s — Thư điện tử: %s", ap->phone, ap->email));
  else if (ap->phone) mc_pdfw_field(w, BODY, "Số điện thoại", ap->phone);
  else if (ap->email) mc_pdfw_field(w, BODY, "Thư điện tử", ap->email);
}

static const char *who_label(const mc_dossier *d) { return business(d) ? "Tổ chức" : "Ông/Bà"; }

static const char *request(const mc_slip_ctx *x) {
  return mc_arena_printf(x->a, "%s (mã thủ tục %s)", x->d->procedure_name, x->d->procedure_code);
}

static void text(mc_pdfw *w, const char *s) {
  mc_pdf_run r = {s, MC_PDF_REG};
  mc_pdfw_para(w, &r, 1, BODY, MC_PDF_JUSTIFY, 0, 0);
}

/* A quoted reason: indented, in bold. */
static void reason(mc_pdfw *w, const char *s) {
  mc_pdf_run r = {s ? s : "…", MC_PDF_BOLD};
  mc_pdfw_para(w, &r, 1, BODY, MC_PDF_JUSTIFY, 24, 24);
}

static void note(mc_pdfw *w, const json_t *ev) {
  const char *n = json_string_value(json_object_get(ev, "note"));
  if (n && *n) mc_pdfw_field(w, BODY, "Ghi chú", n);
}

static const char *actor(const json_t *ev) {
  const char *n = json_string_value(json_object_get(ev, "actor_name"));
  return n && *n ? n : NULL;
}

/* The head of the agency signs 04 and 05: the actor's name when a leader acted. */
static const char *head_name(const json_t *ev) {
  return mc_str_eq(json_string_value(json_object_get(ev, "actor_role")), "unit_leader") ? actor(ev) : NULL;
}

/* ---- 01 ---------------------------------------------------------------------------- */

static const char *handed_in(const mc_slip_ctx *x, const char *component) {
  size_t i;
  json_t *o;
  const char *found = NULL;
  json_array_foreach(json_object_get(x->detail, "attachments"), i, o) {
    if (!mc_str_eq(json_string_value(json_object_get(o, "kind")), "component") ||
        !mc_str_eq(json_string_value(json_object_get(o, "component")), component))
      continue;
    found = json_is_true(json_object_get(o, "reused")) ? "Có (kho dữ liệu)" : "Có";
  }
  return found ? found : "—";
}

static void receipt(mc_pdfw *w, const mc_slip_ctx *x) {
  const mc_dossier *d = x->d;
  text(w, mc_arena_printf(w->a, "Bộ phận tiếp nhận và trả kết quả — %s tiếp nhận hồ sơ của:", d->receiving_unit_name));
  applicant(w, d, who_label(d));
  mc_pdfw_field(w, BODY, "Nội dung yêu cầu giải quyết", request(x));
  mc_pdfw_field(w, BODY, "Hình thức nộp", channel_label(d->channel));
  gap(w, 4);
  mc_pdfw_line(w, MC_PDF_REG, BODY, MC_PDF_LEFT, "1. Thành phần hồ sơ nộp gồm:");
  static const mc_pdf_col cols[] = {
    {"STT", 30, MC_PDF_CENTER}, {"Tên giấy tờ", 279, MC_PDF_LEFT}, {"Bắt buộc", 70, MC_PDF_CENTER},
    {"Đã nộp", 90, MC_PDF_CENTER}};
  mc_pdf_table t = {.cols = cols, .ncols = 4, .size = 10, .head_size = 10, .pad = 4};
  gap(w, 2);
  mc_pdfw_table_head(w, &t);
  for (int i = 0; i < x->proc->ncomponents; i++) {
    const mc_component *c = &x->proc->components[i];
    const char *cells[4] = {mc_arena_printf(w->a, "%d", i + 1), c->name, c->required ? "Có" : "Không",
                            handed_in(x, c->code)};
    mc_pdfw_table_row(w, &t, cells, 0, NULL);
  }
  if (x->proc->ncomponents == 0) {
    const char *cells[4] = {"", "Thủ tục không quy định thành phần hồ sơ", "", ""};
    mc_pdfw_table_row(w, &t, cells, 0, NULL);
  }
  gap(w, 6);
  mc_pdfw_field(w, BODY, "2. Số lượng hồ sơ", "01 (bộ)");
  mc_pdfw_field(w, BODY, "3. Thời gian giải quyết hồ sơ theo quy định", mc_procedure_time_label(w->a, x->proc));
  mc_pdfw_field(w, BODY, "4. Thời gian nhận hồ sơ", mc_slip_when_long(w->a, d->received_at));
  mc_pdfw_field(w, BODY, "5. Thời gian trả kết quả giải quyết hồ sơ", mc_slip_when_long(w->a, d->due_at));
  mc_pdfw_field(w, BODY, "6. Nơi nhận kết quả",
                mc_arena_printf(w->a, "Bộ phận tiếp nhận và trả kết quả — %s", d->receiving_unit_name));
  note(w, x->event);
  mc_slip_sign left = {"NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", d->applicant.name};
  mc_slip_sign right = {"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", actor(x->event)};
  mc_slip_signatures(w, &left, &right);
}

/* ---- 02, 03 ---------------------------------------------------------------------------- */

static void supplement(mc_pdfw *w, const mc_slip_ctx *x) {
  const mc_dossier *d = x->d;
  applicant(w, d, "Hồ sơ của");
  mc_pdfw_field(w, BODY, "Nội dung yêu cầu giải quyết", request(x));
  mc_pdfw_field(w, BODY, "Ngày nộp hồ sơ", mc_slip_when_short(w->a, d->submitted_at));
  bool after = !mc_str_eq(json_string_value(json_object_get(x->event, "from_state")), "submitted");
  if (after && d->received_at) mc_pdfw_field(w, BODY, "Ngày tiếp nhận hồ sơ", mc_slip_when_short(w->a, d->received_at));
  gap(w, 4);
  text(w, "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:");
  reason(w, mc_slip_event_str(x->event, "reason"));
  note(w, x->event);
  if (after) {
    json_t *n = json_object_get(json_object_get(x->event, "data"), "supplements");
    text(w, mc_arena_printf(w->a, "Thời gian giải quyết hồ sơ tạm dừng từ %s cho đến khi hồ sơ được bổ sung đầy đủ"
                                  " (yêu cầu bổ sung lần thứ %lld).",
                            mc_slip_when_short(w->a, x->dated), json_is_integer(n) ? (long long)json_integer_value(n) : 1LL));
  }
  text(w, mc_arena_printf(w->a, "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, %s liên hệ Bộ phận tiếp nhận và "
                                "trả kết quả — %s để được hướng dẫn.", who_label(d), d->receiving_unit_name));
  text(w, mc_arena_printf(w->a, "Xin trân trọng cảm ơn %s./.", who_label(d)));
  mc_slip_sign right = {"NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", actor(x->event)};
  mc_slip_signatures(w, NULL, &right);
}

static void refusal(mc_pdfw *w, const mc_slip_ctx *x) {
  const mc_dossier *d = x->d;
  text(w, mc_arena_printf(w->a, "Bộ phận tiếp nhận và trả kết quả — %s tiếp nhận hồ sơ của:", d->receiving_unit_name));
  applicant(w, d, who_label(d));
  mc_pdfw_field(w, BODY, "Nội dung yêu cầu giải quyết", request(x));
  mc_pdfw_field(w, BODY, "Ngày nộp hồ sơ", mc_slip_when_short(w->a, d->submitted_at));
  mc_pdfw_field(w, BODY, "Hình thức nộp", channel_label(d->channel));
  gap(w, 4);
  text(w, "Qua xem xét, cơ quan, tổ chức từ chối tiếp nhận, giải quyết hồ sơ này với lý do sau:");
  reason(w, mc_slip_event_str(x->event, "reason"));
  note(w, x->event);
  text(w, mc_arena_printf(w->a, "Xin thông báo để %s được biết và thực hiện./.", who_label(d)));
  mc_slip_sign right = {"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", actor(x->event)};
  mc_slip_signatures(w, NULL, &right);
}

/* ---- 04, 05 ------------------------------------------------------------------------------ */

static void dear(mc_pdfw *w, const mc_dossier *d) {
  mc_pdf_run r[2] = {{"Kính gửi: ", MC_PDF_REG}, {d->applicant.name, MC_PDF_BOLD}};
  mc_pdfw_para(w, r, 2, BODY, MC_PDF_CENTER, 0, 0);
  gap(w, 4);
}

static void apology(mc_pdfw *w, const mc_slip_ctx *x) {
  const mc_dossier *d = x->d;
  const char *unit = d->handling_unit_name;
  mc_time due = mc_slip_event_time(x->event, "due_at"), new_due = mc_slip_event_time(x->event, "new_due");
  if (!due) due = d->due_at;
  if (!new_due) new_due = d->apology_due_at;
  dear(w, d);
  const char *day = mc_slip_date_line(w->a, d->received_at);
  text(w, mc_arena_printf(w->a, "%s, %s tiếp nhận giải quyết hồ sơ của %s:", day, unit, who_label(d)));
  mc_pdfw_field(w, BODY, "Nội dung yêu cầu giải quyết", request(x));
  mc_pdfw_field(w, BODY, "Thời hạn trả kết quả giải quyết hồ sơ", mc_slip_when_long(w->a, due));
  gap(w, 4);
  text(w, mc_arena_printf(w->a, "Tuy nhiên đến nay, %s chưa trả kết quả giải quyết hồ sơ của %s. Lý do:", unit,
                          who_label(d)));
  reason(w, mc_slip_event_str(x->event, "reason"));
  note(w, x->event);
  mc_pdf_run r[3] = {
    {mc_arena_printf(w->a, "Sự chậm trễ này đã gây phiền hà cho %s. %s xin lỗi %s và hẹn trả kết quả giải quyết "
                           "hồ sơ vào ", who_label(d), unit, who_label(d)), MC_PDF_REG},
    {mc_slip_when_long(w->a, new_due), MC_PDF_BOLD}, {".", MC_PDF_REG}};
  mc_pdfw_para(w, r, 3, BODY, MC_PDF_JUSTIFY, 0, 0);
  text(w, "Xin trân trọng cảm ơn./.");
  mc_slip_sign right = {"THỦ TRƯỞNG CƠ QUAN", "(Ký tên, đóng dấu)", head_name(x->event)};
  mc_slip_signatures(w, NULL, &right);
}

static void stop(mc_pdfw *w, const mc_slip_ctx *x) {
  const mc_dossier *d = x->d;
  dear(w, d);
  text(w, mc_arena_printf(w->a, "%s thông báo dừng xử lý hồ sơ của %s:", d->handling_unit_name, who_label(d)));
  mc_pdfw_field(w, BODY, "Nội dung yêu cầu giải quyết", request(x));
  mc_pdfw_field(w, BODY, "Thời gian nhận hồ sơ", mc_slip_when_long(w->a, d->received_at));
  mc_pdfw_field(w, BODY, "Thời gian hẹn trả kết quả", mc_slip_when_long(w->a, d->due_at));
  mc_pdfw_field(w, BODY, "Thời điểm dừng xử lý", mc_slip_when_long(w->a, x->dated));
  gap(w, 4);
  text(w, "Lý do dừng xử lý:");
  reason(w, mc_slip_event_str(x->event, "reason"));
  note(w, x->event);
  text(w, mc_arena_printf(w->a, "Xin thông báo để %s được biết./.", who_label(d)));
  mc_slip_sign right = {"THỦ TRƯỞNG CƠ QUAN", "(Ký tên, đóng dấu)", head_name(x->event)};
  mc_slip_signatures(w, NULL, &right);
}

/* ---- 06 ------------------------------------------------------------------------------------- */

static mc_time step_time(const json_t *s, const char *key) {
  mc_time t = 0;
  const char *v = json_string_value(json_object_get(s, key));
  return v && mc_time_parse(v, &t) ? t : 0;
}

/* Working seconds as "1 ngày 3 giờ" (days of the standard sessions), frozen
 * values printed as they were frozen. */
static const char *span(mc_arena *a, int64_t seconds) {
  int64_t day = mc_cal_day_length(&mc_default_sessions);
  if (day <= 0) day = 8 * 3600;
  int64_t dd = seconds / day, hh = seconds % day / 3600, mm = seconds % 3600 / 60;
  if (dd && hh) return mc_arena_printf(a, "%lld ngày %lld giờ", (long long)dd, (long long)hh);
  if (dd) return mc_arena_printf(a, "%lld ngày", (long long)dd);
  if (hh) return mc_arena_printf(a, "%lld giờ", (long long)hh);
  return mc_arena_printf(a, "%lld phút", (long long)mm);
}

/* "Đúng hạn", "Quá hạn 1 ngày 3 giờ", "Đang xử lý" … and what the step ended with. */
static const char *verdict(const mc_slip_ctx *x, const json_t *s) {
  mc_time end = step_time(s, "ended_at"), due = step_time(s, "due_at");
  const char *out = json_string_value(json_object_get(s, "outcome"));
  if (!end) return x->d->paused_since ? "Tạm dừng chờ bổ sung" : "Đang xử lý";
  const char *v;
  json_t *ot = json_object_get(s, "on_time");
  if (json_is_true(ot)) v = "Đúng hạn";
  else if (json_is_false(ot) && due) {
    mc_time_left t;
    mc_time_left_until(x->cal, due, end, 0, &t);
    v = mc_arena_printf(x->a, "Q%s", t.text_vi + 1);   /* "quá hạn …" → "Quá hạn …" */
  } else v = "";
  const char *o = outcome_label(out);
  if (!*v) return *o ? o : "Đã xong";
  return *o ? mc_arena_printf(x->a, "%s\n%s", v, o) : v;
}

static void control(mc_pdfw *w, const mc_slip_ctx *x) {
  const mc_dossier *d = x->d;
  mc_pdfw_line(w, MC_PDF_OBLIQUE, BODY - 1, MC_PDF_CENTER,
               mc_arena_printf(w->a, "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, mã hồ sơ %s)", d->code));
  gap(w, 4);
  mc_pdfw_field(w, BODY, "Người nộp hồ sơ", d->applicant.name);
  mc_pdfw_field(w, BODY, "Nội dung yêu cầu giải quyết", request(x));
  mc_pdfw_field(w, BODY, "Cơ quan (bộ phận) giải quyết hồ sơ", d->handling_unit_name);
  mc_pdfw_field(w, BODY, "Thời gian nhận hồ sơ", mc_slip_when_short(w->a, d->received_at));
  const char *due = mc_slip_when_short(w->a, d->due_at);
  if (d->apology_due_at)
    due = mc_arena_printf(w->a, "%s (hẹn lại: %s)", due, mc_slip_when_short(w->a, d->apology_due_at));
  mc_pdfw_field(w, BODY, "Thời gian hẹn trả kết quả", due);
  if (d->supplements)
    mc_pdfw_field(w, BODY, "Số lần yêu cầu bổ sung hồ sơ", mc_arena_printf(w->a, "%d", d->supplements));
  gap(w, 6);
  static const mc_pdf_col cols[] = {
    {"STT", 26, MC_PDF_CENTER}, {"Bước xử lý", 86, MC_PDF_LEFT}, {"Đơn vị, người xử lý", 105, MC_PDF_LEFT},
    {"Nhận lúc", 60, MC_PDF_CENTER}, {"Hạn xử lý", 60, MC_PDF_CENTER}, {"Hoàn thành", 60, MC_PDF_CENTER},
    {"Kết quả", 72, MC_PDF_CENTER}};
  mc_pdf_table t = {.cols = cols, .ncols = 7, .size = 9, .head_size = 9, .pad = 3.5f};
  mc_pdfw_table_head(w, &t);
  size_t i;
  json_t *s;
  json_array_foreach(json_object_get(x->detail, "steps"), i, s) {
    const char *who = json_string_value(json_object_get(s, "actor_name"));
    const char *unit = json_string_value(json_object_get(s, "unit_name"));
    const char *role = role_label(json_string_value(json_object_get(s, "role")));
    const char *cells[7] = {
      mc_arena_printf(w->a, "%zu", i + 1), json_string_value(json_object_get(s, "step_name")),
      mc_arena_printf(w->a, "%s\n%s", unit ? unit : "", who && *who ? who : role),
      mc_slip_when_short(w->a, step_time(s, "started_at")), mc_slip_when_short(w->a, step_time(s, "due_at")),
      mc_slip_when_short(w->a, step_time(s, "ended_at")), verdict(x, s)};
    mc_pdfw_table_row(w, &t, cells, 0, NULL);
  }
  gap(w, 8);
  const char *end;
  if (d->ended_at) {
    const char *v = "đúng hạn";
    if (d->on_time != 1 && d->late_seconds > 0) v = mc_arena_printf(w->a, "quá hạn %s", span(w->a, d->late_seconds));
    else if (d->on_time != 1) v = "quá hạn (yêu cầu bổ sung hồ sơ từ 2 lần trở lên)";
    end = mc_arena_printf(w->a, "%s lúc %s — %s", mc_status_label(d->end_status),
                          mc_slip_when_short(w->a, d->ended_at), v);
  } else {
    end = mc_arena_printf(w->a, "Đang giải quyết (%s)", mc_status_label(mc_dstate_status(d->state)));
  }
  mc_pdfw_field(w, BODY, "Kết quả giải quyết hồ sơ", end);
}

void mc_slip_draw(mc_pdfw *w, const mc_slip_ctx *x) {
  bool desk = x->form != MC_SLIP_APOLOGY && x->form != MC_SLIP_STOP;
  const char *unit = desk ? x->d->receiving_unit_name : x->d->handling_unit_name;
  mc_slip_header(w, unit, desk, mc_arena_printf(w->a, "Mẫu số %02d", (int)x->form), x->dated);
  title(w, x);
  switch (x->form) {
  case MC_SLIP_RECEIPT: receipt(w, x); break;
  case MC_SLIP_SUPPLEMENT: supplement(w, x); break;
  case MC_SLIP_REFUSAL: refusal(w, x); break;
  case MC_SLIP_APOLOGY: apology(w, x); break;
  case MC_SLIP_STOP: stop(w, x); break;
  case MC_SLIP_CONTROL: control(w, x); break;
  default: break;
  }
}
