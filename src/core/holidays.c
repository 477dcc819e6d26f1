/* holidays.c — the public holidays of a year, generated from the law and the
 * government's recurring choices kept as data (calendar.md, calendar.h).
 *
 * Labour Code 2019, art. 112 (11 days): 1 January; Tết (5 days); Hùng Kings'
 * day, 10/3 lunar; 30 April; 1 May; 2 September and the day before or after.
 * Before it: Labour Code 2012 (effective 1 May 2013, so from Tết 2014) had
 * 5 days of Tết and 2 September alone; Labour Code 1994 had 4 days of Tết;
 * Hùng Kings' day has been a holiday since 2007. A holiday falling on a
 * weekly rest day (Saturday, Sunday) gives a compensatory day off on the
 * next working day.
 *
 * Which days make Tết and which day joins 2 September are chosen each year by
 * the government (the Prime Minister on the Ministry's proposal), so they are
 * rules with year ranges (mc_holiday_rules), never constants. Days the
 * government swaps or adds (make-up Saturdays, bridges) are overrides in the
 * database, not rules.                                                     */
#include "core/calendar.h"
#include "util/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Defaults. The per-year rows are the government's declared choices, from
 * the Ministry of Labour's notices (from 2025 the Ministry of Home Affairs)
 * as reported: 2024 "2 days before Tết and 3 after; 2 Sep and the day after"
 * (Tết 8–14 Feb, 31 Aug–3 Sep); 2025 Thông báo 6150/TB-BLĐTBXH of 3 Dec 2024
 * (Tết 25 Jan–2 Feb = 5 Tết days + 4 weekend days; 30 Aug–2 Sep); 2026
 * (Tết 14–22 Feb = 5 + 4; 29 Aug–2 Sep). Rows before 2024 are outside
 * calendar.md: 2020 (23–29 Jan) and 2021 (10–16 Feb, 2–5 Sep) were found in
 * the press, 2022–2023 are as recalled and should be checked before old
 * deadlines are recomputed. */
const mc_holiday_rules mc_default_holiday_rules = {
  .hung_kings_from = 2007,
  .ntet = 7,
  .tet = {
    {MC_CAL_FIRST_YEAR, 2013, -1, 4},   /* Labour Code 1994: 4 days */
    {2014, MC_CAL_LAST_YEAR, -1, 5},    /* usual: last day of the old year + mùng 1–4 */
    {2020, 2020, -2, 5},                /* 29 Chạp – mùng 3 */
    {2021, 2021, -2, 5},                /* 29 Chạp – mùng 3 */
    {2023, 2023, -2, 5},                /* 29 Chạp – mùng 3 (20–26 Jan 2023) */
    {2024, 2024, -2, 5},                /* 29 Chạp – mùng 3 (the year ends on 30 Chạp) */
    {2025, 2025, -2, 5},                /* 28 Chạp – mùng 3 (the year ends on 29 Chạp) */
  },
  .nnational = 4,
  .national = {
    {2021, 2021, +1},                   /* 2–3 Sep 2021 */
    {2022, 2023, -1},                   /* 1–2 Sep (as recalled) */
    {2024, 2024, +1},                   /* 2–3 Sep 2024 */
    {2025, MC_CAL_LAST_YEAR, -1},       /* 1–2 Sep, declared for 2025 and 2026 */
  },
};

enum { H_NEW_YEAR, H_TET, H_HUNG_KINGS, H_REUNIFICATION, H_LABOUR, H_NATIONAL, H_COUNT };
static const char *const names[H_COUNT] = {
  "Tết Dương lịch", "Tết Nguyên đán", "Giỗ Tổ Hùng Vương",
  "Ngày Giải phóng miền Nam, thống nhất đất nước", "Ngày Quốc tế Lao động", "Quốc khánh",
};
static const char *const comp_names[H_COUNT] = {
  "Nghỉ bù Tết Dương lịch", "Nghỉ bù Tết Nguyên đán", "Nghỉ bù Giỗ Tổ Hùng Vương",
  "Nghỉ bù ngày 30/4", "Nghỉ bù ngày 1/5", "Nghỉ bù Quốc khánh",
};

typedef struct hday { int32_t day; int what; bool comp; } hday;

static int cmp_hday(const void *a, const void *b) {
  int32_t x = ((const hday *)a)->day, y = ((const hday *)b)->day;
  return (x > y) - (x < y);
}

static bool weekend(int32_t d) { int w = mc_weekday(d); return w == 0 || w == 6; }

static bool listed(const hday *h, int n, int32_t d) {
  for (int i = 0; i < n; i++) if (h[i].day == d) return true;
  return false;
}

static void push(hday *h, int *n, int32_t d, int what) {
  if (*n < MC_HOLIDAYS_PER_YEAR_MAX && !listed(h, *n, d)) h[(*n)++] = (hday){d, what, false};
}

int mc_holidays_generate(int y, const mc_holiday_rules *r, mc_holiday *out, int max) {
  if (y < MC_CAL_FIRST_YEAR || y > MC_CAL_LAST_YEAR) return 0;
  if (!r) r = &mc_default_holiday_rules;
  hday h[MC_HOLIDAYS_PER_YEAR_MAX];
  int n = 0;
  push(h, &n, mc_days_from_civil(y, 1, 1), H_NEW_YEAR);
  const mc_tet_rule *tet = NULL;
  for (int i = 0; i < r->ntet; i++)
    if (r->tet[i].from <= y && y <= r->tet[i].to) tet = &r->tet[i];
  int32_t d;
  if (tet && mc_solar_from_lunar(&(mc_lunar){y, 1, 1, false}, &d))
    for (int i = 0; i < tet->count; i++) push(h, &n, d + tet->first + i, H_TET);
  if (y >= r->hung_kings_from && mc_solar_from_lunar(&(mc_lunar){y, 3, 10, false}, &d))
    push(h, &n, d, H_HUNG_KINGS);
  push(h, &n, mc_days_from_civil(y, 4, 30), H_REUNIFICATION);
  push(h, &n, mc_days_from_civil(y, 5, 1), H_LABOUR);
  int32_t nd = mc_days_from_civil(y, 9, 2);
  push(h, &n, nd, H_NATIONAL);
  int offset = 0;
  for (int i = 0; i < r->nnational; i++)
    if (r->national[i].from <= y && y <= r->national[i].to) offset = r->national[i].offset;
  if (offset) push(h, &n, nd + offset, H_NATIONAL);
  qsort(h, (size_t)n, sizeof *h, cmp_hday);
  /* Compensatory days, in date order so that consecutive weekend holidays
   * take consecutive working days after the whole block. */
  int nh = n;
  for (int i = 0; i < nh; i++) {
    if (!weekend(h[i].day)) continue;
    int32_t c = h[i].day + 1;
    while (weekend(c) || listed(h, n, c)) c++;
    if (n < MC_HOLIDAYS_PER_YEAR_MAX) h[n++] = (hday){c, h[i].what, true};
  }
  qsort(h, (size_t)n, sizeof *h, cmp_hday);
  int k = 0;
  for (int i = 0; i < n && k < max; i++)
    out[k++] = (mc_holiday){h[i].day, h[i].comp ? comp_names[h[i].what] : names[h[i].what], h[i].comp};
  return k;
}

/* ---- rules as JSON ----------------------------------------------------------- */

static mc_rc year_pair(const json_t *o, const char *path, int *from, int *to, mc_err *err) {
  int64_t f, t;
  mc_rc rc;
  if ((rc = mc_json_int(o, "from", true, MC_CAL_FIRST_YEAR, MC_CAL_LAST_YEAR, &f, path, err)) ||
      (rc = mc_json_int(o, "to", true, MC_CAL_FIRST_YEAR, MC_CAL_LAST_YEAR, &t, path, err)))
    return rc;
  if (t < f)
    return mc_fail(err, MC_EINVAL, "calendar.bad_rules", path, "%s: \"to\" (%lld) is before \"from\" (%lld).",
                   path, (long long)t, (long long)f);
  *from = (int)f;
  *to = (int)t;
  return MC_OK;
}

static mc_rc parse_list(const json_t *root, const char *key, bool tet, mc_holiday_rules *out, mc_err *err) {
  json_t *arr = NULL;
  mc_rc rc = mc_json_arr(root, key, false, MC_HOLIDAY_RULES_MAX, &arr, NULL, err);
  if (rc || !arr) return rc;
  static const char *const tet_fields[] = {"from", "to", "first", "count", NULL};
  static const char *const nd_fields[] = {"from", "to", "offset", NULL};
  size_t i;
  json_t *o;
  if (tet) out->ntet = 0;
  else out->nnational = 0;
  json_array_foreach(arr, i, o) {
    char path[48];
    snprintf(path, sizeof path, "%s[%zu]", key, i);
    if (!json_is_object(o))
      return mc_fail(err, MC_EINVAL, "json.wrong_type", path, "The field \"%s\" must be an object.", path);
    int from = 0, to = 0;
    int64_t a = 0, b = 0;
    if ((rc = mc_json_only(o, tet ? tet_fields : nd_fields, path, err)) ||
        (rc = year_pair(o, path, &from, &to, err)))
      return rc;
    if (tet) {
      if ((rc = mc_json_int(o, "first", true, -10, 10, &a, path, err)) ||
          (rc = mc_json_int(o, "count", true, 1, 10, &b, path, err)))
        return rc;
      out->tet[out->ntet++] = (mc_tet_rule){from, to, (int)a, (int)b};
    } else {
      if ((rc = mc_json_int(o, "offset", true, -1, 1, &a, path, err))) return rc;
      out->national[out->nnational++] = (mc_national_day_rule){from, to, (int)a};
    }
  }
  return MC_OK;
}

mc_rc mc_holiday_rules_parse(const char *json, size_t len, mc_holiday_rules *out, mc_err *err) {
  mc_arena *a = mc_arena_new(1 << 20);
  if (!a) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  static const char *const fields[] = {"hung_kings_from", "tet", "national_day", NULL};
  mc_holiday_rules r = mc_default_holiday_rules;
  json_t *root;
  int64_t hk = r.hung_kings_from;
  mc_rc rc = mc_json_parse(a, json, len, 64 * 1024, &root, err);
  if (!rc && !json_is_object(root))
    rc = mc_fail(err, MC_EINVAL, "calendar.bad_rules", NULL, "Holiday rules must be a JSON object.");
  if (!rc && !(rc = mc_json_only(root, fields, NULL, err)) &&
      !(rc = mc_json_int(root, "hung_kings_from", false, MC_CAL_FIRST_YEAR, MC_CAL_LAST_YEAR + 1, &hk, NULL, err)) &&
      !(rc = parse_list(root, "tet", true, &r, err)) &&
      !(rc = parse_list(root, "national_day", false, &r, err))) {
    r.hung_kings_from = (int)hk;
    *out = r;
  }
  mc_arena_free(a);
  return rc;
}

json_t *mc_holiday_rules_json(const mc_holiday_rules *r) {
  json_t *tet = json_array(), *nd = json_array();
  for (int i = 0; i < r->ntet; i++)
    json_array_append_new(tet, json_pack("{s:i, s:i, s:i, s:i}", "from", r->tet[i].from, "to", r->tet[i].to,
                                         "first", r->tet[i].first, "count", r->tet[i].count));
  for (int i = 0; i < r->nnational; i++)
    json_array_append_new(nd, json_pack("{s:i, s:i, s:i}", "from", r->national[i].from, "to",
                                        r->national[i].to, "offset", r->national[i].offset));
  return json_pack("{s:i, s:o, s:o}", "hung_kings_from", r->hung_kings_from, "tet", tet, "national_day", nd);
}
