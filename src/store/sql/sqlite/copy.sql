-- copy.sql (SQLite) — catalog queries for copying a database (db_copy.c).

-- name: tables
SELECT name FROM sqlite_master
WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'
ORDER BY rowid;

-- name: self_refs
SELECT "from" FROM pragma_foreign_key_list($1) WHERE "table" = $1;

-- name: has_id
SELECT COUNT(*) FROM pragma_table_info($1) WHERE name = 'id';

-- name: identity_sequence
SELECT NULL WHERE $1 IS NULL;
