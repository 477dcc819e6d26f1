-- procedures.sql — named queries of the procedure catalogue (see src/store/db.h
-- and src/core/procedure.h). The procedure columns always come in this order:
-- id, code, name, field_code, field_name, level, unit_kinds, time_amount,
-- time_unit, rule_1500, online_level, full_eligible, result_type, citizen_kind,
-- decided_on, effective_on, published_on, payment_integrated, active,
-- eform_json, workflow_json, created_at, updated_at.

-- name: by_code
SELECT p.id, p.code, p.name, p.field_code, f.name AS field_name, p.level, p.unit_kinds,
       p.time_amount, p.time_unit, p.rule_1500, p.online_level, p.full_eligible,
       p.result_type, p.citizen_kind, p.decided_on, p.effective_on, p.published_on,
       p.payment_integrated, p.active, p.eform_json, p.workflow_json, p.created_at, p.updated_at
FROM procedures p JOIN procedure_fields f ON f.code = p.field_code
WHERE p.code = $1;

-- name: by_id
SELECT p.id, p.code, p.name, p.field_code, f.name AS field_name, p.level, p.unit_kinds,
       p.time_amount, p.time_unit, p.rule_1500, p.online_level, p.full_eligible,
       p.result_type, p.citizen_kind, p.decided_on, p.effective_on, p.published_on,
       p.payment_integrated, p.active, p.eform_json, p.workflow_json, p.created_at, p.updated_at
FROM procedures p JOIN procedure_fields f ON f.code = p.field_code
WHERE p.id = $1;

-- name: all
SELECT p.id, p.code, p.name, p.field_code, f.name AS field_name, p.level, p.unit_kinds,
       p.time_amount, p.time_unit, p.rule_1500, p.online_level, p.full_eligible,
       p.result_type, p.citizen_kind, p.decided_on, p.effective_on, p.published_on,
       p.payment_integrated, p.active, p.eform_json, p.workflow_json, p.created_at, p.updated_at
FROM procedures p JOIN procedure_fields f ON f.code = p.field_code
ORDER BY p.code;

-- name: id_by_code
SELECT id FROM procedures WHERE code = $1;

-- name: fees_of
SELECT code, name, amount, kind FROM procedure_fees WHERE procedure_id = $1 ORDER BY seq;

-- name: components_of
SELECT code, name, required, from_store FROM procedure_components
WHERE procedure_id = $1 ORDER BY seq;

-- name: fees_all
SELECT procedure_id, code, name, amount, kind FROM procedure_fees ORDER BY procedure_id, seq;

-- name: components_all
SELECT procedure_id, code, name, required, from_store FROM procedure_components
ORDER BY procedure_id, seq;

-- name: field_upsert
INSERT INTO procedure_fields (code, name, name_fold, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_fold = excluded.name_fold,
                                 updated_at = excluded.updated_at;

-- name: upsert
INSERT INTO procedures (code, name, name_fold, field_code, level, unit_kinds, time_amount,
                        time_unit, rule_1500, online_level, full_eligible, result_type,
                        citizen_kind, decided_on, effective_on, published_on,
                        payment_integrated, active, eform_json, workflow_json,
                        created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
        $19, $20, $21, $21)
ON CONFLICT (code) DO UPDATE SET
  name = excluded.name, name_fold = excluded.name_fold, field_code = excluded.field_code,
  level = excluded.level, unit_kinds = excluded.unit_kinds,
  time_amount = excluded.time_amount, time_unit = excluded.time_unit,
  rule_1500 = excluded.rule_1500, online_level = excluded.online_level,
  full_eligible = excluded.full_eligible, result_type = excluded.result_type,
  citizen_kind = excluded.citizen_kind, decided_on = excluded.decided_on,
  effective_on = excluded.effective_on, published_on = excluded.published_on,
  payment_integrated = excluded.payment_integrated, active = excluded.active,
  eform_json = excluded.eform_json, workflow_json = excluded.workflow_json,
  updated_at = excluded.updated_at
RETURNING id;

-- name: fees_delete
DELETE FROM procedure_fees WHERE procedure_id = $1;

-- name: components_delete
DELETE FROM procedure_components WHERE procedure_id = $1;

-- name: fee_insert
INSERT INTO procedure_fees (procedure_id, seq, code, name, amount, kind)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: component_insert
INSERT INTO procedure_components (procedure_id, seq, code, name, required, from_store)
VALUES ($1, $2, $3, $4, $5, $6);

-- Search (core/procedure_search.c). $1 folded text or NULL; $2 code prefix
-- pattern; $3 name prefix; $4 text at a word start; $5 text anywhere;
-- $6..$11 one pattern per word ('%' when unused); $12 include inactive (0/1);
-- $13 field code; $14 unit-kind pattern ('%,commune,%'); $15 online level
-- (full | partial | none | online); $16 limit; $17 offset. Patterns escape
-- % _ and \ with \.
-- name: search
SELECT p.id, p.code, p.name, p.field_code, f.name AS field_name, p.level, p.unit_kinds,
       p.time_amount, p.time_unit, p.rule_1500, p.online_level, p.full_eligible,
       p.result_type, p.citizen_kind, p.decided_on, p.effective_on, p.published_on,
       p.payment_integrated, p.active, NULL AS eform_json, NULL AS workflow_json,
       p.created_at, p.updated_at,
       CASE WHEN CAST($1 AS TEXT) IS NULL THEN 0
            WHEN p.code LIKE $2 ESCAPE '\' THEN 0
            WHEN p.name_fold LIKE $3 ESCAPE '\' THEN 1
            WHEN p.name_fold LIKE $4 ESCAPE '\' THEN 2
            WHEN p.name_fold LIKE $5 ESCAPE '\' THEN 3
            ELSE 4 END AS rank
FROM procedures p JOIN procedure_fields f ON f.code = p.field_code
WHERE ($12 = 1 OR p.active = 1)
  AND (CAST($13 AS TEXT) IS NULL OR p.field_code = $13)
  AND (CAST($14 AS TEXT) IS NULL OR (',' || p.unit_kinds || ',') LIKE $14)
  AND (CAST($15 AS TEXT) IS NULL OR p.online_level = $15
       OR ($15 = 'online' AND p.online_level <> 'none'))
  AND (CAST($1 AS TEXT) IS NULL OR p.code LIKE $2 ESCAPE '\'
       OR (p.name_fold LIKE $6 ESCAPE '\' AND p.name_fold LIKE $7 ESCAPE '\'
           AND p.name_fold LIKE $8 ESCAPE '\' AND p.name_fold LIKE $9 ESCAPE '\'
           AND p.name_fold LIKE $10 ESCAPE '\' AND p.name_fold LIKE $11 ESCAPE '\'))
ORDER BY rank, p.name_fold, p.code
LIMIT $16 OFFSET $17;

-- name: search_count
SELECT count(*)
FROM procedures p
WHERE ($12 = 1 OR p.active = 1)
  AND (CAST($13 AS TEXT) IS NULL OR p.field_code = $13)
  AND (CAST($14 AS TEXT) IS NULL OR (',' || p.unit_kinds || ',') LIKE $14)
  AND (CAST($15 AS TEXT) IS NULL OR p.online_level = $15
       OR ($15 = 'online' AND p.online_level <> 'none'))
  AND (CAST($1 AS TEXT) IS NULL OR p.code LIKE $2 ESCAPE '\'
       OR (p.name_fold LIKE $6 ESCAPE '\' AND p.name_fold LIKE $7 ESCAPE '\'
           AND p.name_fold LIKE $8 ESCAPE '\' AND p.name_fold LIKE $9 ESCAPE '\'
           AND p.name_fold LIKE $10 ESCAPE '\' AND p.name_fold LIKE $11 ESCAPE '\'));

-- name: fields
SELECT f.code, f.name, count(p.id) AS procedures,
       COALESCE(sum(CASE WHEN p.online_level <> 'none' THEN 1 ELSE 0 END), 0) AS online
FROM procedure_fields f LEFT JOIN procedures p ON p.field_code = f.code AND p.active = 1
GROUP BY f.code, f.name, f.name_fold
ORDER BY f.name_fold, f.code;
