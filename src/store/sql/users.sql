-- users.sql — accounts, sessions, lockout, TOTP, password resets and OpenID
-- identities (src/core/auth.c, oidc.c). Column order of by_username / by_id is
-- read by position in auth.c: add new columns at the end.

-- name: insert
INSERT INTO users (username, password_hash, full_name, role, unit_id, id_number, phone, email, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id;

-- name: by_username
SELECT id, username, password_hash, full_name, role, unit_id, id_number, phone, email, disabled,
       failed_logins, locked_until, totp_secret, totp_last_step, totp_pending, assurance
FROM users WHERE username = $1;

-- name: by_id
SELECT id, username, password_hash, full_name, role, unit_id, id_number, phone, email, disabled,
       failed_logins, locked_until, totp_secret, totp_last_step, totp_pending, assurance
FROM users WHERE id = $1;

-- name: list
SELECT u.id, u.username, u.full_name, u.role, u.unit_id, un.code AS unit_code, u.disabled
FROM users u LEFT JOIN units un ON un.id = u.unit_id
ORDER BY u.id LIMIT $1 OFFSET $2;

-- name: set_password
UPDATE users SET password_hash = $2 WHERE id = $1;

-- name: set_password_reset
UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until = 0
WHERE id = $1;

-- name: login_failed
UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1
RETURNING failed_logins;

-- name: lock
UPDATE users SET locked_until = $2, failed_logins = 0 WHERE id = $1;

-- name: login_ok
UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1;

-- name: unlock
UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1;

-- name: totp_set_pending
UPDATE users SET totp_pending = $2 WHERE id = $1;

-- name: totp_activate
UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $2
WHERE id = $1 AND totp_pending IS NOT NULL;

-- name: totp_step
UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2;

-- name: totp_clear
UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = 0 WHERE id = $1;

-- name: session_insert
INSERT INTO sessions (token_hash, user_id, created_at, expires_at, auth_method, provider, assurance, vneid, last_seen)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $3);

-- name: session_get
SELECT s.user_id, s.created_at, s.expires_at, s.last_seen, s.auth_method, s.provider, s.assurance, s.vneid
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0;

-- name: session_user
SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0;

-- name: session_touch
UPDATE sessions SET last_seen = $2 WHERE token_hash = $1;

-- name: session_delete
DELETE FROM sessions WHERE token_hash = $1;

-- name: session_delete_user
DELETE FROM sessions WHERE user_id = $1;

-- name: session_purge
DELETE FROM sessions WHERE expires_at <= $1;

-- name: reset_insert
INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4);

-- name: reset_recent
SELECT count(*) FROM password_resets WHERE user_id = $1 AND created_at > $2;

-- name: reset_take
DELETE FROM password_resets WHERE token_hash = $1 AND expires_at > $2
RETURNING user_id;

-- name: reset_delete_user
DELETE FROM password_resets WHERE user_id = $1;

-- name: reset_purge
DELETE FROM password_resets WHERE expires_at <= $1;

-- name: outbox_insert
INSERT INTO auth_outbox (user_id, channel, address, subject, body, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id;

-- name: outbox_list
SELECT id, user_id, channel, address, subject, body, created_at FROM auth_outbox
WHERE expires_at > $1 ORDER BY id LIMIT $2;

-- name: outbox_delete
DELETE FROM auth_outbox WHERE id = $1;

-- name: outbox_purge
DELETE FROM auth_outbox WHERE expires_at <= $1;

-- name: flow_insert
INSERT INTO oidc_flows (state_hash, binding_hash, provider, nonce, code_verifier, return_to, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: flow_take
DELETE FROM oidc_flows WHERE state_hash = $1
RETURNING binding_hash, provider, nonce, code_verifier, return_to, expires_at;

-- name: flow_purge
DELETE FROM oidc_flows WHERE expires_at <= $1;

-- name: identity_get
SELECT user_id FROM user_identities WHERE provider = $1 AND subject = $2;

-- name: identity_insert
INSERT INTO user_identities (provider, subject, user_id, assurance, created_at, last_login_at)
VALUES ($1, $2, $3, $4, $5, $5);

-- name: identity_touch
UPDATE user_identities SET assurance = $3, last_login_at = $4 WHERE provider = $1 AND subject = $2;

-- name: citizen_by_id_number
SELECT id FROM users WHERE id_number = $1 AND role = 'citizen' AND disabled = 0
ORDER BY id LIMIT 1;

-- name: insert_citizen
INSERT INTO users (username, password_hash, full_name, role, id_number, phone, email, birth_date, sex,
                   account_type, assurance, created_at)
VALUES ($1, '!', $2, 'citizen', $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id;

-- name: update_profile
UPDATE users SET full_name = COALESCE($2, full_name), id_number = COALESCE(id_number, $3),
                 phone = COALESCE($4, phone), email = COALESCE($5, email),
                 birth_date = COALESCE($6, birth_date), sex = COALESCE($7, sex),
                 account_type = COALESCE($8, account_type), assurance = $9
WHERE id = $1;

-- name: search
SELECT u.username, u.full_name, u.role, un.code AS unit_code, un.name AS unit_name,
       u.disabled, CASE WHEN u.locked_until > $5 THEN 1 ELSE 0 END AS locked, u.created_at
FROM users u LEFT JOIN units un ON un.id = u.unit_id
WHERE (CAST($1 AS TEXT) IS NULL OR u.username LIKE $1 OR lower(u.full_name) LIKE $1)
  AND (CAST($2 AS TEXT) IS NULL OR u.role = $2)
  AND (CAST($6 AS TEXT) IS NULL OR un.code = $6)
ORDER BY u.username LIMIT $3 OFFSET $4;

-- name: search_count
SELECT count(*) FROM users u LEFT JOIN units un ON un.id = u.unit_id
WHERE (CAST($1 AS TEXT) IS NULL OR u.username LIKE $1 OR lower(u.full_name) LIKE $1)
  AND (CAST($2 AS TEXT) IS NULL OR u.role = $2)
  AND (CAST($3 AS TEXT) IS NULL OR un.code = $3);

-- name: set_admin_fields
UPDATE users SET disabled = $2, role = $3, unit_id = $4 WHERE id = $1;
