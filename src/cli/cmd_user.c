/* cmd_user.c — `motcua user add|list|passwd`. Passwords come from standard
 * input (--password-stdin) or, for scripts and demos, --password. */
#include "cli/cli.h"
#include "core/auth.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *read_password(mc_cli *c) {
  char *line = mc_arena_alloc(c->arena, MC_PASSWORD_MAX + 2);
  if (!fgets(line, MC_PASSWORD_MAX + 2, stdin)) return NULL;
  line[strcspn(line, "\r\n")] = 0;
  return line;
}

int cmd_user(mc_cli *c) {
  if (c->argc < 2) return mc_cli_usage("user");
  const char *sub = c->argv[1];
  static const struct option opts[] = {
    {"username", required_argument, 0, 'u'}, {"role", required_argument, 0, 'r'},
    {"unit", required_argument, 0, 'n'}, {"name", required_argument, 0, 'N'},
    {"password", required_argument, 0, 'p'}, {"password-stdin", no_argument, 0, 'P'},
    {"id-number", required_argument, 0, 'i'}, {"phone", required_argument, 0, 'h'},
    {"email", required_argument, 0, 'e'}, {0, 0, 0, 0}};
  mc_user_new u = {0};
  bool pw_stdin = false;
  int o;
  optind = 2;
  while ((o = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 'u': u.username = optarg; break;
    case 'r': u.role = optarg; break;
    case 'n': u.unit_code = optarg; break;
    case 'N': u.full_name = optarg; break;
    case 'p': u.password = optarg; break;
    case 'P': pw_stdin = true; break;
    case 'i': u.id_number = optarg; break;
    case 'h': u.phone = optarg; break;
    case 'e': u.email = optarg; break;
    default: return mc_cli_usage("user");
    }
  }
  if (optind < c->argc) return mc_cli_usage("user");
  if (pw_stdin && !(u.password = read_password(c))) {
    fprintf(stderr, "motcua user: no password on standard input\n");
    return 2;
  }
  mc_db *db = mc_cli_open_db(c, "user");
  if (!db) return 1;
  mc_err err = {0};
  int ret = 0;
  if (strcmp(sub, "add") == 0) {
    int64_t id;
    if (!u.full_name) u.full_name = u.username;
    if (mc_user_create(db, &u, &id, &err)) ret = mc_cli_fail("user", &err);
    else printf("user %s (%s) created with id %lld\n", u.username, u.role, (long long)id);
  } else if (strcmp(sub, "passwd") == 0) {
    if (!u.username || !u.password) ret = mc_cli_usage("user");
    else if (mc_user_set_password(db, u.username, u.password, &err)) ret = mc_cli_fail("user", &err);
    else printf("password of %s changed\n", u.username);
  } else if (strcmp(sub, "list") == 0) {
    mc_stmt *st = mc_db_prep(db, "users.list", &err, "ii", (int64_t)100000, (int64_t)0);
    int r;
    printf("%-6s %-24s %-16s %-16s %s\n", "id", "username", "role", "unit", "name");
    while (st && (r = mc_stmt_next(st, &err)) > 0)
      printf("%-6lld %-24s %-16s %-16s %s\n", (long long)mc_col_i64(st, 0), mc_col_text(st, 1),
             mc_col_text(st, 3), mc_col_null(st, 5) ? "-" : mc_col_text(st, 5), mc_col_text(st, 2));
    if (err.rc) ret = mc_cli_fail("user", &err);
  } else {
    ret = mc_cli_usage("user");
  }
  mc_err_clear(&err);
  mc_db_close(db);
  return ret;
}
