-- simulate.sql (SQLite) — settings of the connection that bulk-loads a
-- simulated history (see ../simulate.sql): a larger page cache, and WAL
-- checkpoints every 64 MB instead of every 4 MB, so the index pages that
-- every batch touches are copied to the database file less often; foreign
-- keys not looked up row by row while loading (12 % of the load; the writer
-- names only rows it wrote or read), checked afterwards by --check.

-- name: bulk_cache
PRAGMA cache_size = -262144;

-- name: bulk_checkpoint
PRAGMA wal_autocheckpoint = 16384;

-- name: bulk_references_off
PRAGMA foreign_keys = OFF;

-- name: bulk_references_on
PRAGMA foreign_keys = ON;

-- Rows whose references lead nowhere, in every table.
-- name: check_references
SELECT COUNT(*) FROM pragma_foreign_key_check;
