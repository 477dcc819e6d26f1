/* simulate_form.c — e-form data for simulated dossiers: each field of a
 * procedure's form (eform.h) gets a value that passes its rules: the
 * applicant's own details where the field asks for them (by its name), other
 * people's or businesses' where it names someone else, and for texts with a
 * pattern a value from the first generator whose sample the pattern accepts.
 * Required fields are always filled, optional ones about two times in three. */
#include "core/simulate_int.h"
#include "util/str.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SIM_F_TEXT, SIM_F_TEXTAREA, SIM_F_DATE, SIM_F_ID, SIM_F_PHONE, SIM_F_EMAIL, SIM_F_SELECT,
       SIM_F_NUMBER, SIM_F_INTEGER, SIM_F_CHECKBOX };

/* What a text field asks for, guessed from its name. */
enum { SIM_S_TEXT, SIM_S_APPLICANT, SIM_S_PERSON, SIM_S_BUSINESS, SIM_S_TAX, SIM_S_ADDRESS,
       SIM_S_PROJECT, SIM_S_NATIONALITY, SIM_S_PURPOSE };

/* Generators for patterned texts; the first whose sample matches is used. */
enum { SIM_G_SOURCE, SIM_G_TAX, SIM_G_TAX_BRANCH, SIM_G_DIGITS6, SIM_G_ALNUM, SIM_G_PLATE,
       SIM_G_DIGITS12, SIM_G_DIGITS4, SIM_G_PASSPORT, SIM_G_DIGITS8, SIM_G_DIGITS10, SIM_G_DOMAIN,
       SIM_G_COUNT };

static int type_of(const char *t) {
  static const char *const names[] = {"text", "textarea", "date", "id_number", "phone", "email",
                                      "select", "number", "integer", "checkbox"};
  for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
    if (t && strcmp(t, names[i]) == 0) return i;
  return -1;
}

static int source_of(const char *name) {
  if (strcmp(name, "ho_ten") == 0) return SIM_S_APPLICANT;
  if (strstr(name, "ma_so_doanh_nghiep") || strstr(name, "ma_so_thue")) return SIM_S_TAX;
  if (strncmp(name, "ho_ten", 6) == 0) return SIM_S_PERSON;
  if (strstr(name, "doanh_nghiep") || strstr(name, "ten_co_so") || strstr(name, "ten_don_vi") ||
      strstr(name, "to_chuc"))
    return SIM_S_BUSINESS;
  if (strstr(name, "dia_chi") || strstr(name, "dia_diem") || strstr(name, "noi_")) return SIM_S_ADDRESS;
  if (strstr(name, "du_an")) return SIM_S_PROJECT;
  if (strstr(name, "quoc_tich")) return SIM_S_NATIONALITY;
  if (strstr(name, "muc_dich") || strstr(name, "ly_do") || strstr(name, "noi_dung")) return SIM_S_PURPOSE;
  return SIM_S_TEXT;
}

static const char *const purposes[] = {
  "Bổ sung hồ sơ cá nhân", "Phục vụ thủ tục tại cơ quan nhà nước", "Sử dụng theo quy định",
  "Đăng ký kinh doanh", "Học tập và làm việc", "Giao dịch dân sự"};
static const char *const projects[] = {"Nhà xưởng sản xuất", "Khu dân cư", "Trung tâm thương mại",
                                       "Kho bãi logistics", "Trường mầm non tư thục", "Nhà ở riêng lẻ"};

/* A value of generator g (buf ≥ 64 bytes). */
static void gen_value(int g, sim_rng *r, char *buf, size_t n) {
  unsigned long long v = (unsigned long long)sim_next(r);
  switch (g) {
  case SIM_G_TAX: snprintf(buf, n, "37%08llu", v % 100000000ULL); break;
  case SIM_G_TAX_BRANCH: snprintf(buf, n, "37%08llu-%03llu", v % 100000000ULL, (v >> 40) % 1000); break;
  case SIM_G_DIGITS6: snprintf(buf, n, "%llu", 1 + v % 999); break;
  case SIM_G_ALNUM: snprintf(buf, n, "BD%06llu", v % 1000000ULL); break;
  case SIM_G_PLATE:
    snprintf(buf, n, "61%c-%03llu.%02llu", 'A' + (int)(v % 11), (v >> 8) % 1000, (v >> 20) % 100);
    break;
  case SIM_G_DIGITS12: snprintf(buf, n, "074%09llu", v % 1000000000ULL); break;
  case SIM_G_DIGITS4: snprintf(buf, n, "%04llu", 1000 + v % 9000); break;
  case SIM_G_PASSPORT: snprintf(buf, n, "%c%07llu", 'B' + (int)(v % 4), (v >> 8) % 10000000ULL); break;
  case SIM_G_DIGITS8: snprintf(buf, n, "%08llu", v % 100000000ULL); break;
  case SIM_G_DIGITS10: snprintf(buf, n, "09%08llu", v % 100000000ULL); break;
  case SIM_G_DOMAIN: snprintf(buf, n, "congty%llu.vn", v % 100000ULL); break;
  default: snprintf(buf, n, "Nội dung %llu", v % 1000ULL); break;
  }
}

static const char *source_value(int src, sim_rng *r, const sim_applicant_view *ap, char *buf, size_t n) {
  switch (src) {
  case SIM_S_APPLICANT: return ap && ap->name ? ap->name : "Nguyễn Văn An";
  case SIM_S_PERSON: {
    static const char *const given[] = {"Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Minh Tuấn", "Phạm Ngọc Lan",
                                        "Võ Quốc Hùng", "Huỳnh Thị Mai", "Đặng Văn Long", "Bùi Thị Thảo"};
    return given[sim_next(r) % 8];
  }
  case SIM_S_BUSINESS: return ap && ap->business ? ap->business : "Công ty TNHH Thương mại Phát Đạt";
  case SIM_S_TAX: return ap && ap->tax_code ? ap->tax_code : "3700000001";
  case SIM_S_ADDRESS: return ap && ap->address ? ap->address : "Số 1 đường Yersin, phường Thủ Dầu Một";
  case SIM_S_PROJECT: snprintf(buf, n, "%s %s", projects[sim_next(r) % 6], "Bình Dương"); return buf;
  case SIM_S_NATIONALITY: return "Việt Nam";
  case SIM_S_PURPOSE: return purposes[sim_next(r) % 6];
  default: snprintf(buf, n, "Thông tin kê khai số %llu", (unsigned long long)(sim_next(r) % 1000)); return buf;
  }
}

static void regex_release(void *p) { regfree(p); free(p); }

static bool date_limit(const json_t *v, int32_t *day, bool *today) {
  const char *s = json_string_value(v);
  if (!s) return true;
  if (strcmp(s, "today") == 0) { *today = true; return true; }
  return mc_date_parse(s, day);
}

static bool prepare_field(mc_arena *a, sim_field *f, const json_t *def) {
  f->name = json_string_value(json_object_get(def, "name"));
  f->type = type_of(json_string_value(json_object_get(def, "type")));
  f->required = json_is_true(json_object_get(def, "required"));
  if (!f->name || f->type < 0) return false;
  f->source = source_of(f->name);
  json_t *v;
  f->max_len = (v = json_object_get(def, "max_length")) && json_is_integer(v) ? json_integer_value(v) : 0;
  if ((v = json_object_get(def, "min")) && json_is_number(v)) { f->min = json_number_value(v); f->has_min = true; }
  if ((v = json_object_get(def, "max")) && json_is_number(v)) { f->max = json_number_value(v); f->has_max = true; }
  f->not_after = INT32_MAX;
  f->not_before = INT32_MIN;
  if (!date_limit(json_object_get(def, "not_after"), &f->not_after, &f->not_after_today) ||
      !date_limit(json_object_get(def, "not_before"), &f->not_before, &f->not_before_today))
    return false;
  f->options = json_object_get(def, "options");
  if (f->type == SIM_F_SELECT && json_array_size(f->options) == 0) return false;
  const char *pattern = json_string_value(json_object_get(def, "pattern"));
  if (!pattern || (f->type != SIM_F_TEXT && f->type != SIM_F_TEXTAREA)) return true;
  f->re = malloc(sizeof *f->re);
  if (!f->re || regcomp(f->re, pattern, REG_EXTENDED | REG_NOSUB) != 0) { free(f->re); f->re = NULL; return false; }
  mc_arena_defer(a, regex_release, f->re);
  sim_applicant_view sample = {.name = "Nguyễn Văn An", .business = "Công ty TNHH Phát Đạt", .tax_code = "3701234567",
                               .address = "Số 1 đường Yersin, phường Thủ Dầu Một"};
  for (int g = 0; g < SIM_G_COUNT; g++) {
    sim_rng r;
    sim_rng_seed(&r, 1, (uint64_t)g, 0);
    char buf[256];
    const char *val = buf;
    if (g == SIM_G_SOURCE) val = source_value(f->source, &r, &sample, buf, sizeof buf);
    else gen_value(g, &r, buf, sizeof buf);
    if (regexec(f->re, val, 0, NULL, 0) == 0) {
      f->gen = g;
      f->fallback = mc_arena_strdup(a, val);
      return f->fallback != NULL;
    }
  }
  return false;
}

bool sim_form_prepare(mc_arena *a, sim_proc *sp) {
  const json_t *fields = json_object_get(sp->p->eform, "fields");
  size_t n = json_array_size(fields);
  if (n > SIM_FIELDS_MAX) return false;
  sp->nfields = 0;
  for (size_t i = 0; i < n; i++) {
    sim_field *f = &sp->fields[sp->nfields];
    memset(f, 0, sizeof *f);
    if (!prepare_field(a, f, json_array_get(fields, i))) return false;
    sp->nfields++;
  }
  return true;
}

/* Cut s to at most max code points (UTF-8) into buf. */
static const char *clip(const char *s, int64_t max, char *buf, size_t n) {
  if (max <= 0 || (int64_t)mc_utf8_len(s) <= max) return s;
  size_t i = 0;
  int64_t cp = 0;
  while (s[i] && i + 4 < n) {
    if (((unsigned char)s[i] & 0xC0) != 0x80) { if (cp == max) break; cp++; }
    buf[i] = s[i];
    i++;
  }
  while (i > 0 && s[i] && ((unsigned char)s[i] & 0xC0) == 0x80) i--;   /* never end mid-character */
  buf[i] = 0;
  return buf;
}

static json_t *text_value(const sim_field *f, sim_rng *r, const sim_applicant_view *ap) {
  char buf[256], cut[256];
  const char *v = buf;
  if (f->re) {
    if (f->gen == SIM_G_SOURCE) v = source_value(f->source, r, ap, buf, sizeof buf);
    else gen_value(f->gen, r, buf, sizeof buf);
    if (regexec(f->re, v, 0, NULL, 0) != 0) v = f->fallback;
  } else {
    v = source_value(f->source, r, ap, buf, sizeof buf);
  }
  return json_string(clip(v, f->max_len, cut, sizeof cut));
}

static json_t *date_value(const sim_field *f, sim_rng *r, int32_t day, const sim_applicant_view *ap) {
  int32_t lo = f->not_before, hi = f->not_after;
  if (f->not_before_today && day > lo) lo = day;
  if (f->not_after_today && day < hi) hi = day;
  int32_t d;
  if (strstr(f->name, "ngay_sinh") && ap && ap->birth && mc_date_parse(ap->birth, &d) && d >= lo && d <= hi) {
    /* the applicant's own birthday */
  } else if (lo != INT32_MIN && hi != INT32_MAX) {
    d = lo + (int32_t)sim_range(r, 0, hi > lo ? hi - lo : 0);
  } else if (hi != INT32_MAX) {
    d = hi - (int32_t)sim_range(r, 0, 3000);
  } else if (lo != INT32_MIN) {
    d = lo + (int32_t)sim_range(r, 0, 60);
  } else {
    d = day - (int32_t)sim_range(r, 0, 365);
  }
  char buf[16];
  mc_date_format(d, buf, sizeof buf);
  return json_string(buf);
}

static json_t *number_value(const sim_field *f, sim_rng *r, bool integer) {
  double lo = f->has_min ? f->min : 1, hi = f->has_max ? f->max : lo + 1000;
  if (hi < lo) hi = lo;
  if (hi - lo > 1e6) hi = lo + 1e6;
  if (integer) {
    int64_t a = (int64_t)ceil(lo), b = (int64_t)floor(hi);
    return json_integer(b >= a ? sim_range(r, a, b) : a);
  }
  double v = lo + sim_unit01(r) * (hi - lo);
  v = floor(v * 100.0) / 100.0;
  return json_real(v < lo ? lo : v);
}

json_t *sim_form_fill(const sim_proc *sp, sim_rng *r, int32_t day, const sim_applicant_view *ap) {
  json_t *o = json_object();
  for (int i = 0; o && i < sp->nfields; i++) {
    const sim_field *f = &sp->fields[i];
    if (!f->required && sim_unit01(r) < 0.35) continue;
    json_t *v = NULL;
    char buf[96];
    switch (f->type) {
    case SIM_F_TEXT:
    case SIM_F_TEXTAREA: v = text_value(f, r, ap); break;
    case SIM_F_DATE: v = date_value(f, r, day, ap); break;
    case SIM_F_ID:
      if (strcmp(f->name, "so_dinh_danh") == 0 && ap && ap->id_number) v = json_string(ap->id_number);
      else {
        snprintf(buf, sizeof buf, "0740%02d%06llu", (int)(60 + sim_range(r, 0, 39)),
                 (unsigned long long)(sim_next(r) % 1000000ULL));
        v = json_string(buf);
      }
      break;
    case SIM_F_PHONE: v = json_string(ap && ap->phone ? ap->phone : "0912345678"); break;
    case SIM_F_EMAIL:
      snprintf(buf, sizeof buf, "hoso%llu@gmail.com", (unsigned long long)(sim_next(r) % 1000000ULL));
      v = json_string(buf);
      break;
    case SIM_F_SELECT: {
      size_t n = json_array_size(f->options);
      v = json_deep_copy(json_object_get(json_array_get(f->options, sim_next(r) % n), "value"));
      break;
    }
    case SIM_F_NUMBER: v = number_value(f, r, false); break;
    case SIM_F_INTEGER: v = number_value(f, r, true); break;
    case SIM_F_CHECKBOX: v = json_boolean(f->required || sim_chance(r, 0.5)); break;
    default: break;
    }
    if (v) json_object_set_new(o, f->name, v);
  }
  return o;
}
