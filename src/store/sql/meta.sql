-- meta.sql — schema bookkeeping and settings.

-- name: schema_version
SELECT COALESCE(MAX(version), 0) FROM schema_migrations;

-- name: migration_done
INSERT INTO schema_migrations (version, name, applied_at)
VALUES ($1, $2, CURRENT_TIMESTAMP);

-- name: setting_get
SELECT value FROM settings WHERE key = $1;

-- name: setting_put
INSERT INTO settings (key, value) VALUES ($1, $2)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
