-- index.sql (PostgreSQL) — what a verification or repair of the 766 index
-- needs beyond the portable queries (see ../index.sql).

-- One snapshot for every batch a verification reads (first statement of its transaction).
-- name: verify_snapshot
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;

-- A repair empties and rewrites the index: dossier changes wait at their index step
-- (they read idx_dossier first) until it commits, then apply their change on top.
-- name: repair_lock
LOCK TABLE idx_dossier, idx_bucket, idx_active IN ACCESS EXCLUSIVE MODE;
