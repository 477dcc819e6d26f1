/* slips_pdf.c — the PDF page writer of the slips (slips_int.h) over libharu:
 * A4 pages, the embedded DejaVu Sans faces (UTF-8, CID fonts with FontFile2),
 * wrapped mixed-style paragraphs, tables across pages, rules and QR codes
 * drawn as filled squares (libqrencode).
 *
 * Fonts: the TTF files are compiled into the binary (slip_fonts.h, from
 * fonts-dejavu-core). libharu 2.3.0 loads TrueType only from a file, so each
 * document writes them to a private temporary file (mkstemp, mode 0600),
 * loads it and unlinks it at once: libharu keeps its own open handle and
 * reads the glyphs from it when the PDF is saved.
 *
 * libharu embeds only the glyphs the text used, and of a composed glyph only
 * its direct parts: most Vietnamese letters are composed twice (ặ = ă + dot
 * below, ă = a + breve), so their inner parts would be missing and print as
 * bare letters. Before saving, complete_glyphs() adds every part of every
 * used glyph, read from the font's glyf table (through libharu's installed
 * font headers, hpdf_font.h and hpdf_fontdef.h). */
#include "core/slips_int.h"
#include "slip_fonts.h"
#include "util/log.h"
#include <errno.h>
#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <limits.h>
#include <math.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOC(w) ((w)->doc)
#define PAGE(w) ((w)->page)

static const float OBLIQUE_SLANT = 0.21f;   /* tan 12° */
static const float LINE_GAP = 1.32f;        /* line height / font size */

static void HPDF_STDCALL on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user) {
  mc_pdfw *w = user;
  if (!w->hpdf_error) {
    w->hpdf_error = e;
    w->hpdf_detail = detail;
  }
}

static bool failed(const mc_pdfw *w) { return !w->doc || w->hpdf_error || w->overflow; }

/* ---- fonts --------------------------------------------------------------------- */

static const mc_embedded *font_file(const char *name) {
  for (int i = 0; i < mc_slip_fonts_count; i++)
    if (strcmp(mc_slip_fonts[i].path, name) == 0) return &mc_slip_fonts[i];
  return NULL;
}

static mc_rc write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return MC_EIO;
    p += k;
    n -= (size_t)k;
  }
  return MC_OK;
}

static mc_rc load_font(mc_pdfw *w, const char *name, int slot, mc_err *err) {
  const mc_embedded *f = font_file(name);
  HPDF_Font *out = &w->font[slot];
  w->ttf[slot] = f;
  if (!f) return mc_fail(err, MC_EINTERNAL, "slip.font_missing", NULL, "The font %s is not built in.", name);
  const char *dir = getenv("TMPDIR");
  if (!dir || !*dir) dir = "/tmp";
  char path[PATH_MAX];
  if ((size_t)snprintf(path, sizeof path, "%s/motcua-font-XXXXXX", dir) >= sizeof path)
    return mc_fail(err, MC_EIO, "slip.font_tmp", NULL, "The temporary directory's name is too long.");
  int fd = mkstemp(path);
  if (fd < 0)
    return mc_fail(err, MC_EIO, "slip.font_tmp", NULL, "Cannot create a temporary file in %s: %s.", dir,
                   strerror(errno));
  mc_rc rc = write_all(fd, f->data, f->len);
  if (close(fd) != 0) rc = MC_EIO;
  const char *loaded = rc ? NULL : HPDF_LoadTTFontFromFile(DOC(w), path, HPDF_TRUE);
  unlink(path);
  if (rc) return mc_fail(err, MC_EIO, "slip.font_tmp", NULL, "Cannot write a temporary file in %s.", dir);
  *out = loaded ? HPDF_GetFont(DOC(w), loaded, "UTF-8") : NULL;
  if (!*out)
    return mc_fail(err, MC_EINTERNAL, "slip.pdf_failed", NULL, "The font %s could not be loaded (libharu 0x%04lx).",
                   name, w->hpdf_error);
  return MC_OK;
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

/* The glyph ids that glyph g of the font file is composed of (none for a
 * simple glyph); at most max. */
static int parts(const HPDF_TTFontDefAttr ta, const mc_embedded *ttf, unsigned g, unsigned *out, int max) {
  bool shrt = ta->header.index_to_loc_format == 0;
  size_t k = shrt ? 2 : 1;
  size_t start = ta->glyph_tbl.base_offset + (size_t)ta->glyph_tbl.offsets[g] * k;
  size_t end = ta->glyph_tbl.base_offset + (size_t)ta->glyph_tbl.offsets[g + 1] * k;
  const unsigned char *d = (const unsigned char *)ttf->data;
  if (end <= start || end > ttf->len || end - start < 10) return 0;
  if (!(d[start] & 0x80)) return 0;                 /* numberOfContours ≥ 0: a simple glyph */
  int n = 0;
  size_t p = start + 10;
  for (unsigned flags = 0x20; (flags & 0x20) && p + 4 <= end && n < max;) {
    flags = be16(d + p);
    out[n++] = be16(d + p + 2);
    p += 4 + ((flags & 0x01) ? 4 : 2);              /* ARG_1_AND_2_ARE_WORDS */
    if (flags & 0x08) p += 2;                       /* WE_HAVE_A_SCALE */
    else if (flags & 0x40) p += 4;                  /* WE_HAVE_AN_X_AND_Y_SCALE */
    else if (flags & 0x80) p += 8;                  /* WE_HAVE_A_TWO_BY_TWO */
  }
  return n;
}

/* Mark every part (at any depth) of every used glyph as used. */
static void complete_glyphs(mc_pdfw *w, int slot) {
  HPDF_FontAttr fa = w->font[slot] ? (HPDF_FontAttr)w->font[slot]->attr : NULL;
  HPDF_FontDef def = fa ? fa->fontdef : NULL;
  if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !w->ttf[slot]) return;
  HPDF_TTFontDefAttr ta = (HPDF_TTFontDefAttr)def->attr;
  unsigned n = ta->num_glyphs;
  if (!ta->embedding || !ta->glyph_tbl.flgs || !ta->glyph_tbl.offsets || n == 0) return;
  unsigned *stack = mc_arena_alloc(w->a, (size_t)n * sizeof *stack);
  if (!stack) return;
  unsigned top = 0;
  for (unsigned g = 0; g < n; g++)
    if (ta->glyph_tbl.flgs[g]) stack[top++] = g;
  while (top > 0) {
    unsigned g = stack[--top], part[16];
    int k = parts(ta, w->ttf[slot], g, part, 16);
    for (int i = 0; i < k; i++)
      if (part[i] < n && !ta->glyph_tbl.flgs[part[i]]) {
        ta->glyph_tbl.flgs[part[i]] = 1;
        stack[top++] = part[i];                     /* each glyph is pushed at most once */
      }
  }
}

/* ---- the document ----------------------------------------------------------------- */

mc_rc mc_pdfw_begin(mc_pdfw *w, mc_arena *a, bool landscape, const mc_pdf_margins *m, mc_time when,
                    const char *title, mc_err *err) {
  memset(w, 0, sizeof *w);
  w->a = a;
  HPDF_Doc doc = HPDF_New(on_error, w);
  if (!doc) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  w->doc = doc;
  HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc);
  HPDF_SetCurrentEncoder(doc, "UTF-8");
  mc_rc rc;
  if ((rc = load_font(w, "DejaVuSans.ttf", MC_PDF_REG, err)) ||
      (rc = load_font(w, "DejaVuSans-Bold.ttf", MC_PDF_BOLD, err))) {
    mc_pdfw_free(w);
    return rc;
  }
  HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "motcua");
  HPDF_SetInfoAttr(doc, HPDF_INFO_PRODUCER, "motcua (libharu)");
  if (title) HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, title);
  if (when) {
    int y, mo, d;
    mc_civil_from_days(mc_local_day(when), &y, &mo, &d);
    int s = mc_local_sec_of_day(when);
    HPDF_Date dt = {.year = y, .month = mo, .day = d, .hour = s / 3600, .minutes = s / 60 % 60,
                    .seconds = s % 60, .ind = '+', .off_hour = 7, .off_minutes = 0};
    HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, dt);
  }
  w->pw = landscape ? 841.89f : 595.28f;
  w->ph = landscape ? 595.28f : 841.89f;
  w->x0 = m->left;
  w->x1 = w->pw - m->right;
  w->ytop = w->ph - m->top;
  w->ybot = m->bottom + m->footer;
  mc_pdfw_new_page(w);
  if (failed(w)) {
    mc_pdfw_free(w);
    return mc_fail(err, MC_EINTERNAL, "slip.pdf_failed", NULL, "The PDF could not be started.");
  }
  return MC_OK;
}

void mc_pdfw_free(mc_pdfw *w) {
  if (w->doc) HPDF_Free(DOC(w));
  w->doc = NULL;
}

void mc_pdfw_new_page(mc_pdfw *w) {
  if (failed(w)) return;
  if (w->npages >= MC_PDFW_PAGES_MAX) {
    w->overflow = true;
    return;
  }
  HPDF_Page p = HPDF_AddPage(DOC(w));
  if (!p) return;
  HPDF_Page_SetWidth(p, w->pw);
  HPDF_Page_SetHeight(p, w->ph);
  w->pages[w->npages++] = p;
  w->page = p;
  w->y = w->ytop;
}

void mc_pdfw_need(mc_pdfw *w, float h) {
  if (w->y - h < w->ybot && w->y < w->ytop) mc_pdfw_new_page(w);
}

mc_rc mc_pdfw_finish(mc_pdfw *w, const void **pdf, size_t *len, mc_err *err) {
  for (int i = 0; w->footer && !failed(w) && i < w->npages; i++) {
    w->page = w->pages[i];
    w->footer(w, i + 1, w->npages, w->footer_ctx);
  }
  if (w->overflow) {
    mc_pdfw_free(w);
    return mc_fail(err, MC_ETOOBIG, "slip.too_long", NULL, "The document would have more than %d pages.",
                   MC_PDFW_PAGES_MAX);
  }
  for (int i = 0; i < 2 && !failed(w); i++) complete_glyphs(w, i);
  HPDF_UINT32 size = 0;
  if (!failed(w) && HPDF_SaveToStream(DOC(w)) == HPDF_OK) size = HPDF_GetStreamSize(DOC(w));
  char *buf = size ? mc_arena_alloc(w->a, size) : NULL;
  if (buf) {
    HPDF_UINT32 got = 0;
    while (got < size) {
      HPDF_UINT32 n = size - got;
      HPDF_STATUS st = HPDF_ReadFromStream(DOC(w), (HPDF_BYTE *)buf + got, &n);
      got += n;
      if (st == HPDF_STREAM_EOF) { HPDF_ResetError(DOC(w)); w->hpdf_error = 0; break; }
      if (st != HPDF_OK || n == 0) break;
    }
    if (got != size) buf = NULL;
  }
  unsigned long code = w->hpdf_error, detail = w->hpdf_detail;
  mc_pdfw_free(w);
  if (!buf || code) {
    mc_log(MC_LOG_ERROR, "slip: libharu failed (error 0x%04lx, detail %lu, %u bytes)", code, detail, (unsigned)size);
    return mc_fail(err, MC_EINTERNAL, "slip.pdf_failed", NULL, "The PDF could not be produced.");
  }
  *pdf = buf;
  *len = size;
  return MC_OK;
}

/* ---- text ------------------------------------------------------------------------ */

static HPDF_Font face(const mc_pdfw *w, int style) { return w->font[style & MC_PDF_BOLD]; }

static float width_n(mc_pdfw *w, int style, float size, const char *s, size_t n) {
  if (failed(w) || n == 0) return 0;
  HPDF_TextWidth tw = HPDF_Font_TextWidth(face(w, style), (const HPDF_BYTE *)s, (HPDF_UINT)n);
  return (float)tw.width * size / 1000.0f;
}

float mc_pdfw_width(mc_pdfw *w, int style, float size, const char *s) {
  return s ? width_n(w, style, size, s, strlen(s)) : 0;
}

static void show_n(mc_pdfw *w, int style, float size, float x, float y, const char *s, size_t n) {
  if (failed(w) || n == 0) return;
  char small[256];
  char *t = n < sizeof small ? small : mc_arena_alloc(w->a, n + 1);
  if (!t) return;
  memcpy(t, s, n);
  t[n] = 0;
  HPDF_Page p = PAGE(w);
  HPDF_Page_BeginText(p);
  HPDF_Page_SetFontAndSize(p, face(w, style), size);
  HPDF_Page_SetTextMatrix(p, 1, 0, (style & MC_PDF_OBLIQUE) ? OBLIQUE_SLANT : 0, 1, x, y);
  HPDF_Page_ShowText(p, t);
  HPDF_Page_EndText(p);
}

void mc_pdfw_text(mc_pdfw *w, int style, float size, float x, float baseline, const char *s) {
  if (s) show_n(w, style, size, x, baseline, s, strlen(s));
}

void mc_pdfw_text_at(mc_pdfw *w, int style, float size, float x, float width, int align, float baseline,
                     const char *s) {
  if (!s) return;
  float tw = mc_pdfw_width(w, style, size, s);
  if (align == MC_PDF_CENTER) x += (width - tw) / 2;
  else if (align == MC_PDF_RIGHT) x += width - tw;
  mc_pdfw_text(w, style, size, x, baseline, s);
}

/* One word (or a piece of one) of a paragraph. */
typedef struct tok {
  const char *s;
  size_t n;
  int style;
  float w;                 /* width of the word */
  float space;             /* width of the space before it (0 = none) */
  bool brk;                /* a line break before it */
} tok;

static size_t utf8_step(const char *s, size_t n) {
  size_t k = 1;
  while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80) k++;
  return k;
}

/* Words of the runs; a word wider than `width` is cut between characters. */
static tok *tokenize(mc_pdfw *w, const mc_pdf_run *runs, int nruns, float size, float width, int *ntok) {
  size_t cap = 8;
  for (int r = 0; r < nruns; r++) cap += runs[r].text ? strlen(runs[r].text) + 1 : 0;
  tok *t = mc_arena_alloc(w->a, cap * sizeof *t);
  if (!t) return NULL;
  int n = 0;
  bool space = false, brk = false;
  for (int r = 0; r < nruns; r++) {
    const char *s = runs[r].text ? runs[r].text : "";
    int st = runs[r].style;
    while (*s) {
      if (*s == ' ' || *s == '\t') { space = n > 0; s++; continue; }
      if (*s == '\n') { brk = true; space = false; s++; continue; }
      size_t len = strcspn(s, " \t\n");
      while (len > 0) {
        size_t take = len;
        float ww = width_n(w, st, size, s, take);
        if (ww > width) {       /* cut: the longest prefix that fits, at least one character */
          size_t fit = utf8_step(s, len);
          for (size_t k = fit; k < len;) {
            size_t nk = k + utf8_step(s + k, len - k);
            if (width_n(w, st, size, s, nk) > width) break;
            fit = k = nk;
          }
          take = fit;
          ww = width_n(w, st, size, s, take);
        }
        t[n++] = (tok){.s = s, .n = take, .style = st, .w = ww,
                       .space = space ? width_n(w, st, size, " ", 1) : 0, .brk = brk};
        space = brk = false;
        s += take;
        len -= take;
      }
    }
  }
  *ntok = n;
  return t;
}

void mc_pdfw_para(mc_pdfw *w, const mc_pdf_run *runs, int nruns, float size, int align, float indent,
                  float hang) {
  if (failed(w)) return;
  float lh = size * LINE_GAP;
  float full = w->x1 - w->x0;
  int n;
  tok *t = tokenize(w, runs, nruns, size, full - (indent > hang ? indent : hang), &n);
  if (!t) return;
  if (n == 0) { mc_pdfw_need(w, lh); w->y -= lh; return; }
  for (int i = 0; i < n;) {
    float start = i == 0 ? indent : hang, avail = full - start;
    int j = i;
    float lw = 0;
    while (j < n) {
      float add = (j == i ? 0 : t[j].space) + t[j].w;
      if (j > i && (t[j].brk || lw + add > avail)) break;
      lw += add;
      j++;
    }
    mc_pdfw_need(w, lh);
    float base = w->y - size;
    float x = w->x0 + start, stretch = 0;
    if (align == MC_PDF_CENTER) x += (avail - lw) / 2;
    else if (align == MC_PDF_RIGHT) x += avail - lw;
    else if (align == MC_PDF_JUSTIFY && j < n && !t[j].brk) {   /* not the last line of the paragraph */
      int gaps = 0;
      for (int k = i + 1; k < j; k++) gaps += t[k].space > 0;
      if (gaps > 0) stretch = (avail - lw) / (float)gaps;
    }
    for (int k = i; k < j; k++) {
      if (k > i && t[k].space > 0) x += t[k].space + stretch;
      show_n(w, t[k].style, size, x, base, t[k].s, t[k].n);
      x += t[k].w;
    }
    w->y -= lh;
    i = j;
  }
  w->y -= size * 0.15f;   /* a little air between paragraphs */
}

void mc_pdfw_line(mc_pdfw *w, int style, float size, int align, const char *s) {
  mc_pdf_run r = {s, style};
  mc_pdfw_para(w, &r, 1, size, align, 0, 0);
}

void mc_pdfw_field(mc_pdfw *w, float size, const char *label, const char *value) {
  mc_pdf_run r[2] = {{mc_arena_printf(w->a, "%s: ", label), MC_PDF_REG}, {value && *value ? value : "…", MC_PDF_BOLD}};
  mc_pdfw_para(w, r, 2, size, MC_PDF_LEFT, 0, 0);
}

int mc_pdfw_wrap(mc_pdfw *w, int style, float size, const char *s, float width, const char ***lines) {
  mc_pdf_run r = {s ? s : "", style};
  int n;
  tok *t = tokenize(w, &r, 1, size, width, &n);
  const char **out = mc_arena_alloc(w->a, (size_t)(n + 1) * sizeof *out);
  *lines = out;
  if (!t || !out) return 0;
  if (n == 0) { out[0] = ""; return 1; }
  int nl = 0;
  for (int i = 0; i < n;) {
    int j = i;
    float lw = 0;
    while (j < n) {
      float add = (j == i ? 0 : t[j].space) + t[j].w;
      if (j > i && (t[j].brk || lw + add > width)) break;
      lw += add;
      j++;
    }
    /* The line is the source text from the first word to the end of the last. */
    out[nl++] = mc_arena_strndup(w->a, t[i].s, (size_t)(t[j - 1].s + t[j - 1].n - t[i].s));
    i = j;
  }
  return nl;
}

/* ---- graphics ----------------------------------------------------------------------- */

void mc_pdfw_rule(mc_pdfw *w, float x0, float y0, float x1, float y1, float width) {
  if (failed(w)) return;
  HPDF_Page p = PAGE(w);
  HPDF_Page_SetLineWidth(p, width);
  HPDF_Page_MoveTo(p, x0, y0);
  HPDF_Page_LineTo(p, x1, y1);
  HPDF_Page_Stroke(p);
}

void mc_pdfw_qr(mc_pdfw *w, float x, float top, float size, const char *text) {
  if (failed(w)) return;
  QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!q) {
    mc_log(MC_LOG_ERROR, "slip: the QR code of \"%.80s\" could not be made", text);
    w->hpdf_error = HPDF_INVALID_PARAMETER;
    return;
  }
  const int quiet = 4;                       /* the white border the standard asks for */
  float m = size / (float)(q->width + 2 * quiet);
  HPDF_Page p = PAGE(w);
  HPDF_Page_SetRGBFill(p, 0, 0, 0);
  for (int r = 0; r < q->width; r++) {
    const unsigned char *row = q->data + (size_t)r * (size_t)q->width;
    for (int c = 0; c < q->width;) {
      if (!(row[c] & 1)) { c++; continue; }
      int e = c;
      while (e < q->width && (row[e] & 1)) e++;   /* a run of dark modules: one rectangle */
      HPDF_Page_Rectangle(p, x + (float)(quiet + c) * m, top - (float)(quiet + r + 1) * m, (float)(e - c) * m, m);
      c = e;
    }
  }
  HPDF_Page_Fill(p);
  QRcode_free(q);
}

/* ---- tables ----------------------------------------------------------------------------- */

float mc_pdfw_col_x(const mc_pdfw *w, const mc_pdf_table *t, int i) {
  float x = w->x0;
  for (int k = 0; k < i && k < t->ncols; k++) x += t->cols[k].width;
  return x;
}

static float table_width(const mc_pdf_table *t) {
  float s = 0;
  for (int i = 0; i < t->ncols; i++) s += t->cols[i].width;
  return s;
}

/* Draw a row of wrapped cells at the cursor with its grid; returns its height. */
static float draw_row(mc_pdfw *w, const mc_pdf_table *t, const char *const cells[], int style, float size,
                      int forced_align, float min_h, bool dry) {
  const char **lines[MC_PDFW_COLS_MAX];
  int nl[MC_PDFW_COLS_MAX];
  float lh = size * LINE_GAP, h = min_h;
  for (int i = 0; i < t->ncols && i < MC_PDFW_COLS_MAX; i++) {
    nl[i] = mc_pdfw_wrap(w, style, size, cells[i] ? cells[i] : "", t->cols[i].width - 2 * t->pad, &lines[i]);
    float ch = (float)nl[i] * lh + 2 * t->pad;
    if (ch > h) h = ch;
  }
  if (dry) return h;
  float top = w->y;
  for (int i = 0; i < t->ncols && i < MC_PDFW_COLS_MAX; i++) {
    float cx = mc_pdfw_col_x(w, t, i);
    int align = forced_align >= 0 ? forced_align : t->cols[i].align;
    for (int l = 0; l < nl[i]; l++)
      mc_pdfw_text_at(w, style, size, cx + t->pad, t->cols[i].width - 2 * t->pad, align,
                      top - t->pad - (float)l * lh - (lh + 0.7f * size) / 2, lines[i][l]);
  }
  /* The grid: the row's box and the column separators. */
  float x0 = w->x0, x1 = w->x0 + table_width(t);
  mc_pdfw_rule(w, x0, top, x1, top, 0.6f);
  mc_pdfw_rule(w, x0, top - h, x1, top - h, 0.6f);
  for (int i = 0; i <= t->ncols; i++) {
    float cx = mc_pdfw_col_x(w, t, i);
    mc_pdfw_rule(w, cx, top, cx, top - h, 0.6f);
  }
  w->y -= h;
  return h;
}

static const char *const *heads(mc_pdfw *w, const mc_pdf_table *t) {
  const char **h = mc_arena_alloc(w->a, (size_t)t->ncols * sizeof *h);
  for (int i = 0; h && i < t->ncols; i++) h[i] = t->cols[i].head;
  return h;
}

void mc_pdfw_table_head(mc_pdfw *w, const mc_pdf_table *t) {
  const char *const *h = heads(w, t);
  if (!h || failed(w)) return;
  float hh = draw_row(w, t, h, MC_PDF_BOLD, t->head_size, MC_PDF_CENTER, 0, true);
  float first = draw_row(w, t, h, MC_PDF_REG, t->size, -1, 0, true);
  mc_pdfw_need(w, hh + first);   /* never a header alone at the foot of a page */
  draw_row(w, t, h, MC_PDF_BOLD, t->head_size, MC_PDF_CENTER, 0, false);
}

void mc_pdfw_table_row(mc_pdfw *w, const mc_pdf_table *t, const char *const cells[], float min_h, float *top) {
  if (failed(w)) return;
  float h = draw_row(w, t, cells, MC_PDF_REG, t->size, -1, min_h, true);
  if (w->y - h < w->ybot) {
    mc_pdfw_new_page(w);
    mc_pdfw_table_head(w, t);
  }
  if (top) *top = w->y;
  draw_row(w, t, cells, MC_PDF_REG, t->size, -1, min_h, false);
}
