-- slips.sql — named queries of the legal slips (src/core/slips*.c). The slips
-- of one dossier read it through the dossier module; the register (form 07)
-- lists what a unit received.

-- name: register
-- Dossiers received by unit $1 in [$2, $3) (instants), by reception time, at
-- most $4 rows: the columns of the dossier register. submitted_at < $3 is
-- implied (a dossier is received after it is submitted) and lets the
-- (receiving_unit_id, submitted_at) index bound the scan.
SELECT d.code, p.name AS procedure_name, d.applicant_name, d.applicant_address, d.applicant_phone,
       hu.name AS handling_unit_name, d.received_at, d.due_at, d.apology_due_at,
       (SELECT MIN(s.started_at) FROM dossier_steps s
         WHERE s.dossier_id = d.id AND s.step_index = 0) AS sent_at,
       (SELECT MIN(s.started_at) FROM dossier_steps s
         WHERE s.dossier_id = d.id AND s.step_index = d.nsteps) AS back_at,
       (SELECT MAX(s.ended_at) FROM dossier_steps s
         WHERE s.dossier_id = d.id AND s.outcome = 'return_result') AS returned_at,
       d.status, d.ended_at, d.on_time
FROM dossiers d
JOIN procedures p ON p.id = d.procedure_id
JOIN units hu ON hu.id = d.handling_unit_id
WHERE d.receiving_unit_id = $1 AND d.submitted_at < $3
  AND d.received_at >= $2 AND d.received_at < $3
ORDER BY d.received_at, d.id
LIMIT $4;
