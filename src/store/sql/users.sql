-- users.sql — accounts and sessions.

-- name: insert
INSERT INTO users (username, password_hash, full_name, role, unit_id, id_number, phone, email, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id;

-- name: by_username
SELECT id, username, password_hash, full_name, role, unit_id, id_number, phone, email, disabled
FROM users WHERE username = $1;

-- name: by_id
SELECT id, username, password_hash, full_name, role, unit_id, id_number, phone, email, disabled
FROM users WHERE id = $1;

-- name: list
SELECT u.id, u.username, u.full_name, u.role, u.unit_id, un.code AS unit_code, u.disabled
FROM users u LEFT JOIN units un ON un.id = u.unit_id
ORDER BY u.id LIMIT $1 OFFSET $2;

-- name: set_password
UPDATE users SET password_hash = $2 WHERE id = $1;

-- name: session_insert
INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4);

-- name: session_user
SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0;

-- name: session_delete
DELETE FROM sessions WHERE token_hash = $1;

-- name: session_purge
DELETE FROM sessions WHERE expires_at <= $1;
