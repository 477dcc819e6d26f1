/* province.h — a small province for the core's tests: a fresh migrated
 * database with the test's units and procedures, its people, a scratch
 * folder, and a dossier filed the usual way. Every helper asserts. */
#pragma once
#include <stddef.h>
#include "core/auth.h"
#include "core/dossier.h"
#include "store/db.h"
#include "util/arena.h"

/* A fresh database (*url: its address, the caller frees) holding these units
 * and procedures (JSON imports), the working calendar reloaded. */
mc_db *th_province_open(const char *units_json, const char *procedures_json, char **url);
int64_t th_unit_id(mc_db *db, mc_arena *a, const char *code);
/* An account (password "!"), returned as the principal it signs in as. */
void th_user(mc_db *db, mc_arena *a, mc_principal *p, const char *name, const char *full_name, mc_role role,
             const char *unit_code, const char *id_number, const char *phone);
/* A new folder under the tests' scratch folder, named prefix-XXXXXX. */
void th_temp_dir(char *buf, size_t size, const char *prefix);
/* A dossier of procedure proc filed at t: by a citizen at unit C1, or by an
 * officer at the desk for a walk-in applicant; form {ho_ten}. */
mc_dossier *th_submit(mc_db *db, mc_arena *a, const mc_principal *who, const char *proc, mc_time t);
