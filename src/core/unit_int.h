/* unit_int.h — private to the units module (unit.c, unit_import.c,
 * unit_export.c): the one way a row error is worded. */
#pragma once
#include "core/unit.h"

/* Fail about a row: "line 12, column \"parent_code\": …" (CSV), "item 3,
 * field \"kind\": …" (JSON) or just the message (a single API body, item 0);
 * adds the detail members "line"/"item" and "column". column may be NULL. */
mc_rc mc_unit_row_fail(mc_err *err, const mc_unit_in *in, mc_rc rc, const char *code,
                       const char *column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
