/* cmd_catalogue.c — `motcua import`, `motcua export` and `motcua demo`.
 *
 * import units|procedures|calendar FILE [--format csv|json]
 *   The format comes from the file's extension unless --format says otherwise.
 *   All rows or none: an error names the line (or item) and the column.
 * export units|procedures [--format csv|json] [--out FILE]
 *   To standard output, or to FILE (written whole, then renamed into place);
 *   the format comes from --format, else FILE's extension, else csv.
 * demo
 *   Loads the demo province compiled into the binary (data/demo: units.csv,
 *   procedures.json, calendar.csv) and the demo accounts, in one transaction,
 *   into a database without units. Run again on a demo database it changes
 *   nothing and prints the logins; on a database with other units it refuses. */
#include "cli/cli.h"
#include "cli/demo_files.h"
#include "core/calendar.h"
#include "core/procedure.h"
#include "core/auth.h"
#include "core/unit.h"
#include "util/str.h"
#include "util/time.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { CLI_FILE_MAX = 64 * 1024 * 1024 };

/* The whole file, NUL-terminated (free() it); NULL with err filled on failure. */
static char *read_file(const char *path, size_t *len, mc_err *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    mc_fail(err, MC_EIO, "cli.cannot_read", NULL, "Cannot open %s: %s.", path, strerror(errno));
    return NULL;
  }
  mc_buf b;
  mc_buf_init(&b, CLI_FILE_MAX);
  char chunk[65536];
  size_t n;
  mc_rc rc = MC_OK;
  while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0) rc = mc_buf_append(&b, chunk, n);
  bool bad = ferror(f);
  fclose(f);
  if (rc || bad) {
    mc_buf_release(&b);
    if (rc == MC_ETOOBIG) mc_fail(err, rc, "cli.file_too_large", NULL, "%s is larger than %d MiB.", path, CLI_FILE_MAX >> 20);
    else mc_fail(err, MC_EIO, "cli.cannot_read", NULL, "Cannot read %s.", path);
    return NULL;
  }
  *len = b.len;
  return mc_buf_steal(&b);
}

/* "csv" / "json" from --format, else from the path's extension, else def. */
static const char *pick_format(const char *opt, const char *path, const char *def) {
  if (opt) return opt;
  const char *dot = path ? strrchr(path, '.') : NULL;
  if (dot && strcasecmp(dot, ".csv") == 0) return "csv";
  if (dot && strcasecmp(dot, ".json") == 0) return "json";
  return def;
}

static bool format_ok(const char *f) { return f && (strcmp(f, "csv") == 0 || strcmp(f, "json") == 0); }

static const struct option format_opts[] = {
  {"format", required_argument, 0, 'f'}, {"out", required_argument, 0, 'o'}, {0, 0, 0, 0}};

int cmd_import(mc_cli *c) {
  if (mc_cli_wants_help(c)) return 0;
  const char *format = NULL;
  int o;
  optind = 1;
  while ((o = getopt_long(c->argc, c->argv, "", format_opts, NULL)) != -1) {
    if (o != 'f') return mc_cli_usage("import");
    format = optarg;
  }
  if (c->argc - optind != 2) return mc_cli_usage("import");
  const char *what = c->argv[optind], *path = c->argv[optind + 1];
  if (strcmp(what, "units") != 0 && strcmp(what, "procedures") != 0 && strcmp(what, "calendar") != 0)
    return mc_cli_usage("import");
  format = pick_format(format, path, NULL);
  if (!format_ok(format)) {
    fprintf(stderr, "motcua import: say --format csv or --format json (the file name does not tell)\n");
    return 2;
  }
  mc_err err = {0};
  size_t len;
  char *text = read_file(path, &len, &err);
  if (!text) { int r = mc_cli_fail("import", &err); mc_err_clear(&err); return r; }
  mc_db *db = mc_cli_open_db(c, "import");
  if (!db) { free(text); return 1; }
  int count = 0;
  mc_rc rc;
  if (strcmp(what, "units") == 0) rc = mc_units_import(db, format, text, len, &count, &err);
  else if (strcmp(what, "procedures") == 0) rc = mc_procedures_import(db, format, text, len, &count, &err);
  else rc = mc_calendar_import(db, format, text, len, &count, &err);
  int ret = 0;
  if (rc) ret = mc_cli_fail("import", &err);
  else printf("imported %d %s from %s\n", count,
              strcmp(what, "calendar") == 0 ? "calendar overrides" : what, path);
  mc_err_clear(&err);
  mc_db_close(db);
  free(text);
  return ret;
}

/* Write data to path whole: a temporary file renamed into place. */
static mc_rc write_file(const char *path, const char *data, size_t len, mc_err *err) {
  char tmp[4096];
  if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
    return mc_fail(err, MC_EINVAL, "cli.bad_path", NULL, "The path %s is too long.", path);
  FILE *f = fopen(tmp, "wb");
  if (!f) return mc_fail(err, MC_EIO, "cli.cannot_write", NULL, "Cannot create %s: %s.", tmp, strerror(errno));
  bool ok = fwrite(data, 1, len, f) == len;
  ok = fclose(f) == 0 && ok;
  if (!ok || rename(tmp, path) != 0) {
    remove(tmp);
    return mc_fail(err, MC_EIO, "cli.cannot_write", NULL, "Cannot write %s: %s.", path, strerror(errno));
  }
  return MC_OK;
}

int cmd_export(mc_cli *c) {
  if (mc_cli_wants_help(c)) return 0;
  const char *format = NULL, *out = NULL;
  int o;
  optind = 1;
  while ((o = getopt_long(c->argc, c->argv, "", format_opts, NULL)) != -1) {
    if (o == 'f') format = optarg;
    else if (o == 'o') out = optarg;
    else return mc_cli_usage("export");
  }
  if (c->argc - optind != 1) return mc_cli_usage("export");
  const char *what = c->argv[optind];
  bool units = strcmp(what, "units") == 0;
  if (!units && strcmp(what, "procedures") != 0) return mc_cli_usage("export");
  format = pick_format(format, out, "csv");
  if (!format_ok(format)) return mc_cli_usage("export");
  mc_db *db = mc_cli_open_db(c, "export");
  if (!db) return 1;
  mc_err err = {0};
  mc_buf b;
  mc_buf_init(&b, 0);
  mc_rc rc = units ? mc_units_export(db, format, &b, &err) : mc_procedures_export(db, format, &b, &err);
  if (!rc) {
    if (out) rc = write_file(out, b.data ? b.data : "", b.len, &err);
    else if (b.len && fwrite(b.data, 1, b.len, stdout) != b.len)
      rc = mc_fail(&err, MC_EIO, "cli.cannot_write", NULL, "Cannot write to standard output.");
  }
  int ret = rc ? mc_cli_fail("export", &err) : 0;
  if (!rc && out) fprintf(stderr, "exported %s to %s (%s)\n", what, out, format);
  mc_err_clear(&err);
  mc_buf_release(&b);
  mc_db_close(db);
  return ret;
}

/* ---- the demo province ----------------------------------------------------- */

#define DEMO_PASSWORD "demo1234"
#define DEMO_SETTING "demo.loaded"

typedef struct demo_user {
  const char *username, *role, *unit, *full_name, *id_number, *phone;
} demo_user;

/* One ward from Bình Dương and one department, each with the three staff
 * roles; the city's administrator and leader; two citizens. */
static const demo_user demo_users[] = {
  {"admin", "admin", "HCM", "Quản trị hệ thống", NULL, NULL},
  {"lanhdao.tinh", "province_leader", "HCM", "Phạm Minh Khôi", NULL, NULL},
  {"motcua.tdm", "officer", "HCM.THUDAUMOT", "Nguyễn Thị Thu Hà", NULL, NULL},
  {"chuyenvien.tdm", "specialist", "HCM.THUDAUMOT", "Trần Quốc Bảo", NULL, NULL},
  {"lanhdao.tdm", "unit_leader", "HCM.THUDAUMOT", "Lê Văn Hùng", NULL, NULL},
  {"motcua.stp", "officer", "HCM.STP", "Phạm Thị Lan", NULL, NULL},
  {"chuyenvien.stp", "specialist", "HCM.STP", "Hoàng Minh Tuấn", NULL, NULL},
  {"lanhdao.stp", "unit_leader", "HCM.STP", "Đỗ Thị Mai", NULL, NULL},
  {"congdan1", "citizen", NULL, "Nguyễn Văn An", "074085001234", "0912345678"},
  {"congdan2", "citizen", NULL, "Trần Thị Bình", "074192005678", "0987654321"},
};
enum { DEMO_USERS = sizeof demo_users / sizeof demo_users[0] };

static const mc_embedded *demo_file(const char *name) {
  for (int i = 0; i < mc_demo_files_count; i++)
    if (strcmp(mc_demo_files[i].path, name) == 0) return &mc_demo_files[i];
  return NULL;
}

static void print_logins(mc_db *db, mc_arena *a) {
  printf("\nDemo logins\n%-15s %-9s %-16s %-14s %s\n", "username", "password", "role", "unit", "unit name / person");
  for (int i = 0; i < DEMO_USERS; i++) {
    const demo_user *u = &demo_users[i];
    mc_unit *unit = NULL;
    mc_err e = {0};
    if (u->unit && mc_unit_get(db, a, u->unit, &unit, &e)) unit = NULL;
    mc_err_clear(&e);
    if (u->unit)
      printf("%-15s %-9s %-16s %-14s %s\n", u->username, DEMO_PASSWORD, u->role, u->unit, unit ? unit->name : "?");
    else
      printf("%-15s %-9s %-16s %-14s %s, CCCD %s, %s\n", u->username, DEMO_PASSWORD, u->role, "-", u->full_name,
             u->id_number, u->phone);
  }
}

/* Load one embedded file with an importer; a file not built in is reported and skipped. */
typedef mc_rc (*importer)(mc_db *, const char *, const char *, size_t, int *, mc_err *);

static mc_rc demo_import(mc_db *db, const char *name, const char *format, importer fn, const char *what,
                         mc_err *err) {
  const mc_embedded *f = demo_file(name);
  if (!f) {
    printf("  %-11s not in this build (data/demo/%s was missing when it was configured): skipped\n", what, name);
    return MC_OK;
  }
  int count = 0;
  mc_rc rc = fn(db, format, f->data, f->len, &count, err);
  if (!rc) printf("  %-11s %d from data/demo/%s\n", what, count, name);
  return rc;
}

static mc_rc demo_load(mc_db *db, mc_err *err) {
  mc_rc rc;
  if ((rc = demo_import(db, "units.csv", "csv", mc_units_import, "units", err)) ||
      (rc = demo_import(db, "procedures.json", "json", mc_procedures_import, "procedures", err)) ||
      (rc = demo_import(db, "calendar.csv", "csv", mc_calendar_import, "calendar", err)))
    return rc;
  for (int i = 0; i < DEMO_USERS && !rc; i++) {
    const demo_user *d = &demo_users[i];
    mc_user_new u = {.username = d->username, .password = DEMO_PASSWORD, .full_name = d->full_name,
                     .role = d->role, .unit_code = d->unit, .id_number = d->id_number, .phone = d->phone};
    int64_t id;
    rc = mc_user_create(db, &u, &id, err);
  }
  if (!rc) printf("  %-11s %d\n", "accounts", DEMO_USERS);
  char now[32];
  mc_time_format(mc_now(), now, sizeof now);
  if (!rc) rc = mc_db_exec(db, "meta.setting_put", err, "ss", DEMO_SETTING, now);
  return rc;
}

int cmd_demo(mc_cli *c) {
  if (mc_cli_wants_help(c)) return 0;
  if (c->argc != 1) return mc_cli_usage("demo");
  mc_db *db = mc_cli_open_db(c, "demo");
  if (!db) return 1;
  mc_err err = {0};
  int ret = 0;
  mc_stmt *st = mc_db_prep(db, "meta.setting_get", &err, "s", DEMO_SETTING);
  int r = st ? mc_stmt_next(st, &err) : -1;
  char since[64] = "";
  if (r > 0) mc_strlcpy(since, mc_col_text(st, 0), sizeof since);
  while (r > 0) r = mc_stmt_next(st, &err);
  int64_t units = 0;
  if (r < 0 || mc_db_i64(db, "units.count_all", &units, &err, NULL)) {
    ret = mc_cli_fail("demo", &err);
  } else if (since[0]) {
    printf("The demo province is already loaded in this database (since %s): nothing changed.\n", since);
    print_logins(db, c->arena);
  } else if (units > 0) {
    fprintf(stderr, "motcua demo: this database already has %lld units of its own; the demo loads only "
                    "into a database without units (use a new --db)\n", (long long)units);
    ret = 1;
  } else {
    printf("Loading the demo province (Bình Dương → Thành phố Hồ Chí Minh) in one transaction:\n");
    mc_rc rc = mc_db_begin(db, &err);
    if (!rc) rc = demo_load(db, &err);
    if (!rc) rc = mc_db_commit(db, &err);
    else mc_db_rollback(db);
    if (rc) {
      ret = mc_cli_fail("demo", &err);
      fprintf(stderr, "motcua demo: nothing was loaded\n");
    } else {
      mc_calendar_changed();
      print_logins(db, c->arena);
    }
  }
  mc_err_clear(&err);
  mc_db_close(db);
  return ret;
}
