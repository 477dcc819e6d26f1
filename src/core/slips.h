/* slips.h — the legal slips of the one-stop circular as PDF (dossiers.md
 * "Legal slips"): forms 01–06 of one dossier and the register (07) of a unit.
 *
 *   01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả        the dossier was received
 *   02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ        a supplement was requested
 *   03 Phiếu từ chối tiếp nhận giải quyết hồ sơ        it was refused at reception
 *   04 Phiếu xin lỗi và hẹn lại ngày trả kết quả      an apology set a new date
 *   05 Phiếu dừng xử lý hồ sơ                         processing was stopped
 *   06 Phiếu kiểm soát quá trình giải quyết hồ sơ     the dossier was received
 *   07 Sổ theo dõi hồ sơ                              a unit's dossiers received
 *                                                    in a date range
 *
 * A slip is drawn from the dossier's append-only history (its events and
 * per-step timing), never from "now": it is dated by the event it records
 * (01 by the reception, 02 by the last supplement request, …, 06 by the
 * dossier's last change), so printing it again gives the same document. The
 * system keeps slips by keeping that history; the procedure's component list
 * and unit names are read as they are when printed.
 *
 * Every page carries the dossier code and a QR code of the public lookup
 * address <public.base_url>/tra-cuu?code=<CODE> (setting public.base_url,
 * default "http://localhost:8080"); the register has one per row. Text is
 * set in DejaVu Sans, embedded in the binary and in every PDF (FontFile2),
 * so Vietnamese prints the same everywhere.
 *
 * Permissions are the caller's business for 01–06 (open the dossier with
 * mc_dossier_open first); a staff member's print is written to the audit log
 * ("dossier.slip"). The register checks its reader itself.                */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/auth.h"
#include "core/dossier.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/time.h"

typedef enum mc_slip_form {
  MC_SLIP_RECEIPT = 1,      /* 01 */
  MC_SLIP_SUPPLEMENT,       /* 02 */
  MC_SLIP_REFUSAL,          /* 03 */
  MC_SLIP_APOLOGY,          /* 04 */
  MC_SLIP_STOP,             /* 05 */
  MC_SLIP_CONTROL,          /* 06 */
  MC_SLIP_REGISTER,         /* 07 */
  MC_SLIP_COUNT
} mc_slip_form;

enum {
  MC_SLIP_URL_MAX = 300,            /* the lookup address */
  MC_SLIP_BASE_URL_MAX = 200,       /* the setting public.base_url */
  MC_SLIP_REGISTER_ROWS_MAX = 1000, /* dossiers in one register print */
  MC_SLIP_REGISTER_DAYS_MAX = 366,  /* days in one register range */
};

#define MC_SLIP_BASE_URL_DEFAULT "http://localhost:8080"

/* "01" … "07", optionally followed by ".pdf"; false for anything else. */
bool mc_slip_parse(const char *s, mc_slip_form *out);
/* The Vietnamese title ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"); "" when unknown. */
const char *mc_slip_title(mc_slip_form f);

/* Bit (1u << form) for every form 01–06 that applies to d's history. */
mc_rc mc_slips_applicable(mc_db *db, mc_arena *a, const mc_dossier *d, unsigned *mask, mc_err *err);

/* <public.base_url>/tra-cuu?code=<code, percent-encoded> (arena). */
const char *mc_slip_lookup_url(mc_db *db, mc_arena *a, const char *code);

/* One slip (01–06) of d as PDF bytes (arena). who = the reader (NULL: the
 * CLI; staff are audited). Codes: slip.unknown (404, 07 or out of range),
 * slip.not_applicable (409: the history has no such event), slip.pdf_failed. */
mc_rc mc_slip_pdf(mc_db *db, mc_arena *a, const mc_principal *who, const mc_dossier *d, mc_slip_form form,
                  const void **pdf, size_t *len, mc_err *err);

/* The register (07) of the unit: dossiers it received from local day `from`
 * to `to` (inclusive), by reception time, printed at `at` (0 = now).
 * who NULL = the CLI; otherwise staff of the unit, a unit leader above it,
 * the province leader or an admin. Codes: unit.not_found (404),
 * slip.register_forbidden (403), slip.bad_range (422),
 * slip.register_too_large (413: more than MC_SLIP_REGISTER_ROWS_MAX rows). */
mc_rc mc_slip_register_pdf(mc_db *db, mc_arena *a, const mc_principal *who, const char *unit_code, int32_t from,
                           int32_t to, mc_time at, const void **pdf, size_t *len, mc_err *err);
