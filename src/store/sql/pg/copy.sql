-- copy.sql (PostgreSQL) — catalog queries for copying a database (db_copy.c).

-- name: tables
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
ORDER BY c.oid;

-- name: self_refs
SELECT a.attname FROM pg_constraint k
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
WHERE k.contype = 'f' AND k.conrelid = k.confrelid AND k.conrelid = $1::regclass;

-- name: has_id
SELECT COUNT(*) FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id';

-- name: identity_sequence
SELECT pg_get_serial_sequence($1, 'id');

-- name: set_sequence
SELECT setval($1::regclass, $2::bigint);
