/* test_cli_audit.c — `motcua audit verify|head|show` and `motcua auth` as an
 * operator uses them: a clean log verifies (exit 0); an entry edited or
 * deleted behind the application's back with the sqlite3 tool is reported
 * with its number (exit 1); a rewritten head is caught by an anchor; the
 * account commands change what they say and leave a trace. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "harness.h"

static th_server *srv;
static void start(void) { srv = th_server_start(false); }
static void stop(void) { th_server_stop(srv); }
TestSuite(cli_audit, .init = start, .fini = stop);

static int cli(char **out, const char *const args[]) {
  int rc = th_cli(srv, out, args);
  return rc;
}

static void add_user(const char *name) {
  const char *args[] = {"user", "add", "--username", name, "--role", "citizen", "--name", name, "--password",
                        "mat-khau-123", NULL};
  char *out;
  cr_assert_eq(cli(&out, args), 0, "%s", out);
  free(out);
}

static void sql(const char *stmt) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "/usr/bin/sqlite3 '%s' \"%s\"", srv->db, stmt);
  int st = system(cmd);
  cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "sqlite3 failed: %s", stmt);
}

Test(cli_audit, verify_catches_edits_and_deletions) {
  if (getenv("MOTCUA_TEST_PG")) cr_skip_test("tampers with the SQLite file directly");
  for (int i = 0; i < 5; i++) {
    char name[16];
    snprintf(name, sizeof name, "dan%d", i);
    add_user(name);
  }
  char *out;
  const char *verify[] = {"audit", "verify", NULL};
  cr_assert_eq(cli(&out, verify), 0, "%s", out);
  cr_assert(strstr(out, "ok, 5 entries"), "%s", out);
  free(out);
  const char *head[] = {"audit", "head", NULL};
  cr_assert_eq(cli(&out, head), 0, "%s", out);
  char anchor[80];
  cr_assert_eq(sscanf(out, "%79s", anchor), 1);
  cr_assert(strncmp(anchor, "5:", 2) == 0, "%s", anchor);
  free(out);
  const char *show[] = {"audit", "show", "--user", "dan3", NULL};
  cr_assert_eq(cli(&out, show), 0, "%s", out);
  cr_assert(strstr(out, "user.create") && strstr(out, "(1 of 1)"), "%s", out);
  free(out);

  /* Edit entry 3 (the triggers dropped first, as an attacker would). */
  sql("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
  sql("UPDATE audit_log SET object_code = 'someone-else' WHERE seq = 3;");
  cr_assert_eq(cli(&out, verify), 1, "%s", out);
  cr_assert(strstr(out, "TAMPERED at entry 3"), "%s", out);
  free(out);
  /* Put it back, then delete entry 4. */
  sql("UPDATE audit_log SET object_code = 'dan2' WHERE seq = 3;");
  cr_assert_eq(cli(&out, verify), 0, "%s", out);
  free(out);
  sql("DELETE FROM audit_log WHERE seq = 4;");
  cr_assert_eq(cli(&out, verify), 1, "%s", out);
  cr_assert(strstr(out, "TAMPERED at entry 4") && strstr(out, "missing"), "%s", out);
  free(out);
  /* Cut the tail and rewrite the head to match: only the anchor tells. */
  sql("DELETE FROM audit_log WHERE seq >= 4; UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3);");
  cr_assert_eq(cli(&out, verify), 0, "a self-consistent shorter chain: %s", out);
  free(out);
  const char *anchored[] = {"audit", "verify", "--anchor", anchor, NULL};
  cr_assert_eq(cli(&out, anchored), 1, "%s", out);
  cr_assert(strstr(out, "anchored entry 5"), "%s", out);
  free(out);
  const char *bad[] = {"audit", "verify", "--anchor", "nonsense", NULL};
  cr_assert_eq(cli(&out, bad), 2, "%s", out);
  free(out);
}

Test(cli_audit, account_commands) {
  add_user("dan9");
  char *out;
  const char *unlock[] = {"auth", "unlock", "--username", "dan9", NULL};
  cr_assert_eq(cli(&out, unlock), 0, "%s", out);
  free(out);
  const char *token[] = {"auth", "reset-token", "--username", "dan9", NULL};
  cr_assert_eq(cli(&out, token), 0, "%s", out);
  cr_assert(strstr(out, "one-time reset code for dan9"), "%s", out);
  free(out);
  const char *nobody[] = {"auth", "unlock", "--username", "nobody", NULL};
  cr_assert_eq(cli(&out, nobody), 1, "%s", out);
  cr_assert(strstr(out, "user.unknown"), "%s", out);
  free(out);
  const char *show[] = {"audit", "show", "--user", "dan9", NULL};
  cr_assert_eq(cli(&out, show), 0, "%s", out);
  cr_assert(strstr(out, "auth.unlock") && strstr(out, "auth.reset_issue") && strstr(out, "(system)"), "%s", out);
  free(out);
  const char *verify[] = {"audit", "verify", NULL};
  cr_assert_eq(cli(&out, verify), 0, "%s", out);
  free(out);
}
