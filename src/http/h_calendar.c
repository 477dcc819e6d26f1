/* h_calendar.c — HTTP handlers of the calendar module: working days with
 * their notes, solar↔lunar conversion, deadline computation, the declared
 * overrides (admins add and delete them) and the holiday rules.            */
#include "core/calendar.h"
#include "http/handlers.h"
#include "util/json.h"
#include "util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DAYS_SPAN_MAX = 732, DEADLINE_AMOUNT_MAX = 10000 };

static void put_cal(void *c) { mc_calendar_put(c); }

static mc_rc calendar(mc_req *r, const mc_calendar **out) {
  mc_rc rc = mc_calendar_get(r->db, out, &r->err);
  if (!rc && mc_arena_defer(r->arena, put_cal, (void *)*out)) {
    mc_calendar_put(*out);
    return mc_fail(&r->err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  }
  return rc;
}

static bool in_range(int32_t day) {
  return day >= mc_days_from_civil(MC_CAL_FIRST_YEAR, 1, 1) && day <= mc_days_from_civil(MC_CAL_LAST_YEAR, 12, 31);
}

static mc_rc query_date(mc_req *r, const char *name, int32_t *day) {
  const char *v = mc_req_query(r, name);
  if (mc_str_empty(v))
    return mc_fail(&r->err, MC_EINVAL, "query.missing", name, "The parameter \"%s\" (YYYY-MM-DD) is required.", name);
  if (!mc_date_parse(v, day))
    return mc_fail(&r->err, MC_EINVAL, "query.bad_date", name, "The parameter \"%s\" must be a date YYYY-MM-DD.", name);
  if (!in_range(*day))
    return mc_fail(&r->err, MC_EINVAL, "calendar.out_of_range", name, "The calendar covers %d to %d.",
                   MC_CAL_FIRST_YEAR, MC_CAL_LAST_YEAR);
  return MC_OK;
}

static json_t *lunar_json(const mc_lunar *l) {
  char name[32];
  mc_lunar_year_name(l->year, name, sizeof name);
  return json_pack("{s:i, s:i, s:i, s:b, s:s, s:i}", "year", l->year, "month", l->month, "day", l->day, "leap",
                   l->leap, "year_name", name, "month_days", mc_lunar_month_days(l->year, l->month, l->leap));
}

static json_t *date_json(int32_t day) {
  char d[16];
  mc_date_format(day, d, sizeof d);
  return json_string(d);
}

static json_t *nullable(const char *s) { return s ? json_string(s) : json_null(); }

/* GET /api/v1/calendar/days?from=&to= */
static mc_rc days(mc_req *r) {
  int32_t from, to;
  const mc_calendar *cal;
  mc_rc rc;
  if ((rc = query_date(r, "from", &from)) || (rc = query_date(r, "to", &to))) return rc;
  if (to < from) return mc_fail(&r->err, MC_EINVAL, "calendar.bad_range", "to", "\"to\" is before \"from\".");
  if (to - from + 1 > DAYS_SPAN_MAX)
    return mc_fail(&r->err, MC_EINVAL, "calendar.range_too_long", "to", "At most %d days at a time.", DAYS_SPAN_MAX);
  if ((rc = calendar(r, &cal))) return rc;
  json_t *items = json_array();
  int working = 0;
  for (int32_t d = from; d <= to; d++) {
    mc_day_info i;
    mc_lunar l;
    mc_cal_day_info(cal, d, &i);
    mc_lunar_from_solar(d, &l);
    working += i.working;
    json_array_append_new(items, json_pack("{s:o, s:i, s:b, s:s, s:o, s:o, s:o, s:o}", "date", date_json(d),
        "weekday", mc_weekday(d), "working", i.working, "kind", mc_day_kind_name(i.kind), "name", nullable(i.name),
        "document", nullable(i.document), "note", nullable(i.note), "lunar", lunar_json(&l)));
  }
  return mc_reply_json(r, 200, json_pack("{s:o, s:o, s:i, s:o}", "from", date_json(from), "to", date_json(to),
                                         "working_days", working, "items", items));
}

/* GET /api/v1/calendar/lunar?date= */
static mc_rc lunar(mc_req *r) {
  int32_t day;
  mc_lunar l;
  mc_rc rc = query_date(r, "date", &day);
  if (rc) return rc;
  mc_lunar_from_solar(day, &l);
  return mc_reply_json(r, 200, json_pack("{s:o, s:o}", "date", date_json(day), "lunar", lunar_json(&l)));
}

/* GET /api/v1/calendar/solar?year=&month=&day=&leap= */
static mc_rc solar(mc_req *r) {
  int64_t y, m, d;
  mc_rc rc;
  if ((rc = mc_req_query_int(r, "year", MC_CAL_FIRST_YEAR - 1, MC_CAL_LAST_YEAR, 0, &y)) ||
      (rc = mc_req_query_int(r, "month", 1, 12, 0, &m)) || (rc = mc_req_query_int(r, "day", 1, 30, 0, &d)))
    return rc;
  const char *miss = !y ? "year" : !m ? "month" : !d ? "day" : NULL;
  if (miss) return mc_fail(&r->err, MC_EINVAL, "query.missing", miss, "The parameter \"%s\" is required.", miss);
  const char *lp = mc_req_query(r, "leap");
  bool leap = false;
  if (!mc_str_empty(lp)) {
    if (strcmp(lp, "true") == 0 || strcmp(lp, "1") == 0) leap = true;
    else if (strcmp(lp, "false") != 0 && strcmp(lp, "0") != 0)
      return mc_fail(&r->err, MC_EINVAL, "query.bad_bool", "leap", "The parameter \"leap\" is true or false.");
  }
  mc_lunar l = {(int)y, (int)m, (int)d, leap};
  int32_t day;
  if (!mc_solar_from_lunar(&l, &day)) {
    int len = mc_lunar_month_days(l.year, l.month, l.leap);
    if (len == 0 && leap)
      return mc_fail(&r->err, MC_EINVAL, "calendar.no_such_lunar_date", "leap",
                     "The lunar year %d has no leap month %d.", l.year, l.month);
    if (len && l.day > len)
      return mc_fail(&r->err, MC_EINVAL, "calendar.no_such_lunar_date", "day",
                     "Month %d%s of lunar year %d has only %d days.", l.month, leap ? " (leap)" : "", l.year, len);
    return mc_fail(&r->err, MC_EINVAL, "calendar.out_of_range", "year", "That lunar date falls outside %d–%d.",
                   MC_CAL_FIRST_YEAR, MC_CAL_LAST_YEAR);
  }
  return mc_reply_json(r, 200, json_pack("{s:o, s:o}", "date", date_json(day), "lunar", lunar_json(&l)));
}

/* A '+' in a query string arrives as a space: "…T10:00 07:00" means +07:00. */
static const char *plus_fix(mc_req *r, const char *s) {
  size_t n = strlen(s);
  if (n >= 16 && s[n - 6] == ' ' && s[n - 3] == ':') {
    char *c = mc_arena_strdup(r->arena, s);
    if (c) c[n - 6] = '+';
    return c ? c : s;
  }
  return s;
}

/* GET /api/v1/calendar/deadline?start=&amount=&unit=&rule_1500= */
static mc_rc deadline(mc_req *r) {
  const char *start_s = mc_req_query(r, "start"), *unit_s = mc_req_query(r, "unit"), *rule_s = mc_req_query(r, "rule_1500");
  mc_time start;
  mc_time_unit unit = MC_TU_WORKING_DAYS;
  int64_t amount;
  mc_rc rc;
  if (mc_str_empty(start_s))
    return mc_fail(&r->err, MC_EINVAL, "query.missing", "start", "The parameter \"start\" (an instant) is required.");
  if (!mc_time_parse(plus_fix(r, start_s), &start))
    return mc_fail(&r->err, MC_EINVAL, "query.bad_time", "start",
                   "\"start\" must be YYYY-MM-DDTHH:MM[:SS] (Vietnam time) or with Z / ±HH:MM.");
  if (!in_range(mc_local_day(start)))
    return mc_fail(&r->err, MC_EINVAL, "calendar.out_of_range", "start", "The calendar covers %d to %d.",
                   MC_CAL_FIRST_YEAR, MC_CAL_LAST_YEAR);
  if (!mc_str_empty(unit_s) && !mc_time_unit_parse(unit_s, &unit))
    return mc_fail(&r->err, MC_EINVAL, "query.bad_unit", "unit",
                   "\"unit\" is working_days, working_hours, days or same_day.");
  if ((rc = mc_req_query_int(r, "amount", 0, DEADLINE_AMOUNT_MAX, -1, &amount))) return rc;
  if (amount < 0 && unit != MC_TU_SAME_DAY)
    return mc_fail(&r->err, MC_EINVAL, "query.missing", "amount", "The parameter \"amount\" is required.");
  bool rule = false;
  if (!mc_str_empty(rule_s)) {
    if (strcmp(rule_s, "true") == 0 || strcmp(rule_s, "1") == 0) rule = true;
    else if (strcmp(rule_s, "false") != 0 && strcmp(rule_s, "0") != 0)
      return mc_fail(&r->err, MC_EINVAL, "query.bad_bool", "rule_1500", "The parameter \"rule_1500\" is true or false.");
  }
  const mc_calendar *cal;
  if ((rc = calendar(r, &cal))) return rc;
  mc_time from = mc_cal_start(cal, NULL, start, rule);
  mc_time due = mc_cal_add(cal, NULL, from, amount < 0 ? 0 : amount, unit);
  char a[32], b[32], c[32];
  mc_time_format(start, a, sizeof a);
  mc_time_format(from, b, sizeof b);
  mc_time_format(due, c, sizeof c);
  return mc_reply_json(r, 200, json_pack("{s:s, s:s, s:s, s:I, s:s, s:b, s:I, s:I}", "start", a, "counted_from", b,
      "deadline", c, "amount", (json_int_t)(amount < 0 ? 0 : amount), "unit", mc_time_unit_name(unit), "rule_1500", rule,
      "working_seconds", (json_int_t)mc_cal_working_seconds(cal, NULL, from, due),
      "day_length_seconds", (json_int_t)mc_cal_day_length(NULL)));
}

static json_t *override_json(const mc_cal_override *o) {
  return json_pack("{s:o, s:s, s:s, s:o, s:o}", "date", date_json(o->day), "kind", o->work ? "work" : "off",
                   "name", o->name, "document", nullable(o->document), "created_at", nullable(o->created_at));
}

/* GET /api/v1/calendar/overrides?year= */
static mc_rc overrides(mc_req *r) {
  int64_t y;
  mc_rc rc = mc_req_query_int(r, "year", MC_CAL_FIRST_YEAR, MC_CAL_LAST_YEAR, 0, &y);
  if (rc) return rc;
  int32_t from = mc_days_from_civil(y ? (int)y : MC_CAL_FIRST_YEAR, 1, 1);
  int32_t to = mc_days_from_civil(y ? (int)y : MC_CAL_LAST_YEAR, 12, 31);
  mc_cal_override *v;
  int n;
  if ((rc = mc_cal_overrides_list(r->db, r->arena, from, to, &v, &n, &r->err))) return rc;
  json_t *items = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(items, override_json(&v[i]));
  return mc_reply_json(r, 200, json_pack("{s:o, s:o}", "year", y ? json_integer(y) : json_null(), "items", items));
}

/* POST /api/v1/calendar/overrides */
static mc_rc override_add(mc_req *r) {
  static const char *const fields[] = {"date", "kind", "name", "document", NULL};
  const char *date = NULL, *kind = NULL, *name = NULL, *doc = NULL;
  mc_cal_override o = {0};
  mc_rc rc;
  if ((rc = mc_json_only(r->body, fields, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "date", true, 10, &date, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "kind", true, 8, &kind, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "name", true, MC_CAL_NAME_MAX, &name, NULL, &r->err)) ||
      (rc = mc_json_str(r->body, "document", false, MC_CAL_DOC_MAX, &doc, NULL, &r->err)))
    return rc;
  if (!mc_date_parse(date, &o.day))
    return mc_fail(&r->err, MC_EINVAL, "calendar.bad_date", "date", "\"%s\" is not a date (YYYY-MM-DD).", date);
  if (strcmp(kind, "off") != 0 && strcmp(kind, "work") != 0)
    return mc_fail(&r->err, MC_EINVAL, "calendar.bad_kind", "kind", "kind is off or work.");
  o.work = strcmp(kind, "work") == 0;
  o.name = name;
  o.document = doc && *doc ? doc : NULL;
  if ((rc = mc_cal_override_add(r->db, &o, &r->err))) return rc;
  return mc_reply_json(r, 201, override_json(&o));
}

/* DELETE /api/v1/calendar/overrides/{date} */
static mc_rc override_delete(mc_req *r) {
  int32_t day;
  const char *date = mc_req_param(r, "date");
  if (!mc_date_parse(date, &day))
    return mc_fail(&r->err, MC_EINVAL, "calendar.bad_date", "date", "\"%s\" is not a date (YYYY-MM-DD).", date ? date : "");
  mc_rc rc = mc_cal_override_delete(r->db, day, &r->err);
  return rc ? rc : mc_reply_json(r, 200, json_pack("{s:o}", "deleted", date_json(day)));
}

/* GET /api/v1/calendar/rules */
static mc_rc rules_get(mc_req *r) {
  mc_holiday_rules *h = mc_arena_alloc(r->arena, sizeof *h);
  if (!h) return mc_fail(&r->err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc = mc_calendar_rules(r->db, h, &r->err);
  return rc ? rc : mc_reply_json(r, 200, mc_holiday_rules_json(h));
}

/* PUT /api/v1/calendar/rules */
static mc_rc rules_put(mc_req *r) {
  char *text = json_dumps(r->body, JSON_COMPACT);
  if (!text) return mc_fail(&r->err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  mc_rc rc = mc_calendar_set_rules(r->db, text, &r->err);
  free(text);
  return rc ? rc : rules_get(r);
}

#define ADMIN MC_ROLE_BIT(MC_ROLE_ADMIN)
#define OVERRIDE_SCHEMA                                                                                  \
  "{\"type\":\"object\",\"required\":[\"date\",\"kind\",\"name\"],\"additionalProperties\":false,"      \
  "\"properties\":{\"date\":{\"type\":\"string\",\"format\":\"date\"},\"kind\":{\"enum\":[\"off\",\"work\"]}," \
  "\"name\":{\"type\":\"string\",\"maxLength\":200},\"document\":{\"type\":[\"string\",\"null\"],\"maxLength\":200}}}"
#define RULES_SCHEMA                                                                                      \
  "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"                                  \
  "\"hung_kings_from\":{\"type\":\"integer\"},"                                                           \
  "\"tet\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"from\",\"to\",\"first\",\"count\"]," \
  "\"properties\":{\"from\":{\"type\":\"integer\"},\"to\":{\"type\":\"integer\"},\"first\":{\"type\":\"integer\"},"   \
  "\"count\":{\"type\":\"integer\"}}}},"                                                                  \
  "\"national_day\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"from\",\"to\",\"offset\"]," \
  "\"properties\":{\"from\":{\"type\":\"integer\"},\"to\":{\"type\":\"integer\"},\"offset\":{\"enum\":[-1,0,1]}}}}}}"

const mc_route mc_routes_calendar[] = {
  {"GET", "/api/v1/calendar/days", 0, days, "calendar",
   "Each day of [from, to] (at most 732 days): working or not, why, and its lunar date", NULL, 0, 0, "from,to"},
  {"GET", "/api/v1/calendar/lunar", 0, lunar, "calendar", "The lunar date (UTC+7) of a solar date", NULL, 0, 0, "date"},
  {"GET", "/api/v1/calendar/solar", 0, solar, "calendar", "The solar date of a lunar date (leap=true for a leap month)",
   NULL, 0, 0, "year,month,day,leap"},
  {"GET", "/api/v1/calendar/deadline", 0, deadline, "calendar",
   "The deadline of a processing time counted from a receipt instant on the working calendar", NULL, 0, 0,
   "start,amount,unit,rule_1500"},
  {"GET", "/api/v1/calendar/overrides", 0, overrides, "calendar",
   "Declared days off and make-up working days (of one year, or all)", NULL, 0, 0, "year"},
  {"POST", "/api/v1/calendar/overrides", ADMIN, override_add, "calendar",
   "Declare a day off or a make-up working day, with its document", OVERRIDE_SCHEMA, 0, 4096, NULL},
  {"DELETE", "/api/v1/calendar/overrides/{date}", ADMIN, override_delete, "calendar",
   "Remove the override of a date", NULL, 0, 0, NULL},
  {"GET", "/api/v1/calendar/rules", 0, rules_get, "calendar",
   "The holiday rules in force (which days make Tết, the day joining 2 September)", NULL, 0, 0, NULL},
  {"PUT", "/api/v1/calendar/rules", ADMIN, rules_put, "calendar",
   "Replace the holiday rules (members left out keep their defaults)", RULES_SCHEMA, 0, 65536, NULL},
  {0},
};
