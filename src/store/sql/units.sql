-- units.sql — named queries of administrative units (src/core/unit.h, src/store/db.h).
-- Dates are ISO text, so validity filters compare strings: a unit is valid on
-- day D when (valid_from IS NULL OR valid_from <= D) AND (valid_to IS NULL OR
-- valid_to > D). Optional filters pass NULL (CAST keeps PostgreSQL able to
-- infer the parameter type).

-- name: id_by_code
SELECT id FROM units WHERE code = $1;

-- name: by_code
SELECT id, code, name, kind, parent_id, valid_from, valid_to FROM units WHERE code = $1;

-- name: by_id
SELECT id, code, name, kind, parent_id, valid_from, valid_to FROM units WHERE id = $1;

-- name: within
SELECT 1 FROM unit_closure WHERE ancestor_id = $1 AND descendant_id = $2;

-- name: count_all
SELECT COUNT(*) FROM units;

-- name: load_all
-- Everything the importer checks against, oldest first.
SELECT id, code, name, kind, parent_id, valid_from, valid_to FROM units ORDER BY id;

-- name: load_successors
SELECT s.unit_id, u.code, s.effective
FROM unit_successors s JOIN units u ON u.id = s.successor_id
ORDER BY s.unit_id, u.code;

-- name: insert
INSERT INTO units (code, name, name_fold, kind, parent_id, valid_from, valid_to, created_at, updated_at)
VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $7)
RETURNING id;

-- name: update
UPDATE units SET name = $2, name_fold = $3, kind = $4, valid_from = $5, valid_to = $6, updated_at = $7
WHERE id = $1;

-- name: set_parent
UPDATE units SET parent_id = $2 WHERE id = $1;

-- name: successors_clear
DELETE FROM unit_successors WHERE unit_id = $1;

-- name: successor_add
INSERT INTO unit_successors (unit_id, successor_id, effective) VALUES ($1, $2, $3);

-- name: closure_clear
DELETE FROM unit_closure;

-- name: closure_build
INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
WITH RECURSIVE c (ancestor_id, descendant_id, depth) AS (
  SELECT id, id, 0 FROM units
  UNION ALL
  SELECT u.parent_id, c.descendant_id, c.depth + 1
  FROM c JOIN units u ON u.id = c.ancestor_id
  WHERE u.parent_id IS NOT NULL
)
SELECT ancestor_id, descendant_id, depth FROM c;

-- name: export
SELECT u.id, u.code, u.name, u.kind, p.code AS parent_code, u.valid_from, u.valid_to
FROM units u LEFT JOIN units p ON p.id = u.parent_id
ORDER BY u.id;

-- name: list
-- $1 name pattern (LIKE on name_fold, '\' escapes), $2 kind, $3 parent code,
-- $4 day, $5 limit, $6 offset.
SELECT u.code, u.name, u.kind, p.code AS parent_code, u.valid_from, u.valid_to
FROM units u LEFT JOIN units p ON p.id = u.parent_id
WHERE (CAST($1 AS TEXT) IS NULL OR u.name_fold LIKE $1 ESCAPE '\')
  AND (CAST($2 AS TEXT) IS NULL OR u.kind = $2)
  AND (CAST($3 AS TEXT) IS NULL OR p.code = $3)
  AND (CAST($4 AS TEXT) IS NULL OR ((u.valid_from IS NULL OR u.valid_from <= $4)
                                    AND (u.valid_to IS NULL OR u.valid_to > $4)))
ORDER BY CASE u.kind WHEN 'province' THEN 0 WHEN 'department' THEN 1 WHEN 'district' THEN 2
                     WHEN 'commune' THEN 3 ELSE 4 END, u.name_fold, u.code
LIMIT $5 OFFSET $6;

-- name: list_count
SELECT COUNT(*)
FROM units u LEFT JOIN units p ON p.id = u.parent_id
WHERE (CAST($1 AS TEXT) IS NULL OR u.name_fold LIKE $1 ESCAPE '\')
  AND (CAST($2 AS TEXT) IS NULL OR u.kind = $2)
  AND (CAST($3 AS TEXT) IS NULL OR p.code = $3)
  AND (CAST($4 AS TEXT) IS NULL OR ((u.valid_from IS NULL OR u.valid_from <= $4)
                                    AND (u.valid_to IS NULL OR u.valid_to > $4)));

-- name: tree
-- $1 day or NULL.
SELECT id, code, name, kind, parent_id, valid_from, valid_to
FROM units
WHERE CAST($1 AS TEXT) IS NULL OR ((valid_from IS NULL OR valid_from <= $1)
                                   AND (valid_to IS NULL OR valid_to > $1))
ORDER BY CASE kind WHEN 'province' THEN 0 WHEN 'department' THEN 1 WHEN 'district' THEN 2
                   WHEN 'commune' THEN 3 ELSE 4 END, name_fold, code;

-- name: describe
SELECT u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to, p.code, p.name, p.kind,
       (SELECT COUNT(*) FROM units c WHERE c.parent_id = u.id)
FROM units u LEFT JOIN units p ON p.id = u.parent_id
WHERE u.code = $1;

-- name: predecessors
SELECT u.code, u.name, u.kind, s.effective
FROM unit_successors s JOIN units u ON u.id = s.unit_id
WHERE s.successor_id = $1 ORDER BY u.code;

-- name: successors
SELECT u.code, u.name, u.kind, s.effective
FROM unit_successors s JOIN units u ON u.id = s.successor_id
WHERE s.unit_id = $1 ORDER BY u.code;

