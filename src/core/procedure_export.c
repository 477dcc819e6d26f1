/* procedure_export.c — the whole catalogue as JSON or CSV (formats in
 * procedure.h), in code order, active or not, so that importing the output
 * gives back the same data. Three queries: procedures, fees, components. */
#include "core/procedure_int.h"
#include "util/csv.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct catalogue {
  mc_procedure *items;
  int n, cap;
  mc_procedure **by_id;       /* sorted by id, to attach the lines */
} catalogue;

static mc_rc no_memory(mc_err *err) {
  return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}

static int cmp_id(const void *x, const void *y) {
  int64_t a = (*(mc_procedure *const *)x)->id, b = (*(mc_procedure *const *)y)->id;
  return a < b ? -1 : a > b;
}

static mc_procedure *find(catalogue *c, int64_t id) {
  int lo = 0, hi = c->n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (c->by_id[mid]->id == id) return c->by_id[mid];
    if (c->by_id[mid]->id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return NULL;
}

static mc_rc load(mc_db *db, mc_arena *a, catalogue *c, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "procedures.all", err, NULL);
  if (!st) return err->rc;
  int r;
  mc_rc rc = MC_OK;
  while ((r = mc_stmt_next(st, err)) > 0) {
    if (rc) continue;
    if (c->n == c->cap) {
      int cap = c->cap ? c->cap * 2 : 256;
      mc_procedure *bigger = mc_arena_alloc(a, sizeof *bigger * (size_t)cap);
      if (!bigger) { rc = no_memory(err); continue; }
      if (c->n) memcpy(bigger, c->items, sizeof *bigger * (size_t)c->n);
      c->items = bigger;
      c->cap = cap;
    }
    rc = mc_proc_from_row(st, a, &c->items[c->n++], err);
  }
  if (r < 0 || rc) return err->rc;
  c->by_id = mc_arena_alloc(a, sizeof *c->by_id * (size_t)(c->n ? c->n : 1));
  if (!c->by_id) return no_memory(err);
  for (int i = 0; i < c->n; i++) {
    mc_procedure *p = &c->items[i];
    c->by_id[i] = p;
    p->fees = mc_arena_alloc(a, sizeof *p->fees * MC_PROC_FEES_MAX);
    p->components = mc_arena_alloc(a, sizeof *p->components * MC_PROC_COMPONENTS_MAX);
    if (!p->fees || !p->components) return no_memory(err);
  }
  qsort(c->by_id, (size_t)c->n, sizeof *c->by_id, cmp_id);

  if (!(st = mc_db_prep(db, "procedures.fees_all", err, NULL))) return err->rc;
  while ((r = mc_stmt_next(st, err)) > 0) {
    mc_procedure *p = find(c, mc_col_i64(st, 0));
    if (rc || !p || p->nfees == MC_PROC_FEES_MAX) continue;
    mc_fee *f = &p->fees[p->nfees++];
    f->code = mc_arena_strdup(a, mc_col_text(st, 1));
    f->name = mc_arena_strdup(a, mc_col_text(st, 2));
    f->amount = mc_col_i64(st, 3);
    f->kind = (int)mc_col_i64(st, 4);
    if (!f->code || !f->name) rc = no_memory(err);
  }
  if (r < 0 || rc) return err->rc;
  if (!(st = mc_db_prep(db, "procedures.components_all", err, NULL))) return err->rc;
  while ((r = mc_stmt_next(st, err)) > 0) {
    mc_procedure *p = find(c, mc_col_i64(st, 0));
    if (rc || !p || p->ncomponents == MC_PROC_COMPONENTS_MAX) continue;
    mc_component *m = &p->components[p->ncomponents++];
    m->code = mc_arena_strdup(a, mc_col_text(st, 1));
    m->name = mc_arena_strdup(a, mc_col_text(st, 2));
    m->required = mc_col_i64(st, 3) != 0;
    m->from_store = mc_col_i64(st, 4) != 0;
    if (!m->code || !m->name) rc = no_memory(err);
  }
  return r < 0 || rc ? err->rc : MC_OK;
}

/* ---- JSON --------------------------------------------------------------------- */

static int to_buf(const char *s, size_t n, void *data) {
  return mc_buf_append(data, s, n) ? -1 : 0;
}

static mc_rc export_json(const catalogue *c, mc_buf *out, mc_err *err) {
  json_t *list = json_array();
  for (int i = 0; i < c->n; i++) {
    json_t *o = mc_procedure_to_json(&c->items[i], true);
    json_object_del(o, "id");          /* ids belong to one database */
    json_object_del(o, "time_label");  /* derived */
    json_array_append_new(list, o);
  }
  json_t *root = json_pack("{s:s, s:o}", "format", "motcua-procedures/1", "procedures", list);
  int r = root ? json_dump_callback(root, to_buf, out, JSON_INDENT(1) | JSON_REAL_PRECISION(15)) : -1;
  json_decref(root);
  if (r != 0 || mc_buf_puts(out, "\n"))
    return mc_fail(err, MC_ETOOBIG, "export.too_large", NULL, "The export does not fit in the output buffer.");
  return MC_OK;
}

/* ---- CSV ------------------------------------------------------------------------ */

/* Escape the separators (colon, bar, backslash) inside a fee or component part. */
static mc_rc part(mc_buf *b, const char *s) {
  mc_rc rc = MC_OK;
  for (; *s && !rc; s++) {
    if (*s == ':' || *s == '|' || *s == '\\') rc = mc_buf_puts(b, "\\");
    if (!rc) rc = mc_buf_append(b, s, 1);
  }
  return rc;
}

static const char *const csv_header[] = {
  "code", "name", "field_code", "field_name", "level", "unit_kinds", "time_amount", "time_unit",
  "rule_1500", "online_level", "full_eligible", "result_type", "citizen_kind", "decided_on",
  "effective_on", "published_on", "payment_integrated", "active", "fees", "components", "eform",
  "workflow"};
enum { NCOLS = sizeof csv_header / sizeof csv_header[0] };

#define B(x) ((x) ? "true" : "false")

static mc_rc lines_cell(const mc_procedure *p, bool fees, mc_buf *b) {
  mc_rc rc = mc_buf_append(b, "", 0);
  int n = fees ? p->nfees : p->ncomponents;
  for (int i = 0; i < n && !rc; i++) {
    const char *code = fees ? p->fees[i].code : p->components[i].code;
    const char *name = fees ? p->fees[i].name : p->components[i].name;
    if ((rc = mc_buf_puts(b, i ? "|" : "")) || (rc = part(b, code)) || (rc = mc_buf_puts(b, ":")) ||
        (rc = part(b, name)))
      break;
    if (fees)
      rc = mc_buf_printf(b, ":%lld:%s", (long long)p->fees[i].amount,
                         mc_proc_fee_kinds[p->fees[i].kind == 1 ? 0 : 1]);
    else
      rc = mc_buf_printf(b, ":%s:%s", B(p->components[i].required), B(p->components[i].from_store));
  }
  return rc;
}

static mc_rc csv_row(const mc_procedure *p, mc_buf *fees, mc_buf *comps, mc_buf *out) {
  char amount[24], dates[3][11];
  const int32_t days[3] = {p->decided_on, p->effective_on, p->published_on};
  for (int i = 0; i < 3; i++) {
    dates[i][0] = 0;
    if (days[i]) mc_date_format(days[i], dates[i], sizeof dates[i]);
  }
  snprintf(amount, sizeof amount, "%lld", (long long)p->time_amount);
  fees->len = comps->len = 0;
  mc_rc rc;
  if ((rc = lines_cell(p, true, fees)) || (rc = lines_cell(p, false, comps))) return rc;
  char *eform = p->eform ? json_dumps(p->eform, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
  char *workflow = p->workflow ? json_dumps(p->workflow, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
  if ((p->eform && !eform) || (p->workflow && !workflow)) rc = MC_ENOMEM;
  const char *row[NCOLS] = {
    p->code, p->name, p->field_code, p->field_name, p->level, p->unit_kinds, amount,
    mc_proc_time_units[p->time_unit], B(p->rule_1500), p->online_level, B(p->full_eligible),
    p->result_type, p->citizen_kind, dates[0], dates[1], dates[2], B(p->payment_integrated),
    B(p->active), fees->data, comps->data, eform, workflow};
  if (!rc) rc = mc_csv_write_row(out, row, NCOLS);
  free(eform);
  free(workflow);
  return rc;
}

#undef B

static mc_rc export_csv(const catalogue *c, mc_buf *out, mc_err *err) {
  mc_rc rc = mc_csv_write_row(out, csv_header, NCOLS);
  mc_buf fees, comps;
  mc_buf_init(&fees, 0);
  mc_buf_init(&comps, 0);
  for (int i = 0; i < c->n && !rc; i++) rc = csv_row(&c->items[i], &fees, &comps, out);
  mc_buf_release(&fees);
  mc_buf_release(&comps);
  if (rc == MC_ENOMEM) return no_memory(err);
  if (rc) return mc_fail(err, MC_ETOOBIG, "export.too_large", NULL, "The export does not fit in the output buffer.");
  return MC_OK;
}

mc_rc mc_procedures_export(mc_db *db, const char *format, mc_buf *out, mc_err *err) {
  bool csv = format && strcmp(format, "csv") == 0;
  if (!csv && !(format && strcmp(format, "json") == 0))
    return mc_fail(err, MC_EINVAL, "export.bad_format", "format", "The export format must be json or csv.");
  mc_arena *a = mc_arena_new(0);
  if (!a) return no_memory(err);
  catalogue c = {0};
  mc_rc rc = load(db, a, &c, err);
  if (!rc) rc = csv ? export_csv(&c, out, err) : export_json(&c, out, err);
  mc_arena_free(a);
  return rc;
}
