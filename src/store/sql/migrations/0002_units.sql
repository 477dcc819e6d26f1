-- 0002_units.sql — administrative units as a tree with history (dossiers.md).
-- kind: province | department | district | commune | other. A unit is valid on
-- [valid_from, valid_to) (ISO dates; NULL = open). Merges and splits are rows in
-- unit_successors (a predecessor may have several successors and vice versa).
CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  name_fold  TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('province','department','district','commune','other')),
  parent_id  INTEGER REFERENCES units(id),
  valid_from TEXT,
  valid_to   TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE unit_successors (
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  successor_id INTEGER NOT NULL REFERENCES units(id),
  effective    TEXT NOT NULL,
  note         TEXT,
  PRIMARY KEY (unit_id, successor_id)
);
CREATE INDEX unit_successors_succ ON unit_successors(successor_id);
