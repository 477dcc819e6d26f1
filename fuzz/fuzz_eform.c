/* fuzz_eform.c — e-form validation: the input is either answers to a rich
 * fixed form, or (split at the first NUL byte) a form definition and the
 * answers to it. Invariants: no crash; a definition that passes the check
 * never makes validation fail as "bad definition"; every validation failure
 * of an object is eform.invalid with one {field, code, message} per problem. */
#include <stdint.h>
#include <string.h>
#include "core/eform.h"
#include "fuzz.h"

static const char FORM[] =
  "{\"fields\": ["
  "{\"name\": \"ho_ten\", \"label\": \"Họ và tên\", \"type\": \"text\", \"required\": true, \"max_length\": 100, \"pattern\": \"^[^0-9]+$\"},"
  "{\"name\": \"ngay_sinh\", \"label\": \"Ngày sinh\", \"type\": \"date\", \"required\": true, \"not_after\": \"today\"},"
  "{\"name\": \"so_dinh_danh\", \"label\": \"Số định danh cá nhân\", \"type\": \"id_number\", \"required\": true},"
  "{\"name\": \"dien_thoai\", \"label\": \"Số điện thoại\", \"type\": \"phone\"},"
  "{\"name\": \"email\", \"label\": \"Thư điện tử\", \"type\": \"email\"},"
  "{\"name\": \"gioi_tinh\", \"label\": \"Giới tính\", \"type\": \"select\", \"options\": [{\"value\": \"nam\", \"label\": \"Nam\"}, {\"value\": \"nu\", \"label\": \"Nữ\"}]},"
  "{\"name\": \"dien_tich\", \"label\": \"Diện tích\", \"type\": \"number\", \"min\": 0, \"max\": 1000000},"
  "{\"name\": \"so_ban_sao\", \"label\": \"Số bản sao\", \"type\": \"integer\", \"min\": 1, \"max\": 50},"
  "{\"name\": \"dong_y\", \"label\": \"Tôi cam đoan\", \"type\": \"checkbox\", \"required\": true},"
  "{\"name\": \"ghi_chu\", \"label\": \"Ghi chú\", \"type\": \"textarea\", \"max_length\": 2000}]}";

static json_t *form;

static void validate(const json_t *def, const json_t *answers) {
  mc_err err = {0};
  mc_rc rc = mc_eform_validate(def, answers, &err);
  if (rc != MC_OK && !json_is_object(answers) && !json_is_null(answers)) {
    FUZZ_CHECK(strcmp(err.code, "eform.not_object") == 0);
  } else if (rc != MC_OK) {
    FUZZ_CHECK(strcmp(err.code, "eform.invalid") == 0);
    json_t *fields = err.detail ? json_object_get(err.detail, "fields") : NULL;
    FUZZ_CHECK(json_is_array(fields) && json_array_size(fields) > 0);
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f) {
      FUZZ_CHECK(json_is_string(json_object_get(f, "field")));
      FUZZ_CHECK(json_string_length(json_object_get(f, "code")) > 0);
      FUZZ_CHECK(json_string_length(json_object_get(f, "message")) > 0);
    }
  }
  fuzz_check_err(rc, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!form) form = json_loads(FORM, 0, NULL);
  FUZZ_CHECK(form && mc_eform_check_definition(form, NULL) == MC_OK);
  const uint8_t *nul = memchr(data, 0, size);
  if (!nul) {
    json_t *answers = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (answers) validate(form, answers);
    json_decref(answers);
    return 0;
  }
  json_t *def = json_loadb((const char *)data, (size_t)(nul - data), JSON_REJECT_DUPLICATES, NULL);
  json_t *answers = json_loadb((const char *)nul + 1, size - (size_t)(nul - data) - 1, JSON_REJECT_DUPLICATES, NULL);
  mc_err err = {0};
  if (def) {
    mc_rc rc = mc_eform_check_definition(def, &err);
    fuzz_check_err(rc, &err);
    if (rc == MC_OK && answers) validate(def, answers);
  }
  json_decref(def);
  json_decref(answers);
  return 0;
}
