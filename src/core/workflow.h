/* workflow.h — the dossier workflow: one engine, a transition table, and
 * per-procedure steps as data.
 *
 * A procedure's workflow is a JSON document listing the processing steps
 * between reception and return (NULL/absent = the default below):
 *   {"steps": [
 *     {"code": "xu_ly",     "name": "Thẩm định, xử lý", "role": "specialist",  "unit": "handling", "share": 0.6},
 *     {"code": "phe_duyet", "name": "Phê duyệt",        "role": "unit_leader", "unit": "handling", "share": 0.3}
 *   ]}
 * "unit": "receiving" (the unit that received the dossier), "handling" (the
 * dossier's handling unit), or a unit kind / unit code for inter-agency
 * (liên thông) steps, e.g. "department:SO-TNMT". "share" = fraction of the
 * processing time allotted to the step (form 06 per-step timing). The
 * reception step (officer at the receiving unit) always comes first and the
 * return step last; the listed steps are what lies between.
 *
 * Definition rules (mc_workflow_check_definition; codes workflow.*):
 *   - {"steps": [...]} and nothing else; 1…MC_WORKFLOW_STEPS_MAX steps
 *     (workflow.bad_step_count). Wrong JSON shapes, unknown members:
 *     workflow.malformed.
 *   - each step has exactly "code", "name", "role", "unit", "share":
 *     code  ^[a-z][a-z0-9_]{0,31}$, unique in the workflow
 *           (workflow.bad_code, workflow.duplicate_code);
 *     name  1…MC_WORKFLOW_NAME_MAX characters, not blank (workflow.missing_name);
 *     role  a staff role acting on dossiers: officer, specialist, unit_leader,
 *           province_leader (workflow.bad_role);
 *     unit  one of (workflow.bad_unit):
 *             "receiving"       the unit that received the dossier;
 *             "handling"        the dossier's handling unit;
 *             "kind:<kind>"     the nearest unit of that kind at or above the
 *                               handling unit in the tree (e.g. "kind:district"
 *                               for a commune dossier approved at the district);
 *             "<kind>:<code>"   one named unit, which must be of that kind
 *                               (e.g. "department:SO-TNMT");
 *           <kind> is province | department | district | commune | other and
 *           <code> 1…64 characters of A–Z a–z 0–9 . _ - (a unit code as stored);
 *           whether the unit exists is checked when the engine resolves it;
 *     share a number in (0, 1] (workflow.bad_share); the shares of all steps
 *           add up to at most 1 (± MC_WORKFLOW_SHARE_EPS, workflow.share_sum);
 *           what is left is the time of reception and return.
 *   err->field is the path of the offending member ("steps[1].role").    */
#pragma once
#include <jansson.h>
#include "util/err.h"

enum { MC_WORKFLOW_STEPS_MAX = 20, MC_WORKFLOW_CODE_MAX = 32, MC_WORKFLOW_NAME_MAX = 200,
       MC_WORKFLOW_UNIT_CODE_MAX = 64 };
#define MC_WORKFLOW_SHARE_EPS 0.001

/* NULL or JSON null is accepted (the procedure uses the default). */
mc_rc mc_workflow_check_definition(const json_t *def, mc_err *err);

/* The default workflow, used when a procedure has none: the example above
 * (a specialist processes, 0.6 of the time, then the unit leader approves,
 * 0.3, both at the handling unit). A shared read-only document built once
 * (thread-safe): do not modify or decref it. */
const json_t *mc_workflow_default(void);
