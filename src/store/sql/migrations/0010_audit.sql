-- 0010_audit.sql — the append-only, hash-chained audit log (src/core/audit.h).
-- seq is assigned by mc_audit_append from audit_head (one row), which every
-- append updates first: that row lock serialises appends on any engine.
-- hash = SHA-256(prev_hash || canonical entry), hex; the first prev_hash is 64 zeros.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor_id    INTEGER,
  actor_role  TEXT NOT NULL,
  actor_unit  INTEGER,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   INTEGER,
  object_code TEXT,
  owner_id    INTEGER,
  detail      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_code, seq);
CREATE INDEX audit_log_owner ON audit_log(owner_id, seq);

CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
