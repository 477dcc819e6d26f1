/* test_cli_import.c — `motcua import`, `export` and `demo` as a person runs
 * them: formats from extensions, errors naming the line with nothing written,
 * export → import round trip, and `demo` on a new, a demo and another database. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "harness.h"

/* A database in a private folder, used through th_cli (no server needed). */
static th_server *new_db(void) {
  th_server *s = calloc(1, sizeof *s);
  const char *dir = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  mkdir(dir, 0755);
  snprintf(s->dir, sizeof s->dir, "%s/cli-XXXXXX", dir);
  cr_assert(mkdtemp(s->dir), "mkdtemp: %s", strerror(errno));
  snprintf(s->db, sizeof s->db, "%s/motcua.db", s->dir);
  return s;
}

static const char *file_in(th_server *s, const char *name, const char *content) {
  static char p[4][400];
  static int k;
  char *path = p[k++ % 4];
  snprintf(path, 400, "%s/%s", s->dir, name);
  if (content) {
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    fputs(content, f);
    fclose(f);
  }
  return path;
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  cr_assert(f, "cannot open %s", path);
  char *buf = calloc(1, 1 << 20);
  size_t n = fread(buf, 1, (1 << 20) - 1, f);
  buf[n] = 0;
  fclose(f);
  return buf;
}

static int run(th_server *s, char **out, const char *const args[]) {
  int rc = th_cli(s, out, args);
  cr_assert(*out, "no output captured");
  return rc;
}

#define UNITS_CSV \
  "code,name,kind,parent_code,valid_from,valid_to,successor_codes\n" \
  "A.1,Xã Một,commune,A,,,\n" \
  "A,Tỉnh A,province,,,,\n"

Test(cli_import, import_export_round_trip) {
  th_server *s = new_db();
  char *out;
  const char *csv = file_in(s, "units.csv", UNITS_CSV);
  const char *imp[] = {"import", "units", csv, NULL};
  cr_assert_eq(run(s, &out, imp), 0, "%s", out);
  cr_assert(strstr(out, "imported 2 units"), "%s", out);
  free(out);
  /* Export to a .json file: the format comes from the extension. */
  const char *json = file_in(s, "out.json", NULL);
  const char *exp[] = {"export", "units", "--out", json, NULL};
  cr_assert_eq(run(s, &out, exp), 0, "%s", out);
  free(out);
  char *j = slurp(json);
  json_t *doc = json_loads(j, 0, NULL);
  cr_assert(json_is_array(doc) && json_array_size(doc) == 2, "%s", j);
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(doc, 0), "code")), "A.1");
  json_decref(doc);
  free(j);
  /* Import the JSON into a second database; both export the same CSV. */
  th_server *s2 = new_db();
  const char *imp2[] = {"import", "units", json, NULL};
  cr_assert_eq(run(s2, &out, imp2), 0, "%s", out);
  free(out);
  const char *c1 = file_in(s, "a.csv", NULL), *c2 = file_in(s2, "b.csv", NULL);
  const char *e1[] = {"export", "units", "--out", c1, NULL}, *e2[] = {"export", "units", "--format", "csv", "--out", c2, NULL};
  cr_assert_eq(run(s, &out, e1), 0, "%s", out);
  free(out);
  cr_assert_eq(run(s2, &out, e2), 0, "%s", out);
  free(out);
  char *t1 = slurp(c1), *t2 = slurp(c2);
  cr_assert_str_eq(t1, t2);
  cr_assert(strstr(t1, "A.1,Xã Một,commune,A,,,\r\n"), "%s", t1);
  free(t1);
  free(t2);
  /* Without --out the export goes to standard output. */
  const char *e3[] = {"export", "units", NULL};
  cr_assert_eq(run(s, &out, e3), 0, "%s", out);
  cr_assert(strncmp(out, "code,name,kind", 14) == 0, "%s", out);
  free(out);
  free(s);
  free(s2);
}

Test(cli_import, errors_name_the_line_and_import_nothing) {
  th_server *s = new_db();
  char *out;
  const char *bad = file_in(s, "bad.csv",
                            "code,name,kind,parent_code\nB,Tỉnh B,province,\nB.1,Xã,commune,B\nB.2,Xã 2,commune,C\n");
  const char *imp[] = {"import", "units", bad, NULL};
  cr_assert_eq(run(s, &out, imp), 1, "%s", out);
  cr_assert(strstr(out, "line 4, column \"parent_code\": parent \"C\" is unknown"), "%s", out);
  cr_assert(strstr(out, "unit.unknown_parent"), "%s", out);
  free(out);
  const char *exp[] = {"export", "units", NULL};
  cr_assert_eq(run(s, &out, exp), 0);
  cr_assert_str_eq(out, "code,name,kind,parent_code,valid_from,valid_to,successor_codes\r\n", "nothing imported");
  free(out);
  /* The format must be known: from the extension or --format. */
  const char *txt = file_in(s, "units.txt", UNITS_CSV);
  const char *imp2[] = {"import", "units", txt, NULL};
  cr_assert_eq(run(s, &out, imp2), 2, "%s", out);
  free(out);
  const char *imp3[] = {"import", "units", txt, "--format", "csv", NULL};
  cr_assert_eq(run(s, &out, imp3), 0, "%s", out);
  free(out);
  const char *missing[] = {"import", "units", "/nonexistent/units.csv", NULL};
  cr_assert_eq(run(s, &out, missing), 1);
  cr_assert(strstr(out, "Cannot open"), "%s", out);
  free(out);
  const char *what[] = {"import", "streets", txt, NULL};
  cr_assert_eq(run(s, &out, what), 2);
  free(out);
  free(s);
}

Test(cli_import, demo_once_then_no_change_and_refuses_foreign_data, .timeout = 120) {
  th_server *s = new_db();
  char *out;
  const char *demo[] = {"demo", NULL};
  cr_assert_eq(run(s, &out, demo), 0, "%s", out);
  cr_assert(strstr(out, "units       169"), "%s", out);
  const char *logins[] = {"admin", "lanhdao.tinh", "motcua.tdm", "chuyenvien.tdm", "lanhdao.tdm",
                          "motcua.stp", "chuyenvien.stp", "lanhdao.stp", "congdan1", "congdan2"};
  for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++)
    cr_assert(strstr(out, logins[i]), "login %s missing from:\n%s", logins[i], out);
  cr_assert(strstr(out, "demo1234"), "%s", out);
  cr_assert(strstr(out, "Phường Thủ Dầu Một"), "%s", out);
  free(out);
  const char *exp[] = {"export", "units", NULL};
  cr_assert_eq(run(s, &out, exp), 0);
  char *before = out;
  /* A second run changes nothing and says so. */
  cr_assert_eq(run(s, &out, demo), 0, "%s", out);
  cr_assert(strstr(out, "already loaded"), "%s", out);
  free(out);
  cr_assert_eq(run(s, &out, exp), 0);
  cr_assert_str_eq(out, before);
  free(out);
  free(before);
  const char *users[] = {"user", "list", NULL};
  cr_assert_eq(run(s, &out, users), 0, "%s", out);
  cr_assert(strstr(out, "congdan2"), "%s", out);
  free(out);
  /* A database with units of its own is refused, untouched. */
  th_server *other = new_db();
  const char *csv = file_in(other, "units.csv", UNITS_CSV);
  const char *imp[] = {"import", "units", csv, NULL};
  cr_assert_eq(run(other, &out, imp), 0, "%s", out);
  free(out);
  cr_assert_eq(run(other, &out, demo), 1, "%s", out);
  cr_assert(strstr(out, "already has 2 units"), "%s", out);
  free(out);
  free(s);
  free(other);
}
