/* eform.c — e-form definitions: checking them, and validating a citizen's
 * answers against them with every problem reported in Vietnamese (eform.h). */
#include "core/eform.h"
#include "util/regex_guard.h"
#include "util/str.h"
#include "util/time.h"
#include <math.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the compiled form ----------------------------------------------------- */

typedef enum ftype {
  F_TEXT, F_TEXTAREA, F_DATE, F_ID_NUMBER, F_PHONE, F_EMAIL, F_SELECT, F_NUMBER,
  F_INTEGER, F_CHECKBOX, F_COUNT
} ftype;

static const char *const type_names[F_COUNT] = {
  "text", "textarea", "date", "id_number", "phone", "email", "select", "number",
  "integer", "checkbox",
};

/* Definition members and the types they apply to. */
enum { K_ALL = (1 << F_COUNT) - 1, K_TEXT = (1 << F_TEXT) | (1 << F_TEXTAREA),
       K_NUM = (1 << F_NUMBER) | (1 << F_INTEGER) };
static const struct { const char *key; unsigned types; } field_keys[] = {
  {"name", K_ALL}, {"label", K_ALL}, {"type", K_ALL}, {"required", K_ALL},
  {"help", K_ALL}, {"placeholder", K_ALL},
  {"max_length", K_TEXT}, {"pattern", K_TEXT},
  {"not_after", 1 << F_DATE}, {"not_before", 1 << F_DATE},
  {"options", 1 << F_SELECT},
  {"min", K_NUM}, {"max", K_NUM},
};

typedef struct date_rule { bool set, today; int32_t day; } date_rule;

typedef struct field {
  const char *name, *label;
  ftype type;
  bool required;
  int64_t max_length;
  bool has_re;
  regex_t re;
  const json_t *min, *max;
  date_rule not_after, not_before;
  const json_t *options;
} field;

typedef struct form {
  field *f;
  size_t n;
  json_t *index;   /* name → position, for unknown-field lookup */
} form;

static void form_release(form *fm) {
  for (size_t i = 0; i < fm->n; i++)
    if (fm->f[i].has_re) regfree(&fm->f[i].re);
  free(fm->f);
  json_decref(fm->index);
  memset(fm, 0, sizeof *fm);
}

/* ---- small helpers ---------------------------------------------------------- */

/* A JSON string without embedded NUL bytes, or NULL. */
static const char *plain_str(const json_t *j) {
  if (!json_is_string(j)) return NULL;
  const char *s = json_string_value(j);
  return strlen(s) == json_string_length(j) ? s : NULL;
}

static bool blank(const char *s) {
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
  return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool name_ok(const char *s) {
  size_t n = strlen(s);
  if (n < 1 || n > MC_EFORM_NAME_MAX || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (size_t i = 1; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i]) || s[i] == '_')) return false;
  return true;
}

/* Length of the longest prefix of s of at most max bytes ending on a UTF-8 boundary. */
static size_t utf8_prefix(const char *s, size_t max) {
  size_t n = strlen(s);
  if (n <= max) return n;
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
  return max;
}

/* Strict "YYYY-MM-DD". */
static bool parse_date(const char *s, int32_t *out) {
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !is_digit(s[i])) return false;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
  if (!mc_date_valid(y, m, d)) return false;
  *out = mc_days_from_civil(y, m, d);
  return true;
}

static int32_t today(void) { return mc_local_day(mc_now()); }

/* ---- format rules ------------------------------------------------------------ */

typedef enum id_problem { ID_OK, ID_SHAPE, ID_PROVINCE, ID_FUTURE } id_problem;

static id_problem id_number_check(const char *s) {
  if (strlen(s) != 12) return ID_SHAPE;
  for (int i = 0; i < 12; i++)
    if (!is_digit(s[i])) return ID_SHAPE;
  int province = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
  if (province < MC_ID_PROVINCE_MIN || province > MC_ID_PROVINCE_MAX) return ID_PROVINCE;
  int year = 1900 + (s[3] - '0') / 2 * 100 + (s[4] - '0') * 10 + (s[5] - '0');
  int y, m, d;
  mc_civil_from_days(today(), &y, &m, &d);
  return year > y ? ID_FUTURE : ID_OK;
}

bool mc_id_number_valid(const char *s) { return s && id_number_check(s) == ID_OK; }

bool mc_phone_normalize(const char *s, char out[MC_PHONE_MAX]) {
  if (!s) return false;
  char dig[MC_PHONE_MAX + 2];
  size_t n = 0;
  bool plus = false;
  const char *p = s;
  if (*p == '+') { plus = true; p++; }
  for (; *p; p++) {
    if (is_digit(*p)) {
      if (n >= sizeof dig - 1) return false;
      dig[n++] = *p;
    } else if (!(*p == ' ' || *p == '.' || *p == '-' || *p == '(' || *p == ')')) {
      return false;
    }
  }
  if (n < 2) return false;
  dig[n] = 0;
  const char *nat = dig;
  char buf[MC_PHONE_MAX + 2];
  if (plus || (dig[0] == '8' && dig[1] == '4')) {
    if (!(dig[0] == '8' && dig[1] == '4') || dig[2] == '0') return false;
    snprintf(buf, sizeof buf, "0%s", dig + 2);
    nat = buf;
  }
  size_t len = strlen(nat);
  if (nat[0] != '0') return false;
  bool mobile = len == 10 && strchr("35789", nat[1]);
  bool landline = len == 11 && nat[1] == '2';
  if (!mobile && !landline) return false;
  mc_strlcpy(out, nat, MC_PHONE_MAX);
  return true;
}

static bool email_atext(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
         (c && strchr("!#$%&'*+/=?^_`{|}~-", c));
}

bool mc_email_valid(const char *s) {
  if (!s) return false;
  size_t n = strlen(s);
  const char *at = strchr(s, '@');
  if (n > 254 || !at || strchr(at + 1, '@')) return false;
  size_t local = (size_t)(at - s);
  if (local < 1 || local > 64 || s[0] == '.' || at[-1] == '.') return false;
  for (const char *p = s; p < at; p++)
    if (!(email_atext(*p) || (*p == '.' && p[1] != '.'))) return false;
  const char *label = at + 1;
  int labels = 0;
  for (;;) {
    const char *end = strchr(label, '.');
    size_t len = end ? (size_t)(end - label) : strlen(label);
    if (len < 1 || len > 63 || label[0] == '-' || label[len - 1] == '-') return false;
    bool alpha = len >= 2;
    for (size_t i = 0; i < len; i++) {
      char c = label[i];
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!(letter || is_digit(c) || c == '-')) return false;
      if (!letter) alpha = false;
    }
    labels++;
    if (!end) return labels >= 2 && alpha;
    label = end + 1;
  }
}

/* ---- checking a definition ------------------------------------------------ */

#define DEF_FAIL(code, member, ...)                                                     \
  do {                                                                                  \
    char path_[96];                                                                     \
    snprintf(path_, sizeof path_, "fields[%zu]%s%s", i, (member)[0] ? "." : "",          \
             (member));                                                                 \
    return mc_fail(err, MC_EINVAL, (code), path_, __VA_ARGS__);                         \
  } while (0)

static mc_rc text_member(const json_t *j, const char *key, size_t max_chars, const char **out) {
  const json_t *v = json_object_get(j, key);
  if (!v) return MC_OK;
  const char *s = plain_str(v);
  if (!s || mc_utf8_len(s) > max_chars) return MC_EINVAL;
  if (out) *out = s;
  return MC_OK;
}

static mc_rc compile_date_rule(const json_t *v, date_rule *r) {
  if (!v) return MC_OK;
  const char *s = plain_str(v);
  if (!s) return MC_EINVAL;
  r->set = true;
  if (strcmp(s, "today") == 0) { r->today = true; return MC_OK; }
  return parse_date(s, &r->day) ? MC_OK : MC_EINVAL;
}

static mc_rc compile_options(const json_t *opts, size_t i, mc_err *err) {
  if (!json_is_array(opts) || json_array_size(opts) < 1 || json_array_size(opts) > MC_EFORM_OPTIONS_MAX)
    DEF_FAIL("eform.def_bad_options", "options",
             "A select field needs \"options\": an array of 1 to %d choices.", MC_EFORM_OPTIONS_MAX);
  size_t k;
  const json_t *o;
  json_array_foreach(opts, k, o) {
    const char *value = plain_str(json_object_get(o, "value"));
    const char *label = plain_str(json_object_get(o, "label"));
    if (!json_is_object(o) || json_object_size(o) != 2 || !value || !*value ||
        strlen(value) > MC_EFORM_OPTION_VALUE_MAX || !label || blank(label) ||
        mc_utf8_len(label) > MC_EFORM_LABEL_MAX)
      DEF_FAIL("eform.def_bad_options", "options",
               "Option %zu must be {\"value\", \"label\"}: a value of 1 to %d bytes and a "
               "label of 1 to %d characters.", k + 1, MC_EFORM_OPTION_VALUE_MAX, MC_EFORM_LABEL_MAX);
    for (size_t q = 0; q < k; q++)
      if (strcmp(json_string_value(json_object_get(json_array_get(opts, q), "value")), value) == 0)
        DEF_FAIL("eform.def_bad_options", "options", "The option value \"%s\" appears twice.", value);
  }
  return MC_OK;
}

static bool pattern_has_backref(const char *p) {
  for (; *p; p++)
    if (*p == '\\' && p[1]) {
      if (p[1] >= '1' && p[1] <= '9') return true;
      p++;
    }
  return false;
}

static mc_rc compile_field(const json_t *j, size_t i, field *f, json_t *index, mc_err *err) {
  if (!json_is_object(j)) DEF_FAIL("eform.def_malformed", "", "Each field must be a JSON object.");
  const char *name = plain_str(json_object_get(j, "name"));
  if (!name || !name_ok(name))
    DEF_FAIL("eform.def_bad_name", "name",
             "A field name is 1 to %d characters: a lowercase letter, then a–z, 0–9 or '_'.",
             MC_EFORM_NAME_MAX);
  if (json_object_get(index, name))
    DEF_FAIL("eform.def_duplicate_name", "name", "The field name \"%s\" is used twice.", name);
  json_object_set_new(index, name, json_integer((json_int_t)i));
  f->name = name;
  if (text_member(j, "label", MC_EFORM_LABEL_MAX, &f->label) || !f->label || blank(f->label))
    DEF_FAIL("eform.def_missing_label", "label",
             "Field \"%s\" needs a \"label\" of 1 to %d characters.", name, MC_EFORM_LABEL_MAX);
  const char *type = plain_str(json_object_get(j, "type"));
  f->type = F_COUNT;
  for (int t = 0; type && t < F_COUNT; t++)
    if (strcmp(type, type_names[t]) == 0) f->type = (ftype)t;
  if (f->type == F_COUNT)
    DEF_FAIL("eform.def_bad_type", "type",
             "Field \"%s\": unknown type (text, textarea, date, id_number, phone, email, "
             "select, number, integer, checkbox).", name);
  const char *key;
  const json_t *v;
  json_object_foreach((json_t *)j, key, v) {
    bool ok = false;
    for (size_t k = 0; k < sizeof field_keys / sizeof *field_keys && !ok; k++)
      ok = strcmp(key, field_keys[k].key) == 0 && (field_keys[k].types & (1u << f->type));
    if (!ok) {
      char shown[MC_EFORM_NAME_MAX + 1];
      snprintf(shown, sizeof shown, "%.*s", (int)utf8_prefix(key, MC_EFORM_NAME_MAX), key);
      DEF_FAIL("eform.def_unknown_key", shown, "Field \"%s\" (%s) does not take \"%s\".",
               name, type_names[f->type], shown);
    }
  }
  v = json_object_get(j, "required");
  if (v && !json_is_boolean(v))
    DEF_FAIL("eform.def_malformed", "required", "\"required\" must be true or false.");
  f->required = json_is_true(v);
  if (text_member(j, "help", MC_EFORM_HELP_MAX, NULL))
    DEF_FAIL("eform.def_malformed", "help", "\"help\" must be text of at most %d characters.", MC_EFORM_HELP_MAX);
  if (text_member(j, "placeholder", MC_EFORM_HELP_MAX, NULL))
    DEF_FAIL("eform.def_malformed", "placeholder",
             "\"placeholder\" must be text of at most %d characters.", MC_EFORM_HELP_MAX);

  switch (f->type) {
  case F_TEXT:
  case F_TEXTAREA: {
    f->max_length = f->type == F_TEXT ? MC_EFORM_TEXT_DEFAULT_MAX : MC_EFORM_TEXTAREA_DEFAULT_MAX;
    if ((v = json_object_get(j, "max_length"))) {
      if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > MC_EFORM_LENGTH_LIMIT)
        DEF_FAIL("eform.def_bad_range", "max_length",
                 "Field \"%s\": \"max_length\" must be an integer from 1 to %d.", name, MC_EFORM_LENGTH_LIMIT);
      f->max_length = json_integer_value(v);
    }
    if ((v = json_object_get(j, "pattern"))) {
      const char *pat = plain_str(v);
      if (!pat || !*pat || strlen(pat) > MC_EFORM_PATTERN_MAX || pattern_has_backref(pat))
        DEF_FAIL("eform.def_bad_pattern", "pattern",
                 "Field \"%s\": \"pattern\" must be 1 to %d bytes, without back-references.",
                 name, MC_EFORM_PATTERN_MAX);
      if (!mc_regex_affordable(pat, 0))     /* stacked repetition: gigabytes in regcomp */
        DEF_FAIL("eform.def_bad_pattern", "pattern",
                 "Field \"%s\": the pattern repeats too much to check safely; simplify it.", name);
      int rc = regcomp(&f->re, pat, REG_EXTENDED | REG_NOSUB);
      if (rc) {
        char why[128];
        regerror(rc, &f->re, why, sizeof why);
        DEF_FAIL("eform.def_bad_pattern", "pattern", "Field \"%s\": the pattern does not compile (%s).",
                 name, why);
      }
      f->has_re = true;
    }
    break;
  }
  case F_DATE:
    if (compile_date_rule(json_object_get(j, "not_after"), &f->not_after))
      DEF_FAIL("eform.def_bad_date_rule", "not_after",
               "Field \"%s\": \"not_after\" must be \"today\" or a date YYYY-MM-DD.", name);
    if (compile_date_rule(json_object_get(j, "not_before"), &f->not_before))
      DEF_FAIL("eform.def_bad_date_rule", "not_before",
               "Field \"%s\": \"not_before\" must be \"today\" or a date YYYY-MM-DD.", name);
    if (f->not_after.set && f->not_before.set && !f->not_after.today && !f->not_before.today &&
        f->not_before.day > f->not_after.day)
      DEF_FAIL("eform.def_bad_date_rule", "not_before",
               "Field \"%s\": \"not_before\" is after \"not_after\": no date could pass.", name);
    break;
  case F_SELECT: {
    mc_rc rc = compile_options(json_object_get(j, "options"), i, err);
    if (rc) return rc;
    f->options = json_object_get(j, "options");
    break;
  }
  case F_NUMBER:
  case F_INTEGER:
    f->min = json_object_get(j, "min");
    f->max = json_object_get(j, "max");
    for (int b = 0; b < 2; b++) {
      const json_t *bound = b ? f->max : f->min;
      if (bound && !(f->type == F_INTEGER ? json_is_integer(bound) : json_is_number(bound)))
        DEF_FAIL("eform.def_bad_range", b ? "max" : "min", "Field \"%s\": \"%s\" must be %s.", name,
                 b ? "max" : "min", f->type == F_INTEGER ? "an integer" : "a number");
    }
    if (f->min && f->max &&
        (f->type == F_INTEGER ? json_integer_value(f->min) > json_integer_value(f->max)
                              : json_number_value(f->min) > json_number_value(f->max)))
      DEF_FAIL("eform.def_bad_range", "min", "Field \"%s\": \"min\" is greater than \"max\".", name);
    break;
  default:
    break;
  }
  return MC_OK;
}

static mc_rc form_compile(const json_t *def, form *fm, mc_err *err) {
  memset(fm, 0, sizeof *fm);
  if (!json_is_object(def))
    return mc_fail(err, MC_EINVAL, "eform.def_malformed", "", "An e-form is a JSON object {\"fields\": [...]}.");
  const char *key;
  const json_t *v;
  json_object_foreach((json_t *)def, key, v) {
    if (strcmp(key, "fields") == 0) continue;
    bool known = strcmp(key, "title") == 0 || strcmp(key, "description") == 0;
    size_t max = strcmp(key, "title") == 0 ? MC_EFORM_LABEL_MAX : MC_EFORM_HELP_MAX;
    if (!known) {
      char shown[MC_EFORM_NAME_MAX + 1];
      snprintf(shown, sizeof shown, "%.*s", (int)utf8_prefix(key, MC_EFORM_NAME_MAX), key);
      return mc_fail(err, MC_EINVAL, "eform.def_unknown_key", shown,
                     "An e-form has only \"fields\", \"title\" and \"description\", not \"%s\".", shown);
    }
    if (!plain_str(v) || mc_utf8_len(plain_str(v)) > max)
      return mc_fail(err, MC_EINVAL, "eform.def_malformed", key,
                     "\"%s\" must be text of at most %zu characters.", key, max);
  }
  const json_t *fields = json_object_get(def, "fields");
  if (!json_is_array(fields))
    return mc_fail(err, MC_EINVAL, "eform.def_malformed", "fields", "An e-form needs \"fields\": an array.");
  size_t n = json_array_size(fields);
  if (n > MC_EFORM_FIELDS_MAX)
    return mc_fail(err, MC_EINVAL, "eform.def_too_many_fields", "fields",
                   "An e-form has at most %d fields (this one has %zu).", MC_EFORM_FIELDS_MAX, n);
  fm->f = calloc(n ? n : 1, sizeof *fm->f);
  fm->index = json_object();
  if (!fm->f || !fm->index) {
    form_release(fm);
    return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  for (size_t i = 0; i < n; i++) {
    mc_rc rc = compile_field(json_array_get(fields, i), i, &fm->f[i], fm->index, err);
    fm->n = i + 1;   /* so that a compiled pattern of this field is released too */
    if (rc) { form_release(fm); return rc; }
  }
  return MC_OK;
}

mc_rc mc_eform_check_definition(const json_t *def, mc_err *err) {
  if (!def || json_is_null(def)) return MC_OK;
  form fm;
  mc_rc rc = form_compile(def, &fm, err);
  if (!rc) form_release(&fm);
  return rc;
}

/* ---- validating answers ------------------------------------------------------ */

enum { MSG_MAX = 2048 };

typedef struct problems {
  json_t *list;
  size_t count;
  char first[MC_ERR_FIELD_MAX];
} problems;

static void add_problem(problems *p, const char *where, const char *code, const char *msg) {
  if (p->count++ == 0)
    snprintf(p->first, sizeof p->first, "%.*s", (int)utf8_prefix(where, sizeof p->first - 1), where);
  if (json_array_size(p->list) >= MC_EFORM_PROBLEMS_MAX) return;
  json_t *entry = json_object();
  json_object_set_new(entry, "field", json_stringn(where, utf8_prefix(where, MC_ERR_FIELD_MAX - 1)));
  json_object_set_new(entry, "code", json_string(code));
  json_object_set_new(entry, "message", json_string(msg));
  json_array_append_new(p->list, entry);
}

/* 1234567 → "1.234.567", 0.5 → "0,5" (Vietnamese separators). */
static void fmt_number(const json_t *n, char *buf, size_t size) {
  double x = json_number_value(n);
  if (json_is_integer(n) || (fabs(x) < 1e15 && x == floor(x))) {
    long long v = json_is_integer(n) ? (long long)json_integer_value(n) : (long long)x;
    unsigned long long mag = v < 0 ? (unsigned long long)(-(v + 1)) + 1 : (unsigned long long)v;
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", mag);
    size_t o = 0;
    if (v < 0 && o + 1 < size) buf[o++] = '-';
    for (int i = 0; i < len && o + 2 < size; i++) {
      buf[o++] = digits[i];
      if ((len - i - 1) % 3 == 0 && i != len - 1) buf[o++] = '.';
    }
    buf[o] = 0;
    return;
  }
  snprintf(buf, size, "%.15g", x);
  for (char *p = buf; *p; p++)
    if (*p == '.') *p = ',';
}

static void fmt_day(int32_t day, char *buf, size_t size) {
  int y, m, d;
  mc_civil_from_days(day, &y, &m, &d);
  snprintf(buf, size, "%02d/%02d/%04d", d, m, y);
}

/* Compare a value with a bound of the same field type: <0, 0, >0. */
static int num_cmp(const json_t *v, const json_t *bound) {
  if (json_is_integer(v) && json_is_integer(bound)) {
    json_int_t a = json_integer_value(v), b = json_integer_value(bound);
    return (a > b) - (a < b);
  }
  double a = json_number_value(v), b = json_number_value(bound);
  return (a > b) - (a < b);
}

static bool option_ok(const json_t *options, const char *s) {
  size_t k;
  const json_t *o;
  json_array_foreach(options, k, o)
    if (strcmp(json_string_value(json_object_get(o, "value")), s) == 0) return true;
  return false;
}

/* Check one value; on a problem fill code and msg and return true. */
static bool check_value(const field *f, const json_t *v, const char **code, char *msg) {
  const char *L = f->label;
  const char *s = plain_str(v);
  bool given = f->type == F_CHECKBOX ? v && !json_is_null(v)
                                     : v && !json_is_null(v) && !(json_is_string(v) && blank(json_string_value(v)));
  if (f->type == F_CHECKBOX && f->required && json_is_false(v)) given = false;
  if (!given) {
    if (!f->required) return false;
    *code = "eform.required";
    if (f->type == F_SELECT) snprintf(msg, MSG_MAX, "Vui lòng chọn %s.", L);
    else if (f->type == F_CHECKBOX) snprintf(msg, MSG_MAX, "Vui lòng đánh dấu xác nhận “%s”.", L);
    else snprintf(msg, MSG_MAX, "Vui lòng nhập %s.", L);
    return true;
  }
  const char *want = NULL;
  switch (f->type) {
  case F_NUMBER: if (!json_is_number(v)) want = "một số"; break;
  case F_INTEGER:
    if (!json_is_integer(v) && !(json_is_real(v) && fabs(json_real_value(v)) <= 9007199254740992.0 &&
                                 json_real_value(v) == floor(json_real_value(v))))
      want = "một số nguyên";
    break;
  case F_CHECKBOX: if (!json_is_boolean(v)) want = "có hoặc không"; break;
  default: if (!s) want = "một chuỗi ký tự"; break;
  }
  if (want) {
    *code = "eform.wrong_type";
    snprintf(msg, MSG_MAX, "%s có kiểu dữ liệu không đúng (cần %s).", L, want);
    return true;
  }
  switch (f->type) {
  case F_TEXT:
  case F_TEXTAREA:
    if ((int64_t)mc_utf8_len(s) > f->max_length) {
      *code = "eform.too_long";
      snprintf(msg, MSG_MAX, "%s không được dài quá %lld ký tự.", L, (long long)f->max_length);
      return true;
    }
    if (f->has_re && regexec(&f->re, s, 0, NULL, 0) != 0) {
      *code = "eform.pattern";
      snprintf(msg, MSG_MAX, "%s không đúng định dạng yêu cầu.", L);
      return true;
    }
    return false;
  case F_DATE: {
    int32_t day;
    if (!parse_date(s, &day)) {
      *code = "eform.bad_date";
      snprintf(msg, MSG_MAX, "%s không phải là một ngày hợp lệ.", L);
      return true;
    }
    char when[32];
    if (f->not_after.set && day > (f->not_after.today ? today() : f->not_after.day)) {
      *code = "eform.out_of_range";
      if (f->not_after.today) snprintf(msg, MSG_MAX, "%s không được sau hôm nay.", L);
      else { fmt_day(f->not_after.day, when, sizeof when); snprintf(msg, MSG_MAX, "%s không được sau ngày %s.", L, when); }
      return true;
    }
    if (f->not_before.set && day < (f->not_before.today ? today() : f->not_before.day)) {
      *code = "eform.out_of_range";
      if (f->not_before.today) snprintf(msg, MSG_MAX, "%s không được trước hôm nay.", L);
      else { fmt_day(f->not_before.day, when, sizeof when); snprintf(msg, MSG_MAX, "%s không được trước ngày %s.", L, when); }
      return true;
    }
    return false;
  }
  case F_ID_NUMBER:
    switch (id_number_check(s)) {
    case ID_OK: return false;
    case ID_SHAPE: snprintf(msg, MSG_MAX, "%s phải gồm 12 chữ số.", L); break;
    case ID_PROVINCE:
      snprintf(msg, MSG_MAX, "%s không hợp lệ: 3 chữ số đầu là mã tỉnh, thành phố, từ 001 đến 096.", L);
      break;
    case ID_FUTURE:
      snprintf(msg, MSG_MAX, "%s không hợp lệ: năm sinh ghi trong số (chữ số thứ 4 đến 6) sau năm hiện tại.", L);
      break;
    }
    *code = "eform.bad_id_number";
    return true;
  case F_PHONE: {
    char norm[MC_PHONE_MAX];
    if (mc_phone_normalize(s, norm)) return false;
    *code = "eform.bad_phone";
    snprintf(msg, MSG_MAX, "%s không hợp lệ: số di động gồm 10 chữ số, số cố định gồm 11 chữ số, "
             "bắt đầu bằng số 0.", L);
    return true;
  }
  case F_EMAIL:
    if (mc_email_valid(s)) return false;
    *code = "eform.bad_email";
    snprintf(msg, MSG_MAX, "%s không đúng định dạng thư điện tử (ví dụ: ten@vidu.vn).", L);
    return true;
  case F_SELECT:
    if (option_ok(f->options, s)) return false;
    *code = "eform.bad_option";
    snprintf(msg, MSG_MAX, "Giá trị đã chọn cho %s không có trong danh sách.", L);
    return true;
  case F_NUMBER:
  case F_INTEGER: {
    bool low = f->min && num_cmp(v, f->min) < 0, high = f->max && num_cmp(v, f->max) > 0;
    if (!low && !high) return false;
    char a[48], b[48];
    *code = "eform.out_of_range";
    if (f->min) fmt_number(f->min, a, sizeof a);
    if (f->max) fmt_number(f->max, b, sizeof b);
    if (f->min && f->max) snprintf(msg, MSG_MAX, "%s phải từ %s đến %s.", L, a, b);
    else if (low) snprintf(msg, MSG_MAX, "%s không được nhỏ hơn %s.", L, a);
    else snprintf(msg, MSG_MAX, "%s không được lớn hơn %s.", L, b);
    return true;
  }
  case F_CHECKBOX:
  default:
    return false;
  }
}

mc_rc mc_eform_validate(const json_t *def, const json_t *data, mc_err *err) {
  if (data && !json_is_null(data) && !json_is_object(data))
    return mc_fail(err, MC_EINVAL, "eform.not_object", "data",
                   "Dữ liệu biểu mẫu phải là một đối tượng JSON.");
  form fm = {0};
  bool have_form = def && !json_is_null(def);
  if (have_form) {
    mc_err e = {0};
    if (form_compile(def, &fm, &e)) {
      mc_rc rc = e.rc == MC_ENOMEM ? MC_ENOMEM : MC_EINTERNAL;
      mc_fail(err, rc, "eform.bad_definition", e.field, "The e-form definition is invalid: %s", e.message);
      mc_err_clear(&e);
      return rc;
    }
  }
  problems p = {.list = json_array()};
  char *msg = malloc(MSG_MAX);
  if (!p.list || !msg) {
    json_decref(p.list);
    free(msg);
    form_release(&fm);
    return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  const json_t *obj = json_is_object(data) ? data : NULL;
  for (size_t i = 0; i < fm.n; i++) {
    const char *code;
    if (check_value(&fm.f[i], obj ? json_object_get(obj, fm.f[i].name) : NULL, &code, msg))
      add_problem(&p, fm.f[i].name, code, msg);
  }
  if (obj) {
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
      if (fm.index && json_object_get(fm.index, key)) continue;
      snprintf(msg, MSG_MAX, "Trường “%.*s” không có trong biểu mẫu.",
               (int)utf8_prefix(key, MC_EFORM_NAME_MAX), key);
      add_problem(&p, key, "eform.unknown_field", msg);
    }
  }
  free(msg);
  form_release(&fm);
  if (p.count == 0) {
    json_decref(p.list);
    return MC_OK;
  }
  mc_fail(err, MC_EINVAL, "eform.invalid", p.first, "Có %zu trường chưa hợp lệ.", p.count);
  mc_err_detail(err, "fields", p.list);
  return MC_EINVAL;
}
