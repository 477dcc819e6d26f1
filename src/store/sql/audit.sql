-- audit.sql — the hash-chained audit log (src/core/audit.h). Append-only:
-- there is no update or delete query here, by design.

-- name: head_next
UPDATE audit_head SET seq = seq + 1 WHERE id = 1
RETURNING seq, hash;

-- name: head_set
UPDATE audit_head SET hash = $1 WHERE id = 1 AND seq = $2;

-- name: head
SELECT seq, hash FROM audit_head WHERE id = 1;

-- name: insert
INSERT INTO audit_log (seq, at, actor_id, actor_role, actor_unit, action, object_type,
                       object_id, object_code, owner_id, detail, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13);

-- name: walk
SELECT seq, at, actor_id, actor_role, actor_unit, action, object_type, object_id,
       object_code, owner_id, detail, prev_hash, hash
FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2;

-- name: by_object
SELECT a.seq, a.at, a.actor_id, u.full_name AS actor_name, a.actor_role, un.code AS unit_code,
       un.name AS unit_name, a.action, a.object_type, a.object_code, a.detail
FROM audit_log a
LEFT JOIN users u ON u.id = a.actor_id
LEFT JOIN units un ON un.id = a.actor_unit
WHERE a.object_type = $1 AND a.object_code = $2
ORDER BY a.seq DESC LIMIT $3 OFFSET $4;

-- name: count_object
SELECT count(*) FROM audit_log WHERE object_type = $1 AND object_code = $2;

-- name: by_owner
SELECT a.seq, a.at, a.actor_id, u.full_name AS actor_name, a.actor_role, un.code AS unit_code,
       un.name AS unit_name, a.action, a.object_type, a.object_code, a.detail
FROM audit_log a
LEFT JOIN users u ON u.id = a.actor_id
LEFT JOIN units un ON un.id = a.actor_unit
WHERE a.owner_id = $1
ORDER BY a.seq DESC LIMIT $2 OFFSET $3;

-- name: count_owner
SELECT count(*) FROM audit_log WHERE owner_id = $1;

-- name: by_owner_object
SELECT a.seq, a.at, a.actor_id, u.full_name AS actor_name, a.actor_role, un.code AS unit_code,
       un.name AS unit_name, a.action, a.object_type, a.object_code, a.detail
FROM audit_log a
LEFT JOIN users u ON u.id = a.actor_id
LEFT JOIN units un ON un.id = a.actor_unit
WHERE a.owner_id = $1 AND a.object_code = $2
ORDER BY a.seq DESC LIMIT $3 OFFSET $4;

-- name: count_owner_object
SELECT count(*) FROM audit_log WHERE owner_id = $1 AND object_code = $2;

-- name: all
SELECT a.seq, a.at, a.actor_id, u.full_name AS actor_name, a.actor_role, un.code AS unit_code,
       un.name AS unit_name, a.action, a.object_type, a.object_code, a.detail
FROM audit_log a
LEFT JOIN users u ON u.id = a.actor_id
LEFT JOIN units un ON un.id = a.actor_unit
ORDER BY a.seq DESC LIMIT $1 OFFSET $2;

-- name: count_all
SELECT count(*) FROM audit_log;
