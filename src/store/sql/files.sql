-- files.sql — uploaded files (see src/core/files.h); named queries per db.h.

-- name: insert
INSERT INTO files (sha256, size, mime, filename, created_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id;

-- name: get
SELECT id, sha256, size, mime, filename, created_at FROM files WHERE id = $1;
