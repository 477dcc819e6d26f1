/* simulate_check.c — is a database whole? Every dossier's events replay to
 * its row, and the 766 index equals a full recomputation from the dossier
 * rows (simulate.h, mc_sim_check_db). Used after a simulation, by the crash
 * test after a SIGKILL, and by the soak test. Reads everything in key order
 * with three cursors merged on the dossier id, and the expected counters in
 * one in-memory table. */
#include "core/simulate_int.h"
#include "util/str.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void note(mc_sim_check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(mc_sim_check *c, const char *fmt, ...) {
  if (c->nnotes >= MC_SIM_CHECK_NOTES) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->notes[c->nnotes++], sizeof c->notes[0], fmt, ap);
  va_end(ap);
}

static bool parse_state(const char *s, mc_dstate *out) {
  if (!s) { *out = MC_DS_NEW; return true; }
  return mc_dstate_parse(s, out);
}

/* Is (from, action, to) a step the engine can take? */
static bool step_allowed(const char *from, const char *action, const char *to) {
  mc_dstate f, t;
  if (!parse_state(from, &f) || !mc_dstate_parse(to, &t)) return false;
  if (strcmp(action, "attach") == 0) return f == t && f != MC_DS_NEW;
  mc_daction a;
  if (!mc_daction_parse(action, &a)) return false;
  for (int i = 0; i < mc_wf_nrules; i++)
    if (mc_wf_rules[i].from == f && mc_wf_rules[i].action == a && mc_wf_rules[i].to == t) return true;
  return false;
}

static bool ended_state(mc_dstate s) { return s == MC_DS_PROCESSED || mc_dstate_final(s); }

typedef struct cursor { mc_stmt *st; int r; } cursor;

static mc_rc advance(cursor *c, mc_err *err) {
  c->r = mc_stmt_next(c->st, err);
  return c->r < 0 ? err->rc : MC_OK;
}

static mc_rc open_cursor(mc_db *db, const char *name, cursor *c, mc_err *err) {
  c->st = mc_db_prep(db, name, err, NULL);
  if (!c->st) return err->rc;
  return advance(c, err);
}

/* The row's facts as the dossier core gives them to the index. */
static void row_facts(mc_stmt *st, mc_dossier_facts *f, mc_dstate state) {
  mc_dossier d = {0};
  d.id = mc_col_i64(st, 0);
  d.handling_unit_id = mc_col_i64(st, 1);
  d.procedure_id = mc_col_i64(st, 2);
  d.channel = (int)mc_col_i64(st, 3);
  d.state = state;
  d.submitted_at = mc_col_i64(st, 5);
  d.received_at = mc_col_null(st, 6) ? 0 : mc_col_i64(st, 6);
  d.due_at = mc_col_null(st, 7) ? 0 : mc_col_i64(st, 7);
  d.paused_since = mc_col_null(st, 8) ? 0 : mc_col_i64(st, 8);
  d.paused_seconds = mc_col_i64(st, 9);
  d.ended_at = mc_col_null(st, 10) ? 0 : mc_col_i64(st, 10);
  d.end_status = (int)mc_col_i64(st, 11);
  d.supplements = (int)mc_col_i64(st, 12);
  d.on_time = (int)mc_col_i64(st, 13);
  d.handling_seconds = mc_col_i64(st, 14);
  bool *flags[] = {&d.has_fee, &d.paid_online, &d.has_result, &d.e_result, &d.digitised, &d.reused,
                   &d.store_linked, &d.vneid, &d.synced};
  for (int i = 0; i < 9; i++) *flags[i] = mc_col_i64(st, 15 + i) != 0;
  d.rating = (int)mc_col_i64(st, 24);
  d.complaint = mc_col_i64(st, 25) != 0;
  mc_dossier_facts_of(&d, f);
}

/* The dossier's events: numbered 1…version, a chain of allowed steps ending in its row. */
static mc_rc replay(cursor *ev, mc_stmt *row, mc_dstate state, mc_sim_check *c, mc_err *err) {
  int64_t id = mc_col_i64(row, 0), version = mc_col_i64(row, 26), updated = mc_col_i64(row, 27);
  const char *code = mc_col_text(row, 28);
  char prev[32] = "";
  int64_t seq = 0, last_at = 0;
  bool ok = true;
  while (ev->r > 0 && mc_col_i64(ev->st, 0) == id) {
    int64_t s = mc_col_i64(ev->st, 1);
    const char *action = mc_col_text(ev->st, 3);
    const char *from = mc_col_null(ev->st, 4) ? NULL : mc_col_text(ev->st, 4), *to = mc_col_text(ev->st, 5);
    if (ok && s != seq + 1) { note(c, "%s: event %lld follows %lld", code, (long long)s, (long long)seq); ok = false; }
    if (ok && seq == 0 && (strcmp(action, "submit") != 0 || from)) {
      note(c, "%s: the first event is %s, not the submission", code, action);
      ok = false;
    }
    if (ok && seq > 0 && (!from || strcmp(from, prev) != 0)) {
      note(c, "%s: event %lld starts from %s, the previous one ended in %s", code, (long long)s, from ? from : "nothing", prev);
      ok = false;
    }
    if (ok && !step_allowed(from, action, to)) {
      note(c, "%s: event %lld (%s: %s → %s) is not in the workflow table", code, (long long)s, action,
           from ? from : "new", to);
      ok = false;
    }
    mc_strlcpy(prev, to, sizeof prev);
    seq = s;
    last_at = mc_col_i64(ev->st, 2);
    mc_rc rc = advance(ev, err);
    if (rc) return rc;
  }
  if (ok && (seq != version || strcmp(prev, mc_dstate_name(state)) != 0 || last_at != updated)) {
    note(c, "%s: the row says version %lld, %s; its events end at %lld, %s", code, (long long)version,
         mc_dstate_name(state), (long long)seq, prev[0] ? prev : "nothing");
    ok = false;
  }
  c->events += seq;
  if (!ok) c->bad_replay++;
  return MC_OK;
}

static bool facts_equal(mc_stmt *st, const mc_ifacts *f) {
  int64_t want[13] = {f->unit_id, f->proc_id, f->channel, f->received_at, f->due_at, f->eff_due, f->ended_at,
                      f->end_status, f->on_time, f->supplements, f->handling_seconds, f->flags, f->rating};
  for (int i = 0; i < 13; i++)
    if (mc_col_i64(st, i + 1) != want[i]) return false;
  return true;
}

static mc_rc check_dossiers(mc_db *db, sim_imap *expect, mc_sim_check *c, mc_err *err) {
  cursor d = {0}, ev = {0}, op = {0}, fa = {0};
  mc_rc rc;
  if ((rc = open_cursor(db, "simulate.check_dossiers", &d, err)) || (rc = open_cursor(db, "simulate.check_events", &ev, err)) ||
      (rc = open_cursor(db, "simulate.check_open_steps", &op, err)) || (rc = open_cursor(db, "simulate.check_facts", &fa, err)))
    return rc;
  while (d.r > 0) {
    int64_t id = mc_col_i64(d.st, 0);
    const char *code = mc_col_text(d.st, 28);
    c->dossiers++;
    mc_dstate state;
    if (!mc_dstate_parse(mc_col_text(d.st, 4), &state)) {
      note(c, "%s: unknown state", code);
      c->bad_replay++;
      state = MC_DS_NEW;
    }
    /* Events of dossiers that do not exist, then this one's. */
    while (ev.r > 0 && mc_col_i64(ev.st, 0) < id) {
      note(c, "events of a missing dossier %lld", (long long)mc_col_i64(ev.st, 0));
      c->bad_replay++;
      if ((rc = advance(&ev, err))) return rc;
    }
    if ((rc = replay(&ev, d.st, state, c, err))) return rc;
    int64_t open = 0;
    while (op.r > 0 && mc_col_i64(op.st, 0) < id)
      if ((rc = advance(&op, err))) return rc;
    if (op.r > 0 && mc_col_i64(op.st, 0) == id) open = mc_col_i64(op.st, 1);
    bool ended = !mc_col_null(d.st, 10);
    if (ended != ended_state(state) || open != (mc_dstate_final(state) ? 0 : 1)) {
      note(c, "%s: %s with %s end and %lld open steps", code, mc_dstate_name(state), ended ? "an" : "no",
           (long long)open);
      c->bad_replay++;
    }
    /* The index: this dossier's row of idx_dossier, and its counters. */
    mc_dossier_facts facts;
    row_facts(d.st, &facts, state);
    mc_ifacts f;
    mc_ifacts_from(&facts, &f);
    while (fa.r > 0 && mc_col_i64(fa.st, 0) < id) {
      note(c, "idx_dossier has dossier %lld, which does not exist", (long long)mc_col_i64(fa.st, 0));
      c->bad_facts++;
      if ((rc = advance(&fa, err))) return rc;
    }
    bool stored = fa.r > 0 && mc_col_i64(fa.st, 0) == id;
    if (stored != (f.received_at != 0) || (stored && !facts_equal(fa.st, &f))) {
      note(c, "%s: the index holds %s facts", code, stored ? "other" : f.received_at ? "no" : "unexpected");
      c->bad_facts++;
    }
    if (stored && (rc = advance(&fa, err))) return rc;
    if (f.received_at && !sim_imap_add(expect, &f))
      return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
    if ((rc = advance(&d, err))) return rc;
  }
  for (; ev.r > 0; c->bad_replay++)
    if ((rc = advance(&ev, err))) return rc;
  for (; fa.r > 0; c->bad_facts++)
    if ((rc = advance(&fa, err))) return rc;
  return MC_OK;
}

static mc_rc check_buckets(mc_db *db, sim_imap *expect, mc_sim_check *c, mc_err *err) {
  cursor b = {0};
  mc_rc rc = open_cursor(db, "simulate.check_buckets", &b, err);
  for (; !rc && b.r > 0; rc = advance(&b, err)) {
    c->buckets++;
    sim_ikey k = {.proc = mc_col_i64(b.st, 0), .gran = (int32_t)mc_col_i64(b.st, 1),
                  .day = (int32_t)mc_col_i64(b.st, 2), .unit = mc_col_i64(b.st, 3)};
    mc_icounts *want = sim_imap_at(expect, &k, false);
    bool same = true;
    for (int i = 0; i < MC_IC_COUNT; i++) {
      int64_t have = mc_col_i64(b.st, 4 + i), w = want ? want->c[i] : 0;
      same &= have == w;
    }
    if (!same) {
      note(c, "idx_bucket (proc %lld, gran %d, day %d, unit %lld) differs from the recount", (long long)k.proc,
           k.gran, k.day, (long long)k.unit);
      c->bad_buckets++;
    }
    if (want) memset(want, 0, sizeof *want);   /* matched */
  }
  if (rc) return rc;
  for (size_t j = 0; j < expect->cap; j++) {
    if (!expect->used[j]) continue;
    bool zero = true;
    for (int i = 0; i < MC_IC_COUNT; i++) zero &= expect->vals[j].c[i] == 0;
    if (!zero) {
      note(c, "idx_bucket lacks (proc %lld, gran %d, day %d, unit %lld)", (long long)expect->keys[j].proc,
           expect->keys[j].gran, expect->keys[j].day, (long long)expect->keys[j].unit);
      c->bad_buckets++;
    }
  }
  return MC_OK;
}

mc_rc mc_sim_check_db(mc_db *db, mc_sim_check *out, mc_err *err) {
  memset(out, 0, sizeof *out);
  sim_imap expect = {0};
  mc_rc rc = check_dossiers(db, &expect, out, err);
  if (!rc) rc = check_buckets(db, &expect, out, err);
  sim_imap_release(&expect);
  return rc;
}
