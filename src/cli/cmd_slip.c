/* cmd_slip.c — `motcua slip CODE NN [--out FILE]`: a legal slip (01–06) of a
 * dossier, or `motcua slip UNIT 07 [--from D] [--to D]`: a unit's register,
 * as PDF (core/slips.h). The command line has the database itself, so it
 * prints any dossier's slips. --out - writes the PDF to standard output. */
#include "cli/cli.h"
#include "core/slips.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static int write_out(const char *path, const void *pdf, size_t len) {
  bool to_stdout = strcmp(path, "-") == 0;
  FILE *f = to_stdout ? stdout : fopen(path, "wb");
  if (!f) {
    fprintf(stderr, "motcua slip: cannot write %s\n", path);
    return 1;
  }
  bool ok = fwrite(pdf, 1, len, f) == len;
  ok = (to_stdout ? fflush(f) : fclose(f)) == 0 && ok;
  if (!ok) {
    fprintf(stderr, "motcua slip: writing %s failed\n", path);
    return 1;
  }
  if (!to_stdout) printf("%s (%zu bytes)\n", path, len);
  return 0;
}

static bool day_arg(const char *s, int32_t *out) { return s && strlen(s) == 10 && mc_date_parse(s, out); }

int cmd_slip(mc_cli *c) {
  static const struct option opts[] = {
    {"out", required_argument, 0, 'o'}, {"from", required_argument, 0, 'f'}, {"to", required_argument, 0, 't'},
    {0, 0, 0, 0}};
  const char *out = NULL, *from_s = NULL, *to_s = NULL;
  int o;
  optind = 1;
  while ((o = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 'o': out = optarg; break;
    case 'f': from_s = optarg; break;
    case 't': to_s = optarg; break;
    default: return mc_cli_usage("slip");
    }
  }
  if (c->argc - optind != 2) return mc_cli_usage("slip");
  const char *code = c->argv[optind], *no = c->argv[optind + 1];
  mc_slip_form form;
  if (!mc_slip_parse(no, &form)) {
    fprintf(stderr, "motcua slip: \"%s\" is not a form: 01 to 06 for a dossier, 07 for a unit's register\n", no);
    return 2;
  }
  int32_t today = mc_local_day(mc_now()), from = 0, to = today;
  if ((to_s && !day_arg(to_s, &to)) || (from_s && !day_arg(from_s, &from))) {
    fprintf(stderr, "motcua slip: --from and --to are dates (YYYY-MM-DD)\n");
    return 2;
  }
  if (form != MC_SLIP_REGISTER && (from_s || to_s)) return mc_cli_usage("slip");
  if (!from_s) {
    int y, m, d;
    mc_civil_from_days(to, &y, &m, &d);
    from = mc_days_from_civil(y, m, 1);
  }
  mc_db *db = mc_cli_open_db(c, "slip");
  if (!db) return 1;
  mc_err err = {0};
  const void *pdf = NULL;
  size_t len = 0;
  mc_rc rc;
  if (form == MC_SLIP_REGISTER) {
    rc = mc_slip_register_pdf(db, c->arena, NULL, code, from, to, 0, &pdf, &len, &err);
  } else {
    mc_dossier *d;
    rc = mc_dossier_get(db, c->arena, code, &d, &err);
    if (!rc) rc = mc_slip_pdf(db, c->arena, NULL, d, form, &pdf, &len, &err);
  }
  int ret = rc ? mc_cli_fail("slip", &err) : 0;
  if (!rc && !out) {
    char *name = mc_arena_printf(c->arena, "%s-%02d.pdf", code, (int)form);
    for (char *p = name; p && *p; p++)
      if (*p == '/' || *p == '\\') *p = '_';
    out = name;
  }
  if (!rc) ret = write_out(out, pdf, len);
  mc_err_clear(&err);
  mc_db_close(db);
  return ret;
}
