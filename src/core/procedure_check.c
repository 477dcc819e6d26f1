/* procedure_check.c — checking one procedure document (the JSON format of
 * procedure.h) into an mc_procedure. Every message starts with the member it
 * is about ("time_unit \"weeks\" is not one of …") so that the import can
 * prefix the item or line. The e-form and workflow documents are checked by
 * their modules (eform.h, workflow.h). */
#include "core/eform.h"
#include "core/procedure_int.h"
#include "core/workflow.h"
#include "util/str.h"
#include "util/time.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const mc_proc_levels[] = {"province", "department", "district", "commune", NULL};
const char *const mc_proc_unit_kinds[] = {"province", "department", "district", "commune", "other", NULL};
const char *const mc_proc_time_units[] = {"working_days", "working_hours", "days", "same_day", NULL};
const char *const mc_proc_online_levels[] = {"full", "partial", "none", NULL};
const char *const mc_proc_result_types[] = {"paper", "electronic", "both", NULL};
const char *const mc_proc_citizen_kinds[] = {"citizen", "business", "both", NULL};
const char *const mc_proc_fee_kinds[] = {"phi", "le_phi", NULL};

/* Members of the document; the second list is output-only and ignored. */
static const char *const proc_members[] = {
  "code", "name", "field_code", "field_name", "level", "unit_kinds", "time_amount", "time_unit",
  "rule_1500", "online_level", "full_eligible", "result_type", "citizen_kind", "decided_on",
  "effective_on", "published_on", "payment_integrated", "active", "fees", "components", "eform",
  "workflow", NULL};
static const char *const proc_output_only[] = {"id", "time_label", "created_at", "updated_at", NULL};
static const char *const fee_members[] = {"code", "name", "amount", "kind", NULL};
static const char *const component_members[] = {"code", "name", "required", "from_store", NULL};

enum { MAX_UNIT_KINDS = 5, LINE_CODE_MAX = 40, DAYS_MAX = 730, HOURS_MAX = 2000 };

static mc_rc bad(mc_err *err, const char *code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static mc_rc bad(mc_err *err, const char *code, const char *field, const char *fmt, ...) {
  char msg[MC_ERR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return mc_fail(err, MC_EINVAL, code, field, "%s", msg);
}

static int find_name(const char *const names[], const char *s) {
  for (int i = 0; names[i]; i++)
    if (strcmp(names[i], s) == 0) return i;
  return -1;
}

static void join_names(const char *const names[], char *buf, size_t n) {
  size_t k = 0;
  buf[0] = 0;
  for (int i = 0; names[i] && k < n; i++)
    k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? ", " : "", names[i]);
}

static bool in_list(const char *const list[], const char *s) { return find_name(list, s) >= 0; }

/* ---- typed getters; field = prefix + key ("fees[2]." + "amount") ---------- */

static void fname(char *buf, size_t n, const char *prefix, const char *key) {
  snprintf(buf, n, "%s%s", prefix, key);
}

static mc_rc get_str(const json_t *o, const char *prefix, const char *key, bool required,
                     size_t maxlen, const char **out, mc_err *err) {
  char f[MC_ERR_FIELD_MAX];
  fname(f, sizeof f, prefix, key);
  json_t *v = json_object_get(o, key);
  *out = NULL;
  if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
    if (required) return bad(err, "procedure.missing_field", f, "%s is required", f);
    return MC_OK;
  }
  if (!json_is_string(v)) return bad(err, "procedure.wrong_type", f, "%s must be text", f);
  const char *s = json_string_value(v);
  if (strlen(s) != json_string_length(v))
    return bad(err, "procedure.bad_text", f, "%s contains a NUL character", f);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x20 || *p == 0x7f)
      return bad(err, "procedure.bad_text", f, "%s contains a control character (line break or tab)", f);
  if (mc_utf8_len(s) > maxlen)
    return bad(err, "procedure.too_long", f, "%s is longer than %zu characters", f, maxlen);
  *out = s;
  return MC_OK;
}

static mc_rc get_code(const json_t *o, const char *prefix, const char *key, size_t maxlen,
                      const char **out, mc_err *err) {
  mc_rc rc = get_str(o, prefix, key, true, maxlen, out, err);
  if (rc) return rc;
  const char *s = *out;
  bool ok = (s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z');
  for (const char *p = s; *p && ok; p++)
    ok = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
         *p == '.' || *p == '_' || *p == '-';
  if (!ok) {
    char f[MC_ERR_FIELD_MAX];
    fname(f, sizeof f, prefix, key);
    return bad(err, "procedure.bad_code", f,
               "%s \"%.64s\" must start with a letter or digit and use only A-Z, a-z, 0-9, '.', '_' and '-'",
               f, s);
  }
  return MC_OK;
}

static mc_rc get_enum(const json_t *o, const char *prefix, const char *key, bool required,
                      const char *const names[], int def, int *out, mc_err *err) {
  const char *s;
  mc_rc rc = get_str(o, prefix, key, required, 64, &s, err);
  if (rc) return rc;
  if (!s) { *out = def; return MC_OK; }
  int i = find_name(names, s);
  if (i < 0) {
    char f[MC_ERR_FIELD_MAX], list[256];
    fname(f, sizeof f, prefix, key);
    join_names(names, list, sizeof list);
    return bad(err, "procedure.bad_value", f, "%s \"%.40s\" is not one of %s", f, s, list);
  }
  *out = i;
  return MC_OK;
}

static mc_rc get_int(const json_t *o, const char *prefix, const char *key, bool required,
                     int64_t min, int64_t max, int64_t *out, mc_err *err) {
  char f[MC_ERR_FIELD_MAX];
  fname(f, sizeof f, prefix, key);
  json_t *v = json_object_get(o, key);
  if (!v || json_is_null(v)) {
    if (required) return bad(err, "procedure.missing_field", f, "%s is required", f);
    return MC_OK;
  }
  if (!json_is_integer(v)) return bad(err, "procedure.wrong_type", f, "%s must be a whole number", f);
  json_int_t n = json_integer_value(v);
  if (n < min || n > max)
    return bad(err, "procedure.out_of_range", f, "%s must be between %lld and %lld (it is %lld)", f,
               (long long)min, (long long)max, (long long)n);
  *out = n;
  return MC_OK;
}

static mc_rc get_bool(const json_t *o, const char *prefix, const char *key, bool def, bool *out,
                      mc_err *err) {
  json_t *v = json_object_get(o, key);
  if (!v || json_is_null(v)) { *out = def; return MC_OK; }
  if (!json_is_boolean(v)) {
    char f[MC_ERR_FIELD_MAX];
    fname(f, sizeof f, prefix, key);
    return bad(err, "procedure.wrong_type", f, "%s must be true or false", f);
  }
  *out = json_is_true(v);
  return MC_OK;
}

static mc_rc get_date(const json_t *o, const char *key, int32_t *out, mc_err *err) {
  const char *s;
  mc_rc rc = get_str(o, "", key, false, 10, &s, err);
  if (rc) {
    if (strcmp(err->code, "procedure.too_long") != 0) return rc;
    s = json_string_value(json_object_get(o, key));
    mc_err_clear(err);
    return bad(err, "procedure.bad_date", key, "%s \"%.40s\" is not a date (YYYY-MM-DD)", key, s);
  }
  *out = 0;
  if (s && !mc_date_parse(s, out))
    return bad(err, "procedure.bad_date", key, "%s \"%s\" is not a date (YYYY-MM-DD)", key, s);
  return MC_OK;
}

static mc_rc only_members(const json_t *o, const char *prefix, const char *const allowed[],
                          const char *const ignored[], mc_err *err) {
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)o, key, v) {
    if (in_list(allowed, key) || (ignored && in_list(ignored, key))) continue;
    char f[MC_ERR_FIELD_MAX];
    fname(f, sizeof f, prefix, key);
    return bad(err, "procedure.unknown_field", f, "unknown member \"%.60s\"", f);
  }
  return MC_OK;
}

/* ---- composite members ------------------------------------------------------ */

static mc_rc get_unit_kinds(mc_arena *a, const json_t *o, const char **out, mc_err *err) {
  json_t *v = json_object_get(o, "unit_kinds");
  if (!v || json_is_null(v)) return bad(err, "procedure.missing_field", "unit_kinds", "unit_kinds is required");
  if (!json_is_array(v))
    return bad(err, "procedure.wrong_type", "unit_kinds", "unit_kinds must be a list of unit kinds");
  size_t n = json_array_size(v);
  if (n == 0) return bad(err, "procedure.missing_field", "unit_kinds", "unit_kinds is empty");
  if (n > MAX_UNIT_KINDS)
    return bad(err, "procedure.too_long", "unit_kinds", "unit_kinds has more than %d items", MAX_UNIT_KINDS);
  char buf[128] = "", list[128];
  size_t k = 0;
  int seen[MAX_UNIT_KINDS + 1] = {0};
  join_names(mc_proc_unit_kinds, list, sizeof list);
  for (size_t i = 0; i < n; i++) {
    char f[32];
    snprintf(f, sizeof f, "unit_kinds[%zu]", i);
    json_t *e = json_array_get(v, i);
    if (!json_is_string(e)) return bad(err, "procedure.wrong_type", f, "%s must be text", f);
    int idx = find_name(mc_proc_unit_kinds, json_string_value(e));
    if (idx < 0)
      return bad(err, "procedure.bad_value", f, "%s \"%.40s\" is not one of %s", f, json_string_value(e), list);
    if (seen[idx]++)
      return bad(err, "procedure.duplicate", f, "unit_kinds lists \"%s\" twice", mc_proc_unit_kinds[idx]);
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? "," : "", mc_proc_unit_kinds[idx]);
  }
  *out = mc_arena_strdup(a, buf);
  return *out ? MC_OK : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

static mc_rc get_fees(mc_arena *a, const json_t *o, mc_procedure *p, mc_err *err) {
  json_t *v = json_object_get(o, "fees");
  if (!v || json_is_null(v)) return MC_OK;
  if (!json_is_array(v)) return bad(err, "procedure.wrong_type", "fees", "fees must be a list");
  size_t n = json_array_size(v);
  if (n > MC_PROC_FEES_MAX)
    return bad(err, "procedure.too_long", "fees", "fees has more than %d lines", MC_PROC_FEES_MAX);
  p->fees = mc_arena_alloc(a, sizeof *p->fees * (n ? n : 1));
  if (!p->fees) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc;
  for (size_t i = 0; i < n; i++) {
    char pre[32];
    snprintf(pre, sizeof pre, "fees[%zu].", i);
    json_t *e = json_array_get(v, i);
    if (!json_is_object(e)) {
      pre[strlen(pre) - 1] = 0;
      return bad(err, "procedure.wrong_type", pre, "%s must be an object", pre);
    }
    mc_fee *fee = &p->fees[i];
    int kind = 0;
    if ((rc = only_members(e, pre, fee_members, NULL, err)) ||
        (rc = get_code(e, pre, "code", LINE_CODE_MAX, &fee->code, err)) ||
        (rc = get_str(e, pre, "name", true, MC_PROC_LINE_NAME_MAX, &fee->name, err)) ||
        (rc = get_int(e, pre, "amount", true, 0, MC_PROC_FEE_MAX, &fee->amount, err)) ||
        (rc = get_enum(e, pre, "kind", true, mc_proc_fee_kinds, 0, &kind, err)))
      return rc;
    fee->kind = kind + 1;
    for (size_t j = 0; j < i; j++)
      if (strcmp(p->fees[j].code, fee->code) == 0) {
        char f[48];
        snprintf(f, sizeof f, "fees[%zu].code", i);
        return bad(err, "procedure.duplicate", f, "%s \"%s\" is used twice", f, fee->code);
      }
  }
  p->nfees = (int)n;
  return MC_OK;
}

static mc_rc get_components(mc_arena *a, const json_t *o, mc_procedure *p, mc_err *err) {
  json_t *v = json_object_get(o, "components");
  if (!v || json_is_null(v)) return MC_OK;
  if (!json_is_array(v)) return bad(err, "procedure.wrong_type", "components", "components must be a list");
  size_t n = json_array_size(v);
  if (n > MC_PROC_COMPONENTS_MAX)
    return bad(err, "procedure.too_long", "components", "components has more than %d items",
               MC_PROC_COMPONENTS_MAX);
  p->components = mc_arena_alloc(a, sizeof *p->components * (n ? n : 1));
  if (!p->components) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc;
  for (size_t i = 0; i < n; i++) {
    char pre[40];
    snprintf(pre, sizeof pre, "components[%zu].", i);
    json_t *e = json_array_get(v, i);
    if (!json_is_object(e)) {
      pre[strlen(pre) - 1] = 0;
      return bad(err, "procedure.wrong_type", pre, "%s must be an object", pre);
    }
    mc_component *c = &p->components[i];
    if ((rc = only_members(e, pre, component_members, NULL, err)) ||
        (rc = get_code(e, pre, "code", LINE_CODE_MAX, &c->code, err)) ||
        (rc = get_str(e, pre, "name", true, MC_PROC_LINE_NAME_MAX, &c->name, err)) ||
        (rc = get_bool(e, pre, "required", true, &c->required, err)) ||
        (rc = get_bool(e, pre, "from_store", false, &c->from_store, err)))
      return rc;
    for (size_t j = 0; j < i; j++)
      if (strcmp(p->components[j].code, c->code) == 0) {
        char f[56];
        snprintf(f, sizeof f, "components[%zu].code", i);
        return bad(err, "procedure.duplicate", f, "%s \"%s\" is used twice", f, c->code);
      }
  }
  p->ncomponents = (int)n;
  return MC_OK;
}

/* The e-form or workflow member: an object checked by its module, or null. */
static mc_rc get_document(const json_t *o, const char *key, json_t **out, mc_err *err) {
  json_t *v = json_object_get(o, key);
  *out = NULL;
  if (!v || json_is_null(v)) return MC_OK;
  if (!json_is_object(v)) return bad(err, "procedure.wrong_type", key, "%s must be an object", key);
  size_t size = json_dumpb(v, NULL, 0, JSON_COMPACT);
  if (size > MC_PROC_DOC_MAX)
    return bad(err, "procedure.too_long", key, "%s is larger than %d bytes", key, MC_PROC_DOC_MAX);
  mc_err inner = {0};
  mc_rc rc = strcmp(key, "eform") == 0 ? mc_eform_check_definition(v, &inner)
                                       : mc_workflow_check_definition(v, &inner);
  if (rc) {
    char f[MC_ERR_FIELD_MAX];
    if (inner.field[0]) snprintf(f, sizeof f, "%s.%.100s", key, inner.field);
    else snprintf(f, sizeof f, "%s", key);
    mc_fail(err, rc, inner.code[0] ? inner.code : "procedure.bad_document", f, "%s: %s", key, inner.message);
    if (inner.detail) { mc_err_detail(err, "definition", inner.detail); inner.detail = NULL; }
    mc_err_clear(&inner);
    return rc;
  }
  *out = v;
  return MC_OK;
}

mc_rc mc_procedure_from_json(mc_arena *a, const json_t *doc, mc_procedure **out, mc_err *err) {
  if (!json_is_object(doc))
    return bad(err, "procedure.wrong_type", "", "the procedure must be a JSON object");
  mc_procedure *p = mc_arena_alloc(a, sizeof *p);
  if (!p) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  int level, tu, online, result, citizen;
  mc_rc rc;
  if ((rc = only_members(doc, "", proc_members, proc_output_only, err)) ||
      (rc = get_code(doc, "", "code", MC_PROC_CODE_MAX, &p->code, err)) ||
      (rc = get_str(doc, "", "name", true, MC_PROC_NAME_MAX, &p->name, err)) ||
      (rc = get_code(doc, "", "field_code", MC_FIELD_CODE_MAX, &p->field_code, err)) ||
      (rc = get_str(doc, "", "field_name", true, MC_FIELD_NAME_MAX, &p->field_name, err)) ||
      (rc = get_enum(doc, "", "level", true, mc_proc_levels, 0, &level, err)) ||
      (rc = get_unit_kinds(a, doc, &p->unit_kinds, err)) ||
      (rc = get_enum(doc, "", "time_unit", true, mc_proc_time_units, 0, &tu, err)))
    return rc;
  p->level = mc_proc_levels[level];
  p->time_unit = (mc_time_unit)tu;
  if (p->time_unit == MC_TU_SAME_DAY) {
    p->time_amount = 1;
    if ((rc = get_int(doc, "", "time_amount", false, INT64_MIN, INT64_MAX, &p->time_amount, err))) return rc;
    if (p->time_amount != 1)
      return bad(err, "procedure.out_of_range", "time_amount",
                 "time_amount must be 1 (or left out) when time_unit is same_day");
  } else {
    int64_t max = p->time_unit == MC_TU_WORKING_HOURS ? HOURS_MAX : DAYS_MAX;
    if ((rc = get_int(doc, "", "time_amount", true, 1, max, &p->time_amount, err))) return rc;
  }
  if ((rc = get_bool(doc, "", "rule_1500", false, &p->rule_1500, err)) ||
      (rc = get_enum(doc, "", "online_level", true, mc_proc_online_levels, 0, &online, err)))
    return rc;
  p->online_level = mc_proc_online_levels[online];
  bool full = strcmp(p->online_level, "full") == 0;
  if ((rc = get_bool(doc, "", "full_eligible", full, &p->full_eligible, err)) ||
      (rc = get_enum(doc, "", "result_type", true, mc_proc_result_types, 0, &result, err)) ||
      (rc = get_enum(doc, "", "citizen_kind", true, mc_proc_citizen_kinds, 0, &citizen, err)) ||
      (rc = get_date(doc, "decided_on", &p->decided_on, err)) ||
      (rc = get_date(doc, "effective_on", &p->effective_on, err)) ||
      (rc = get_date(doc, "published_on", &p->published_on, err)) ||
      (rc = get_bool(doc, "", "payment_integrated", false, &p->payment_integrated, err)) ||
      (rc = get_bool(doc, "", "active", true, &p->active, err)) ||
      (rc = get_fees(a, doc, p, err)) ||
      (rc = get_components(a, doc, p, err)) ||
      (rc = get_document(doc, "eform", &p->eform, err)) ||
      (rc = get_document(doc, "workflow", &p->workflow, err)))
    return rc;
  p->result_type = mc_proc_result_types[result];
  p->citizen_kind = mc_proc_citizen_kinds[citizen];
  if (full && !p->full_eligible)
    return bad(err, "procedure.inconsistent", "full_eligible",
               "full_eligible must be true when online_level is full");
  if (p->published_on && p->decided_on && p->published_on < p->decided_on) {
    char pub[11], dec[11];
    mc_date_format(p->published_on, pub, sizeof pub);
    mc_date_format(p->decided_on, dec, sizeof dec);
    return bad(err, "procedure.inconsistent", "published_on",
               "published_on %s is before decided_on %s: a procedure is published after it is announced",
               pub, dec);
  }
  *out = p;
  return MC_OK;
}
