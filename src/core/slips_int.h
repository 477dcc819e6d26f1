/* slips_int.h — private to the slips module (slips*.c): a small PDF page
 * writer over libharu (slips_pdf.c) that the forms (slips.c, slips_forms.c,
 * slips_register.c) draw with: pages with a cursor, wrapped paragraphs of
 * mixed regular/bold/oblique runs, tables that break across pages with their
 * header repeated, rules and QR codes as filled squares.
 *
 * Coordinates are PDF points (1/72 inch) from the bottom-left corner; the
 * cursor w->y is the top of the next line and moves down. Drawing calls
 * after a libharu failure do nothing; mc_pdfw_finish reports the failure. */
#pragma once
#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include "core/calendar.h"
#include "core/procedure.h"
#include "core/slips.h"
#include "util/embed.h"

enum {
  MC_PDFW_PAGES_MAX = 400,        /* pages of one document */
  MC_PDFW_COLS_MAX = 14,          /* columns of one table */
};

/* Text styles: regular, bold, and their oblique (the regular faces slanted). */
enum { MC_PDF_REG = 0, MC_PDF_BOLD = 1, MC_PDF_OBLIQUE = 2, MC_PDF_BOLD_OBLIQUE = 3 };
enum { MC_PDF_LEFT = 0, MC_PDF_CENTER = 1, MC_PDF_RIGHT = 2, MC_PDF_JUSTIFY = 3 };

typedef struct mc_pdfw mc_pdfw;

/* Called for every page once the document is complete (page numbers known). */
typedef void (*mc_pdfw_footer)(mc_pdfw *w, int page, int npages, void *ctx);

struct mc_pdfw {
  HPDF_Doc doc;
  HPDF_Font font[2];              /* DejaVu Sans, DejaVu Sans Bold */
  const mc_embedded *ttf[2];      /* their files (slip_fonts.h) */
  HPDF_Page page;                 /* the page drawn on */
  HPDF_Page pages[MC_PDFW_PAGES_MAX];
  int npages;
  float pw, ph;                   /* page size */
  float x0, x1;                   /* content box: left, right */
  float ytop, ybot;               /* content box: top, bottom (above the footer) */
  float y;                        /* cursor: the top of the next line */
  unsigned long hpdf_error, hpdf_detail;   /* the first libharu failure */
  bool overflow;                  /* more than MC_PDFW_PAGES_MAX pages */
  mc_arena *a;
  mc_pdfw_footer footer;
  void *footer_ctx;
};

/* One run of a paragraph: text in one style. */
typedef struct mc_pdf_run {
  const char *text;
  int style;
} mc_pdf_run;

typedef struct mc_pdf_col {
  const char *head;
  float width;
  int align;
} mc_pdf_col;

typedef struct mc_pdf_table {
  const mc_pdf_col *cols;
  int ncols;
  float size;                     /* font size of the cells */
  float head_size;
  float pad;                      /* inner padding */
} mc_pdf_table;

/* Margins in points: top, right, bottom (below the footer), left. */
typedef struct mc_pdf_margins { float top, right, bottom, left, footer; } mc_pdf_margins;

/* A4 document with its fonts loaded (the embedded DejaVu Sans faces) and a
 * first page. `when` dates the PDF (CreationDate); 0 = none. */
mc_rc mc_pdfw_begin(mc_pdfw *w, mc_arena *a, bool landscape, const mc_pdf_margins *m, mc_time when,
                    const char *title, mc_err *err);
/* Run the footers, save, and copy the bytes to the arena; frees the document. */
mc_rc mc_pdfw_finish(mc_pdfw *w, const void **pdf, size_t *len, mc_err *err);
/* Free without saving (error paths); safe to call twice. */
void mc_pdfw_free(mc_pdfw *w);

void mc_pdfw_new_page(mc_pdfw *w);
/* Make room for h points at the cursor (a new page when needed). */
void mc_pdfw_need(mc_pdfw *w, float h);

float mc_pdfw_width(mc_pdfw *w, int style, float size, const char *s);
/* Text at a baseline. */
void mc_pdfw_text(mc_pdfw *w, int style, float size, float x, float baseline, const char *s);
void mc_pdfw_text_at(mc_pdfw *w, int style, float size, float x, float width, int align, float baseline,
                     const char *s);
/* A wrapped paragraph at the cursor between x0 + indent and x1 (hanging:
 * lines after the first start at x0 + hang); the cursor moves below it. */
void mc_pdfw_para(mc_pdfw *w, const mc_pdf_run *runs, int nruns, float size, int align, float indent,
                  float hang);
/* Shorthands: one run; "Label: value" with the value in bold. */
void mc_pdfw_line(mc_pdfw *w, int style, float size, int align, const char *s);
void mc_pdfw_field(mc_pdfw *w, float size, const char *label, const char *value);
/* Split s into lines that fit width (arena); returns the count (≥ 1). */
int mc_pdfw_wrap(mc_pdfw *w, int style, float size, const char *s, float width, const char ***lines);

void mc_pdfw_rule(mc_pdfw *w, float x0, float y0, float x1, float y1, float width);
/* A QR code of text, size × size points, top-left corner at (x, top). */
void mc_pdfw_qr(mc_pdfw *w, float x, float top, float size, const char *text);

/* Tables: the header row at the cursor; then rows. A row taller than the
 * space left starts a new page and repeats the header. min_h: the least row
 * height; *top (optional): where the row was drawn (its top edge). */
void mc_pdfw_table_head(mc_pdfw *w, const mc_pdf_table *t);
void mc_pdfw_table_row(mc_pdfw *w, const mc_pdf_table *t, const char *const cells[], float min_h, float *top);
/* The x of column i's left edge. */
float mc_pdfw_col_x(const mc_pdfw *w, const mc_pdf_table *t, int i);

/* ---- shared by the forms (slips.c) ---------------------------------------------- */

/* "08 giờ 30 phút, ngày 15 tháng 07 năm 2025", "15/07/2025 08:30", "ngày 15 tháng 07 năm 2025"
 * (arena); "…" for 0. */
const char *mc_slip_when_long(mc_arena *a, mc_time t);
const char *mc_slip_when_short(mc_arena *a, mc_time t);
const char *mc_slip_date_line(mc_arena *a, mc_time t);
/* The setting public.base_url (checked, without a trailing '/') and the
 * lookup address of a code under a base (arena). */
const char *mc_slip_base_url(mc_db *db, mc_arena *a);
const char *mc_slip_url_with(mc_arena *a, const char *base, const char *code);
/* Upper-case the Vietnamese letters of s (arena). */
const char *mc_slip_upper(mc_arena *a, const char *s);
/* The national header, the issuing unit (desk: its one-stop desk) and
 * "Mẫu số NN" at the top of the first page; the cursor is left below them. */
void mc_slip_header(mc_pdfw *w, const char *unit_name, bool desk, const char *form_no, mc_time dated);

/* What a form of one dossier is drawn from (slips.c loads it). */
typedef struct mc_slip_ctx {
  mc_db *db;
  mc_arena *a;
  const mc_dossier *d;
  mc_slip_form form;
  json_t *detail;                 /* mc_dossier_detail: events, steps, attachments */
  json_t *event;                  /* the event the slip records (NULL for 06) */
  const mc_procedure *proc;
  const mc_calendar *cal;
  const char *url;                /* the public lookup address */
  mc_time dated;                  /* the date printed on the slip */
} mc_slip_ctx;

/* The member of an event's data, or of the event itself ("reason", "note" …). */
const char *mc_slip_event_str(const json_t *ev, const char *key);
mc_time mc_slip_event_time(const json_t *ev, const char *key);
/* Draw the body of form x->form (01–06) on w (slips_forms.c). */
void mc_slip_draw(mc_pdfw *w, const mc_slip_ctx *x);
/* Signature blocks: one (right) or two (left, right) titles with their notes
 * and the signer's name under the space for the signature. */
typedef struct mc_slip_sign { const char *title, *note, *name; } mc_slip_sign;
void mc_slip_signatures(mc_pdfw *w, const mc_slip_sign *left, const mc_slip_sign *right);
/* The register with at most max_rows rows (mc_slip_register_pdf: MC_SLIP_REGISTER_ROWS_MAX). */
mc_rc mc_slip_register_rows(mc_db *db, mc_arena *a, const mc_principal *who, const char *unit_code, int32_t from,
                            int32_t to, mc_time at, int max_rows, const void **pdf, size_t *len, mc_err *err);
/* Standard page margins of the slips (Decree 30/2020 layout), with a footer. */
extern const mc_pdf_margins mc_slip_margins;
