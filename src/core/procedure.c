/* procedure.c — the procedure catalogue: loading a procedure with its fees,
 * components, e-form and workflow; its JSON form; writing one procedure (the
 * import and the single save share mc_proc_store); the list of fields. */
#include "core/procedure_int.h"
#include "util/fold.h"
#include "util/json.h"
#include "util/str.h"
#include "util/time.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mc_rc no_memory(mc_err *err) {
  return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

static const char *col_dup(mc_stmt *st, mc_arena *a, int i) {
  return mc_col_null(st, i) ? NULL : mc_arena_strdup(a, mc_col_text(st, i));
}

static const char *canonical(const char *const names[], const char *s) {
  for (int i = 0; s && names[i]; i++)
    if (strcmp(names[i], s) == 0) return names[i];
  return NULL;
}

static json_t *parse_doc(mc_stmt *st, mc_arena *a, int i) {
  if (mc_col_null(st, i)) return NULL;
  json_t *j = json_loads(mc_col_text(st, i), 0, NULL);
  return mc_json_keep(a, j);
}

mc_rc mc_proc_from_row(mc_stmt *st, mc_arena *a, mc_procedure *p, mc_err *err) {
  memset(p, 0, sizeof *p);
  p->id = mc_col_i64(st, PC_ID);
  p->code = col_dup(st, a, PC_CODE);
  p->name = col_dup(st, a, PC_NAME);
  p->field_code = col_dup(st, a, PC_FIELD_CODE);
  p->field_name = col_dup(st, a, PC_FIELD_NAME);
  p->level = canonical(mc_proc_levels, mc_col_text(st, PC_LEVEL));
  p->unit_kinds = col_dup(st, a, PC_UNIT_KINDS);
  p->time_amount = mc_col_i64(st, PC_TIME_AMOUNT);
  const char *tu = mc_col_text(st, PC_TIME_UNIT);
  int tui = -1;
  for (int i = 0; tu && mc_proc_time_units[i]; i++)
    if (strcmp(mc_proc_time_units[i], tu) == 0) tui = i;
  p->time_unit = (mc_time_unit)(tui < 0 ? 0 : tui);
  p->rule_1500 = mc_col_i64(st, PC_RULE_1500) != 0;
  p->online_level = canonical(mc_proc_online_levels, mc_col_text(st, PC_ONLINE));
  p->full_eligible = mc_col_i64(st, PC_FULL_ELIGIBLE) != 0;
  p->result_type = canonical(mc_proc_result_types, mc_col_text(st, PC_RESULT));
  p->citizen_kind = canonical(mc_proc_citizen_kinds, mc_col_text(st, PC_CITIZEN));
  int32_t *dates[] = {&p->decided_on, &p->effective_on, &p->published_on};
  for (int i = 0; i < 3; i++)
    if (!mc_col_null(st, PC_DECIDED + i) && !mc_date_parse(mc_col_text(st, PC_DECIDED + i), dates[i]))
      *dates[i] = 0;
  p->payment_integrated = mc_col_i64(st, PC_PAYMENT) != 0;
  p->active = mc_col_i64(st, PC_ACTIVE) != 0;
  p->eform = parse_doc(st, a, PC_EFORM);
  p->workflow = parse_doc(st, a, PC_WORKFLOW);
  if (!p->code || !p->name || !p->field_code || !p->field_name || !p->unit_kinds) return no_memory(err);
  if (!p->level || !p->online_level || !p->result_type || !p->citizen_kind || tui < 0 ||
      (!mc_col_null(st, PC_EFORM) && !p->eform) || (!mc_col_null(st, PC_WORKFLOW) && !p->workflow))
    return mc_fail(err, MC_EINTERNAL, "procedure.corrupt", NULL,
                   "The stored procedure %s is not readable.", p->code);
  return MC_OK;
}

static mc_rc load_lines(mc_db *db, mc_arena *a, mc_procedure *p, mc_err *err) {
  enum { CAP = MC_PROC_COMPONENTS_MAX > MC_PROC_FEES_MAX ? MC_PROC_COMPONENTS_MAX : MC_PROC_FEES_MAX };
  mc_stmt *st = mc_db_prep(db, "procedures.fees_of", err, "i", p->id);
  if (!st) return err->rc;
  p->fees = mc_arena_alloc(a, sizeof *p->fees * MC_PROC_FEES_MAX);
  if (!p->fees) return no_memory(err);
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    if (p->nfees == MC_PROC_FEES_MAX) continue;
    mc_fee *f = &p->fees[p->nfees++];
    f->code = col_dup(st, a, 0);
    f->name = col_dup(st, a, 1);
    f->amount = mc_col_i64(st, 2);
    f->kind = (int)mc_col_i64(st, 3);
    if (!f->code || !f->name) return no_memory(err);
  }
  if (r < 0) return err->rc;
  st = mc_db_prep(db, "procedures.components_of", err, "i", p->id);
  if (!st) return err->rc;
  p->components = mc_arena_alloc(a, sizeof *p->components * CAP);
  if (!p->components) return no_memory(err);
  while ((r = mc_stmt_next(st, err)) > 0) {
    if (p->ncomponents == CAP) continue;
    mc_component *c = &p->components[p->ncomponents++];
    c->code = col_dup(st, a, 0);
    c->name = col_dup(st, a, 1);
    c->required = mc_col_i64(st, 2) != 0;
    c->from_store = mc_col_i64(st, 3) != 0;
    if (!c->code || !c->name) return no_memory(err);
  }
  return r < 0 ? err->rc : MC_OK;
}

static mc_rc get_by(mc_db *db, mc_arena *a, const char *query, const char *code, int64_t id,
                    mc_procedure **out, mc_err *err) {
  mc_stmt *st = code ? mc_db_prep(db, query, err, "s", code) : mc_db_prep(db, query, err, "i", id);
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err->rc;
  if (r == 0) {
    if (code)
      return mc_fail(err, MC_ENOTFOUND, "procedure.not_found", "code", "No procedure has the code \"%.64s\".", code);
    return mc_fail(err, MC_ENOTFOUND, "procedure.not_found", "id", "No procedure has the id %lld.", (long long)id);
  }
  mc_procedure *p = mc_arena_alloc(a, sizeof *p);
  if (!p) { while (mc_stmt_next(st, err) > 0) {} return no_memory(err); }
  mc_rc rc = mc_proc_from_row(st, a, p, err);
  while (mc_stmt_next(st, NULL) > 0) {}
  if (rc || (rc = load_lines(db, a, p, err))) return rc;
  *out = p;
  return MC_OK;
}

mc_rc mc_procedure_get(mc_db *db, mc_arena *a, const char *code, mc_procedure **out, mc_err *err) {
  if (mc_str_empty(code))
    return mc_fail(err, MC_ENOTFOUND, "procedure.not_found", "code", "No procedure code given.");
  return get_by(db, a, "procedures.by_code", code, 0, out, err);
}

mc_rc mc_procedure_get_id(mc_db *db, mc_arena *a, int64_t id, mc_procedure **out, mc_err *err) {
  return get_by(db, a, "procedures.by_id", NULL, id, out, err);
}

/* ---- JSON form ----------------------------------------------------------- */

static void time_label(char *buf, size_t n, const mc_procedure *p) {
  long long k = (long long)p->time_amount;
  switch (p->time_unit) {
  case MC_TU_SAME_DAY: snprintf(buf, n, "Trong ngày"); return;
  case MC_TU_WORKING_HOURS: snprintf(buf, n, "%lld giờ làm việc", k); return;
  case MC_TU_DAYS: snprintf(buf, n, "%lld ngày", k); return;
  case MC_TU_WORKING_DAYS: break;
  }
  snprintf(buf, n, "%lld ngày làm việc", k);
}

const char *mc_procedure_time_label(mc_arena *a, const mc_procedure *p) {
  char buf[64];
  time_label(buf, sizeof buf, p);
  return mc_arena_strdup(a, buf);
}

static json_t *date_json(int32_t day) {
  if (!day) return json_null();
  char buf[16];
  mc_date_format(day, buf, sizeof buf);
  return json_string(buf);
}

static json_t *unit_kinds_json(const char *s) {
  json_t *arr = json_array();
  while (s && *s) {
    const char *e = strchr(s, ',');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    json_array_append_new(arr, json_stringn(s, n));
    s += n + (e ? 1 : 0);
  }
  return arr;
}

json_t *mc_procedure_to_json(const mc_procedure *p, bool full) {
  char label[64];
  time_label(label, sizeof label, p);
  json_t *o = json_object();
  if (p->id) json_object_set_new(o, "id", json_integer(p->id));
  json_object_set_new(o, "code", json_string(p->code));
  json_object_set_new(o, "name", json_string(p->name));
  json_object_set_new(o, "field_code", json_string(p->field_code));
  json_object_set_new(o, "field_name", json_string(p->field_name));
  json_object_set_new(o, "level", json_string(p->level));
  json_object_set_new(o, "unit_kinds", unit_kinds_json(p->unit_kinds));
  json_object_set_new(o, "time_amount", json_integer(p->time_amount));
  json_object_set_new(o, "time_unit", json_string(mc_proc_time_units[p->time_unit]));
  json_object_set_new(o, "time_label", json_string(label));
  json_object_set_new(o, "rule_1500", json_boolean(p->rule_1500));
  json_object_set_new(o, "online_level", json_string(p->online_level));
  json_object_set_new(o, "full_eligible", json_boolean(p->full_eligible));
  json_object_set_new(o, "result_type", json_string(p->result_type));
  json_object_set_new(o, "citizen_kind", json_string(p->citizen_kind));
  json_object_set_new(o, "decided_on", date_json(p->decided_on));
  json_object_set_new(o, "effective_on", date_json(p->effective_on));
  json_object_set_new(o, "published_on", date_json(p->published_on));
  json_object_set_new(o, "payment_integrated", json_boolean(p->payment_integrated));
  json_object_set_new(o, "active", json_boolean(p->active));
  if (!full) return o;
  json_t *fees = json_array(), *comps = json_array();
  for (int i = 0; i < p->nfees; i++)
    json_array_append_new(fees, json_pack("{s:s, s:s, s:I, s:s}", "code", p->fees[i].code, "name",
                                          p->fees[i].name, "amount", (json_int_t)p->fees[i].amount,
                                          "kind", mc_proc_fee_kinds[p->fees[i].kind == 1 ? 0 : 1]));
  for (int i = 0; i < p->ncomponents; i++)
    json_array_append_new(comps, json_pack("{s:s, s:s, s:b, s:b}", "code", p->components[i].code,
                                           "name", p->components[i].name, "required",
                                           p->components[i].required, "from_store",
                                           p->components[i].from_store));
  json_object_set_new(o, "fees", fees);
  json_object_set_new(o, "components", comps);
  json_object_set(o, "eform", p->eform ? p->eform : json_null());
  json_object_set(o, "workflow", p->workflow ? p->workflow : json_null());
  return o;
}

/* ---- writing --------------------------------------------------------------- */

static char *dump_doc(const json_t *j) {
  return j ? json_dumps(j, JSON_COMPACT) : NULL;
}

mc_rc mc_proc_store(mc_db *db, mc_arena *a, const mc_procedure *p, const char *now, int64_t *id,
                    mc_err *err) {
  char *name_fold = mc_fold(a, p->name), *field_fold = mc_fold(a, p->field_name);
  if (!name_fold || !field_fold) return no_memory(err);
  char dates[3][11] = {"", "", ""};
  const int32_t days[3] = {p->decided_on, p->effective_on, p->published_on};
  for (int i = 0; i < 3; i++)
    if (days[i]) mc_date_format(days[i], dates[i], sizeof dates[i]);
  char *eform = dump_doc(p->eform), *workflow = dump_doc(p->workflow);
  mc_rc rc;
  if ((p->eform && !eform) || (p->workflow && !workflow)) {
    rc = no_memory(err);
    goto out;
  }
  if ((rc = mc_db_exec(db, "procedures.field_upsert", err, "ssss", p->field_code, p->field_name,
                       field_fold, now)))
    goto out;
  rc = mc_db_i64(db, "procedures.upsert", id, err, "ssssssisisisssssiisss", p->code, p->name,
                 name_fold, p->field_code, p->level, p->unit_kinds, (int64_t)p->time_amount,
                 mc_proc_time_units[p->time_unit], (int64_t)p->rule_1500, p->online_level,
                 (int64_t)p->full_eligible, p->result_type, p->citizen_kind,
                 days[0] ? dates[0] : NULL, days[1] ? dates[1] : NULL, days[2] ? dates[2] : NULL,
                 (int64_t)p->payment_integrated, (int64_t)p->active, eform, workflow, now);
  if (rc) goto out;
  if ((rc = mc_db_exec(db, "procedures.fees_delete", err, "i", *id)) ||
      (rc = mc_db_exec(db, "procedures.components_delete", err, "i", *id)))
    goto out;
  for (int i = 0; i < p->nfees && !rc; i++)
    rc = mc_db_exec(db, "procedures.fee_insert", err, "iissii", *id, (int64_t)i, p->fees[i].code,
                    p->fees[i].name, p->fees[i].amount, (int64_t)p->fees[i].kind);
  for (int i = 0; i < p->ncomponents && !rc; i++)
    rc = mc_db_exec(db, "procedures.component_insert", err, "iissii", *id, (int64_t)i,
                    p->components[i].code, p->components[i].name, (int64_t)p->components[i].required,
                    (int64_t)p->components[i].from_store);
out:
  free(eform);
  free(workflow);
  return rc;
}

static mc_rc save_checked(mc_db *db, mc_arena *a, const mc_procedure *p, mc_save_mode mode,
                          int64_t *id, mc_err *err) {
  int64_t existing = 0;
  mc_rc rc = mc_db_i64(db, "procedures.id_by_code", &existing, err, "s", p->code);
  if (rc == MC_ENOTFOUND) { mc_err_clear(err); rc = MC_OK; existing = 0; }
  if (rc) return rc;
  if (mode == MC_SAVE_CREATE && existing)
    return mc_fail(err, MC_ECONFLICT, "procedure.exists", "code",
                   "A procedure with the code \"%s\" exists already; change it with PUT.", p->code);
  if (mode == MC_SAVE_UPDATE && !existing)
    return mc_fail(err, MC_ENOTFOUND, "procedure.not_found", "code",
                   "No procedure has the code \"%s\".", p->code);
  char now[32];
  mc_time_format(mc_now(), now, sizeof now);
  return mc_proc_store(db, a, p, now, id, err);
}

mc_rc mc_procedure_save(mc_db *db, const json_t *doc, mc_save_mode mode, const char *code,
                        int64_t *id, mc_err *err) {
  mc_arena *a = mc_arena_new(16 << 20);
  if (!a) return no_memory(err);
  mc_rc rc = MC_OK;
  /* PUT may leave the code out of the body: it is in the address. */
  if (mode == MC_SAVE_UPDATE && code && json_is_object(doc) && !json_object_get(doc, "code")) {
    json_t *copy = mc_json_keep(a, json_copy((json_t *)doc));
    if (!copy) rc = no_memory(err);
    else json_object_set_new(copy, "code", json_string(code));
    doc = copy;
  }
  mc_procedure *p = NULL;
  if (!rc) rc = mc_procedure_from_json(a, doc, &p, err);
  if (!rc && mode == MC_SAVE_UPDATE && code && strcmp(p->code, code) != 0)
    rc = mc_fail(err, MC_EINVAL, "procedure.code_mismatch", "code",
                 "code \"%s\" in the body differs from \"%.64s\" in the address; a code cannot be changed",
                 p->code, code);
  if (!rc) {
    bool own = !mc_db_in_tx(db);
    if (!own || !(rc = mc_db_begin(db, err))) {
      rc = save_checked(db, a, p, mode, id, err);
      if (own && !rc) rc = mc_db_commit(db, err);
      else if (own) mc_db_rollback(db);
    }
  }
  mc_arena_free(a);
  return rc;
}

/* ---- fields ------------------------------------------------------------------ */

mc_rc mc_fields_list(mc_db *db, mc_arena *a, mc_field_info **out, int *n, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "procedures.fields", err, NULL);
  if (!st) return err->rc;
  int cap = 64, k = 0, r = 0;
  mc_field_info *items = mc_arena_alloc(a, sizeof *items * (size_t)cap);
  while (items && (r = mc_stmt_next(st, err)) > 0) {
    if (k == cap) {
      mc_field_info *bigger = mc_arena_alloc(a, sizeof *items * (size_t)cap * 2);
      if (!bigger) { items = NULL; break; }
      memcpy(bigger, items, sizeof *items * (size_t)cap);
      items = bigger;
      cap *= 2;
    }
    items[k].code = col_dup(st, a, 0);
    items[k].name = col_dup(st, a, 1);
    items[k].procedures = mc_col_i64(st, 2);
    items[k].online = mc_col_i64(st, 3);
    if (!items[k].code || !items[k].name) items = NULL;
    else k++;
  }
  if (!items) { while (mc_stmt_next(st, NULL) > 0) {} return no_memory(err); }
  if (r < 0) return err->rc;
  *out = items;
  *n = k;
  return MC_OK;
}
