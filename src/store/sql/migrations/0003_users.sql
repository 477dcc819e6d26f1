-- 0003_users.sql — accounts, roles and login sessions.
-- role: citizen | officer (one-stop desk) | specialist | unit_leader |
--       province_leader | admin. Staff belong to one unit; citizens to none.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  full_name     TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('citizen','officer','specialist','unit_leader','province_leader','admin')),
  unit_id       INTEGER REFERENCES units(id),
  id_number     TEXT,
  phone         TEXT,
  email         TEXT,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

-- Only a hash of the session token is stored: a stolen database yields no sessions.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
