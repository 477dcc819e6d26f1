/* test_auth.c — accounts and sessions in the core: Argon2id hashes, lockout
 * after N failures (and its end), uniform answers, TOTP enrolment and login
 * (replay refused, secret sealed at rest), session rotation, idle and
 * absolute expiry, the CSRF token, password reset (request → outbox →
 * confirm, one use, expiry, sessions ended), admin limits on citizen
 * accounts, and the audit entries all this writes. */
#include <criterion/criterion.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/audit.h"
#include "core/auth.h"
#include "core/config.h"
#include "core/totp.h"
#include "core/unit.h"
#include "util/time.h"

static mc_db *db;
static mc_arena *a;
static char path[512];
static mc_config cfg;

static void setup(void) {
  const char *dir = getenv("MOTCUA_TEST_DIR") ? getenv("MOTCUA_TEST_DIR") : "/tmp";
  mkdir(dir, 0755);
  snprintf(path, sizeof path, "%s/auth-XXXXXX", dir);
  int fd = mkstemp(path);
  cr_assert(fd >= 0);
  close(fd);
  mc_err err = {0};
  cr_assert_eq(mc_db_open(path, &db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK, "%s", err.message);
  mc_config_defaults(&cfg);
  cfg.lockout_threshold = 3;
  cfg.lockout_seconds = 600;
  cfg.session_idle = 1800;
  cfg.session_ttl = 7200;
  cr_assert(sodium_init() >= 0);
  randombytes_buf(cfg.secret_key, sizeof cfg.secret_key);
  cfg.has_key = true;
  mc_config_install(&cfg);
  mc_clock_set_offset(0);
  a = mc_arena_new(0);
  mc_unit_in u = {.code = "UBND-X1", .name = "UBND xã Một", .kind = "commune"};
  cr_assert_eq(mc_unit_create(db, &u, &err), MC_OK, "%s", err.message);
  int64_t id;
  mc_user_new o = {.username = "canbo1", .password = "mat-khau-1", .full_name = "Cán bộ Một", .role = "officer",
                   .unit_code = "UBND-X1", .email = "canbo1@example.vn"};
  cr_assert_eq(mc_user_create(db, &o, &id, &err), MC_OK, "%s", err.message);
  mc_user_new c = {.username = "dan1", .password = "mat-khau-2", .full_name = "Người Dân", .role = "citizen",
                   .id_number = "001099012345", .email = "dan1@example.vn"};
  cr_assert_eq(mc_user_create(db, &c, &id, &err), MC_OK, "%s", err.message);
}

static void teardown(void) {
  mc_clock_set_offset(0);
  mc_config_install(NULL);
  mc_arena_free(a);
  mc_db_close(db);
  char q[600];
  unlink(path);
  snprintf(q, sizeof q, "%s-wal", path);
  unlink(q);
  snprintf(q, sizeof q, "%s-shm", path);
  unlink(q);
}

TestSuite(auth, .init = setup, .fini = teardown);

static mc_rc login(const char *user, const char *pw, const char *totp, const char *old, const char **tok,
                   mc_err *err) {
  mc_login in = {.username = user, .password = pw, .totp = totp, .old_token = old, .client = "192.0.2.1"};
  mc_principal who;
  return mc_auth_login_ex(db, a, &in, tok, &who, err);
}

static int64_t audit_count(const char *user) {
  json_t *items;
  int64_t total = 0;
  mc_err err = {0};
  mc_audit_query q = {.object_type = "user", .object_code = user, .limit = 200};
  cr_assert_eq(mc_audit_list(db, &q, &items, &total, &err), MC_OK);
  json_decref(items);
  return total;
}

Test(auth, password_hash_is_argon2id) {
  mc_stmt *st = mc_db_prep(db, "users.by_username", NULL, "s", "canbo1");
  cr_assert_eq(mc_stmt_next(st, NULL), 1);
  cr_assert(strncmp(mc_col_text(st, 2), "$argon2id$", 10) == 0, "%s", mc_col_text(st, 2));
  while (mc_stmt_next(st, NULL) > 0) {}
}

Test(auth, lockout_after_failures_then_expires) {
  mc_err err = {0};
  const char *tok;
  for (int i = 0; i < 3; i++) {
    cr_assert_eq(login("canbo1", "wrong-pass", NULL, NULL, &tok, &err), MC_EUNAUTH);
    cr_assert_str_eq(err.code, "auth.invalid_login");
    mc_err_clear(&err);
  }
  /* Locked: even the right password is refused, with the time left. */
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_EUNAUTH);
  cr_assert_str_eq(err.code, "auth.locked");
  json_int_t left = json_integer_value(json_object_get(err.detail, "retry_after"));
  cr_assert(left > 590 && left <= 600, "retry_after %lld", (long long)left);
  mc_err_clear(&err);
  /* Unknown users and wrong passwords look the same. */
  cr_assert_eq(login("khong-co", "whatever1", NULL, NULL, &tok, &err), MC_EUNAUTH);
  cr_assert_str_eq(err.code, "auth.invalid_login");
  mc_err_clear(&err);
  /* After the lockout period, the right password works and resets the count. */
  mc_clock_set_offset(601);
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_OK, "%s", err.message);
  cr_assert_eq(login("canbo1", "wrong-pass", NULL, NULL, &tok, &err), MC_EUNAUTH);
  mc_err_clear(&err);
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_OK, "one failure does not lock");
  /* An administrator can lift a lockout early. */
  for (int i = 0; i < 3; i++) { login("canbo1", "x-wrong-x", NULL, NULL, &tok, &err); mc_err_clear(&err); }
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_EUNAUTH);
  mc_err_clear(&err);
  cr_assert_eq(mc_auth_unlock(db, NULL, "canbo1", &err), MC_OK);
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_OK);
  /* user.create, 2 × auth.lockout, 3 × auth.login, auth.unlock. */
  cr_assert_eq(audit_count("canbo1"), 7);
}

Test(auth, sessions_rotate_expire_and_csrf) {
  mc_err err = {0};
  const char *t1, *t2;
  cr_assert_eq(login("dan1", "mat-khau-2", NULL, NULL, &t1, &err), MC_OK);
  mc_principal who;
  cr_assert_eq(mc_auth_session(db, a, t1, &who, &err), MC_OK);
  cr_assert_str_eq(who.username, "dan1");
  cr_assert_str_eq(who.auth_method, "password");
  cr_assert_not(who.vneid);
  /* Logging in again with the old token drops it (rotation). */
  cr_assert_eq(login("dan1", "mat-khau-2", NULL, t1, &t2, &err), MC_OK);
  cr_assert_str_neq(t1, t2);
  cr_assert_eq(mc_auth_session(db, a, t1, &who, &err), MC_EUNAUTH);
  cr_assert_str_eq(err.code, "auth.expired");
  mc_err_clear(&err);
  cr_assert_eq(mc_auth_session(db, a, t2, &who, &err), MC_OK);
  /* CSRF token: bound to the session, not guessable from another. */
  const char *c2 = mc_auth_csrf_token(a, t2);
  cr_assert_eq(strlen(c2), 43);
  cr_assert(mc_auth_csrf_ok(t2, c2));
  cr_assert_not(mc_auth_csrf_ok(t1, c2));
  cr_assert_not(mc_auth_csrf_ok(t2, NULL));
  cr_assert_not(mc_auth_csrf_ok(t2, ""));
  /* Idle limit: 1800 s without use ends it; use within it keeps it. */
  mc_clock_set_offset(1700);
  cr_assert_eq(mc_auth_session(db, a, t2, &who, &err), MC_OK, "used within the idle limit");
  mc_clock_set_offset(1700 + 1700);
  cr_assert_eq(mc_auth_session(db, a, t2, &who, &err), MC_OK, "the last use was 1700 s ago");
  mc_clock_set_offset(1700 + 1700 + 1801);
  cr_assert_eq(mc_auth_session(db, a, t2, &who, &err), MC_EUNAUTH, "idle too long");
  mc_err_clear(&err);
  /* Absolute limit: 7200 s whatever the use. */
  mc_clock_set_offset(0);
  const char *t3;
  cr_assert_eq(login("dan1", "mat-khau-2", NULL, NULL, &t3, &err), MC_OK);
  for (int s = 1500; s <= 7500; s += 1500) {
    mc_clock_set_offset(s);
    cr_assert_eq(mc_auth_session(db, a, t3, &who, &err), s < 7200 ? MC_OK : MC_EUNAUTH, "at %d s", s);
    mc_err_clear(&err);
  }
  /* Logout. */
  mc_clock_set_offset(0);
  const char *t4;
  cr_assert_eq(login("dan1", "mat-khau-2", NULL, NULL, &t4, &err), MC_OK);
  cr_assert_eq(mc_auth_logout(db, t4, &err), MC_OK);
  cr_assert_eq(mc_auth_session(db, a, t4, &who, &err), MC_EUNAUTH);
  mc_err_clear(&err);
}

static const char *code_at(const char *b32, mc_time t) {
  unsigned char key[64];
  size_t n;
  cr_assert(mc_base32_decode(b32, key, sizeof key, &n));
  return mc_arena_printf(a, "%06u", mc_totp(key, n, MC_TOTP_SHA1, t, 30, 6));
}

Test(auth, totp_enrol_confirm_login_replay) {
  mc_err err = {0};
  const char *tok;
  mc_principal who;
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_OK);
  cr_assert_eq(mc_auth_session(db, a, tok, &who, &err), MC_OK);
  const char *secret, *uri;
  cr_assert_eq(mc_totp_enrol(db, a, &who, &secret, &uri, &err), MC_OK, "%s", err.message);
  cr_assert_eq(strlen(secret), 32, "20 bytes in base32");
  cr_assert(strstr(uri, "otpauth://totp/motcua:canbo1?secret=") == uri, "%s", uri);
  /* The secret is stored sealed, never as the base32 the app shows. */
  mc_stmt *st = mc_db_prep(db, "users.by_username", NULL, "s", "canbo1");
  cr_assert_eq(mc_stmt_next(st, NULL), 1);
  const char *pending = mc_col_text(st, 14);
  cr_assert(pending && strncmp(pending, "v1:", 3) == 0);
  cr_assert_null(strstr(pending, secret));
  while (mc_stmt_next(st, NULL) > 0) {}
  /* Not required yet: pending until confirmed. */
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_OK);
  cr_assert_eq(mc_totp_confirm(db, &who, "000000", &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "auth.totp_invalid");
  mc_err_clear(&err);
  mc_time now = mc_now();
  cr_assert_eq(mc_totp_confirm(db, &who, code_at(secret, now), &err), MC_OK, "%s", err.message);
  /* Now the password alone is not enough. */
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_EUNAUTH);
  cr_assert_str_eq(err.code, "auth.totp_required");
  mc_err_clear(&err);
  /* The code used to confirm cannot be replayed to log in. */
  cr_assert_eq(login("canbo1", "mat-khau-1", code_at(secret, now), NULL, &tok, &err), MC_EUNAUTH);
  cr_assert_str_eq(err.code, "auth.totp_invalid");
  mc_err_clear(&err);
  /* The next step's code works once. */
  mc_clock_set_offset(30);
  const char *c2 = code_at(secret, mc_now());
  cr_assert_eq(login("canbo1", "mat-khau-1", c2, NULL, &tok, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_auth_session(db, a, tok, &who, &err), MC_OK);
  cr_assert(who.totp);
  cr_assert_eq(login("canbo1", "mat-khau-1", c2, NULL, &tok, &err), MC_EUNAUTH);
  mc_err_clear(&err);
  /* A wrong password with a right code is still a wrong password. */
  mc_clock_set_offset(60);
  cr_assert_eq(login("canbo1", "wrong-pass", code_at(secret, mc_now()), NULL, &tok, &err), MC_EUNAUTH);
  cr_assert_str_eq(err.code, "auth.invalid_login");
  mc_err_clear(&err);
  /* Enrolling again while on is refused; an admin over HTTP may reset a staff
   * account's authenticator; then the password suffices. */
  cr_assert_eq(mc_totp_enrol(db, a, &who, &secret, &uri, &err), MC_ECONFLICT);
  mc_err_clear(&err);
  mc_principal admin = {.user_id = 999, .role = MC_ROLE_ADMIN, .username = "admin"};
  cr_assert_eq(mc_totp_reset(db, &admin, "canbo1", &err), MC_OK, "%s", err.message);
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_OK);
}

Test(auth, totp_needs_the_server_key) {
  mc_err err = {0};
  const char *tok, *secret, *uri;
  mc_principal who;
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_OK);
  cr_assert_eq(mc_auth_session(db, a, tok, &who, &err), MC_OK);
  cfg.has_key = false;
  cr_assert_eq(mc_totp_enrol(db, a, &who, &secret, &uri, &err), MC_EBUSY);
  cr_assert_str_eq(err.code, "auth.totp_unavailable");
  mc_err_clear(&err);
}

static const char *outbox_token(void) {
  mc_err err = {0};
  mc_stmt *st = mc_db_prep(db, "users.outbox_list", &err, "ii", (int64_t)mc_now(), (int64_t)10);
  const char *tok = NULL;
  int n = 0;
  while (mc_stmt_next(st, &err) > 0) {
    n++;
    cr_assert_str_eq(mc_col_text(st, 3), "canbo1@example.vn");
    const char *body = mc_col_text(st, 5);
    const char *p = strstr(body, ":\n\n");
    cr_assert(p, "%s", body);
    tok = mc_arena_strndup(a, p + 3, 43);
  }
  cr_assert_eq(n, 1, "one message");
  return tok;
}

Test(auth, password_reset) {
  mc_err err = {0};
  const char *tok;
  /* Unknown accounts get the same (silent) answer. */
  cr_assert_eq(mc_auth_reset_request(db, a, "khong-co", &err), MC_OK);
  cr_assert_eq(mc_auth_reset_request(db, a, "canbo1", &err), MC_OK);
  /* A second request within 5 minutes sends nothing more. */
  cr_assert_eq(mc_auth_reset_request(db, a, "canbo1", &err), MC_OK);
  const char *reset = outbox_token();
  cr_assert(reset);
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_OK);
  /* Too short a new password: refused, and the token is not used up. */
  cr_assert_eq(mc_auth_reset_confirm(db, reset, "short", &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "user.weak_password");
  mc_err_clear(&err);
  cr_assert_eq(mc_auth_reset_confirm(db, "not-a-token", "mat-khau-moi", &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "auth.reset_invalid");
  mc_err_clear(&err);
  cr_assert_eq(mc_auth_reset_confirm(db, reset, "mat-khau-moi", &err), MC_OK, "%s", err.message);
  /* Sessions ended; old password gone; new one works; the token was single-use. */
  mc_principal who;
  cr_assert_eq(mc_auth_session(db, a, tok, &who, &err), MC_EUNAUTH);
  mc_err_clear(&err);
  cr_assert_eq(login("canbo1", "mat-khau-1", NULL, NULL, &tok, &err), MC_EUNAUTH);
  mc_err_clear(&err);
  cr_assert_eq(login("canbo1", "mat-khau-moi", NULL, NULL, &tok, &err), MC_OK);
  cr_assert_eq(mc_auth_reset_confirm(db, reset, "mat-khau-khac", &err), MC_EINVAL);
  mc_err_clear(&err);
  /* An issued token expires after reset_ttl. */
  const char *t2;
  cr_assert_eq(mc_auth_reset_issue(db, a, NULL, "canbo1", &t2, &err), MC_OK);
  mc_clock_set_offset(cfg.reset_ttl + 1);
  cr_assert_eq(mc_auth_reset_confirm(db, t2, "mat-khau-khac", &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "auth.reset_invalid");
  mc_err_clear(&err);
}

Test(auth, admins_do_not_take_over_citizen_accounts) {
  mc_err err = {0};
  mc_principal admin = {.user_id = 999, .role = MC_ROLE_ADMIN, .username = "admin"};
  const char *t;
  cr_assert_eq(mc_auth_reset_issue(db, a, &admin, "dan1", &t, &err), MC_EFORBIDDEN);
  cr_assert_str_eq(err.code, "auth.citizen_account");
  mc_err_clear(&err);
  cr_assert_eq(mc_totp_reset(db, &admin, "dan1", &err), MC_EFORBIDDEN);
  mc_err_clear(&err);
  cr_assert_eq(mc_auth_reset_issue(db, a, &admin, "canbo1", &t, &err), MC_OK, "staff accounts: yes");
  cr_assert_eq(mc_auth_reset_issue(db, a, NULL, "dan1", &t, &err), MC_OK, "the operator's CLI: yes");
  mc_audit_report rep;
  cr_assert_eq(mc_audit_verify(db, 0, NULL, &rep, &err), MC_OK);
  cr_assert(rep.ok, "%s", rep.problem);
}
