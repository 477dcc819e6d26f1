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
 * message, as {"code":"eform.invalid","fields":[{"field","code","message"}]}.  */
#pragma once
#include <jansson.h>
#include "util/arena.h"
#include "util/err.h"

/* Check the definition itself (used when a procedure is imported or edited). */
mc_rc mc_eform_check_definition(const json_t *def, mc_err *err);
/* Validate data against def. On failure err->code = "eform.invalid" and
 * err->detail has "fields": [{"field","code","message"}, …] for every problem. */
mc_rc mc_eform_validate(const json_t *def, const json_t *data, mc_err *err);
