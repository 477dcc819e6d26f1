-- 0011_audit_guard.sql (SQLite) — the application never updates or deletes
-- audit entries: refuse it at the engine too. (Tampering by someone who drops
-- these triggers is what the hash chain and `motcua audit verify` detect.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
