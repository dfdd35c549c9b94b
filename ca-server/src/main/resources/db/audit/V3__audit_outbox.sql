-- The audit outbox (issue 14, ARCHITECTURE.md §5 item 1): an audit event that must be atomic with
-- the state it describes (certificate.issued with the certificate's DER, a reservation's
-- resolution) is inserted here by the same statement that changes that state. Each instance moves
-- outbox rows into the hash chain (audit_event) in the transaction that deletes them, taking the
-- rows FOR UPDATE SKIP LOCKED, so a row is chained exactly once whichever instance drains it and
-- whenever it dies.
CREATE TABLE audit_outbox (
    id          BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    type        TEXT NOT NULL,
    actor       TEXT NOT NULL,
    subject     TEXT NOT NULL,
    details     TEXT NOT NULL
);
