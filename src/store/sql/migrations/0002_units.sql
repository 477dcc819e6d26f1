-- 0002_units.sql — administrative units as a tree with history (dossiers.md,
-- src/core/unit.h).
-- kind: province | department | district | commune | other. A unit is valid on
-- [valid_from, valid_to) (ISO dates 'YYYY-MM-DD'; NULL = open). Merges and
-- splits are rows in unit_successors (a predecessor may have several successors
-- and vice versa; effective = the day the successor took over).
CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  name_fold  TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('province','department','district','commune','other')),
  parent_id  INTEGER REFERENCES units(id),
  valid_from TEXT,
  valid_to   TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to)
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_kind ON units(kind);

CREATE TABLE unit_successors (
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  successor_id INTEGER NOT NULL REFERENCES units(id),
  effective    TEXT NOT NULL,
  note         TEXT,
  PRIMARY KEY (unit_id, successor_id),
  CHECK (unit_id <> successor_id)
);
CREATE INDEX unit_successors_succ ON unit_successors(successor_id);

-- The transitive closure of the parent relation, kept in step with units by
-- every write of core/unit (one row per ancestor of each unit, the unit itself
-- included at depth 0). "Is A within B?" is one primary-key probe, and "B's
-- subtree" is a join on ancestor_id — both for permission checks (unit.h).
CREATE TABLE unit_closure (
  ancestor_id   INTEGER NOT NULL REFERENCES units(id),
  descendant_id INTEGER NOT NULL REFERENCES units(id),
  depth         INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX unit_closure_desc ON unit_closure(descendant_id);
