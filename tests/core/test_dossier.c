/* test_dossier.c — the dossier core on a real database and the real working
 * calendar: deadlines computed by hand (Tết 2025, the 15:00 rule), step
 * deadlines by share, supplement pauses, two supplements, apology letters,
 * the frozen verdict, the end-priority rule, optimistic concurrency,
 * permissions, codes, lists, lookup, attachments, and rollback. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include "harness.h"
#include "province.h"
#include "core/dossier_int.h"
#include "core/audit.h"
#include "core/unit.h"
#include "util/json.h"
#include "util/str.h"

static mc_db *db;
static char *url;
static mc_arena *A;
static mc_err err;
static mc_principal citizen, citizen2, officer, specialist, leader, officer2, prov, admin;
static char data_dir[300];

static mc_time at(int y, int m, int d, int h, int mi) {
  return mc_local_instant(mc_days_from_civil(y, m, d), h * 3600 + mi * 60);
}

static const char *units_json =
  "[{\"code\":\"P\",\"name\":\"Tỉnh Thử\",\"kind\":\"province\"},"
  "{\"code\":\"C1\",\"name\":\"Phường Một\",\"kind\":\"commune\",\"parent_code\":\"P\"},"
  "{\"code\":\"C2\",\"name\":\"Phường Hai\",\"kind\":\"commune\",\"parent_code\":\"P\"},"
  "{\"code\":\"SO\",\"name\":\"Sở Tư pháp\",\"kind\":\"department\",\"parent_code\":\"P\"}]";

#define PROC(code, amount, unit, r1500, online, extra) \
  "{\"code\":\"" code "\",\"name\":\"Thủ tục " code "\",\"field_code\":\"ho_tich\",\"field_name\":\"Hộ tịch\"," \
  "\"level\":\"commune\",\"unit_kinds\":[\"commune\"],\"time_amount\":" #amount ",\"time_unit\":\"" unit "\"," \
  "\"rule_1500\":" #r1500 ",\"online_level\":\"" online "\",\"result_type\":\"both\",\"citizen_kind\":\"citizen\"," \
  "\"components\":[{\"code\":\"to_khai\",\"name\":\"Tờ khai\",\"required\":true}," \
  "{\"code\":\"giay_to\",\"name\":\"Giấy tờ khác\",\"required\":false}]," \
  "\"eform\":{\"fields\":[{\"name\":\"ho_ten\",\"label\":\"Họ và tên\",\"type\":\"text\",\"required\":true}]}" extra "}"

static const char *procs_json =
  "[" PROC("T3", 3, "working_days", false, "full", "") ","
  PROC("T1R", 1, "working_days", true, "full", "") ","
  PROC("OFF", 3, "working_days", false, "none", "") ","
  PROC("FEE", 2, "working_days", false, "partial",
       ",\"fees\":[{\"code\":\"le_phi\",\"name\":\"Lệ phí\",\"amount\":8000,\"kind\":\"le_phi\"}]") "]";

static int64_t unit_id(const char *code) { return th_unit_id(db, A, code); }

static void user(mc_principal *p, const char *name, mc_role role, const char *unit, const char *idn,
                 const char *phone) {
  th_user(db, A, p, name, name, role, unit, idn, phone);
}

static void setup(void) {
  A = mc_arena_new(0);
  db = th_province_open(units_json, procs_json, &url);
  user(&citizen, "congdan1", MC_ROLE_CITIZEN, NULL, "001090012345", "0912345678");
  user(&citizen2, "congdan2", MC_ROLE_CITIZEN, NULL, "001190054321", "0987654321");
  user(&officer, "motcua.c1", MC_ROLE_OFFICER, "C1", NULL, NULL);
  user(&specialist, "chuyenvien.c1", MC_ROLE_SPECIALIST, "C1", NULL, NULL);
  user(&leader, "lanhdao.c1", MC_ROLE_UNIT_LEADER, "C1", NULL, NULL);
  user(&officer2, "motcua.c2", MC_ROLE_OFFICER, "C2", NULL, NULL);
  user(&prov, "lanhdao.tinh", MC_ROLE_PROVINCE_LEADER, "P", NULL, NULL);
  user(&admin, "quantri", MC_ROLE_ADMIN, "P", NULL, NULL);
  th_temp_dir(data_dir, sizeof data_dir, "files");
}

static void teardown(void) {
  mc_db_close(db);
  mc_arena_free(A);
  mc_err_clear(&err);
  free(url);
}

TestSuite(dossier, .init = setup, .fini = teardown);

static mc_dossier *submit_at(const mc_principal *who, const char *proc, mc_time t) {
  return th_submit(db, A, who, proc, t);
}

static void act_ok(const mc_principal *who, mc_dossier *d, mc_daction a, mc_time t, const char *reason) {
  mc_act_params p = {.at = t, .reason = reason};
  cr_assert_eq(mc_dossier_act(db, A, who, d, a, &p, &err), MC_OK, "%s: %s %s", mc_daction_name(a), err.code,
               err.message);
}

static mc_rc act_try(const mc_principal *who, mc_dossier *d, mc_daction a, const mc_act_params *p) {
  mc_err_clear(&err);
  return mc_dossier_act(db, A, who, d, a, p, &err);
}

static mc_dossier *reload(const mc_dossier *d) {
  mc_dossier *x;
  cr_assert_eq(mc_dossier_get(db, A, d->code, &x, &err), MC_OK, "%s", err.message);
  return x;
}

static json_t *detail(const mc_principal *who, const mc_dossier *d) {
  json_t *j;
  cr_assert_eq(mc_dossier_detail(db, A, who, d, false, &j, &err), MC_OK, "%s", err.message);
  return mc_json_keep(A, j);
}

static const char *step_due(json_t *dj, int i) {
  return json_string_value(json_object_get(json_array_get(json_object_get(dj, "steps"), (size_t)i), "due_at"));
}

static mc_time_left left_at(const mc_dossier *d, mc_time now) {
  const mc_calendar *cal;
  cr_assert_eq(mc_calendar_get(db, &cal, &err), MC_OK, "%s", err.message);
  mc_time_left t;
  mc_dossier_time_left(cal, d, now, -1, &t);
  mc_calendar_put(cal);
  return t;
}

/* Working day = 07:30–11:30 + 13:30–17:00 = 7.5 h = 27,000 s.
 * Tết 2025: days off Sat 25 Jan – Sun 2 Feb (27–31 Jan holidays + weekends).
 * "T3" = 3 working days, the default workflow: xu_ly (specialist, 0.6) then
 * phe_duyet (unit leader, 0.3), both at the handling unit.
 *
 * Received Fri 24 Jan 10:00. N working days = the same clock time on the
 * N-th next working day: the next working days are Mon 3 Feb (1), Tue 4 Feb
 * (2), Wed 5 Feb (3) → due Wed 2025-02-05 10:00. The dossier's working time
 * is 3 × 27,000 = 81,000 s.
 * Step xu_ly: 0.6 × 81,000 = 48,600 s = 13.5 h from Fri 10:00: Fri 10:00–11:30
 * and 13:30–17:00 = 5 h; Mon 3 Feb 7.5 h (12.5 h); 1 h more on Tue 4 Feb from
 * 07:30 → Tue 2025-02-04 08:30.
 * Forwarded Mon 3 Feb 09:00 (on time). Step phe_duyet: 0.3 × 81,000 = 24,300 s
 * = 6.75 h from Mon 09:00: Mon 09:00–11:30 2.5 h + 13:30–17:00 3.5 h = 6 h;
 * 0.75 h on Tue from 07:30 → Tue 2025-02-04 08:15. Approved Tue 09:00: the step
 * is late, the dossier processed (9) on time. Handling time Fri 10:00 → Tue
 * 09:00 = 5 h + 7.5 h + 1.5 h = 14 h = 50,400 s. Returned Wed 5 Feb 14:00, after
 * the due time: the end stays the processing (9), so the dossier is on time. */
Test(dossier, tet_deadline_steps_and_end_priority) {
  mc_dossier *d = submit_at(&citizen, "T3", at(2025, 1, 23, 20, 0));
  cr_assert_eq(d->state, MC_DS_SUBMITTED);
  cr_assert_eq(d->status, 1);
  cr_assert_eq(d->channel, 2);
  cr_assert_eq(d->owner_user_id, citizen.user_id);
  cr_assert_not(d->on_behalf);
  act_ok(&officer, d, MC_DA_RECEIVE, at(2025, 1, 24, 10, 0), NULL);
  cr_assert_eq(d->state, MC_DS_RECEIVED);
  cr_assert_eq(d->status, 2);
  cr_assert_eq(d->due_at, at(2025, 2, 5, 10, 0));
  cr_assert_eq(d->allowed_work_seconds, 81000);
  cr_assert_str_eq(d->step_code, "xu_ly");
  cr_assert_eq(d->step_unit_id, unit_id("C1"));
  json_t *dj = detail(&officer, d);
  cr_assert_str_eq(step_due(dj, 1), "2025-02-04T08:30:00+07:00");
  cr_assert(json_is_null(json_object_get(json_array_get(json_object_get(dj, "steps"), 0), "due_at")));
  /* The open step shows its own time left: as of today (the real clock) long past. */
  json_t *tl = json_object_get(json_array_get(json_object_get(dj, "steps"), 1), "time_left");
  cr_assert(json_is_true(json_object_get(tl, "late")));
  cr_assert_null(json_object_get(json_array_get(json_object_get(dj, "steps"), 0), "time_left"));

  act_ok(&specialist, d, MC_DA_FORWARD, at(2025, 2, 3, 9, 0), NULL);
  cr_assert_eq(d->state, MC_DS_PROCESSING);
  cr_assert_eq(d->status, 4);
  cr_assert_str_eq(d->step_role, "unit_leader");
  dj = detail(&leader, d);
  cr_assert_str_eq(step_due(dj, 2), "2025-02-04T08:15:00+07:00");

  act_ok(&leader, d, MC_DA_FORWARD, at(2025, 2, 4, 9, 0), NULL);
  cr_assert_eq(d->state, MC_DS_PROCESSED);
  cr_assert_eq(d->status, 9);
  cr_assert_eq(d->ended_at, at(2025, 2, 4, 9, 0));
  cr_assert_eq(d->end_status, 9);
  cr_assert_eq(d->on_time, 1);
  cr_assert_eq(d->handling_seconds, 50400);
  cr_assert_str_eq(d->step_code, "tra_ket_qua");

  act_ok(&officer, d, MC_DA_RETURN_RESULT, at(2025, 2, 5, 14, 0), NULL);
  d = reload(d);
  cr_assert_eq(d->state, MC_DS_RETURNED);
  cr_assert_eq(d->status, 10);
  cr_assert_eq(d->ended_at, at(2025, 2, 4, 9, 0), "processed (9) outranks returned (10)");
  cr_assert_eq(d->end_status, 9);
  cr_assert_eq(d->on_time, 1);
  cr_assert_null(d->step_code);

  dj = detail(&citizen, d);
  json_t *steps = json_object_get(dj, "steps");
  cr_assert_eq(json_array_size(steps), 4);   /* reception, xu_ly, phe_duyet, return */
  cr_assert(json_is_true(json_object_get(json_array_get(steps, 1), "on_time")));
  cr_assert(json_is_false(json_object_get(json_array_get(steps, 2), "on_time")));
  cr_assert_eq(json_array_size(json_object_get(dj, "events")), 5);
  cr_assert_eq(json_array_size(json_object_get(dj, "allowed")), 1);  /* rate */

  mc_dossier_facts f;
  mc_dossier_facts_of(d, &f);
  cr_assert_eq(f.status, 10);
  cr_assert_eq(f.end_status, 9);
  cr_assert_eq(f.ended_at, at(2025, 2, 4, 9, 0));
  cr_assert_eq(f.effective_due_at, at(2025, 2, 5, 10, 0));
  cr_assert_eq(f.on_time, 1);
  cr_assert_eq(f.handling_seconds, 50400);
  cr_assert_eq(f.unit_id, unit_id("C1"));
}

/* The 15:00 rule ("T1R": 1 working day): received Fri 24 Jan 15:30 → counted
 * from the next working day's first session, Mon 3 Feb 07:30 → due Tue 4 Feb
 * 07:30. Received at 14:59 the same day → same clock on the next working day,
 * Mon 3 Feb 14:59. */
Test(dossier, rule_1500) {
  mc_dossier *late = submit_at(&citizen, "T1R", at(2025, 1, 24, 15, 0));
  act_ok(&officer, late, MC_DA_RECEIVE, at(2025, 1, 24, 15, 30), NULL);
  cr_assert_eq(late->due_at, at(2025, 2, 4, 7, 30));
  mc_dossier *early = submit_at(&citizen, "T1R", at(2025, 1, 24, 14, 0));
  act_ok(&officer, early, MC_DA_RECEIVE, at(2025, 1, 24, 14, 59), NULL);
  cr_assert_eq(early->due_at, at(2025, 2, 3, 14, 59));
}

/* Received Mon 3 Mar 2025 08:00 (no holiday near): due Thu 6 Mar 08:00.
 * Supplement requested Tue 4 Mar 09:00, completed Wed 5 Mar 09:00: 86,400 s
 * paused → effective due Fri 7 Mar 08:00. While paused the time left is what
 * was left at the request: Tue 09:00 → Thu 08:00 = 6 h + 7.5 h + 0.5 h = 14 h
 * = 1 working day 6 h 30 min. xu_ly's deadline (13.5 h from Mon 08:00: Mon
 * 7 h, Tue 07:30 + 6.5 h → Tue 16:00) moves by the pause to Wed 16:00.
 * Processed Fri 7 Mar 07:45 ≤ Fri 08:00 → on time. Handling time: Mon 08:00 →
 * Fri 07:45 = 7 + 7.5 + 7.5 + 7.5 + 0.25 h = 29.75 h, minus the paused working
 * time Tue 09:00 → Wed 09:00 = 6 + 1.5 h = 7.5 h → 22.25 h = 80,100 s. */
Test(dossier, supplement_pause_shifts_the_deadline) {
  mc_dossier *d = submit_at(&citizen, "T3", at(2025, 3, 2, 20, 0));
  act_ok(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 8, 0), NULL);
  cr_assert_eq(d->due_at, at(2025, 3, 6, 8, 0));
  cr_assert_eq(act_try(&specialist, d, MC_DA_REQUEST_SUPPLEMENT, &(mc_act_params){.at = at(2025, 3, 4, 9, 0)}),
               MC_EINVAL);
  cr_assert_str_eq(err.code, "dossier.reason_required");
  act_ok(&specialist, d, MC_DA_REQUEST_SUPPLEMENT, at(2025, 3, 4, 9, 0), "Thiếu bản sao giấy khai sinh");
  cr_assert_eq(d->state, MC_DS_SUPPLEMENT);
  cr_assert_eq(d->status, 5);
  cr_assert_eq(d->supplements, 1);
  mc_dossier_facts f;
  mc_dossier_facts_of(d, &f);
  cr_assert_eq(f.effective_due_at, INT64_MAX);
  mc_time_left t = left_at(d, at(2025, 3, 5, 8, 0));
  cr_assert(t.paused);
  cr_assert_not(t.late);
  cr_assert_eq(t.seconds, 50400);
  cr_assert_eq(t.days, 1);
  cr_assert_eq(t.hours, 6);
  cr_assert_eq(t.minutes, 30);
  cr_assert_str_eq(t.text_vi, "tạm dừng chờ bổ sung (còn 1 ngày 6 giờ)");
  /* The specialist may not complete it; the owner may. */
  cr_assert_eq(act_try(&specialist, d, MC_DA_COMPLETE_SUPPLEMENT, &(mc_act_params){0}), MC_EFORBIDDEN);
  act_ok(&citizen, d, MC_DA_COMPLETE_SUPPLEMENT, at(2025, 3, 5, 9, 0), NULL);
  cr_assert_eq(d->state, MC_DS_PROCESSING);
  cr_assert_eq(d->paused_seconds, 86400);
  cr_assert_eq(d->paused_work_seconds, 27000);
  cr_assert_eq(mc_dossier_effective_due(d), at(2025, 3, 7, 8, 0));
  cr_assert_str_eq(step_due(detail(&specialist, d), 1), "2025-03-05T16:00:00+07:00");
  /* Thu 6 Mar 10:00 is after the return date but before the effective one. */
  t = left_at(d, at(2025, 3, 6, 10, 0));
  cr_assert_not(t.late);
  cr_assert(t.soon, "less than a working day left");
  cr_assert_eq(t.seconds, 19800);   /* Thu 10:00–11:30 and 13:30–17:00 (5 h) + Fri 07:30–08:00 */
  cr_assert_str_eq(t.text_vi, "còn 5 giờ");
  act_ok(&specialist, d, MC_DA_FORWARD, at(2025, 3, 6, 10, 0), NULL);
  act_ok(&leader, d, MC_DA_FORWARD, at(2025, 3, 7, 7, 45), NULL);
  cr_assert_eq(d->on_time, 1);
  cr_assert_eq(d->late_seconds, 0);
  cr_assert_eq(d->handling_seconds, 80100);
}

Test(dossier, two_supplements_make_it_late) {
  mc_dossier *d = submit_at(&citizen, "T3", at(2025, 3, 2, 20, 0));
  act_ok(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 8, 0), NULL);
  act_ok(&specialist, d, MC_DA_REQUEST_SUPPLEMENT, at(2025, 3, 3, 9, 0), "Thiếu tờ khai");
  act_ok(&citizen, d, MC_DA_COMPLETE_SUPPLEMENT, at(2025, 3, 3, 10, 0), NULL);
  act_ok(&specialist, d, MC_DA_REQUEST_SUPPLEMENT, at(2025, 3, 3, 11, 0), "Tờ khai chưa ký");
  act_ok(&officer, d, MC_DA_COMPLETE_SUPPLEMENT, at(2025, 3, 3, 14, 0), NULL);   /* at the desk */
  cr_assert_eq(d->supplements, 2);
  cr_assert_eq(d->paused_seconds, 3600 + 3 * 3600);
  act_ok(&specialist, d, MC_DA_FORWARD, at(2025, 3, 3, 15, 0), NULL);
  act_ok(&leader, d, MC_DA_FORWARD, at(2025, 3, 3, 16, 0), NULL);
  cr_assert_eq(d->on_time, 0, "two supplement requests make a dossier late");
  cr_assert_eq(d->late_seconds, 0);
  mc_time_left t = left_at(d, at(2025, 3, 3, 16, 0));
  cr_assert(t.ended && t.late);
  cr_assert_str_eq(t.text_vi, "trễ hạn (yêu cầu bổ sung 2 lần)");
}

/* Due Thu 6 Mar 08:00; an apology letter on Wed promises Mon 10 Mar; the
 * result comes Fri 7 Mar 10:00: late against the original date, by Thu
 * 08:00–17:00 (7 h) + Fri 07:30–10:00 (2.5 h) = 9.5 h = 1 day 2 h. */
Test(dossier, apology_keeps_the_original_date) {
  mc_dossier *d = submit_at(&citizen, "T3", at(2025, 3, 2, 20, 0));
  act_ok(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 8, 0), NULL);
  mc_act_params p = {.at = at(2025, 3, 5, 9, 0), .reason = "Chờ xác minh", .new_due = at(2025, 3, 6, 7, 0)};
  cr_assert_eq(act_try(&specialist, d, MC_DA_APOLOGY, &p), MC_EINVAL);
  cr_assert_str_eq(err.code, "dossier.bad_due");
  p.new_due = at(2025, 3, 10, 17, 0);
  cr_assert_eq(act_try(&citizen, d, MC_DA_APOLOGY, &p), MC_EFORBIDDEN);
  cr_assert_eq(act_try(&specialist, d, MC_DA_APOLOGY, &p), MC_OK, "%s", err.message);
  cr_assert_eq(d->state, MC_DS_RECEIVED, "an apology changes no state");
  cr_assert_eq(d->apology_due_at, at(2025, 3, 10, 17, 0));
  cr_assert_eq(d->due_at, at(2025, 3, 6, 8, 0));
  act_ok(&specialist, d, MC_DA_FORWARD, at(2025, 3, 6, 9, 0), NULL);
  act_ok(&leader, d, MC_DA_FORWARD, at(2025, 3, 7, 10, 0), NULL);
  cr_assert_eq(d->on_time, 0);
  cr_assert_eq(d->late_seconds, 34200);
  mc_time_left t = left_at(d, at(2025, 3, 8, 0, 0));
  cr_assert_str_eq(t.text_vi, "trễ hạn 1 ngày 2 giờ");
}

/* A verdict is frozen at the end; an open dossier keeps its fixed return
 * date and only its time left follows a calendar change. */
Test(dossier, verdict_frozen_after_calendar_change) {
  mc_dossier *done = submit_at(&citizen, "T3", at(2025, 3, 2, 20, 0));
  act_ok(&officer, done, MC_DA_RECEIVE, at(2025, 3, 3, 8, 0), NULL);
  act_ok(&specialist, done, MC_DA_FORWARD, at(2025, 3, 5, 9, 0), NULL);
  act_ok(&leader, done, MC_DA_FORWARD, at(2025, 3, 6, 10, 0), NULL);   /* due Thu 08:00: late by 2 h */
  cr_assert_eq(done->on_time, 0);
  cr_assert_eq(done->late_seconds, 7200);
  int64_t handling = done->handling_seconds;
  cr_assert_eq(handling, 88200);   /* Mon 7 h, Tue and Wed 7.5 h each, Thu 07:30–10:00 2.5 h */

  mc_dossier *open = submit_at(&citizen, "T3", at(2025, 3, 2, 21, 0));
  act_ok(&officer, open, MC_DA_RECEIVE, at(2025, 3, 3, 8, 0), NULL);
  /* Tue 12:00 → Thu 08:00 = 3.5 + 7.5 + 0.5 h. */
  cr_assert_eq(left_at(open, at(2025, 3, 4, 12, 0)).seconds, 41400);

  static const char ov[] = "[{\"date\":\"2025-03-05\",\"kind\":\"off\",\"name\":\"Nghỉ thử\",\"document\":\"QĐ 1/2025\"}]";
  int n;
  cr_assert_eq(mc_calendar_import(db, "json", ov, strlen(ov), &n, &err), MC_OK, "%s", err.message);
  mc_calendar_changed();

  mc_dossier *again = reload(done);
  cr_assert_eq(again->on_time, 0);
  cr_assert_eq(again->handling_seconds, handling, "handling time frozen");
  cr_assert_eq(again->late_seconds, 7200);
  mc_dossier *o2 = reload(open);
  cr_assert_eq(o2->due_at, at(2025, 3, 6, 8, 0), "the return date is fixed at reception");
  cr_assert_eq(left_at(o2, at(2025, 3, 4, 12, 0)).seconds, 14400, "Wed is now off: 3.5 + 0.5 h left");
}

Test(dossier, final_events_and_pauses) {
  mc_dossier *r = submit_at(&citizen, "T3", at(2025, 3, 3, 8, 0));
  cr_assert_eq(act_try(&officer, r, MC_DA_REFUSE, &(mc_act_params){0}), MC_EINVAL);
  act_ok(&officer, r, MC_DA_REFUSE, at(2025, 3, 3, 9, 0), "Không thuộc thẩm quyền");
  cr_assert_eq(r->status, 3);
  cr_assert_eq(r->end_status, 3);
  cr_assert_eq(r->ended_at, at(2025, 3, 3, 9, 0));
  cr_assert_eq(r->received_at, 0);
  cr_assert_eq(r->on_time, 1);

  mc_dossier *w = submit_at(&citizen, "T3", at(2025, 3, 3, 8, 0));
  act_ok(&officer, w, MC_DA_RECEIVE, at(2025, 3, 3, 8, 0), NULL);
  act_ok(&specialist, w, MC_DA_REQUEST_SUPPLEMENT, at(2025, 3, 3, 9, 0), "Thiếu giấy tờ");
  cr_assert_eq(act_try(&citizen2, w, MC_DA_WITHDRAW, &(mc_act_params){0}), MC_EFORBIDDEN);
  act_ok(&citizen, w, MC_DA_WITHDRAW, at(2025, 3, 3, 10, 0), NULL);
  cr_assert_eq(w->status, 7);
  cr_assert_eq(w->end_status, 7);
  cr_assert_eq(w->paused_since, 0, "a final event closes the pause");
  cr_assert_eq(w->paused_seconds, 3600);
  cr_assert_null(w->step_code);
  cr_assert_eq(act_try(&citizen, w, MC_DA_WITHDRAW, &(mc_act_params){0}), MC_ECONFLICT);
  cr_assert_str_eq(err.code, "dossier.invalid_transition");

  mc_dossier *s = submit_at(&officer, "T3", at(2025, 3, 3, 8, 0));
  cr_assert(s->on_behalf);
  cr_assert_eq(s->channel, 1);
  act_ok(&officer, s, MC_DA_RECEIVE, at(2025, 3, 3, 8, 5), NULL);
  cr_assert_eq(act_try(&specialist, s, MC_DA_STOP, &(mc_act_params){.reason = "x"}), MC_EFORBIDDEN);
  act_ok(&leader, s, MC_DA_STOP, at(2025, 3, 4, 8, 0), "Hồ sơ giả mạo");
  cr_assert_eq(s->status, 8);
  cr_assert_eq(s->end_status, 8);
}

Test(dossier, optimistic_concurrency) {
  mc_dossier *d = submit_at(&citizen, "T3", at(2025, 3, 3, 8, 0));
  mc_dossier stale = *d;
  act_ok(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 8, 5), NULL);
  /* The same transition from the same version again: refused, nothing written. */
  cr_assert_eq(act_try(&officer, &stale, MC_DA_RECEIVE, &(mc_act_params){.at = at(2025, 3, 3, 8, 6)}), MC_ECONFLICT);
  cr_assert_str_eq(err.code, "dossier.conflict");
  cr_assert_eq(reload(d)->version, 2);
  cr_assert_eq(json_array_size(json_object_get(detail(&officer, d), "events")), 2);
  cr_assert_eq(act_try(&specialist, d, MC_DA_FORWARD, &(mc_act_params){.expected_version = 1}), MC_ECONFLICT);
  cr_assert_str_eq(err.code, "dossier.conflict");
}

typedef struct racer { const char *code; const mc_principal *who; pthread_barrier_t *bar; mc_rc rc; char ecode[64]; } racer;

static void *race(void *p) {
  racer *r = p;
  mc_db *c = NULL;
  mc_err e = {0};
  mc_arena *a = mc_arena_new(0);
  mc_dossier *d = NULL;
  mc_rc rc = mc_db_open(url, &c, &e);
  if (!rc) rc = mc_dossier_get(c, a, r->code, &d, &e);
  pthread_barrier_wait(r->bar);   /* both hold version 1 */
  r->rc = rc ? rc : mc_dossier_act(c, a, r->who, d, MC_DA_RECEIVE, NULL, &e);
  mc_strlcpy(r->ecode, e.code, sizeof r->ecode);
  mc_err_clear(&e);
  mc_db_close(c);
  mc_arena_free(a);
  return NULL;
}

Test(dossier, two_connections_same_version_exactly_one_wins) {
  mc_dossier *d = submit_at(&citizen, "T3", at(2025, 3, 3, 8, 0));
  pthread_barrier_t bar;
  pthread_barrier_init(&bar, NULL, 2);
  racer r[2] = {{d->code, &officer, &bar, 0, ""}, {d->code, &officer, &bar, 0, ""}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, race, &r[i]);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  pthread_barrier_destroy(&bar);
  cr_assert_eq((r[0].rc == MC_OK) + (r[1].rc == MC_OK), 1, "rc %d %d", r[0].rc, r[1].rc);
  const char *loser = r[0].rc ? r[0].ecode : r[1].ecode;
  cr_assert_str_eq(loser, "dossier.conflict");
  mc_dossier *x = reload(d);
  cr_assert_eq(x->version, 2);
  cr_assert_eq(json_array_size(json_object_get(detail(&officer, x), "events")), 2);
}

Test(dossier, who_sees_and_acts) {
  mc_dossier *d = submit_at(&citizen, "T3", at(2025, 3, 3, 8, 0)), *x;
  cr_assert_eq(act_try(&officer2, d, MC_DA_RECEIVE, &(mc_act_params){0}), MC_EFORBIDDEN);
  cr_assert_str_eq(err.code, "dossier.not_your_turn");
  cr_assert_eq(act_try(&specialist, d, MC_DA_RECEIVE, &(mc_act_params){0}), MC_EFORBIDDEN);
  cr_assert_eq(act_try(&admin, d, MC_DA_RECEIVE, &(mc_act_params){0}), MC_EFORBIDDEN);
  cr_assert_eq(act_try(&prov, d, MC_DA_RECEIVE, &(mc_act_params){0}), MC_EFORBIDDEN);
  mc_err_clear(&err);
  cr_assert_eq(mc_dossier_open(db, A, &citizen2, d->code, &x, &err), MC_ENOTFOUND);
  mc_err_clear(&err);
  cr_assert_eq(mc_dossier_open(db, A, &officer2, d->code, &x, &err), MC_ENOTFOUND);
  mc_err_clear(&err);
  cr_assert_eq(mc_dossier_open(db, A, &citizen, d->code, &x, &err), MC_OK);
  cr_assert_eq(mc_dossier_open(db, A, &specialist, d->code, &x, &err), MC_OK);
  cr_assert_eq(mc_dossier_open(db, A, &prov, d->code, &x, &err), MC_OK);
  cr_assert_eq(mc_dossier_open(db, A, &admin, d->code, &x, &err), MC_OK);
  /* The unit leader of the province sees the subtree. */
  mc_principal pl = prov;
  pl.role = MC_ROLE_UNIT_LEADER;
  cr_assert_eq(mc_dossier_open(db, A, &pl, d->code, &x, &err), MC_OK);
  cr_assert_eq(mc_dossier_allowed(&officer, d), (1u << MC_DA_RECEIVE) | (1u << MC_DA_REFUSE) |
               (1u << MC_DA_REQUEST_SUPPLEMENT) | (1u << MC_DA_TRANSFER) | (1u << MC_DA_WITHDRAW));
  cr_assert_eq(mc_dossier_allowed(&citizen, d), 1u << MC_DA_WITHDRAW);
  cr_assert_eq(mc_dossier_allowed(&citizen2, d), 0u);
  /* Wrong desk: the dossier moves to C2, whose officer then receives it; C1
   * keeps seeing it (it held it). */
  mc_act_params p = {.to_unit = "NOPE"};
  cr_assert_eq(act_try(&officer, d, MC_DA_TRANSFER, &p), MC_EINVAL);
  cr_assert_str_eq(err.code, "dossier.unit_unknown");
  cr_assert_eq(reload(d)->version, 1, "a failed action writes nothing");
  p.to_unit = "SO";
  cr_assert_eq(act_try(&officer, d, MC_DA_TRANSFER, &p), MC_EINVAL);
  cr_assert_str_eq(err.code, "dossier.unit_kind");
  p.to_unit = "C2";
  cr_assert_eq(act_try(&officer, d, MC_DA_TRANSFER, &p), MC_OK, "%s", err.message);
  cr_assert_eq(d->receiving_unit_id, unit_id("C2"));
  cr_assert_eq(d->handling_unit_id, unit_id("C2"));
  cr_assert_eq(act_try(&officer, d, MC_DA_RECEIVE, &(mc_act_params){0}), MC_EFORBIDDEN);
  cr_assert_eq(act_try(&officer2, d, MC_DA_RECEIVE, &(mc_act_params){0}), MC_OK, "%s", err.message);
  cr_assert_eq(mc_dossier_open(db, A, &officer, d->code, &x, &err), MC_OK);
}

Test(dossier, codes_from_the_pattern) {
  mc_dossier *a1 = submit_at(&citizen, "T3", at(2025, 1, 23, 9, 0));
  mc_dossier *a2 = submit_at(&citizen, "T3", at(2025, 1, 23, 23, 59));
  mc_dossier *b1 = submit_at(&citizen, "T3", at(2025, 1, 24, 0, 0));
  cr_assert_str_eq(a1->code, "C1-250123-0001");
  cr_assert_str_eq(a2->code, "C1-250123-0002");
  cr_assert_str_eq(b1->code, "C1-250124-0001", "a new day starts a new sequence");
  cr_assert_eq(mc_db_exec(db, "meta.setting_put", &err, "ss", "dossier.code_pattern",
                          "000.00.01.H22-{yyyy}{mm}{dd}-{proc}-{seq:5}"), MC_OK);
  cr_assert_str_eq(submit_at(&citizen, "T3", at(2025, 1, 24, 8, 0))->code, "000.00.01.H22-20250124-T3-00001");
  cr_assert_eq(mc_db_exec(db, "meta.setting_put", &err, "ss", "dossier.code_pattern", "{unit}-{oops}-{seq:4}"), MC_OK);
  json_t *form = json_pack("{s:s}", "ho_ten", "A");
  mc_dossier_new in = {.procedure_code = "T3", .unit_code = "C1", .form = form, .at = at(2025, 1, 24, 9, 0)};
  mc_dossier *d;
  cr_assert_eq(mc_dossier_submit(db, A, &citizen, &in, &d, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "dossier.bad_code_pattern");
  json_decref(form);
  char buf[80];
  mc_err e = {0};
  cr_assert_eq(mc_dossier_render_code("{yy}{mm}/{unit}/{seq}", "X", "P", at(2025, 7, 1, 8, 0), 12, buf, sizeof buf, &e), MC_OK);
  cr_assert_str_eq(buf, "2507/X/12");
  cr_assert_eq(mc_dossier_render_code("{unit}-{yymmdd}", "X", "P", 0, 1, buf, sizeof buf, &e), MC_EINVAL);
  mc_err_clear(&e);
}

Test(dossier, submission_errors) {
  json_t *form = json_pack("{s:s}", "ho_ten", "A"), *bad = json_pack("{s:i, s:s}", "ho_ten", 5, "la", "x");
  mc_dossier_new in = {.procedure_code = "NOPE", .unit_code = "C1", .form = form};
  mc_dossier *d;
  cr_assert_eq(mc_dossier_submit(db, A, &citizen, &in, &d, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "procedure.unknown");
  mc_err_clear(&err);
  in.procedure_code = "OFF";
  cr_assert_eq(mc_dossier_submit(db, A, &citizen, &in, &d, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "dossier.not_online");
  mc_err_clear(&err);
  in.procedure_code = "T3";
  in.form = bad;
  cr_assert_eq(mc_dossier_submit(db, A, &citizen, &in, &d, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "eform.invalid");
  cr_assert_eq(json_array_size(json_object_get(err.detail, "fields")), 2);
  mc_err_clear(&err);
  in.form = form;
  in.unit_code = "SO";
  cr_assert_eq(mc_dossier_submit(db, A, &citizen, &in, &d, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "dossier.unit_kind");
  mc_err_clear(&err);
  in.unit_code = NULL;
  cr_assert_eq(mc_dossier_submit(db, A, &officer, &in, &d, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "dossier.bad_applicant");
  mc_err_clear(&err);
  cr_assert_eq(mc_dossier_submit(db, A, &specialist, &in, &d, &err), MC_EFORBIDDEN);
  mc_err_clear(&err);
  /* An officer's dossier for a citizen with an account belongs to that account. */
  in.applicant = (mc_applicant){.name = "Người Thứ Hai", .id_number = "001190054321"};
  cr_assert_eq(mc_dossier_submit(db, A, &officer, &in, &d, &err), MC_OK, "%s", err.message);
  cr_assert_eq(d->owner_user_id, citizen2.user_id);
  cr_assert_eq(d->submitted_by, officer.user_id);
  json_decref(form);
  json_decref(bad);
}

Test(dossier, lists_inbox_and_lookup) {
  mc_dossier *a = submit_at(&citizen, "T3", at(2025, 3, 3, 8, 0));
  mc_dossier *b = submit_at(&citizen, "T1R", at(2025, 3, 3, 8, 0));
  mc_dossier *c = submit_at(&citizen2, "T3", at(2025, 3, 3, 8, 0));
  act_ok(&officer, a, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL);
  act_ok(&officer, b, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL);
  (void)c;
  json_t *items;
  int64_t total;
  mc_dossier_filter f = {.limit = 10};
  cr_assert_eq(mc_dossiers_list(db, A, &officer, &f, &items, &total, &err), MC_OK, "%s", err.message);
  cr_assert_eq(total, 1, "the desk still holds one");
  json_decref(items);
  cr_assert_eq(mc_dossiers_list(db, A, &specialist, &f, &items, &total, &err), MC_OK);
  cr_assert_eq(total, 2);
  /* Most urgent first: b is due Tue 4 Mar, a Thu 6 Mar. */
  cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 0), "code")), b->code);
  json_decref(items);
  cr_assert_eq(mc_dossiers_list(db, A, &leader, &f, &items, &total, &err), MC_OK);
  cr_assert_eq(total, 3);
  json_decref(items);
  f.late = true;   /* now (the real clock) is long after March 2025 */
  cr_assert_eq(mc_dossiers_list(db, A, &leader, &f, &items, &total, &err), MC_OK);
  cr_assert_eq(total, 2);
  json_decref(items);
  f.late = false;
  f.q = "-0002";
  cr_assert_eq(mc_dossiers_list(db, A, &leader, &f, &items, &total, &err), MC_OK);
  cr_assert_eq(total, 1);
  json_decref(items);
  f.q = NULL;
  cr_assert_eq(mc_dossiers_list(db, A, &citizen, &f, &items, &total, &err), MC_OK);
  cr_assert_eq(total, 2);
  json_decref(items);
  f.scope = "all";
  cr_assert_eq(mc_dossiers_list(db, A, &citizen, &f, &items, &total, &err), MC_EFORBIDDEN);
  mc_err_clear(&err);

  json_t *j;
  cr_assert_eq(mc_dossier_lookup(db, A, a->code, "+84 912 345 678", &j, &err), MC_OK, "%s", err.message);
  cr_assert_eq(json_integer_value(json_object_get(j, "status")), 2);
  cr_assert_str_eq(json_string_value(json_object_get(j, "status_label")), "Được tiếp nhận");
  cr_assert_null(json_object_get(j, "applicant"));
  cr_assert_eq(json_array_size(json_object_get(j, "steps")), 2);
  json_decref(j);
  cr_assert_eq(mc_dossier_lookup(db, A, a->code, "001090012345", &j, &err), MC_OK);
  json_decref(j);
  cr_assert_eq(mc_dossier_lookup(db, A, a->code, "0987654321", &j, &err), MC_ENOTFOUND);
  mc_err_clear(&err);
}

Test(dossier, attachments_set_the_flags) {
  static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  mc_dossier *d = submit_at(&citizen, "T3", at(2025, 3, 3, 8, 0));
  mc_attach_new in = {.kind = MC_ATT_COMPONENT, .component = "giay_to", .name = "giấy tờ.pdf",
                      .content_type = "application/pdf", .data = pdf, .len = sizeof pdf - 1, .digitised = true};
  int64_t id;
  cr_assert_eq(mc_dossier_attach(db, A, data_dir, &citizen, d, &in, &id, &err), MC_OK, "%s", err.message);
  cr_assert_not(d->digitised, "the required component is still missing");
  in.component = "to_khai";
  in.reused = true;
  cr_assert_eq(mc_dossier_attach(db, A, data_dir, &citizen, d, &in, &id, &err), MC_OK, "%s", err.message);
  cr_assert(d->digitised);
  cr_assert(d->reused);
  cr_assert(d->store_linked);
  in.component = "khong_co";
  cr_assert_eq(mc_dossier_attach(db, A, data_dir, &citizen, d, &in, &id, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "dossier.unknown_component");
  mc_err_clear(&err);
  in.kind = MC_ATT_RESULT;
  in.component = NULL;
  cr_assert_eq(mc_dossier_attach(db, A, data_dir, &citizen, d, &in, &id, &err), MC_ECONFLICT);
  mc_err_clear(&err);
  act_ok(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL);
  cr_assert_eq(mc_dossier_attach(db, A, data_dir, &specialist, d, &in, &id, &err), MC_OK, "%s", err.message);
  cr_assert(d->e_result);
  const void *data;
  size_t len;
  const char *type, *name;
  cr_assert_eq(mc_dossier_attachment(db, A, data_dir, &specialist, d, id, &data, &len, &type, &name, &err), MC_OK);
  cr_assert_eq(len, sizeof pdf - 1);
  cr_assert_str_eq(type, "application/pdf");
  in.data = "not a pdf";
  in.len = 9;
  cr_assert_eq(mc_dossier_attach(db, A, data_dir, &specialist, d, &in, &id, &err), MC_EUNSUPPORTED);
  mc_err_clear(&err);
  cr_assert_eq(json_array_size(json_object_get(detail(&specialist, d), "attachments")), 3);
  mc_dossier_facts f;
  mc_dossier_facts_of(reload(d), &f);
  cr_assert(f.digitised && f.reused && f.e_result && f.has_result && f.store_linked);
  cr_assert_not(f.has_fee);
  cr_assert(submit_at(&citizen, "FEE", at(2025, 3, 3, 8, 0))->has_fee);
}

Test(dossier, vneid_flag_and_audit_trail) {
  mc_principal v = citizen;
  v.vneid = true;
  mc_dossier *d = submit_at(&v, "T3", at(2025, 3, 3, 8, 0));
  cr_assert(d->vneid, "submitted in a VNeID session");
  mc_dossier_facts f;
  mc_dossier_facts_of(d, &f);
  cr_assert(f.vneid);
  cr_assert_not(submit_at(&citizen, "T3", at(2025, 3, 3, 8, 0))->vneid);
  act_ok(&officer, d, MC_DA_RECEIVE, at(2025, 3, 3, 9, 0), NULL);
  (void)detail(&specialist, d);     /* a staff read */
  (void)detail(&citizen, d);        /* the owner's own read is not audited */
  json_t *reply;                    /* nor the reply to the officer's own change */
  cr_assert_eq(mc_dossier_detail(db, A, &officer, d, true, &reply, &err), MC_OK, "%s", err.message);
  json_decref(reply);
  json_t *items;
  int64_t total;
  mc_audit_query q = {.object_type = "dossier", .object_code = d->code, .limit = 50};
  cr_assert_eq(mc_audit_list(db, &q, &items, &total, &err), MC_OK, "%s", err.message);
  cr_assert_eq(total, 3);
  /* Newest first. */
  static const char *const want[] = {"dossier.read", "dossier.receive", "dossier.submit"};
  for (size_t i = 0; i < 3; i++)
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, i), "action")), want[i]);
  json_decref(items);
  mc_audit_report rep;
  cr_assert_eq(mc_audit_verify(db, 0, NULL, &rep, &err), MC_OK);
  cr_assert(rep.ok, "%s", rep.problem);
}
