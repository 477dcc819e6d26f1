/* cmd_calendar.c — `motcua calendar`: the working calendar from the command
 * line (a thin client of core/calendar.h).
 *   calendar days FROM TO                  each day: working or not, why, lunar date
 *   calendar lunar DATE                    solar → lunar ("2025-06-01L" = leap month)
 *   calendar solar YYYY-MM-DD[L]           lunar → solar (L suffix: leap month)
 *   calendar deadline START AMOUNT UNIT [--rule-1500]
 *   calendar rules [--set FILE | --reset]  the holiday rules in force (JSON)  */
#include "cli/cli.h"
#include "core/calendar.h"
#include "util/str.h"
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DAYS_SPAN_MAX = 36600, AMOUNT_MAX = 10000, RULES_FILE_MAX = 64 * 1024 };

static const char *const help =
  "usage: motcua [--db URL] calendar days FROM TO\n"
  "       motcua calendar lunar DATE\n"
  "       motcua calendar solar YYYY-MM-DD[L]      (a lunar date; L = leap month)\n"
  "       motcua [--db URL] calendar deadline START AMOUNT UNIT [--rule-1500]\n"
  "       motcua [--db URL] calendar rules [--set FILE | --reset]\n"
  "dates are YYYY-MM-DD (1900-2100); START is YYYY-MM-DDTHH:MM[:SS] in Vietnam time (or with Z / +HH:MM);\n"
  "UNIT is working_days, working_hours, days or same_day.\n";

static int usage(const char *why) {
  if (why) fprintf(stderr, "motcua calendar: %s\n", why);
  fputs(help, stderr);
  return 2;
}

/* A bad argument: the message, exit status 2. */
static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int bad(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("motcua calendar: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return 2;
}

static bool in_range(int32_t day) {
  return day >= mc_days_from_civil(MC_CAL_FIRST_YEAR, 1, 1) && day <= mc_days_from_civil(MC_CAL_LAST_YEAR, 12, 31);
}

static bool date_arg(const char *s, int32_t *day) { return mc_date_parse(s, day) && in_range(*day); }

/* "2025-06-01L  ngày 1 tháng 6 nhuận năm Ất Tỵ" */
static void print_lunar(const mc_lunar *l, char *buf, size_t n, bool long_form) {
  char name[32];
  mc_lunar_year_name(l->year, name, sizeof name);
  if (long_form)
    snprintf(buf, n, "%04d-%02d-%02d%s  ngày %d tháng %d%s năm %s", l->year, l->month, l->day, l->leap ? "L" : "",
             l->day, l->month, l->leap ? " nhuận" : "", name);
  else
    snprintf(buf, n, "%d/%d%s %s", l->day, l->month, l->leap ? "n" : "", name);
}

static const mc_calendar *open_calendar(mc_cli *c, mc_db **db) {
  mc_err err = {0};
  const mc_calendar *cal = NULL;
  if (!(*db = mc_cli_open_db(c, "calendar"))) return NULL;
  if (mc_calendar_get(*db, &cal, &err)) {
    mc_cli_fail("calendar", &err);
    mc_err_clear(&err);
    mc_db_close(*db);
    *db = NULL;
  }
  return cal;
}

static int cmd_days(mc_cli *c, char **args, int nargs) {
  int32_t from, to;
  if (nargs != 2) return usage("days takes FROM and TO");
  if (!date_arg(args[0], &from)) return bad("FROM \"%s\" is not a date YYYY-MM-DD in 1900-2100.", args[0]);
  if (!date_arg(args[1], &to)) return bad("TO \"%s\" is not a date YYYY-MM-DD in 1900-2100.", args[1]);
  if (to < from) return bad("TO (%s) is before FROM.", args[1]);
  if (to - from >= DAYS_SPAN_MAX) return bad("%s: at most 100 years at a time.", args[1]);
  mc_db *db;
  const mc_calendar *cal = open_calendar(c, &db);
  if (!cal) return 1;
  static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  int working = 0;
  for (int32_t d = from; d <= to; d++) {
    mc_day_info i;
    mc_lunar l;
    char date[16], lun[64];
    mc_cal_day_info(cal, d, &i);
    mc_lunar_from_solar(d, &l);
    mc_date_format(d, date, sizeof date);
    print_lunar(&l, lun, sizeof lun, false);
    working += i.working;
    int pad = i.note ? 16 - (int)mc_utf8_len(lun) : 0;   /* columns, not bytes: Vietnamese letters are multi-byte */
    printf("%s  %s  %-7s  %s%*s%s%s\n", date, wd[mc_weekday(d)], i.working ? "working" : "off", lun, pad > 0 ? pad : 0, "",
           i.note ? "  " : "", i.note ? i.note : "");
  }
  printf("working days: %d of %d\n", working, (int)(to - from + 1));
  mc_calendar_put(cal);
  mc_db_close(db);
  return 0;
}

static int cmd_lunar(char **args, int nargs) {
  int32_t day;
  mc_lunar l;
  char buf[96];
  if (nargs != 1) return usage("lunar takes one DATE");
  if (!date_arg(args[0], &day) || !mc_lunar_from_solar(day, &l))
    return bad("\"%s\" is not a date YYYY-MM-DD in 1900-2100.", args[0]);
  print_lunar(&l, buf, sizeof buf, true);
  printf("%s\n", buf);
  return 0;
}

static int cmd_solar(char **args, int nargs) {
  if (nargs != 1) return usage("solar takes one lunar date YYYY-MM-DD[L]");
  const char *s = args[0];
  size_t n = strlen(s);
  char date[16];
  mc_lunar l = {0};
  if (n == 11 && (s[10] == 'L' || s[10] == 'l')) l.leap = true;
  else if (n != 10) return bad("\"%s\" is not a lunar date YYYY-MM-DD[L].", s);
  int64_t y, m, d;
  char part[8];
  bool ok = s[4] == '-' && s[7] == '-';
  if (ok) { memcpy(part, s, 4); part[4] = 0; ok = mc_parse_i64(part, MC_CAL_FIRST_YEAR - 1, MC_CAL_LAST_YEAR, &y); }
  if (ok) { memcpy(part, s + 5, 2); part[2] = 0; ok = mc_parse_i64(part, 1, 12, &m); }
  if (ok) { memcpy(part, s + 8, 2); part[2] = 0; ok = mc_parse_i64(part, 1, 30, &d); }
  if (!ok) return bad("\"%s\" is not a lunar date YYYY-MM-DD[L] (month 1-12, day 1-30).", s);
  l.year = (int)y;
  l.month = (int)m;
  l.day = (int)d;
  int32_t day;
  if (!mc_solar_from_lunar(&l, &day)) {
    int len = mc_lunar_month_days(l.year, l.month, l.leap);
    if (!len && l.leap) fprintf(stderr, "motcua calendar: the lunar year %d has no leap month %d.\n", l.year, l.month);
    else if (len) fprintf(stderr, "motcua calendar: month %d%s of lunar year %d has %d days.\n", l.month,
                          l.leap ? " (leap)" : "", l.year, len);
    else fprintf(stderr, "motcua calendar: %s falls outside 1900-2100.\n", s);
    return 1;
  }
  mc_date_format(day, date, sizeof date);
  printf("%s\n", date);
  return 0;
}

static int cmd_deadline(mc_cli *c, char **args, int nargs, bool rule) {
  mc_time start;
  int64_t amount;
  mc_time_unit unit;
  if (nargs != 3) return usage("deadline takes START AMOUNT UNIT");
  if (!mc_time_parse(args[0], &start) || !in_range(mc_local_day(start)))
    return bad("START \"%s\" is not an instant YYYY-MM-DDTHH:MM[:SS] in 1900-2100.", args[0]);
  if (!mc_parse_i64(args[1], 0, AMOUNT_MAX, &amount))
    return bad("AMOUNT \"%s\" is not a whole number from 0 to 10000.", args[1]);
  if (!mc_time_unit_parse(args[2], &unit))
    return bad("UNIT \"%s\" is not working_days, working_hours, days or same_day.", args[2]);
  mc_db *db;
  const mc_calendar *cal = open_calendar(c, &db);
  if (!cal) return 1;
  mc_time from = mc_cal_start(cal, NULL, start, rule);
  mc_time due = mc_cal_add(cal, NULL, from, amount, unit);
  char a[32], b[32], d[32];
  mc_time_format(start, a, sizeof a);
  mc_time_format(from, b, sizeof b);
  mc_time_format(due, d, sizeof d);
  int64_t ws = mc_cal_working_seconds(cal, NULL, from, due);
  printf("received      %s\ncounted from  %s%s\ndeadline      %s\nworking time  %lldh%02lld\n", a, b,
         rule ? "  (15:00 rule)" : "", d, (long long)(ws / 3600), (long long)(ws / 60 % 60));
  mc_calendar_put(cal);
  mc_db_close(db);
  return 0;
}

static int cmd_rules(mc_cli *c, int nargs, const char *set, bool reset) {
  if (nargs != 0 || (set && reset)) return usage("rules takes --set FILE or --reset");
  char *text = NULL;
  if (set) {
    FILE *f = fopen(set, "rb");
    if (!f) { fprintf(stderr, "motcua calendar: cannot read %s.\n", set); return 1; }
    text = calloc(1, RULES_FILE_MAX + 1);
    size_t n = text ? fread(text, 1, RULES_FILE_MAX + 1, f) : 0;
    fclose(f);
    if (!text || n > RULES_FILE_MAX) {
      free(text);
      fprintf(stderr, "motcua calendar: %s is larger than 64 KiB.\n", set);
      return 1;
    }
  }
  mc_db *db = mc_cli_open_db(c, "calendar");
  if (!db) { free(text); return 1; }
  mc_err err = {0};
  mc_holiday_rules r;
  int ret = 0;
  if ((set || reset) && mc_calendar_set_rules(db, text, &err)) ret = mc_cli_fail("calendar", &err);
  else if (mc_calendar_rules(db, &r, &err)) ret = mc_cli_fail("calendar", &err);
  else {
    json_t *j = mc_holiday_rules_json(&r);
    char *s = json_dumps(j, JSON_INDENT(2));
    printf("%s\n", s ? s : "");
    free(s);
    json_decref(j);
  }
  free(text);
  mc_err_clear(&err);
  mc_db_close(db);
  return ret;
}

int cmd_calendar(mc_cli *c) {
  if (c->argc < 2) return usage(NULL);
  const char *sub = c->argv[1];
  static const struct option opts[] = {
    {"rule-1500", no_argument, 0, 'r'}, {"set", required_argument, 0, 's'}, {"reset", no_argument, 0, 'R'},
    {0, 0, 0, 0}};
  bool rule = false, reset = false;
  const char *set = NULL;
  int o;
  optind = 2;
  while ((o = getopt_long(c->argc, c->argv, "+", opts, NULL)) != -1) {
    switch (o) {
    case 'r': rule = true; break;
    case 's': set = optarg; break;
    case 'R': reset = true; break;
    default: return usage(NULL);
    }
  }
  char **args = c->argv + optind;
  int nargs = c->argc - optind;
  /* Options may also follow the arguments ("deadline S A U --rule-1500"). */
  while (nargs > 0 && strcmp(args[nargs - 1], "--rule-1500") == 0) { rule = true; nargs--; }
  if (rule && strcmp(sub, "deadline") != 0) return usage("--rule-1500 goes with deadline");
  if ((set || reset) && strcmp(sub, "rules") != 0) return usage("--set and --reset go with rules");
  if (strcmp(sub, "days") == 0) return cmd_days(c, args, nargs);
  if (strcmp(sub, "lunar") == 0) return cmd_lunar(args, nargs);
  if (strcmp(sub, "solar") == 0) return cmd_solar(args, nargs);
  if (strcmp(sub, "deadline") == 0) return cmd_deadline(c, args, nargs, rule);
  if (strcmp(sub, "rules") == 0) return cmd_rules(c, nargs, set, reset);
  return bad("unknown subcommand \"%s\" (days, lunar, solar, deadline, rules).", sub);
}
