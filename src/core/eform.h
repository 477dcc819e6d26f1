/* eform.h — electronic forms: definition format and validation.
 *
 * A procedure's e-form is a JSON document:
 *   {"fields": [
 *     {"name": "ho_ten", "label": "Họ và tên", "type": "text", "required": true,
 *      "max_length": 100, "pattern": "^[^0-9]+$"},
 *     {"name": "ngay_sinh", "label": "Ngày sinh", "type": "date", "required": true,
 *      "not_after": "today"},
 *     {"name": "so_dinh_danh", "label": "Số định danh cá nhân", "type": "id_number", "required": true},
 *     {"name": "dien_thoai", "label": "Số điện thoại", "type": "phone"},
 *     {"name": "email", "label": "Thư điện tử", "type": "email"},
 *     {"name": "gioi_tinh", "label": "Giới tính", "type": "select",
 *      "options": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
 *     {"name": "dien_tich", "label": "Diện tích (m²)", "type": "number", "min": 0, "max": 1000000},
 *     {"name": "so_ban_sao", "label": "Số bản sao", "type": "integer", "min": 1, "max": 50},
 *     {"name": "dong_y", "label": "Tôi cam đoan…", "type": "checkbox", "required": true},
 *     {"name": "ghi_chu", "label": "Ghi chú", "type": "textarea", "max_length": 2000}
 *   ]}
 * Types: text, textarea, date, id_number (12 digits), phone (Vietnamese, 10
 * digits starting 0), email, select, number, integer, checkbox.
 * Validation reports every problem, each with the field name and a Vietnamese
 * message, as {"code":"eform.invalid","fields":[{"field","code","message"}]}.
 *
 * Definition rules (mc_eform_check_definition; codes eform.def_*):
 *   - top level: {"fields": [...]} plus optional "title"/"description" strings;
 *     at most MC_EFORM_FIELDS_MAX fields (eform.def_too_many_fields).
 *   - every field: "name" matching ^[a-z][a-z0-9_]{0,63}$ (eform.def_bad_name),
 *     unique (eform.def_duplicate_name); "label" a non-empty string of at most
 *     MC_EFORM_LABEL_MAX characters (eform.def_missing_label); "type" one of the
 *     types above (eform.def_bad_type); optional "required" (boolean) and the
 *     UI-only strings "help" and "placeholder".
 *   - per type, and only there (anything else is eform.def_unknown_key):
 *     text/textarea: "max_length" 1…MC_EFORM_LENGTH_LIMIT characters (default
 *       MC_EFORM_TEXT_DEFAULT_MAX / MC_EFORM_TEXTAREA_DEFAULT_MAX), "pattern" a
 *       POSIX extended regular expression of at most MC_EFORM_PATTERN_MAX bytes,
 *       without back-references (eform.def_bad_pattern). The pattern is
 *       searched in the value: anchor it (^…$) to constrain the whole value.
 *       Matching is byte-wise on the UTF-8 text (C locale): "." and bracket
 *       expressions see bytes, so spell non-ASCII letters as alternatives
 *       ("(đ|Đ)") rather than ranges; [^0-9] and similar negated ASCII
 *       classes work as expected.
 *     date: "not_after" / "not_before": "today" or "YYYY-MM-DD"; two fixed
 *       dates must be ordered (eform.def_bad_date_rule).
 *     select: "options": 1…MC_EFORM_OPTIONS_MAX objects {"value","label"} with
 *       unique non-empty string values (eform.def_bad_options).
 *     number/integer: "min", "max" numbers (integers for "integer"), min ≤ max
 *       (eform.def_bad_range).
 *   Wrong JSON shapes are eform.def_malformed. err->field is the path of the
 *   offending member ("fields[2].pattern").
 *
 * Value rules (mc_eform_validate; one problem per field, all fields checked):
 *   - absent, null, or a string of only spaces = not given. A required field
 *     not given is eform.required; a required checkbox must be true.
 *   - text/textarea: a string (eform.wrong_type), at most max_length Unicode
 *     characters (eform.too_long), matching pattern (eform.pattern).
 *   - date: "YYYY-MM-DD", a real calendar date (eform.bad_date); outside
 *     not_after / not_before is eform.out_of_range. "today" is the local
 *     (UTC+7) day of mc_now().
 *   - id_number: exactly 12 ASCII digits; digits 1–3 are the province code of
 *     the place of birth registration, 001…096 (MC_ID_PROVINCE_MIN/MAX); digit
 *     4 encodes century and sex (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 =
 *     2100s, …) and digits 5–6 the last two digits of the birth year: the
 *     encoded birth year must not lie after the current year. Any failure is
 *     eform.bad_id_number (the message says which rule).
 *   - phone: spaces, dots, hyphens and parentheses are ignored; "+84" or
 *     "84" in front of 9 or 10 digits stands for the leading 0. Then either a
 *     mobile number, 10 digits starting 03/05/07/08/09, or a landline, 11
 *     digits starting 02 (area code 2xx since 2017). Else eform.bad_phone.
 *   - email: local@domain, at most 254 bytes; local part 1–64 of
 *     A–Z a–z 0–9 !#$%&'*+/=?^_`{|}~- and inner single dots; domain of at least
 *     two dot-separated labels of letters, digits and inner hyphens (≤ 63 each),
 *     the last alphabetic with ≥ 2 letters (eform.bad_email). ASCII only.
 *   - select: a string equal to an option value (eform.bad_option).
 *   - number: a JSON number; integer: a JSON integer (or a real with an
 *     integral value); else eform.wrong_type; outside min/max eform.out_of_range.
 *   - checkbox: a JSON boolean (eform.wrong_type).
 *   - a member of the data not defined by the form: eform.unknown_field.
 * Problems are listed in definition order, then unknown fields in data order,
 * at most MC_EFORM_PROBLEMS_MAX entries (the summary counts them all).     */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"
#include "util/err.h"

enum {
  MC_EFORM_FIELDS_MAX = 200,
  MC_EFORM_NAME_MAX = 64,              /* bytes (ASCII) */
  MC_EFORM_LABEL_MAX = 300,            /* characters; also title, option labels */
  MC_EFORM_HELP_MAX = 2000,            /* characters; help, placeholder, description */
  MC_EFORM_PATTERN_MAX = 256,          /* bytes */
  MC_EFORM_OPTIONS_MAX = 500,
  MC_EFORM_OPTION_VALUE_MAX = 128,     /* bytes */
  MC_EFORM_TEXT_DEFAULT_MAX = 1000,    /* characters when "max_length" is absent */
  MC_EFORM_TEXTAREA_DEFAULT_MAX = 10000,
  MC_EFORM_LENGTH_LIMIT = 100000,      /* the largest allowed "max_length" */
  MC_EFORM_PROBLEMS_MAX = 300,         /* entries listed in err->detail "fields" */
  MC_ID_PROVINCE_MIN = 1,
  MC_ID_PROVINCE_MAX = 96,
  MC_PHONE_MAX = 12,                   /* buffer for a normalised phone number + NUL */
};

/* Check the definition itself (used when a procedure is imported or edited).
 * NULL or JSON null is accepted (the procedure has no e-form). */
mc_rc mc_eform_check_definition(const json_t *def, mc_err *err);
/* Validate data against def. On failure err->code = "eform.invalid" and
 * err->detail has "fields": [{"field","code","message"}, …] for every problem.
 * def NULL / null = a form without fields; data NULL / null = {}. Data that is
 * not an object: MC_EINVAL "eform.not_object". A def that fails
 * mc_eform_check_definition: MC_EINTERNAL "eform.bad_definition". */
mc_rc mc_eform_validate(const json_t *def, const json_t *data, mc_err *err);

/* The format rules above, for other callers (accounts, applicant records). */
bool mc_id_number_valid(const char *s);
/* Normalise a Vietnamese phone number to its national digits ("0912345678");
 * false when it is not one. out must hold MC_PHONE_MAX bytes. */
bool mc_phone_normalize(const char *s, char out[MC_PHONE_MAX]);
bool mc_email_valid(const char *s);
