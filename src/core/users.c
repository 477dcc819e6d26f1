/* users.c — account administration for admins: list and search accounts,
 * enable or disable one, change its role or unit. Each change is one
 * transaction with its audit entry; disabling ends the account's sessions. */
#include "core/auth.h"
#include "core/auth_int.h"
#include "util/str.h"
#include "util/time.h"
#include <stdio.h>
#include <string.h>

mc_rc mc_users_list(mc_db *db, mc_arena *a, const mc_users_filter *f, json_t **page, mc_err *err) {
  const char *like = NULL;
  if (!mc_str_empty(f->q)) {
    if (strlen(f->q) > 64) return mc_fail(err, MC_EINVAL, "query.too_long", "q", "The search text is too long.");
    char *l = mc_arena_printf(a, "%%%s%%", f->q);
    for (char *p = l; p && *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    like = l;
  }
  mc_role r;
  if (!mc_str_empty(f->role) && !mc_role_parse(f->role, &r))
    return mc_fail(err, MC_EINVAL, "user.bad_role", "role", "Unknown role \"%s\".", f->role);
  const char *role = mc_str_empty(f->role) ? NULL : f->role, *unit = mc_str_empty(f->unit) ? NULL : f->unit;
  int64_t total;
  mc_rc rc = mc_db_i64(db, "users.search_count", &total, err, "sss", like, role, unit);
  if (rc) return rc;
  mc_stmt *st = mc_db_prep(db, "users.search", err, "ssiiis", like, role, f->limit, f->offset,
                           (int64_t)mc_now(), unit);
  if (!st) return err->rc;
  json_t *items = json_array();
  int k;
  while ((k = mc_stmt_next(st, err)) > 0) {
    json_t *row = mc_row_json(st);
    json_object_set_new(row, "disabled", json_boolean(json_integer_value(json_object_get(row, "disabled"))));
    json_object_set_new(row, "locked", json_boolean(json_integer_value(json_object_get(row, "locked"))));
    json_array_append_new(items, row);
  }
  if (k < 0) { json_decref(items); return err->rc; }
  *page = json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
                    "limit", (json_int_t)f->limit, "offset", (json_int_t)f->offset);
  return MC_OK;
}

typedef struct update_ctx { const mc_principal *actor; const char *username; const mc_user_patch *p; } update_ctx;

static mc_rc apply_update(mc_db *db, void *ctx, mc_err *err) {
  update_ctx *u = ctx;
  mc_stmt *st = mc_db_prep(db, "users.by_username", err, "s", u->username);
  if (!st) return err->rc;
  int k = mc_stmt_next(st, err);
  if (k < 0) return err->rc;
  if (k == 0) return mc_fail(err, MC_ENOTFOUND, "user.unknown", "username", "No account \"%s\".", u->username);
  int64_t id = mc_col_i64(st, 0), unit_id = mc_col_null(st, 5) ? 0 : mc_col_i64(st, 5);
  bool disabled = mc_col_i64(st, 9) != 0;
  char role[32];
  mc_strlcpy(role, mc_col_text(st, 4), sizeof role);
  while (mc_stmt_next(st, err) > 0) {}
  if (id == u->actor->user_id && ((u->p->set_disabled && u->p->disabled) || u->p->role))
    return mc_fail(err, MC_ECONFLICT, "user.self_change", NULL,
                   "An administrator cannot disable their own account or change their own role.");
  if (u->p->set_disabled) disabled = u->p->disabled;
  mc_role r;
  if (u->p->role) {
    if (!mc_role_parse(u->p->role, &r))
      return mc_fail(err, MC_EINVAL, "user.bad_role", "role", "Unknown role \"%s\".", u->p->role);
    mc_strlcpy(role, u->p->role, sizeof role);
  }
  if (u->p->unit_code) {
    mc_rc rc = mc_db_i64(db, "units.id_by_code", &unit_id, err, "s", u->p->unit_code);
    if (rc == MC_ENOTFOUND) {
      mc_err_clear(err);
      return mc_fail(err, MC_EINVAL, "unit.unknown", "unit_code", "Unknown unit code \"%s\".", u->p->unit_code);
    }
    if (rc) return rc;
  }
  mc_role_parse(role, &r);
  if (r != MC_ROLE_CITIZEN && !unit_id)
    return mc_fail(err, MC_EINVAL, "user.unit_required", "unit_code", "Staff accounts belong to a unit.");
  if (r == MC_ROLE_CITIZEN) unit_id = 0;
  mc_rc rc = mc_db_exec(db, "users.set_admin_fields", err, "iisI", id, (int64_t)disabled, role, unit_id);
  if (!rc && disabled) rc = mc_db_exec(db, "users.session_delete_user", err, "i", id);
  if (rc) return rc;
  json_t *detail = json_pack("{s:b, s:s}", "disabled", disabled, "role", role);
  if (u->p->unit_code) json_object_set_new(detail, "unit", json_string(u->p->unit_code));
  return mc_auth_audit(db, u->actor, "user.update", id, u->username, detail, err);
}

mc_rc mc_user_update(mc_db *db, const mc_principal *actor, const char *username, const mc_user_patch *p,
                     mc_err *err) {
  if (!actor || actor->role != MC_ROLE_ADMIN)
    return mc_fail(err, MC_EFORBIDDEN, "auth.forbidden", NULL, "Only an administrator manages accounts.");
  update_ctx ctx = {actor, username, p};
  return mc_auth_in_tx(db, apply_update, &ctx, err);
}
