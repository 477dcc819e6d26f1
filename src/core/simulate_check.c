/* simulate_check.c — is a database whole? Every dossier's events replay to
 * its row (read in id order, two cursors merged on the dossier id, and the
 * open steps beside them), and the 766 index equals a full recomputation
 * from the dossier rows (the index module's mc_index_verify). simulate.h,
 * mc_sim_check_db; used after a simulation, by the crash test after a
 * SIGKILL, and by the soak test. */
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

static mc_rc check_dossiers(mc_db *db, mc_sim_check *c, mc_err *err) {
  cursor d = {0}, ev = {0}, op = {0};
  mc_rc rc;
  if ((rc = open_cursor(db, "simulate.check_dossiers", &d, err)) || (rc = open_cursor(db, "simulate.check_events", &ev, err)) ||
      (rc = open_cursor(db, "simulate.check_open_steps", &op, err)))
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
    if ((rc = advance(&d, err))) return rc;
  }
  for (; ev.r > 0; c->bad_replay++)
    if ((rc = advance(&ev, err))) return rc;
  return MC_OK;
}

mc_rc mc_sim_check_db(mc_db *db, mc_sim_check *out, mc_err *err) {
  memset(out, 0, sizeof *out);
  mc_rc rc = check_dossiers(db, out, err);
  if (!rc) rc = mc_db_i64(db, "simulate.check_references", &out->dangling, err, NULL);
  if (rc) return rc;
  if (out->dangling) note(out, "%lld rows refer to rows that do not exist", (long long)out->dangling);
  /* The index against a recount, by the index module itself. */
  mc_index_verify_report *rep = calloc(1, sizeof *rep);
  if (!rep) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  rep->max_diffs = MC_SIM_CHECK_NOTES;
  mc_err e = {0};
  rc = mc_index_verify(db, rep, &e);
  out->index_values = rep->counters;
  out->index_differences = rep->differences;
  for (int i = 0; i < rep->ndiffs; i++)
    note(out, "index: %s (stored %lld, recount %lld)", rep->diffs[i].what, (long long)rep->diffs[i].stored,
         (long long)rep->diffs[i].recomputed);
  free(rep);
  if (rc == MC_ECONFLICT && out->index_differences) rc = MC_OK;   /* a mismatch is a finding, not a failure */
  if (rc) { *err = e; e.detail = NULL; }
  mc_err_clear(&e);
  return rc;
}
