-- 0011_audit_guard.sql (PostgreSQL) — the application never updates or deletes
-- audit entries: refuse it at the engine too. (Tampering by someone who drops
-- these triggers is what the hash chain and `motcua audit verify` detect.)
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
