-- The tamper-evident audit log (STANDARDS.md §4.5 item 3). Each record is chained to the previous
-- one by SHA-256 (audit/AuditRecord); ids are contiguous, assigned under an advisory lock so that
-- several instances append to one chain. Signed checkpoints pin the chain head with an HSM key.

CREATE TABLE audit_event (
    id          BIGINT PRIMARY KEY CHECK (id > 0),
    occurred_at TIMESTAMPTZ NOT NULL,
    type        TEXT NOT NULL,
    actor       TEXT NOT NULL,
    subject     TEXT NOT NULL,
    details     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash        TEXT NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX audit_event_type ON audit_event (type, id);
CREATE INDEX audit_event_subject ON audit_event (subject, id);

CREATE TABLE audit_checkpoint (
    event_id  BIGINT PRIMARY KEY,
    hash      TEXT NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL,
    key_alias TEXT NOT NULL,
    signature BYTEA NOT NULL
);

-- Append-only: the application never updates or deletes; the database refuses it too.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only';
END;
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
