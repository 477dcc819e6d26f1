-- dossiers.sql — named queries of the dossier life-cycle (src/core/dossier*.c).
-- Rows come from the view dossier_rows (0006_dossiers.sql); its column order
-- is decoded by src/core/dossier_int.h. Parameters that may be NULL are cast
-- so that PostgreSQL can type them.

-- name: by_code
SELECT * FROM dossier_rows WHERE code = $1;

-- name: by_id
SELECT * FROM dossier_rows WHERE id = $1;

-- name: insert
INSERT INTO dossiers (code, procedure_id, receiving_unit_id, handling_unit_id, channel,
  applicant_name, applicant_kind, applicant_id_number, applicant_phone, applicant_email,
  applicant_address, owner_user_id, submitted_by, on_behalf, vneid, form_json, workflow_json,
  state, resume_state, step_index, nsteps, step_code, step_unit_id, step_role, status,
  submitted_at, has_fee, has_result, version, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
  $20, $21, $22, $23, $24, $25, $26, $27, $28, 1, $26)
RETURNING id;

-- name: update
-- Everything a transition or an attachment may change; $2 = the version read.
UPDATE dossiers SET
  receiving_unit_id = $3, handling_unit_id = $4, state = $5, resume_state = $6,
  step_index = $7, step_code = $8, step_unit_id = $9, step_role = $10, status = $11,
  received_at = $12, due_at = $13, apology_due_at = $14, paused_since = $15,
  paused_seconds = $16, paused_work_seconds = $17, allowed_work_seconds = $18,
  supplements = $19, ended_at = $20, end_status = $21, on_time = $22,
  handling_seconds = $23, late_seconds = $24, paid_online = $25, e_result = $26,
  digitised = $27, reused = $28, store_linked = $29, synced = $30, rating = $31,
  rating_comment = $32, complaint = $33, updated_at = $34, version = version + 1
WHERE id = $1 AND version = $2;

-- name: counter_next
INSERT INTO dossier_counters (scope, last) VALUES ($1, 1)
ON CONFLICT (scope) DO UPDATE SET last = dossier_counters.last + 1
RETURNING last;

-- name: citizen_by_id_number
SELECT id FROM users
WHERE role = 'citizen' AND id_number = $1 AND disabled = 0
ORDER BY id LIMIT 1;

-- name: user_contact
SELECT full_name, id_number, phone, email FROM users WHERE id = $1;

-- name: event_insert
INSERT INTO dossier_events (dossier_id, seq, at, actor_id, actor_role, action, from_state,
  to_state, step_code, note, data_json)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);

-- name: events
SELECT e.seq, e.at, e.actor_id, u.full_name AS actor_name, e.actor_role, e.action,
       e.from_state, e.to_state, e.step_code, e.note, e.data_json
FROM dossier_events e LEFT JOIN users u ON u.id = e.actor_id
WHERE e.dossier_id = $1 ORDER BY e.seq;

-- name: step_insert
INSERT INTO dossier_steps (dossier_id, step_index, step_code, step_name, unit_id, role,
  started_at, due_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: step_open_due
-- The deadline of the open step (NULL when it has none).
SELECT due_at FROM dossier_steps
WHERE dossier_id = $1 AND ended_at IS NULL ORDER BY id DESC LIMIT 1;

-- name: step_end
-- Close the open step: on_time is NULL for steps without a deadline.
UPDATE dossier_steps SET ended_at = $2, actor_id = $3, outcome = $4,
  on_time = CASE WHEN due_at IS NULL THEN NULL WHEN $2 <= due_at THEN 1 ELSE 0 END
WHERE dossier_id = $1 AND ended_at IS NULL;

-- name: step_shift_due
-- A supplement pause moves the open step's deadline by the pause.
UPDATE dossier_steps SET due_at = due_at + $2
WHERE dossier_id = $1 AND ended_at IS NULL AND due_at IS NOT NULL;

-- name: steps
SELECT s.step_index, s.step_code, s.step_name, s.unit_id, un.code AS unit_code,
       un.name AS unit_name, s.role, s.started_at, s.due_at, s.ended_at, s.on_time,
       s.actor_id, u.full_name AS actor_name, s.outcome
FROM dossier_steps s
JOIN units un ON un.id = s.unit_id
LEFT JOIN users u ON u.id = s.actor_id
WHERE s.dossier_id = $1 ORDER BY s.id;

-- name: held_by_unit
-- Did the unit ever hold the dossier (a step row at that unit)?
SELECT count(*) FROM dossier_steps WHERE dossier_id = $1 AND unit_id = $2;

-- name: attachment_insert
INSERT INTO dossier_attachments (dossier_id, file_id, component, kind, digitised, reused,
  uploaded_by, at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING id;

-- name: attachments
SELECT id, file_id, component, kind, digitised, reused, uploaded_by, at
FROM dossier_attachments WHERE dossier_id = $1 ORDER BY id;

-- name: attachment
SELECT id, file_id, component, kind, digitised, reused, uploaded_by, at
FROM dossier_attachments WHERE dossier_id = $1 AND id = $2;

-- Lists. Filters, the same in every scope: $1 state, $2 procedure code,
-- $3 late (0/1), $4 now, $5 code contains (LIKE-escaped); list_* then have
-- $6 sort ("urgency" | "newest"), $7 limit, $8 offset and the scope's own
-- parameters as $9, $10; count_* have the scope's own as $6, $7.
-- Urgency = the effective deadline ascending; paused and not yet received
-- dossiers come after those with a running clock.

-- name: list_all
SELECT v.* FROM dossier_rows v
WHERE (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\')
ORDER BY CASE WHEN CAST($6 AS TEXT) = 'newest' THEN -v.submitted_at
              WHEN v.ended_at IS NULL AND v.paused_since IS NULL AND v.due_at IS NOT NULL
              THEN v.due_at + v.paused_seconds ELSE 9000000000000000000 END, v.id DESC
LIMIT $7 OFFSET $8;

-- name: count_all
SELECT count(*) FROM dossier_rows v
WHERE (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\');

-- name: list_own
SELECT v.* FROM dossier_rows v
WHERE v.owner_user_id = $9
  AND (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\')
ORDER BY CASE WHEN CAST($6 AS TEXT) = 'newest' THEN -v.submitted_at
              WHEN v.ended_at IS NULL AND v.paused_since IS NULL AND v.due_at IS NOT NULL
              THEN v.due_at + v.paused_seconds ELSE 9000000000000000000 END, v.id DESC
LIMIT $7 OFFSET $8;

-- name: count_own
SELECT count(*) FROM dossier_rows v
WHERE v.owner_user_id = $6
  AND (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\');

-- name: list_inbox
-- The current step is at unit $9 for role $10 (a unit leader also sees the
-- specialist steps of the unit).
SELECT v.* FROM dossier_rows v
WHERE v.step_unit_id = $9
  AND (v.step_role = CAST($10 AS TEXT) OR (CAST($10 AS TEXT) = 'unit_leader' AND v.step_role = 'specialist'))
  AND (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\')
ORDER BY CASE WHEN CAST($6 AS TEXT) = 'newest' THEN -v.submitted_at
              WHEN v.ended_at IS NULL AND v.paused_since IS NULL AND v.due_at IS NOT NULL
              THEN v.due_at + v.paused_seconds ELSE 9000000000000000000 END, v.id DESC
LIMIT $7 OFFSET $8;

-- name: count_inbox
SELECT count(*) FROM dossier_rows v
WHERE v.step_unit_id = $6
  AND (v.step_role = CAST($7 AS TEXT) OR (CAST($7 AS TEXT) = 'unit_leader' AND v.step_role = 'specialist'))
  AND (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\');

-- name: list_unit
-- Received, handled or currently held by unit $9.
SELECT v.* FROM dossier_rows v
WHERE (v.receiving_unit_id = $9 OR v.handling_unit_id = $9 OR v.step_unit_id = $9)
  AND (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\')
ORDER BY CASE WHEN CAST($6 AS TEXT) = 'newest' THEN -v.submitted_at
              WHEN v.ended_at IS NULL AND v.paused_since IS NULL AND v.due_at IS NOT NULL
              THEN v.due_at + v.paused_seconds ELSE 9000000000000000000 END, v.id DESC
LIMIT $7 OFFSET $8;

-- name: count_unit
SELECT count(*) FROM dossier_rows v
WHERE (v.receiving_unit_id = $6 OR v.handling_unit_id = $6 OR v.step_unit_id = $6)
  AND (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\');

-- name: list_subtree
-- Received, handled or currently held by unit $9 or any unit below it (unit_closure).
SELECT v.* FROM dossier_rows v
WHERE (v.handling_unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = $9)
       OR v.receiving_unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = $9)
       OR v.step_unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = $9))
  AND (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\')
ORDER BY CASE WHEN CAST($6 AS TEXT) = 'newest' THEN -v.submitted_at
              WHEN v.ended_at IS NULL AND v.paused_since IS NULL AND v.due_at IS NOT NULL
              THEN v.due_at + v.paused_seconds ELSE 9000000000000000000 END, v.id DESC
LIMIT $7 OFFSET $8;

-- name: count_subtree
SELECT count(*) FROM dossier_rows v
WHERE (v.handling_unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = $6)
       OR v.receiving_unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = $6)
       OR v.step_unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = $6))
  AND (CAST($1 AS TEXT) IS NULL OR v.state = $1)
  AND (CAST($2 AS TEXT) IS NULL OR v.procedure_code = $2)
  AND (CAST($3 AS INTEGER) = 0 OR (v.ended_at IS NULL AND v.paused_since IS NULL
       AND v.due_at IS NOT NULL AND v.due_at + v.paused_seconds < $4) OR v.on_time = 0)
  AND (CAST($5 AS TEXT) IS NULL OR v.code LIKE '%' || CAST($5 AS TEXT) || '%' ESCAPE '\');
