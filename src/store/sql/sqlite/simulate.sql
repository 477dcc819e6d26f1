-- simulate.sql (SQLite) — settings of the connection that bulk-loads a
-- simulated history (see ../simulate.sql): a larger page cache, and WAL
-- checkpoints every 64 MB instead of every 4 MB, so the index pages that
-- every batch touches are copied to the database file less often.

-- name: bulk_cache
PRAGMA cache_size = -262144;

-- name: bulk_checkpoint
PRAGMA wal_autocheckpoint = 16384;
