-- calendar.sql — named queries of the calendar module: overrides (declared
-- days off and make-up working days) and the settings it owns
-- ('calendar.version', 'calendar.holiday_rules'). Dates are 'YYYY-MM-DD' text,
-- so text order is date order.

-- name: count_range
SELECT COUNT(*) FROM calendar_overrides WHERE date >= $1 AND date <= $2;

-- name: range
SELECT date, kind, name, document, created_at
FROM calendar_overrides WHERE date >= $1 AND date <= $2 ORDER BY date;

-- name: insert
INSERT INTO calendar_overrides (date, kind, name, document, created_at)
VALUES ($1, $2, $3, $4, $5);

-- name: upsert
INSERT INTO calendar_overrides (date, kind, name, document, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name,
  document = excluded.document;

-- name: delete
DELETE FROM calendar_overrides WHERE date = $1;

-- name: bump_version
INSERT INTO settings (key, value) VALUES ('calendar.version', '1')
ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT);

-- name: rules_delete
DELETE FROM settings WHERE key = 'calendar.holiday_rules';
