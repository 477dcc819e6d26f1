-- 0006_dossiers.sql — dossiers (hồ sơ), their events, per-step timing (form
-- 06), attachments and the per-scope code counters (src/core/dossier.h).
-- Instants are INTEGER seconds since the epoch (UTC); booleans INTEGER 0/1.
-- state is the internal state; status the national code derived from it by
-- mc_dstate_status() and stored only for queries. version = optimistic
-- concurrency (every UPDATE is WHERE id AND version).
CREATE TABLE dossiers (
  id                   INTEGER PRIMARY KEY,
  code                 TEXT NOT NULL UNIQUE,
  procedure_id         INTEGER NOT NULL REFERENCES procedures(id),
  receiving_unit_id    INTEGER NOT NULL REFERENCES units(id),
  handling_unit_id     INTEGER NOT NULL REFERENCES units(id),
  channel              INTEGER NOT NULL CHECK (channel IN (1, 2, 3)),
  applicant_name       TEXT NOT NULL,
  applicant_kind       TEXT NOT NULL CHECK (applicant_kind IN ('citizen','business')),
  applicant_id_number  TEXT,
  applicant_phone      TEXT,
  applicant_email      TEXT,
  applicant_address    TEXT,
  owner_user_id        INTEGER REFERENCES users(id),
  submitted_by         INTEGER REFERENCES users(id),
  on_behalf            INTEGER NOT NULL DEFAULT 0,
  vneid                INTEGER NOT NULL DEFAULT 0,
  form_json            TEXT NOT NULL,
  workflow_json        TEXT NOT NULL,
  state                TEXT NOT NULL CHECK (state IN ('submitted','received','processing',
                         'supplement_requested','waiting_payment','processed','returned',
                         'refused','withdrawn','stopped')),
  resume_state         TEXT,
  step_index           INTEGER NOT NULL,
  nsteps               INTEGER NOT NULL,
  step_code            TEXT,
  step_unit_id         INTEGER REFERENCES units(id),
  step_role            TEXT,
  status               INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
  submitted_at         INTEGER NOT NULL,
  received_at          INTEGER,
  due_at               INTEGER,
  apology_due_at       INTEGER,
  paused_since         INTEGER,
  paused_seconds       INTEGER NOT NULL DEFAULT 0,
  paused_work_seconds  INTEGER NOT NULL DEFAULT 0,
  allowed_work_seconds INTEGER NOT NULL DEFAULT 0,
  supplements          INTEGER NOT NULL DEFAULT 0,
  ended_at             INTEGER,
  end_status           INTEGER NOT NULL DEFAULT 0,
  on_time              INTEGER NOT NULL DEFAULT -1,
  handling_seconds     INTEGER NOT NULL DEFAULT 0,
  late_seconds         INTEGER NOT NULL DEFAULT 0,
  has_fee              INTEGER NOT NULL DEFAULT 0,
  paid_online          INTEGER NOT NULL DEFAULT 0,
  has_result           INTEGER NOT NULL DEFAULT 0,
  e_result             INTEGER NOT NULL DEFAULT 0,
  digitised            INTEGER NOT NULL DEFAULT 0,
  reused               INTEGER NOT NULL DEFAULT 0,
  store_linked         INTEGER NOT NULL DEFAULT 0,
  synced               INTEGER NOT NULL DEFAULT 0,
  rating               INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  rating_comment       TEXT,
  complaint            INTEGER NOT NULL DEFAULT 0,
  version              INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);
-- Inboxes (current step's unit and role, by urgency), a citizen's own, a
-- unit's and a subtree's lists.
CREATE INDEX dossiers_step ON dossiers(step_unit_id, step_role, due_at);
CREATE INDEX dossiers_owner ON dossiers(owner_user_id, submitted_at);
CREATE INDEX dossiers_handling ON dossiers(handling_unit_id, submitted_at);
CREATE INDEX dossiers_receiving ON dossiers(receiving_unit_id, submitted_at);
CREATE INDEX dossiers_submitted ON dossiers(submitted_at);

-- Append-only history: seq = the dossier's version after the change.
CREATE TABLE dossier_events (
  dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
  seq         INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  actor_id    INTEGER REFERENCES users(id),
  actor_role  TEXT,
  action      TEXT NOT NULL,
  from_state  TEXT,
  to_state    TEXT NOT NULL,
  step_code   TEXT,
  note        TEXT,
  data_json   TEXT,
  PRIMARY KEY (dossier_id, seq)
);

-- Form 06: who held the dossier at each step, from when, until when, the
-- step's own deadline and whether it was met (frozen when the step ends).
-- step_index -1 = reception, nsteps = return; those have no deadline.
CREATE TABLE dossier_steps (
  id          INTEGER PRIMARY KEY,
  dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
  step_index  INTEGER NOT NULL,
  step_code   TEXT NOT NULL,
  step_name   TEXT NOT NULL,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  role        TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  due_at      INTEGER,
  ended_at    INTEGER,
  on_time     INTEGER,
  actor_id    INTEGER REFERENCES users(id),
  outcome     TEXT
);
CREATE INDEX dossier_steps_dossier ON dossier_steps(dossier_id, id);

-- Files of a dossier (file_id: the files table of src/core/files.h).
CREATE TABLE dossier_attachments (
  id           INTEGER PRIMARY KEY,
  dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
  file_id      INTEGER NOT NULL,
  component    TEXT,
  kind         TEXT NOT NULL CHECK (kind IN ('component','supplement','result')),
  digitised    INTEGER NOT NULL DEFAULT 0,
  reused       INTEGER NOT NULL DEFAULT 0,
  uploaded_by  INTEGER REFERENCES users(id),
  at           INTEGER NOT NULL
);
CREATE INDEX dossier_attachments_dossier ON dossier_attachments(dossier_id, id);

-- Sequence numbers of dossier codes, one counter per scope: the code pattern
-- rendered without its {seq:N} (by default unit + day).
CREATE TABLE dossier_counters (
  scope TEXT PRIMARY KEY,
  last  INTEGER NOT NULL
);

-- One row per dossier as the core reads it (column order = src/core/dossier_int.h).
CREATE VIEW dossier_rows AS
SELECT d.id, d.code, d.procedure_id, p.code AS procedure_code, p.name AS procedure_name,
       d.receiving_unit_id, d.handling_unit_id, d.channel,
       d.applicant_name, d.applicant_kind, d.applicant_id_number, d.applicant_phone,
       d.applicant_email, d.applicant_address,
       d.owner_user_id, d.submitted_by, d.on_behalf, d.vneid, d.form_json, d.workflow_json,
       d.state, d.resume_state, d.step_index, d.nsteps, d.step_code, d.step_unit_id, d.step_role,
       d.status, d.submitted_at, d.received_at, d.due_at, d.apology_due_at, d.paused_since,
       d.paused_seconds, d.paused_work_seconds, d.allowed_work_seconds, d.supplements,
       d.ended_at, d.end_status, d.on_time, d.handling_seconds, d.late_seconds,
       d.has_fee, d.paid_online, d.has_result, d.e_result, d.digitised, d.reused,
       d.store_linked, d.synced, d.rating, d.rating_comment, d.complaint, d.version, d.updated_at,
       ru.code AS receiving_unit_code, ru.name AS receiving_unit_name,
       hu.code AS handling_unit_code, hu.name AS handling_unit_name,
       su.code AS step_unit_code, su.name AS step_unit_name
FROM dossiers d
JOIN procedures p ON p.id = d.procedure_id
JOIN units ru ON ru.id = d.receiving_unit_id
JOIN units hu ON hu.id = d.handling_unit_id
LEFT JOIN units su ON su.id = d.step_unit_id;
