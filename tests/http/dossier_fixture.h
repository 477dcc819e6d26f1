/* dossier_fixture.h — shared by the dossier API tests: pick a demo procedure
 * that a citizen can file online at a commune with the usual two-step
 * workflow (specialist, then unit leader, at the handling unit), and fill
 * its e-form with values its rules accept (eform.h). Static functions: each
 * test executable includes it once. */
#pragma once
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "harness.h"

typedef struct fx_proc {
  char *code;          /* procedure code */
  char *component;     /* its first component */
  json_t *form;        /* a valid answer to its e-form */
} fx_proc;

static bool fx_is(const json_t *o, const char *key, const char *want) {
  const char *v = json_string_value(json_object_get(o, key));
  return v && strcmp(v, want) == 0;
}

/* null, or exactly: specialist then unit_leader, both at the handling unit. */
static bool fx_two_steps(const json_t *wf) {
  if (!wf || json_is_null(wf)) return true;
  json_t *s = json_object_get(wf, "steps");
  return json_array_size(s) == 2 && fx_is(json_array_get(s, 0), "role", "specialist") &&
         fx_is(json_array_get(s, 1), "role", "unit_leader") && fx_is(json_array_get(s, 0), "unit", "handling") &&
         fx_is(json_array_get(s, 1), "unit", "handling");
}

static void fx_today(char *buf, size_t n) {
  time_t t = time(NULL) + 7 * 3600;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, n, "%Y-%m-%d", &tm);
}

/* A value for one field, or NULL when this test cannot produce one. */
static json_t *fx_value(const json_t *f) {
  const char *t = json_string_value(json_object_get(f, "type"));
  if (!t) return NULL;
  if (!strcmp(t, "date")) {
    const char *nb = json_string_value(json_object_get(f, "not_before"));
    const char *na = json_string_value(json_object_get(f, "not_after"));
    char today[16];
    fx_today(today, sizeof today);
    if (nb) return json_string(strcmp(nb, "today") == 0 ? today : nb);
    if (na && strcmp(na, "today") != 0 && strcmp(na, "1985-04-12") < 0) return json_string(na);
    return json_string("1985-04-12");
  }
  if (!strcmp(t, "id_number")) return json_string("074085001234");
  if (!strcmp(t, "phone")) return json_string("0912345678");
  if (!strcmp(t, "email")) return json_string("congdan1@example.vn");
  if (!strcmp(t, "checkbox")) return json_true();
  if (!strcmp(t, "select")) return json_incref(json_object_get(json_array_get(json_object_get(f, "options"), 0), "value"));
  if (!strcmp(t, "number") || !strcmp(t, "integer")) {
    json_t *min = json_object_get(f, "min");
    return json_integer(json_is_number(min) ? (json_int_t)json_number_value(min) + 1 : 1);
  }
  json_t *max = json_object_get(f, "max_length");
  if (json_object_get(f, "pattern") || (json_is_integer(max) && json_integer_value(max) < 20)) return NULL;
  return json_string("Nguyễn Văn An");
}

static json_t *fx_fill(const json_t *eform) {
  json_t *form = json_object();
  size_t i;
  json_t *f;
  json_array_foreach(json_object_get(eform, "fields"), i, f) {
    if (!json_is_true(json_object_get(f, "required"))) continue;
    json_t *v = fx_value(f);
    if (!v) { json_decref(form); return NULL; }
    json_object_set_new(form, json_string_value(json_object_get(f, "name")), v);
  }
  return form;
}

static fx_proc fx_pick(th_server *srv) {
  fx_proc out = {0};
  long st;
  json_t *page = th_call(srv, "GET", "/api/v1/procedures?unit_kind=commune&online=full&limit=200", NULL, NULL, &st);
  cr_assert_eq(st, 200, "the procedure search failed");
  size_t i;
  json_t *p;
  json_array_foreach(json_object_get(page, "items"), i, p) {
    char path[200];
    snprintf(path, sizeof path, "/api/v1/procedures/%s", json_string_value(json_object_get(p, "code")));
    json_t *full = th_call(srv, "GET", path, NULL, NULL, &st);
    json_t *comps = json_object_get(full, "components");
    bool fits = st == 200 && !fx_is(full, "citizen_kind", "business") &&
                fx_two_steps(json_object_get(full, "workflow")) && json_array_size(comps) > 0;
    json_t *form = fits ? fx_fill(json_object_get(full, "eform")) : NULL;
    if (form && json_object_size(form) > 0) {
      out.code = strdup(json_string_value(json_object_get(full, "code")));
      out.component = strdup(json_string_value(json_object_get(json_array_get(comps, 0), "code")));
      out.form = form;
    } else {
      json_decref(form);
    }
    json_decref(full);
    if (out.code) break;
  }
  json_decref(page);
  cr_assert_not_null(out.code, "the demo catalogue has no online commune procedure with a two-step workflow");
  return out;
}

static void fx_free(fx_proc *p) {
  free(p->code);
  free(p->component);
  json_decref(p->form);
}
