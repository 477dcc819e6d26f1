-- simulate.sql (PostgreSQL) — after the bulk writer gave ids explicitly, move the
-- identity sequences past them (see ../simulate.sql).

-- name: sync_ids
SELECT setval(pg_get_serial_sequence('dossiers', 'id'), GREATEST((SELECT MAX(id) FROM dossiers), 1)),
       setval(pg_get_serial_sequence('dossier_attachments', 'id'),
              GREATEST((SELECT MAX(id) FROM dossier_attachments), 1)),
       setval(pg_get_serial_sequence('files', 'id'), GREATEST((SELECT MAX(id) FROM files), 1)),
       setval(pg_get_serial_sequence('users', 'id'), GREATEST((SELECT MAX(id) FROM users), 1));
