/* h_slips.c — HTTP handlers of the legal slips (core/slips.h): forms 01–06 of
 * a dossier and the register (07) of a unit, as PDF shown inline. Who may
 * read a dossier's slips is who may read the dossier (mc_dossier_open: 404
 * for anyone else); the register checks its reader in the core. */
#include "core/slips.h"
#include "http/handlers.h"
#include "util/str.h"
#include <stdio.h>
#include <string.h>

/* inline; filename="<name>" with anything outside [A-Za-z0-9._-] as '_'. */
static const char *inline_name(mc_arena *a, const char *name) {
  char *s = mc_arena_strdup(a, name);
  if (!s) return "inline";
  for (char *p = s; *p; p++)
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("._-", *p)))
      *p = '_';
  return mc_arena_printf(a, "inline; filename=\"%s\"", s);
}

static mc_rc reply_pdf(mc_req *r, const void *pdf, size_t len, const char *name) {
  mc_rc rc = mc_reply_bytes(r, 200, "application/pdf", pdf, len);
  if (rc) return rc;
  mc_reply_header(r, "Content-Disposition", inline_name(r->arena, name));
  return MC_OK;
}

static mc_rc dossier_slip(mc_req *r) {
  mc_slip_form f;
  const char *s = mc_req_param(r, "slip");
  if (!mc_slip_parse(s, &f) || f == MC_SLIP_REGISTER)
    return mc_fail(&r->err, MC_ENOTFOUND, "slip.unknown", "slip",
                   "There is no slip \"%.16s\": a dossier's slips are 01 to 06 (the register, 07, is a unit's: "
                   "/api/v1/units/{code}/register.pdf).", s ? s : "");
  mc_dossier *d;
  mc_rc rc = mc_dossier_open(r->db, r->arena, r->who, mc_req_param(r, "code"), &d, &r->err);
  if (rc) return rc;
  const void *pdf;
  size_t len;
  if ((rc = mc_slip_pdf(r->db, r->arena, r->who, d, f, &pdf, &len, &r->err))) return rc;
  return reply_pdf(r, pdf, len, mc_arena_printf(r->arena, "%s-%02d.pdf", d->code, (int)f));
}

/* A local date "YYYY-MM-DD" from the query, or def when absent. */
static mc_rc query_day(mc_req *r, const char *name, int32_t def, int32_t *out) {
  const char *v = mc_req_query(r, name);
  if (mc_str_empty(v)) { *out = def; return MC_OK; }
  if (strlen(v) == 10 && mc_date_parse(v, out)) return MC_OK;
  return mc_fail(&r->err, MC_EINVAL, "query.bad_value", name, "The parameter \"%s\" must be a date (YYYY-MM-DD).",
                 name);
}

static mc_rc unit_register(mc_req *r) {
  int32_t today = mc_local_day(mc_now()), from, to;
  int y, m, d;
  mc_rc rc = query_day(r, "to", today, &to);
  if (rc) return rc;
  mc_civil_from_days(to, &y, &m, &d);
  if ((rc = query_day(r, "from", mc_days_from_civil(y, m, 1), &from))) return rc;
  const char *unit = mc_req_param(r, "code");
  const void *pdf;
  size_t len;
  if ((rc = mc_slip_register_pdf(r->db, r->arena, r->who, unit, from, to, 0, &pdf, &len, &r->err))) return rc;
  char f[16], t[16];
  mc_date_format(from, f, sizeof f);
  mc_date_format(to, t, sizeof t);
  return reply_pdf(r, pdf, len, mc_arena_printf(r->arena, "so-theo-doi-%s-%s-%s.pdf", unit, f, t));
}

const mc_route mc_routes_slips[] = {
  {"GET", "/api/v1/dossiers/{code}/slips/{slip}", MC_ANYONE_LOGGED_IN, dossier_slip, "slips",
   "A legal slip of a dossier as PDF: 01 receipt and appointment, 02 request to supplement, 03 refusal, "
   "04 apology and new date, 05 notice of stopping, 06 processing control sheet (\"01\" or \"01.pdf\"); "
   "409 slip.not_applicable when the dossier's history has no such event",
   NULL, 0, 0, NULL},
  {"GET", "/api/v1/units/{code}/register.pdf", MC_STAFF, unit_register, "slips",
   "The dossier register (form 07) of a unit as PDF: dossiers it received from `from` to `to` "
   "(YYYY-MM-DD, inclusive; default the current month up to today); staff of the unit or above",
   NULL, 0, 0, "from,to"},
  {0},
};
