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
 * return step last; the listed steps are what lies between.            */
#pragma once
#include <jansson.h>
#include "util/err.h"

mc_rc mc_workflow_check_definition(const json_t *def, mc_err *err);
