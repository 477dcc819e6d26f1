/* h_index.c — HTTP handlers of the Decision-766 service index and the IOC
 * dashboard: summary (also public, read-only, when the province publishes
 * it), ranking, trend, the dossiers behind a number (JSON pages or CSV),
 * editions, drill-down filters and the province's index settings. Access by
 * unit is decided in core/index_query.c; these parse, call and reply. */
#include "core/index766.h"
#include "http/handlers.h"
#include "util/json.h"
#include <string.h>

enum { QUERY_TEXT_MAX = 64 };

/* A text query parameter: absent or empty = NULL; longer than max: an error. */
static mc_rc qtext(mc_req *r, const char *name, const char **out) {
  const char *v = mc_req_query(r, name);
  *out = v && *v ? v : NULL;
  if (*out && strlen(*out) > QUERY_TEXT_MAX)
    return mc_fail(&r->err, MC_EINVAL, "query.too_long", name, "The parameter \"%s\" has at most %d characters.",
                   name, QUERY_TEXT_MAX);
  return MC_OK;
}

/* The common query: unit (or parent), period or from/to, procedure, edition, rollup. */
static mc_rc read_query(mc_req *r, const char *unit_param, mc_index_query *q) {
  memset(q, 0, sizeof *q);
  mc_rc rc;
  if ((rc = qtext(r, unit_param, &q->unit)) || (rc = qtext(r, "period", &q->period)) ||
      (rc = qtext(r, "from", &q->from)) || (rc = qtext(r, "to", &q->to)) ||
      (rc = qtext(r, "procedure", &q->procedure)) || (rc = qtext(r, "edition", &q->edition)) ||
      (rc = qtext(r, "rollup", &q->rollup)))
    return rc;
  /* Citizens and anonymous readers get what the public gets. */
  if (!r->who || r->who->role == MC_ROLE_CITIZEN) q->anonymous = true;
  else q->who = r->who;
  return MC_OK;
}

static mc_rc summary(mc_req *r) {
  mc_index_query q;
  json_t *out;
  mc_rc rc;
  if ((rc = read_query(r, "unit", &q)) || (rc = mc_index_summary(r->db, &q, &out, &r->err))) return rc;
  return mc_reply_json(r, 200, out);
}

static mc_rc ranking(mc_req *r) {
  mc_index_query q;
  const char *indicator;
  json_t *out;
  mc_rc rc;
  if ((rc = read_query(r, "parent", &q)) || (rc = qtext(r, "indicator", &indicator)) ||
      (rc = mc_index_ranking(r->db, &q, indicator, &out, &r->err)))
    return rc;
  return mc_reply_json(r, 200, out);
}

static mc_rc trend(mc_req *r) {
  mc_index_query q;
  const char *indicator;
  int64_t weeks;
  json_t *out;
  mc_rc rc;
  if ((rc = read_query(r, "unit", &q)) || (rc = qtext(r, "indicator", &indicator)) ||
      (rc = mc_req_query_int(r, "weeks", 1, MC_INDEX_TREND_WEEKS_MAX, 52, &weeks)) ||
      (rc = mc_index_trend(r->db, &q, indicator, (int)weeks, &out, &r->err)))
    return rc;
  return mc_reply_json(r, 200, out);
}

static mc_rc dossiers(mc_req *r) {
  mc_index_query q;
  mc_index_drill d = {0};
  const char *format;
  mc_rc rc;
  if ((rc = read_query(r, "unit", &q)) || (rc = qtext(r, "indicator", &d.indicator)) ||
      (rc = qtext(r, "filter", &d.filter)) || (rc = qtext(r, "format", &format)) ||
      (rc = mc_req_query_int(r, "limit", 1, MC_INDEX_PAGE_MAX, 50, &d.limit)) ||
      (rc = mc_req_query_int(r, "offset", 0, INT32_MAX, 0, &d.offset)))
    return rc;
  if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
    return mc_fail(&r->err, MC_EINVAL, "query.bad_value", "format", "The parameter \"format\" is json or csv.");
  if (format && strcmp(format, "csv") == 0) {
    mc_buf b;
    mc_buf_init(&b, 0);
    rc = mc_index_dossiers_csv(r->db, &q, &d, &b, &r->err);
    if (!rc) rc = mc_reply_bytes(r, 200, "text/csv; charset=utf-8", b.data ? b.data : "", b.len);
    mc_buf_release(&b);
    if (!rc)
      mc_reply_header(r, "Content-Disposition", mc_arena_printf(r->arena, "attachment; filename=\"index-%s-%s.csv\"",
                                                                d.indicator ? d.indicator : "2.1",
                                                                d.filter ? d.filter : "default"));
    return rc;
  }
  json_t *page;
  if ((rc = mc_index_dossiers(r->db, &q, &d, &page, &r->err))) return rc;
  return mc_reply_json(r, 200, page);
}

static mc_rc ioc(mc_req *r) {
  mc_index_query q;
  json_t *out;
  mc_rc rc;
  if ((rc = read_query(r, "unit", &q)) || (rc = mc_index_ioc(r->db, &q, &out, &r->err))) return rc;
  return mc_reply_json(r, 200, out);
}

static mc_rc editions(mc_req *r) {
  json_t *out;
  mc_rc rc = mc_index_editions_json(&out, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, json_pack("{s:o}", "items", out));
}

static mc_rc filters(mc_req *r) { return mc_reply_json(r, 200, json_pack("{s:o}", "items", mc_index_filters_json())); }

static mc_rc config_get(mc_req *r) {
  json_t *out;
  mc_rc rc = mc_index_config_json(r->db, &out, &r->err);
  if (rc) return rc;
  return mc_reply_json(r, 200, out);
}

static mc_rc config_put(mc_req *r) {
  mc_rc rc = mc_index_config_put(r->db, r->body, &r->err);
  if (rc) return rc;
  return config_get(r);
}

#define LEADERS (MC_ROLE_BIT(MC_ROLE_UNIT_LEADER) | MC_ROLE_BIT(MC_ROLE_PROVINCE_LEADER) | MC_ROLE_BIT(MC_ROLE_ADMIN))
#define QUERY "unit,period,from,to,procedure,edition,rollup"

static const char config_schema[] =
  "{\"type\":\"object\",\"additionalProperties\":false,"
  "\"required\":[\"format\",\"rollup\",\"min_denominator\",\"soon_late_hours\",\"public_summary\",\"bands\",\"targets\"],"
  "\"properties\":{\"format\":{\"type\":\"string\",\"enum\":[\"motcua-index766-province/1\"]},\"note\":{\"type\":\"string\"},"
  "\"rollup\":{\"enum\":[\"as_of\",\"successor\"]},\"min_denominator\":{\"type\":\"integer\",\"minimum\":0},"
  "\"soon_late_hours\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":2160},\"public_summary\":{\"type\":\"boolean\"},"
  "\"bands\":{\"type\":\"array\",\"maxItems\":10,\"items\":{\"type\":\"object\",\"required\":[\"min\",\"label\"],"
  "\"properties\":{\"min\":{\"type\":\"number\",\"minimum\":0},\"label\":{\"type\":\"string\",\"maxLength\":100}}}},"
  "\"targets\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"object\",\"additionalProperties\":"
  "{\"type\":\"number\",\"minimum\":0,\"exclusiveMinimum\":true,\"maximum\":1}}}}}";

const mc_route mc_routes_index[] = {
  {"GET", "/api/v1/index/summary", 0, summary, "index",
   "Decision-766 index of a unit's subtree for a period: total, groups, every indicator with numerator, "
   "denominator, points, target and change (anonymous readers: the public summary, when published)",
   NULL, 0, 0, QUERY},
  {"GET", "/api/v1/index/ranking", MC_STAFF, ranking, "index",
   "Child units of a parent ranked by total or by one indicator; units below the minimum volume are marked "
   "insufficient data", NULL, 0, 0, "parent,period,from,to,procedure,edition,rollup,indicator"},
  {"GET", "/api/v1/index/trend", MC_STAFF, trend, "index", "Weekly values of one indicator or of the total",
   NULL, 0, 0, QUERY ",indicator,weeks"},
  {"GET", "/api/v1/index/dossiers", MC_STAFF, dossiers, "index",
   "The dossiers behind an indicator (late, not paid online, …), paged JSON or CSV", NULL, 0, 0,
   QUERY ",indicator,filter,format,limit,offset"},
  {"GET", "/api/v1/index/editions", 0, editions, "index", "Index editions: groups, indicators, maxima, rules, validity",
   NULL, MC_ROUTE_NO_DB, 0, NULL},
  {"GET", "/api/v1/index/filters", MC_STAFF, filters, "index", "Indicators that can be drilled into, with their filters",
   NULL, MC_ROUTE_NO_DB, 0, NULL},
  {"GET", "/api/v1/index/config", LEADERS, config_get, "index",
   "The province's index settings: bands, targets, ranking minimum, roll-up, public summary", NULL, 0, 0, NULL},
  {"PUT", "/api/v1/index/config", MC_ROLE_BIT(MC_ROLE_ADMIN), config_put, "index", "Replace the province's index settings",
   config_schema, 0, MC_INDEX_CONFIG_MAX, NULL},
  {"GET", "/api/v1/ioc/summary", MC_STAFF, ioc, "ioc",
   "Dashboard in one call: total and groups with change, indicators with targets, ranking of child units, "
   "dossiers late and soon late now", NULL, 0, 0, QUERY},
  {0},
};
