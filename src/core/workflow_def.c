/* workflow_def.c — checking a procedure's workflow definition (the steps
 * between reception and return) and the built-in default (workflow.h). The
 * engine that runs dossiers through the steps lives in workflow.c.        */
#include "core/auth.h"
#include "core/workflow.h"
#include "util/str.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const unit_kinds[] = {"province", "department", "district", "commune", "other", NULL};

static const char *plain_str(const json_t *j) {
  if (!json_is_string(j)) return NULL;
  const char *s = json_string_value(j);
  return strlen(s) == json_string_length(j) ? s : NULL;
}

static bool code_ok(const char *s) {
  size_t n = strlen(s);
  if (n < 1 || n > MC_WORKFLOW_CODE_MAX || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (size_t i = 1; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) return false;
  return true;
}

static bool kind_ok(const char *s, size_t n) {
  for (int i = 0; unit_kinds[i]; i++)
    if (strlen(unit_kinds[i]) == n && strncmp(s, unit_kinds[i], n) == 0) return true;
  return false;
}

static bool unit_code_ok(const char *s) {
  size_t n = strlen(s);
  if (n < 1 || n > MC_WORKFLOW_UNIT_CODE_MAX) return false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '.' || c == '_' || c == '-'))
      return false;
  }
  return true;
}

/* The unit grammar of workflow.h. */
static bool unit_ok(const char *s) {
  if (strcmp(s, "receiving") == 0 || strcmp(s, "handling") == 0) return true;
  const char *colon = strchr(s, ':');
  if (!colon) return false;
  if (strncmp(s, "kind:", 5) == 0) return kind_ok(colon + 1, strlen(colon + 1));
  return kind_ok(s, (size_t)(colon - s)) && unit_code_ok(colon + 1);
}

static bool role_ok(const char *s) {
  mc_role r;
  return s && mc_role_parse(s, &r) &&
         (r == MC_ROLE_OFFICER || r == MC_ROLE_SPECIALIST || r == MC_ROLE_UNIT_LEADER ||
          r == MC_ROLE_PROVINCE_LEADER);
}

#define STEP_FAIL(code, member, ...)                                                      \
  do {                                                                                    \
    char path_[64];                                                                       \
    snprintf(path_, sizeof path_, "steps[%zu]%s%s", i, (member)[0] ? "." : "", (member)); \
    return mc_fail(err, MC_EINVAL, (code), path_, __VA_ARGS__);                           \
  } while (0)

static mc_rc check_step(const json_t *st, size_t i, const json_t *steps, double *sum, mc_err *err) {
  static const char *const members[] = {"code", "name", "role", "unit", "share", NULL};
  if (!json_is_object(st)) STEP_FAIL("workflow.malformed", "", "Each step must be a JSON object.");
  const char *key;
  const json_t *v;
  json_object_foreach((json_t *)st, key, v) {
    bool known = false;
    for (int k = 0; members[k] && !known; k++) known = strcmp(key, members[k]) == 0;
    if (!known) {
      char shown[40];
      size_t len = strlen(key) < 32 ? strlen(key) : 32;
      while (len > 0 && ((unsigned char)key[len] & 0xC0) == 0x80) len--;   /* UTF-8 boundary */
      snprintf(shown, sizeof shown, "%.*s", (int)len, key);
      STEP_FAIL("workflow.malformed", shown,
                "Step %zu: unknown member (a step has code, name, role, unit and share).", i + 1);
    }
  }
  const char *code = plain_str(json_object_get(st, "code"));
  if (!code || !code_ok(code))
    STEP_FAIL("workflow.bad_code", "code",
              "Step %zu: a code is 1 to %d characters: a lowercase letter, then a–z, 0–9 or '_'.",
              i + 1, MC_WORKFLOW_CODE_MAX);
  for (size_t k = 0; k < i; k++)
    if (strcmp(json_string_value(json_object_get(json_array_get(steps, k), "code")), code) == 0)
      STEP_FAIL("workflow.duplicate_code", "code", "The step code \"%s\" is used twice.", code);
  const char *name = plain_str(json_object_get(st, "name"));
  bool blank = true;
  for (const char *p = name; p && *p && blank; p++) blank = *p == ' ' || *p == '\t';
  if (!name || blank || mc_utf8_len(name) > MC_WORKFLOW_NAME_MAX)
    STEP_FAIL("workflow.missing_name", "name", "Step \"%s\" needs a name of 1 to %d characters.",
              code, MC_WORKFLOW_NAME_MAX);
  if (!role_ok(plain_str(json_object_get(st, "role"))))
    STEP_FAIL("workflow.bad_role", "role",
              "Step \"%s\": the role must be officer, specialist, unit_leader or province_leader.", code);
  const char *unit = plain_str(json_object_get(st, "unit"));
  if (!unit || !unit_ok(unit))
    STEP_FAIL("workflow.bad_unit", "unit",
              "Step \"%s\": the unit must be \"receiving\", \"handling\", \"kind:<kind>\" or "
              "\"<kind>:<unit code>\" (kinds: province, department, district, commune, other).", code);
  const json_t *share = json_object_get(st, "share");
  if (!json_is_number(share) || !(json_number_value(share) > 0.0) || json_number_value(share) > 1.0)
    STEP_FAIL("workflow.bad_share", "share",
              "Step \"%s\": the share of the processing time must be a number greater than 0 "
              "and at most 1.", code);
  *sum += json_number_value(share);
  return MC_OK;
}

mc_rc mc_workflow_check_definition(const json_t *def, mc_err *err) {
  if (!def || json_is_null(def)) return MC_OK;
  if (!json_is_object(def))
    return mc_fail(err, MC_EINVAL, "workflow.malformed", "", "A workflow is a JSON object {\"steps\": [...]}.");
  const char *key;
  const json_t *v;
  json_object_foreach((json_t *)def, key, v)
    if (strcmp(key, "steps") != 0)
      return mc_fail(err, MC_EINVAL, "workflow.malformed", "", "A workflow has only \"steps\".");
  const json_t *steps = json_object_get(def, "steps");
  if (!json_is_array(steps))
    return mc_fail(err, MC_EINVAL, "workflow.malformed", "steps", "A workflow needs \"steps\": an array.");
  size_t n = json_array_size(steps);
  if (n < 1 || n > MC_WORKFLOW_STEPS_MAX)
    return mc_fail(err, MC_EINVAL, "workflow.bad_step_count", "steps",
                   "A workflow has 1 to %d steps (this one has %zu).", MC_WORKFLOW_STEPS_MAX, n);
  double sum = 0;
  for (size_t i = 0; i < n; i++) {
    mc_rc rc = check_step(json_array_get(steps, i), i, steps, &sum, err);
    if (rc) return rc;
  }
  if (sum > 1.0 + MC_WORKFLOW_SHARE_EPS)
    return mc_fail(err, MC_EINVAL, "workflow.share_sum", "steps",
                   "The steps' shares add up to %.3f: they may take at most the whole processing "
                   "time (1).", sum);
  return MC_OK;
}

/* ---- the default ------------------------------------------------------------ */

static const char default_text[] =
  "{\"steps\": ["
  "{\"code\": \"xu_ly\", \"name\": \"Thẩm định, xử lý\", \"role\": \"specialist\", "
  "\"unit\": \"handling\", \"share\": 0.6},"
  "{\"code\": \"phe_duyet\", \"name\": \"Phê duyệt\", \"role\": \"unit_leader\", "
  "\"unit\": \"handling\", \"share\": 0.3}"
  "]}";

static json_t *default_def;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void default_init(void) { default_def = json_loads(default_text, JSON_REJECT_DUPLICATES, NULL); }

const json_t *mc_workflow_default(void) {
  pthread_once(&default_once, default_init);
  return default_def;
}
