-- simulate.sql — named queries of the simulator's bulk writer (src/core/simulate*.c).
-- The bulk writer plays each dossier's life in memory by the engine's rules and
-- writes the resulting rows whole: ids are assigned by the simulator (the next
-- free ones), so events can name attachments before they are written.

-- name: province
SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM procedures WHERE active = 1);

-- name: units
SELECT id, code, name, kind, parent_id, valid_from, valid_to FROM units ORDER BY id;

-- name: procedures
SELECT id FROM procedures WHERE active = 1 ORDER BY id;

-- name: max_ids
SELECT (SELECT COALESCE(MAX(id), 0) FROM dossiers),
       (SELECT COALESCE(MAX(id), 0) FROM dossier_attachments),
       (SELECT COALESCE(MAX(id), 0) FROM files),
       (SELECT COALESCE(MAX(id), 0) FROM users);

-- A citizen account opened by a first login through VNeID (as users.insert_citizen),
-- with the id the simulator gave it.
-- name: citizen_insert
INSERT INTO users (id, username, password_hash, full_name, role, id_number, phone, email, birth_date, sex,
                   account_type, assurance, created_at)
VALUES ($1, $2, '!', $3, 'citizen', $4, $5, $6, $7, $8, $9, $10, $11);

-- name: citizens
SELECT id_number, MIN(id) FROM users
WHERE role = 'citizen' AND disabled = 0 AND id_number IS NOT NULL
GROUP BY id_number;

-- name: counters
SELECT scope, last FROM dossier_counters;

-- name: counter_set
INSERT INTO dossier_counters (scope, last) VALUES ($1, $2)
ON CONFLICT (scope) DO UPDATE SET last = excluded.last;

-- name: dossier_insert
INSERT INTO dossiers (id, code, procedure_id, receiving_unit_id, handling_unit_id, channel,
  applicant_name, applicant_kind, applicant_id_number, applicant_phone, applicant_email,
  applicant_address, owner_user_id, submitted_by, on_behalf, vneid, form_json, workflow_json,
  state, resume_state, step_index, nsteps, step_code, step_unit_id, step_role, status,
  submitted_at, received_at, due_at, apology_due_at, paused_since, paused_seconds,
  paused_work_seconds, allowed_work_seconds, supplements, ended_at, end_status, on_time,
  handling_seconds, late_seconds, has_fee, paid_online, has_result, e_result, digitised, reused,
  store_linked, synced, rating, rating_comment, complaint, version, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
  $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39,
  $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50, $51, $52, $53);

-- Steps as written whole: on_time -1 stands for NULL (a step without a deadline).
-- name: step_insert
INSERT INTO dossier_steps (dossier_id, step_index, step_code, step_name, unit_id, role,
  started_at, due_at, ended_at, on_time, actor_id, outcome)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULLIF($10, -1), $11, $12);

-- name: step_insert5
INSERT INTO dossier_steps (dossier_id, step_index, step_code, step_name, unit_id, role,
  started_at, due_at, ended_at, on_time, actor_id, outcome)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULLIF($10, -1), $11, $12),
  ($13, $14, $15, $16, $17, $18, $19, $20, $21, NULLIF($22, -1), $23, $24),
  ($25, $26, $27, $28, $29, $30, $31, $32, $33, NULLIF($34, -1), $35, $36),
  ($37, $38, $39, $40, $41, $42, $43, $44, $45, NULLIF($46, -1), $47, $48),
  ($49, $50, $51, $52, $53, $54, $55, $56, $57, NULLIF($58, -1), $59, $60);

-- name: attachment_insert
INSERT INTO dossier_attachments (id, dossier_id, file_id, component, kind, digitised, reused,
  uploaded_by, at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: file_insert
INSERT INTO files (id, sha256, size, mime, filename, created_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- Several rows per statement (at most 64 parameters each; dossiers.event_insert,
-- attachment_insert and file_insert write the rest one by one).
-- name: event_insert5
INSERT INTO dossier_events (dossier_id, seq, at, actor_id, actor_role, action, from_state,
  to_state, step_code, note, data_json)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11),
  ($12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22),
  ($23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33),
  ($34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44),
  ($45, $46, $47, $48, $49, $50, $51, $52, $53, $54, $55);

-- name: attachment_insert7
INSERT INTO dossier_attachments (id, dossier_id, file_id, component, kind, digitised, reused,
  uploaded_by, at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9),
  ($10, $11, $12, $13, $14, $15, $16, $17, $18),
  ($19, $20, $21, $22, $23, $24, $25, $26, $27),
  ($28, $29, $30, $31, $32, $33, $34, $35, $36),
  ($37, $38, $39, $40, $41, $42, $43, $44, $45),
  ($46, $47, $48, $49, $50, $51, $52, $53, $54),
  ($55, $56, $57, $58, $59, $60, $61, $62, $63);

-- name: file_insert10
INSERT INTO files (id, sha256, size, mime, filename, created_at)
VALUES ($1, $2, $3, $4, $5, $6),
  ($7, $8, $9, $10, $11, $12),
  ($13, $14, $15, $16, $17, $18),
  ($19, $20, $21, $22, $23, $24),
  ($25, $26, $27, $28, $29, $30),
  ($31, $32, $33, $34, $35, $36),
  ($37, $38, $39, $40, $41, $42),
  ($43, $44, $45, $46, $47, $48),
  ($49, $50, $51, $52, $53, $54),
  ($55, $56, $57, $58, $59, $60);

-- After ids were given explicitly, the identity sequences follow (PostgreSQL:
-- pg/simulate.sql; SQLite takes MAX(id) + 1 by itself).
-- name: sync_ids
SELECT 1;

-- Connection settings for a bulk load (SQLite: sqlite/simulate.sql; nothing
-- to set elsewhere).
-- name: bulk_cache
SELECT 1;

-- name: bulk_checkpoint
SELECT 1;

-- name: bulk_references_off
SELECT 1;

-- name: bulk_references_on
SELECT 1;

-- Rows whose references lead nowhere (SQLite checks after a bulk load;
-- PostgreSQL enforces them on every row).
-- name: check_references
SELECT 0;

-- The consistency check (simulate_check.c): every dossier with its events and
-- its open steps, each in key order (the index is checked by mc_index_verify).
-- name: check_dossiers
SELECT id, handling_unit_id, procedure_id, channel, state, submitted_at, received_at, due_at,
       paused_since, paused_seconds, ended_at, end_status, supplements, on_time, handling_seconds,
       has_fee, paid_online, has_result, e_result, digitised, reused, store_linked, vneid, synced,
       rating, complaint, version, updated_at, code
FROM dossiers ORDER BY id;

-- name: check_events
SELECT dossier_id, seq, at, action, from_state, to_state FROM dossier_events
ORDER BY dossier_id, seq;

-- name: check_open_steps
SELECT dossier_id, COUNT(*) FROM dossier_steps WHERE ended_at IS NULL
GROUP BY dossier_id ORDER BY dossier_id;
