/* province.c — a small province for the core's tests (province.h). */
#include "province.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/calendar.h"
#include "core/procedure.h"
#include "core/unit.h"
#include "harness.h"

mc_db *th_province_open(const char *units_json, const char *procedures_json, char **url) {
  mc_err err = {0};
  mc_db *db;
  *url = th_fresh_db_url();
  cr_assert_eq(mc_db_open(*url, &db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK, "%s", err.message);
  mc_calendar_changed();
  int n;
  cr_assert_eq(mc_units_import(db, "json", units_json, strlen(units_json), &n, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_procedures_import(db, "json", procedures_json, strlen(procedures_json), &n, &err), MC_OK, "%s",
               err.message);
  return db;
}

int64_t th_unit_id(mc_db *db, mc_arena *a, const char *code) {
  mc_err err = {0};
  mc_unit *u;
  cr_assert_eq(mc_unit_get(db, a, code, &u, &err), MC_OK, "%s", err.message);
  return u->id;
}

void th_user(mc_db *db, mc_arena *a, mc_principal *p, const char *name, const char *full_name, mc_role role,
             const char *unit_code, const char *id_number, const char *phone) {
  mc_err err = {0};
  int64_t id, uid = unit_code ? th_unit_id(db, a, unit_code) : 0;
  cr_assert_eq(mc_db_i64(db, "users.insert", &id, &err, "ssssIssss", name, "!", full_name, mc_role_name(role), uid,
                         id_number, phone, NULL, "2025-01-01T00:00:00+07:00"), MC_OK, "%s", err.message);
  *p = (mc_principal){.user_id = id, .role = role, .unit_id = uid, .username = name, .full_name = full_name,
                      .id_number = id_number};
}

void th_temp_dir(char *buf, size_t size, const char *prefix) {
  const char *tmp = getenv("MOTCUA_TEST_DIR");
  snprintf(buf, size, "%s/%s-XXXXXX", tmp ? tmp : "/tmp", prefix);
  cr_assert(mkdtemp(buf));
}

mc_dossier *th_submit(mc_db *db, mc_arena *a, const mc_principal *who, const char *proc, mc_time t) {
  mc_err err = {0};
  json_t *form = json_pack("{s:s}", "ho_ten", "Nguyễn Văn An");
  mc_dossier_new in = {.procedure_code = proc, .unit_code = "C1", .form = form, .at = t};
  if (who->role == MC_ROLE_OFFICER) {
    in.unit_code = NULL;
    in.applicant = (mc_applicant){.name = "Trần Thị Bình", .phone = "0912 000 111"};
  }
  mc_dossier *d;
  cr_assert_eq(mc_dossier_submit(db, a, who, &in, &d, &err), MC_OK, "%s %s", err.code, err.message);
  json_decref(form);
  return d;
}
