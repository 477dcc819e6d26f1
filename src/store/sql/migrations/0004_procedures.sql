-- 0004_procedures.sql — the procedure catalogue (TTHC / DVC), dossiers.md and
-- src/core/procedure.h. Booleans are INTEGER 0/1; dates are ISO 'YYYY-MM-DD'
-- text (NULL = unknown); e-form and workflow are JSON text (eform.h, workflow.h).

-- Lĩnh vực (field of procedures): hộ tịch, đất đai, …
CREATE TABLE procedure_fields (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_fold  TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Search: name_fold is the name folded by util/fold.h (lower case, no
-- diacritics, đ → d); at a province's 2,000–2,500 procedures a LIKE scan of
-- it answers in well under a millisecond, on SQLite and PostgreSQL alike.
CREATE TABLE procedures (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  name_fold          TEXT NOT NULL,
  field_code         TEXT NOT NULL REFERENCES procedure_fields(code),
  level              TEXT NOT NULL CHECK (level IN ('province','department','district','commune')),
  unit_kinds         TEXT NOT NULL,
  time_amount        INTEGER NOT NULL CHECK (time_amount >= 0),
  time_unit          TEXT NOT NULL CHECK (time_unit IN ('working_days','working_hours','days','same_day')),
  rule_1500          INTEGER NOT NULL DEFAULT 0,
  online_level       TEXT NOT NULL CHECK (online_level IN ('full','partial','none')),
  full_eligible      INTEGER NOT NULL DEFAULT 0,
  result_type        TEXT NOT NULL CHECK (result_type IN ('paper','electronic','both')),
  citizen_kind       TEXT NOT NULL CHECK (citizen_kind IN ('citizen','business','both')),
  decided_on         TEXT,
  effective_on       TEXT,
  published_on       TEXT,
  payment_integrated INTEGER NOT NULL DEFAULT 0,
  active             INTEGER NOT NULL DEFAULT 1,
  eform_json         TEXT,
  workflow_json      TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX procedures_field ON procedures(field_code);
CREATE INDEX procedures_name_fold ON procedures(name_fold);

-- Fee lines (phí = 1, lệ phí = 2), in the catalogue's order.
CREATE TABLE procedure_fees (
  procedure_id INTEGER NOT NULL REFERENCES procedures(id),
  seq          INTEGER NOT NULL,
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  kind         INTEGER NOT NULL CHECK (kind IN (1, 2)),
  PRIMARY KEY (procedure_id, seq),
  UNIQUE (procedure_id, code)
);

-- Components of the dossier (thành phần hồ sơ), in the catalogue's order.
CREATE TABLE procedure_components (
  procedure_id INTEGER NOT NULL REFERENCES procedures(id),
  seq          INTEGER NOT NULL,
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  required     INTEGER NOT NULL DEFAULT 1,
  from_store   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (procedure_id, seq),
  UNIQUE (procedure_id, code)
);
