/* index_drill.c — the dossiers behind a number: for an indicator measured on
 * dossiers, the ones in its denominator, narrowed by a filter ("late",
 * "not_paid_online", …; the default is what costs points). Rows come unit by
 * unit (in the order of the unit tree), then by time, so a page is found
 * without sorting the whole list; CSV export streams every row. */
#include "core/index_int.h"
#include "util/csv.h"
#include <stdio.h>
#include <string.h>

enum anchor { A_RECEIVED, A_ENDED, A_HANDLED, A_CATALOGUE, A_COMMUNES };

typedef struct drow {
  mc_ifacts f;
  const char *code;         /* dossier code (arena), may be NULL */
  bool open_at_t;           /* 2.1: still open at the evaluation instant */
  const mc_iproc *proc;     /* catalogue rows: the procedure */
  int unit;                 /* 5.3 rows: the commune (tree index) */
  bool counted;             /* catalogue and 5.3 rows: in the numerator */
} drow;

typedef struct dctx { mc_time t, cut; } dctx;
typedef bool (*dpred)(const drow *r, const dctx *x);

typedef struct dfilter { const char *name, *label; dpred pred; } dfilter;
typedef struct ddef { mc_imeasure measure; enum anchor anchor; dpred base; dfilter f[5]; } ddef;

static bool within_at(const drow *r, const dctx *x) {
  mc_time b = mc_index_within_end(&r->f);
  return b != 0 && b >= x->t;
}
static bool p_all(const drow *r, const dctx *x) { (void)r; (void)x; return true; }
static bool p_late(const drow *r, const dctx *x) { return r->open_at_t ? !within_at(r, x) : r->f.on_time == 0; }
static bool p_on_time(const drow *r, const dctx *x) { return !p_late(r, x); }
static bool p_open(const drow *r, const dctx *x) { (void)x; return r->open_at_t; }
static bool p_open_late(const drow *r, const dctx *x) { return r->open_at_t && !within_at(r, x); }
#define FLAG_PRED(name, bit) \
  static bool p_##name(const drow *r, const dctx *x) { (void)x; return (r->f.flags & (bit)) != 0; } \
  static bool p_not_##name(const drow *r, const dctx *x) { (void)x; return (r->f.flags & (bit)) == 0; }
FLAG_PRED(synced, MC_IF_SYNCED)
FLAG_PRED(paid, MC_IF_PAID_ONLINE)
FLAG_PRED(eres, MC_IF_E_RESULT)
FLAG_PRED(reused, MC_IF_REUSED)
FLAG_PRED(store, MC_IF_STORE_LINKED)
FLAG_PRED(vneid, MC_IF_VNEID)
static bool p_online(const drow *r, const dctx *x) { (void)x; return r->f.channel == 2; }
static bool p_not_online(const drow *r, const dctx *x) { (void)x; return r->f.channel != 2; }
static bool done(const drow *r) { return r->f.end_status == 9 || r->f.end_status == 10; }
static bool p_fee(const drow *r, const dctx *x) { (void)x; return (r->f.flags & MC_IF_HAS_FEE) != 0; }
static bool p_done(const drow *r, const dctx *x) { (void)x; return done(r); }
static bool p_result(const drow *r, const dctx *x) { (void)x; return done(r) && (r->f.flags & MC_IF_HAS_RESULT); }
static bool p_dig(const drow *r, const dctx *x) {
  (void)x;
  return (r->f.flags & MC_IF_DIGITISED) && (r->f.flags & MC_IF_E_RESULT);
}
static bool p_not_dig(const drow *r, const dctx *x) { return !p_dig(r, x); }
static bool p_dissatisfied(const drow *r, const dctx *x) {
  (void)x;
  return (r->f.flags & MC_IF_COMPLAINT) || (r->f.rating >= 1 && r->f.rating <= MC_INDEX_DISSATISFIED_MAX);
}
static bool p_late_ended(const drow *r, const dctx *x) { (void)x; return r->f.on_time == 0; }
static bool p_late_or_dissatisfied(const drow *r, const dctx *x) { return p_late_ended(r, x) || p_dissatisfied(r, x); }
static bool p_met(const drow *r, const dctx *x) { (void)x; return r->counted; }
static bool p_missing(const drow *r, const dctx *x) { (void)x; return !r->counted; }
#define CATALOGUE_FILTERS(missing, met, all) {{"missing", missing, p_missing}, {"met", met, p_met}, {"all", all, p_all}}

static const ddef defs[] = {
  {MC_IM_ON_TIME, A_HANDLED, NULL, {{"late", "Trễ hạn (đã kết thúc trễ hoặc đang quá hạn)", p_late},
                                    {"on_time", "Đúng hạn", p_on_time}, {"open", "Đang xử lý tại cuối kỳ", p_open},
                                    {"open_late", "Đang quá hạn", p_open_late},
                                    {"all", "Tất cả hồ sơ tính chỉ số", p_all}}},
  {MC_IM_HANDLING_TIME, A_ENDED, NULL, {{"all", "Hồ sơ đã kết thúc trong kỳ", p_all}, {"late", "Kết thúc trễ hạn", p_late_ended}}},
  {MC_IM_SYNCED, A_RECEIVED, NULL, {{"not_synced", "Chưa đồng bộ lên Cổng DVCQG", p_not_synced},
                                    {"synced", "Đã đồng bộ", p_synced}, {"all", "Tất cả hồ sơ tiếp nhận", p_all}}},
  {MC_IM_ONLINE_DOSSIERS, A_RECEIVED, NULL, {{"not_online", "Không nộp trực tuyến", p_not_online},
                                             {"online", "Nộp trực tuyến", p_online}, {"all", "Tất cả hồ sơ tiếp nhận", p_all}}},
  {MC_IM_PAID_ONLINE, A_RECEIVED, p_fee, {{"not_paid_online", "Có phí nhưng không thanh toán trực tuyến", p_not_paid},
                                          {"paid_online", "Đã thanh toán trực tuyến", p_paid}, {"all", "Tất cả hồ sơ có phí", p_all}}},
  {MC_IM_E_RESULTS, A_ENDED, p_result, {{"no_e_result", "Chưa cấp kết quả điện tử", p_not_eres},
                                        {"e_result", "Có kết quả điện tử", p_eres}, {"all", "Tất cả hồ sơ có kết quả", p_all}}},
  {MC_IM_DIGITISED, A_ENDED, p_done, {{"not_digitised", "Chưa số hóa hồ sơ và kết quả", p_not_dig},
                                      {"digitised", "Đã số hóa", p_dig}, {"all", "Tất cả hồ sơ đã giải quyết", p_all}}},
  {MC_IM_REUSED, A_RECEIVED, NULL, {{"not_reused", "Không tái sử dụng dữ liệu số hóa", p_not_reused},
                                    {"reused", "Có tái sử dụng", p_reused}, {"all", "Tất cả hồ sơ tiếp nhận", p_all}}},
  {MC_IM_STORE_LINKED, A_RECEIVED, NULL, {{"not_store_linked", "Không kết nối kho dữ liệu công dân", p_not_store},
                                          {"store_linked", "Có kết nối", p_store}, {"all", "Tất cả hồ sơ tiếp nhận", p_all}}},
  {MC_IM_POPULATION_DOSSIERS, A_RECEIVED, NULL, {{"not_vneid", "Không xác thực VNeID / dữ liệu dân cư", p_not_vneid},
                                                 {"vneid", "Có xác thực", p_vneid}, {"all", "Tất cả hồ sơ tiếp nhận", p_all}}},
  {MC_IM_ANNOUNCED_ON_TIME, A_CATALOGUE, NULL, CATALOGUE_FILTERS("Công bố chưa đúng hạn", "Công bố đúng hạn", "Thủ tục công bố trong kỳ")},
  {MC_IM_PUBLISHED_ON_TIME, A_CATALOGUE, NULL, CATALOGUE_FILTERS("Công khai chưa đúng hạn", "Công khai đúng hạn", "Thủ tục công bố trong kỳ")},
  {MC_IM_PUBLISHED_IN_FULL, A_CATALOGUE, NULL, CATALOGUE_FILTERS("Công khai chưa đầy đủ", "Công khai đầy đủ", "Thủ tục công khai trong kỳ")},
  {MC_IM_PROCEDURES_ONLINE, A_CATALOGUE, NULL, CATALOGUE_FILTERS("Chưa cung cấp trực tuyến", "Cung cấp trực tuyến", "Tất cả thủ tục")},
  {MC_IM_ONLINE_SERVICES_USED, A_CATALOGUE, NULL, CATALOGUE_FILTERS("Chưa phát sinh hồ sơ trực tuyến", "Có hồ sơ trực tuyến", "Tất cả dịch vụ trực tuyến")},
  {MC_IM_FEE_PROCEDURES_INTEGRATED, A_CATALOGUE, NULL, CATALOGUE_FILTERS("Chưa tích hợp thanh toán", "Đã tích hợp", "Thủ tục có phí, lệ phí")},
  {MC_IM_FEE_PROCEDURES_PAID_ONLINE, A_CATALOGUE, NULL, CATALOGUE_FILTERS("Chưa phát sinh thanh toán trực tuyến", "Có thanh toán trực tuyến", "Thủ tục có phí, lệ phí")},
  {MC_IM_POPULATION_PROCEDURES, A_CATALOGUE, NULL, CATALOGUE_FILTERS("Chưa khai thác dữ liệu dân cư", "Có khai thác", "Thủ tục của công dân")},
  {MC_IM_E_CERTIFICATION_COMMUNES, A_COMMUNES, NULL, CATALOGUE_FILTERS("Xã chưa chứng thực điện tử", "Xã có chứng thực điện tử", "Tất cả xã")},
  {MC_IM_SATISFACTION, A_ENDED, NULL, {{"late_or_dissatisfied", "Trễ hạn hoặc không hài lòng / khiếu nại", p_late_or_dissatisfied},
                                       {"late", "Trễ hạn", p_late_ended}, {"dissatisfied", "Không hài lòng hoặc khiếu nại", p_dissatisfied},
                                       {"all", "Tất cả hồ sơ đã kết thúc", p_all}}},
};

static const ddef *def_of(mc_imeasure m) {
  for (size_t i = 0; i < sizeof defs / sizeof *defs; i++)
    if (defs[i].measure == m) return &defs[i];
  return NULL;
}

json_t *mc_index_filters_json(void) {
  const mc_iedition *ed = NULL;
  mc_err e = {0};
  json_t *out = json_array();
  if (mc_index_edition_pick(NULL, mc_local_day(mc_now()), &ed, &e)) { mc_err_clear(&e); return out; }
  for (int i = 0; i < ed->ninds; i++) {
    const ddef *d = def_of(ed->inds[i].measure);
    if (!d) continue;
    json_t *fs = json_array();
    for (int k = 0; k < 5 && d->f[k].name; k++)
      json_array_append_new(fs, json_pack("{s:s, s:s}", "name", d->f[k].name, "label", d->f[k].label));
    json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:o}", "indicator", ed->inds[i].code, "name", ed->inds[i].name,
                                         "default", d->f[0].name, "filters", fs));
  }
  return out;
}

/* ---- reading rows ---------------------------------------------------------- */

typedef struct drill {
  mc_ictx *c;
  const ddef *def;
  const dfilter *filter;
  dctx x;
  int64_t offset, limit, total;      /* page (JSON) */
  json_t *items;
  mc_buf *csv;                       /* or CSV */
  mc_rc rc;
  mc_err *err;
} drill;

static json_t *row_json(const drill *d, const drow *r);
static mc_rc row_csv(drill *d, const drow *r);

static void take(drill *d, const drow *r) {
  if (d->def->base && !d->def->base(r, &d->x)) return;
  if (!d->filter->pred(r, &d->x)) return;
  if (d->c->proc && d->def->anchor < A_CATALOGUE && r->f.proc_id != d->c->proc->id) return;
  int64_t k = d->total++;
  if (d->csv) {
    if (d->total > MC_INDEX_EXPORT_MAX) {
      d->rc = mc_fail(d->err, MC_ETOOBIG, "index.too_many_rows", NULL,
                      "The list has more than %d dossiers; choose a smaller unit or period.", MC_INDEX_EXPORT_MAX);
      return;
    }
    d->rc = row_csv(d, r);
  } else if (k >= d->offset && k < d->offset + d->limit) {
    json_array_append_new(d->items, row_json(d, r));
  }
}

/* mode 0: rows as they come; 1: ended at or after t, kept when received
 * before it (open at t); 2: open now and received before t (open at t). */
static mc_rc scan(drill *d, const char *query, int64_t unit, mc_time a, mc_time b, int mode) {
  mc_stmt *st = mode == 2 ? mc_db_prep(d->c->db, query, d->err, "ii", unit, b)
                          : mc_db_prep(d->c->db, query, d->err, "iii", unit, a, b);
  if (!st) return d->err ? d->err->rc : MC_EDB;
  int r;
  while ((r = mc_stmt_next(st, d->err)) > 0 && !d->rc) {
    drow row = {0};
    mc_ifacts *f = &row.f;
    f->dossier_id = mc_col_i64(st, 0);
    f->unit_id = mc_col_i64(st, 1);
    f->proc_id = mc_col_i64(st, 2);
    f->channel = (int)mc_col_i64(st, 3);
    f->received_at = mc_col_i64(st, 4);
    f->due_at = mc_col_i64(st, 5);
    f->eff_due = mc_col_i64(st, 6);
    f->ended_at = mc_col_i64(st, 7);
    f->end_status = (int)mc_col_i64(st, 8);
    f->on_time = (int)mc_col_i64(st, 9);
    f->supplements = (int)mc_col_i64(st, 10);
    f->handling_seconds = mc_col_i64(st, 11);
    f->flags = (int)mc_col_i64(st, 12);
    f->rating = (int)mc_col_i64(st, 13);
    row.code = mc_col_null(st, 14) ? NULL : mc_arena_strdup(d->c->a, mc_col_text(st, 14));
    if (mode == 1 && f->received_at >= d->x.cut) continue;   /* ended after t but received after it too */
    row.open_at_t = mode != 0;
    take(d, &row);
  }
  if (r < 0) return d->err && d->err->rc ? d->err->rc : MC_EDB;
  if (r > 0) while (mc_stmt_next(st, d->err) > 0) {}
  return d->rc;
}

static void on_proc(void *ctx, const mc_iproc *p, bool in_num) {
  drill *d = ctx;
  drow row = {.proc = p, .unit = -1, .counted = in_num};
  row.f.proc_id = p->id;
  if (!d->rc) take(d, &row);
}

static void on_commune(void *ctx, int unit, bool in_num) {
  drill *d = ctx;
  drow row = {.unit = unit, .counted = in_num};
  if (!d->rc) take(d, &row);
}

static mc_rc run_catalogue(drill *d, const mc_iscope *s) {
  mc_ictx *c = d->c;
  mc_ireq r = {c->db, c->a, c->ed, &c->tree, &c->cat, c->proc ? c->proc->id : 0, c->period, c->now, *s, NULL};
  mc_rc rc = d->def->anchor == A_COMMUNES ? mc_icatalogue_communes(&r, on_commune, d, d->err)
                                          : mc_icatalogue_members(&r, d->def->measure, on_proc, d, d->err);
  return rc ? rc : d->rc;
}

static mc_rc run(drill *d, const mc_iscope *s) {
  mc_ictx *c = d->c;
  if (d->def->anchor >= A_CATALOGUE) return run_catalogue(d, s);
  mc_time lo = mc_local_instant(c->period.lo, 0), hi = mc_local_instant(c->period.hi, 0);
  mc_rc rc = MC_OK;
  /* Units in tree order (by code) rather than by id. */
  for (int i = 0; i < c->tree.n && !rc; i++) {
    int64_t unit = c->tree.u[i].id;
    bool in = false;
    for (int e = 0; e < s->n && !in; e++) in = s->unit_ids[e] == unit;
    if (!in) continue;
    switch (d->def->anchor) {
    case A_RECEIVED: rc = scan(d, "index.drill_received", unit, lo, hi, 0); break;
    case A_ENDED: rc = scan(d, "index.drill_ended", unit, lo, d->x.cut, 0); break;
    case A_HANDLED:
      if (!(rc = scan(d, "index.drill_ended", unit, lo, d->x.cut, 0)) &&
          !(rc = scan(d, "index.drill_ended", unit, d->x.cut, INT64_MAX, 1)))
        rc = scan(d, "index.drill_open", unit, 0, d->x.cut, 2);
      break;
    default:
      break;
    }
  }
  return rc;
}

static mc_rc start(mc_db *db, const mc_index_query *q, const mc_index_drill *dr, mc_ictx *c, drill *d,
                   mc_iscope *s, mc_err *err) {
  mc_rc rc = mc_ictx_open(db, q, MC_IA_DOSSIERS, c, err);
  if (rc) return rc;
  const char *code = dr->indicator ? dr->indicator : "2.1";
  const mc_iind *ind = mc_iedition_find(c->ed, code);
  if (!ind) return mc_fail(err, MC_EINVAL, "index.unknown_indicator", "indicator", "Edition %s has no indicator \"%.16s\".", c->ed->code, code);
  memset(d, 0, sizeof *d);
  d->c = c;
  d->err = err;
  d->def = def_of(ind->measure);
  if (!d->def)
    return mc_fail(err, MC_EINVAL, "index.no_drill", "indicator",
                   "Indicator %s is measured on feedback, which this system does not receive yet.", ind->code);
  d->filter = &d->def->f[0];
  if (dr->filter) {
    d->filter = NULL;
    for (int k = 0; k < 5 && d->def->f[k].name && !d->filter; k++)
      if (strcmp(d->def->f[k].name, dr->filter) == 0) d->filter = &d->def->f[k];
    if (!d->filter) {
      json_t *allowed = json_array();
      for (int k = 0; k < 5 && d->def->f[k].name; k++) json_array_append_new(allowed, json_string(d->def->f[k].name));
      mc_err_detail(err, "allowed", allowed);
      return mc_fail(err, MC_EINVAL, "index.unknown_filter", "filter", "Indicator %s has no filter \"%.32s\".", ind->code, dr->filter);
    }
  }
  d->x.t = mc_iperiod_eval_at(&c->period, c->now);
  d->x.cut = mc_local_sec_of_day(d->x.t) == 0 ? d->x.t : d->x.t + 1;   /* an event at now is past */
  mc_ictx_scope(c, &c->unit, 1, s);
  return MC_OK;
}

mc_rc mc_index_dossiers(mc_db *db, const mc_index_query *q, const mc_index_drill *dr, json_t **page, mc_err *err) {
  if (dr->limit < 1 || dr->limit > MC_INDEX_PAGE_MAX || dr->offset < 0)
    return mc_fail(err, MC_EINVAL, "index.bad_page", "limit", "limit must be 1–%d and offset ≥ 0.", MC_INDEX_PAGE_MAX);
  mc_ictx c;
  drill d;
  mc_iscope s;
  mc_rc rc = start(db, q, dr, &c, &d, &s, err);
  if (!rc) {
    d.items = json_array();
    d.offset = dr->offset;
    d.limit = dr->limit;
    rc = run(&d, &s);
    if (!rc) {
      *page = json_pack("{s:o, s:s, s:s, s:s, s:o, s:o, s:I, s:I, s:I}", "unit", mc_ictx_unit_json(&c, c.unit),
                        "indicator", dr->indicator ? dr->indicator : "2.1", "filter", d.filter->name,
                        "filter_label", d.filter->label, "period", mc_iperiod_json(&c.period, c.now), "items", d.items,
                        "total", (json_int_t)d.total, "limit", (json_int_t)d.limit, "offset", (json_int_t)d.offset);
      d.items = NULL;
    }
    json_decref(d.items);
  }
  mc_ictx_close(&c);
  return rc;
}

static const char *const csv_head[] = {
  "Mã hồ sơ", "Mã thủ tục", "Tên thủ tục", "Mã đơn vị", "Đơn vị", "Kênh", "Tiếp nhận", "Hạn trả",
  "Hạn sau tạm dừng", "Kết thúc", "Tình trạng", "Trễ (giờ)", "Thời gian xử lý (giờ)", "Có phí",
  "Thanh toán trực tuyến", "Kết quả điện tử", "Số hóa", "Tái sử dụng", "Kho dữ liệu", "VNeID",
  "Đồng bộ", "Đánh giá", "Khiếu nại",
};
enum { NCOLS = sizeof csv_head / sizeof *csv_head };
static const char *const proc_head[] = {"Mã thủ tục", "Tên thủ tục", "Đạt"};
static const char *const commune_head[] = {"Mã đơn vị", "Đơn vị", "Đạt"};

mc_rc mc_index_dossiers_csv(mc_db *db, const mc_index_query *q, const mc_index_drill *dr, mc_buf *out, mc_err *err) {
  mc_ictx c;
  drill d;
  mc_iscope s;
  mc_rc rc = start(db, q, dr, &c, &d, &s, err);
  if (!rc) {
    d.csv = out;
    rc = mc_buf_puts(out, "\xEF\xBB\xBF");
    if (!rc && d.def->anchor >= A_CATALOGUE) rc = mc_csv_write_row(out, d.def->anchor == A_COMMUNES ? commune_head : proc_head, 3);
    else if (!rc) rc = mc_csv_write_row(out, csv_head, NCOLS);
    if (!rc) rc = run(&d, &s);
  }
  mc_ictx_close(&c);
  return rc;
}

/* ---- one row --------------------------------------------------------------- */

static const char *state_of(const drill *d, const drow *r) {
  if (r->open_at_t || !r->f.ended_at) return within_at(r, &d->x) ? "open_within" : "open_late";
  return r->f.on_time == 1 ? "ended_on_time" : "ended_late";
}

static const char *state_label(const char *s) {
  if (strcmp(s, "open_within") == 0) return "Đang xử lý, còn hạn";
  if (strcmp(s, "open_late") == 0) return "Đang xử lý, quá hạn";
  if (strcmp(s, "ended_on_time") == 0) return "Kết thúc đúng hạn";
  return "Kết thúc trễ hạn";
}

/* Seconds late: past the effective deadline at the end, or at t if open. */
static int64_t late_seconds(const drill *d, const drow *r) {
  if (r->f.eff_due == INT64_MAX || r->f.eff_due <= 0) return 0;
  mc_time at = r->open_at_t || !r->f.ended_at ? d->x.t : r->f.ended_at;
  return at > r->f.eff_due ? at - r->f.eff_due : 0;
}

static json_t *time_or_null(mc_time t) {
  if (t <= 0 || t == INT64_MAX) return json_null();
  char b[32];
  mc_time_format(t, b, sizeof b);
  return json_string(b);
}

json_t *mc_index_time_left_json(mc_time eff_due, mc_time ended_at, int supplements, mc_time now, int soon_hours) {
  bool paused = eff_due == INT64_MAX && !ended_at;
  bool late = !ended_at && !paused && (supplements >= 2 || now >= eff_due);
  int64_t d = paused || ended_at ? 0 : (eff_due > now ? eff_due - now : now - eff_due);
  return json_pack("{s:b, s:b, s:b, s:b, s:b, s:I, s:I, s:I, s:I}", "known", 1, "ended", ended_at != 0,
                   "paused", paused, "late", late,
                   "soon", !late && !paused && !ended_at && eff_due - now <= (int64_t)soon_hours * 3600,
                   "seconds", (json_int_t)(late ? -d : d), "days", (json_int_t)(d / 86400),
                   "hours", (json_int_t)(d % 86400 / 3600), "minutes", (json_int_t)(d % 3600 / 60));
}

static json_t *row_json(const drill *d, const drow *r) {
  const mc_ictx *c = d->c;
  if (r->proc)
    return json_pack("{s:{s:s, s:s}, s:b}", "procedure", "code", r->proc->code, "name", r->proc->name, "counted", r->counted);
  if (d->def->anchor == A_COMMUNES)
    return json_pack("{s:o, s:b}", "unit", mc_ictx_unit_json(c, r->unit), "counted", r->counted);
  int ui = mc_itree_find_id(&c->tree, r->f.unit_id), pi = mc_icatalogue_find(&c->cat, r->f.proc_id);
  const char *state = state_of(d, r);
  int fl = r->f.flags;
  json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:i, s:o, s:o, s:o, s:o, s:i, s:s, s:s, s:I, s:I, s:i}",
      "dossier_id", (json_int_t)r->f.dossier_id, "code", r->code ? json_string(r->code) : json_null(),
      "procedure", pi >= 0 ? json_pack("{s:s, s:s}", "code", c->cat.p[pi].code, "name", c->cat.p[pi].name) : json_null(),
      "unit", ui >= 0 ? json_pack("{s:s, s:s}", "code", c->tree.u[ui].code, "name", c->tree.u[ui].name) : json_null(),
      "channel", r->f.channel, "received_at", time_or_null(r->f.received_at), "due_at", time_or_null(r->f.due_at),
      "effective_due_at", time_or_null(r->f.eff_due), "ended_at", time_or_null(r->f.ended_at),
      "end_status", r->f.end_status, "state", state, "state_label", state_label(state),
      "late_seconds", (json_int_t)late_seconds(d, r), "handling_seconds", (json_int_t)r->f.handling_seconds,
      "supplements", r->f.supplements);
  json_object_set_new(o, "paused", json_boolean(r->f.eff_due == INT64_MAX && !r->f.ended_at));
  /* National status: the end's, or "in processing" (4) / "supplement requested" (5) while open. */
  json_object_set_new(o, "status", json_integer(r->f.ended_at && !r->open_at_t ? r->f.end_status
                                                : r->f.eff_due == INT64_MAX ? 5 : 4));
  json_object_set_new(o, "time_left", mc_index_time_left_json(r->f.eff_due, r->open_at_t ? 0 : r->f.ended_at,
                                                              r->f.supplements, d->x.t, c->cfg.soon_late_hours));
  json_object_set_new(o, "facts", json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:i}",
      "has_fee", (fl & MC_IF_HAS_FEE) != 0, "paid_online", (fl & MC_IF_PAID_ONLINE) != 0,
      "e_result", (fl & MC_IF_E_RESULT) != 0, "digitised", (fl & MC_IF_DIGITISED) != 0,
      "reused", (fl & MC_IF_REUSED) != 0, "store_linked", (fl & MC_IF_STORE_LINKED) != 0,
      "vneid", (fl & MC_IF_VNEID) != 0, "synced", (fl & MC_IF_SYNCED) != 0,
      "complaint", (fl & MC_IF_COMPLAINT) != 0, "rating", r->f.rating));
  return o;
}

static mc_rc row_csv(drill *d, const drow *r) {
  const mc_ictx *c = d->c;
  if (r->proc || d->def->anchor == A_COMMUNES) {
    const char *f[3] = {r->proc ? r->proc->code : c->tree.u[r->unit].code, r->proc ? r->proc->name : c->tree.u[r->unit].name,
                        r->counted ? "Có" : "Không"};
    return mc_csv_write_row(d->csv, f, 3);
  }
  int ui = mc_itree_find_id(&c->tree, r->f.unit_id), pi = mc_icatalogue_find(&c->cat, r->f.proc_id);
  static const char *const channels[] = {"", "Trực tiếp", "Trực tuyến", "Bưu chính"};
  char t[5][32], late[24], hours[24], rating[4];
  mc_time times[5] = {r->f.received_at, r->f.due_at, r->f.eff_due, r->f.ended_at, 0};
  for (int i = 0; i < 4; i++) {
    t[i][0] = 0;
    if (times[i] > 0 && times[i] != INT64_MAX) mc_time_format(times[i], t[i], sizeof t[i]);
  }
  snprintf(late, sizeof late, "%.2f", (double)late_seconds(d, r) / 3600);
  snprintf(hours, sizeof hours, "%.2f", (double)r->f.handling_seconds / 3600);
  snprintf(rating, sizeof rating, "%d", r->f.rating);
  int fl = r->f.flags;
#define YN(bit) ((fl & (bit)) ? "Có" : "Không")
  const char *row[NCOLS] = {
    r->code ? r->code : "", pi >= 0 ? c->cat.p[pi].code : "", pi >= 0 ? c->cat.p[pi].name : "",
    ui >= 0 ? c->tree.u[ui].code : "", ui >= 0 ? c->tree.u[ui].name : "",
    r->f.channel >= 1 && r->f.channel <= 3 ? channels[r->f.channel] : "", t[0], t[1], t[2], t[3],
    state_label(state_of(d, r)), late, hours, YN(MC_IF_HAS_FEE), YN(MC_IF_PAID_ONLINE), YN(MC_IF_E_RESULT),
    YN(MC_IF_DIGITISED), YN(MC_IF_REUSED), YN(MC_IF_STORE_LINKED), YN(MC_IF_VNEID), YN(MC_IF_SYNCED),
    r->f.rating ? rating : "", YN(MC_IF_COMPLAINT),
  };
#undef YN
  return mc_csv_write_row(d->csv, row, NCOLS);
}
