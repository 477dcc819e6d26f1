-- units.sql — named queries (see src/store/db.h).

-- name: id_by_code
SELECT id FROM units WHERE code = $1;
