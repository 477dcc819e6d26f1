-- 0007_index.sql — counters of the Decision-766 index (index766.md), kept by
-- mc_index_record in the transaction of every dossier change. idx_bucket is
-- WITHOUT ROWID on SQLite (clustered on its key); PostgreSQL's DDL rewrite
-- drops the clause (db_pg.c).
--
-- idx_dossier: the facts of each received dossier as the index last counted
-- them (drill-down lists and the open dossiers behind indicator 2.1).
-- flags: bit 0 has_fee, 1 paid_online, 2 has_result, 3 e_result, 4 digitised,
-- 5 reused, 6 store_linked, 7 vneid, 8 synced, 9 complaint.
-- ended_at = 0 while open; eff_due = effective deadline (9223372036854775807
-- while paused); on_time -1 while open.
CREATE TABLE idx_dossier (
  dossier_id       INTEGER NOT NULL PRIMARY KEY,
  unit_id          INTEGER NOT NULL,
  proc_id          INTEGER NOT NULL,
  channel          INTEGER NOT NULL,
  received_at      INTEGER NOT NULL,
  due_at           INTEGER NOT NULL,
  eff_due          INTEGER NOT NULL,
  ended_at         INTEGER NOT NULL,
  end_status       INTEGER NOT NULL,
  on_time          INTEGER NOT NULL,
  supplements      INTEGER NOT NULL,
  handling_seconds INTEGER NOT NULL,
  flags            INTEGER NOT NULL,
  rating           INTEGER NOT NULL
);
CREATE INDEX idx_dossier_received ON idx_dossier(unit_id, received_at);
CREATE INDEX idx_dossier_ended ON idx_dossier(unit_id, ended_at);
CREATE INDEX idx_dossier_open_due ON idx_dossier(eff_due, unit_id, proc_id) WHERE ended_at = 0;
CREATE INDEX idx_dossier_open_unit ON idx_dossier(unit_id, eff_due) WHERE ended_at = 0;

-- idx_bucket: additive counters per (procedure, granularity, day, unit).
-- proc_id 0 = every procedure of the unit. gran 1 = one day (day = day number),
-- 2 = one month (day = its first day), 3 = all time (day = 0).
-- Anchors: rcv_* and w_start on the reception day; end_* on the day the
-- dossier ended; w_end on the last day of its "open and within deadline"
-- interval (indicator 2.1, see src/core/index_store.c).
CREATE TABLE idx_bucket (
  proc_id    INTEGER NOT NULL,
  gran       INTEGER NOT NULL,
  day        INTEGER NOT NULL,
  unit_id    INTEGER NOT NULL,
  rcv        INTEGER NOT NULL DEFAULT 0,
  rcv_online INTEGER NOT NULL DEFAULT 0,
  rcv_synced INTEGER NOT NULL DEFAULT 0,
  rcv_fee    INTEGER NOT NULL DEFAULT 0,
  rcv_paid   INTEGER NOT NULL DEFAULT 0,
  rcv_reused INTEGER NOT NULL DEFAULT 0,
  rcv_store  INTEGER NOT NULL DEFAULT 0,
  rcv_vneid  INTEGER NOT NULL DEFAULT 0,
  w_start    INTEGER NOT NULL DEFAULT 0,
  end_n      INTEGER NOT NULL DEFAULT 0,
  end_ontime INTEGER NOT NULL DEFAULT 0,
  end_secs   INTEGER NOT NULL DEFAULT 0,
  end_res    INTEGER NOT NULL DEFAULT 0,
  end_eres   INTEGER NOT NULL DEFAULT 0,
  end_done   INTEGER NOT NULL DEFAULT 0,
  end_dig    INTEGER NOT NULL DEFAULT 0,
  end_bad    INTEGER NOT NULL DEFAULT 0,
  w_end      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proc_id, gran, day, unit_id)
) WITHOUT ROWID;

-- idx_active: which procedures had, per unit and day (gran 1) or month (gran 2),
-- at least one dossier received online / paid online / with VNeID (indicators
-- 3.2, 4.2, 5.6): bit p of each bit set (byte p / 8, bit p % 8) is procedure id p.
-- Kept with idx_bucket: a bit changes when its counter there crosses zero.
CREATE TABLE idx_active (
  unit_id     INTEGER NOT NULL,
  gran        INTEGER NOT NULL,
  day         INTEGER NOT NULL,
  online_bits BLOB NOT NULL,
  paid_bits   BLOB NOT NULL,
  vneid_bits  BLOB NOT NULL,
  PRIMARY KEY (unit_id, gran, day)
);
