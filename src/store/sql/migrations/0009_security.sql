-- 0009_security.sql — login hardening and OpenID Connect (src/core/auth.h, oidc.h).
-- users: consecutive failed logins and lockout end (instants), TOTP secret
-- (sealed with the server key; pending until confirmed), last TOTP step used
-- (replay guard), profile claims from the national SSO, and the assurance
-- level of the last SSO login. sessions: how the session was opened.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN birth_date TEXT;
ALTER TABLE users ADD COLUMN sex TEXT;
ALTER TABLE users ADD COLUMN account_type TEXT;
ALTER TABLE users ADD COLUMN assurance INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_id_number ON users(id_number);

ALTER TABLE sessions ADD COLUMN auth_method TEXT NOT NULL DEFAULT 'password';
ALTER TABLE sessions ADD COLUMN provider TEXT;
ALTER TABLE sessions ADD COLUMN assurance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN vneid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0;

-- One-time password-reset tokens (hash only), valid until expires_at.
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- Messages for the account holder (password-reset e-mails) waiting for the
-- mail relay; removed once sent or expired.
CREATE TABLE auth_outbox (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  channel    TEXT NOT NULL CHECK (channel IN ('email','sms')),
  address    TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

-- OpenID Connect logins in progress: state (hash), the browser binding
-- (hash of the flow cookie), nonce and PKCE verifier; used once, then deleted.
CREATE TABLE oidc_flows (
  state_hash    TEXT PRIMARY KEY,
  binding_hash  TEXT NOT NULL,
  provider      TEXT NOT NULL,
  nonce         TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to     TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);

-- Accounts at OpenID providers linked to local users.
CREATE TABLE user_identities (
  provider      TEXT NOT NULL,
  subject       TEXT NOT NULL,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  assurance     INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  last_login_at INTEGER NOT NULL,
  PRIMARY KEY (provider, subject)
);
CREATE INDEX user_identities_user ON user_identities(user_id);
