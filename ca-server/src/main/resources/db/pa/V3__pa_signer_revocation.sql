-- Revoked PA signer certificates (STANDARDS.md §4.2 item 2): the PA CRL lists each row.
CREATE TABLE pa_signer_revocation (
    serial      TEXT PRIMARY KEY CHECK (serial ~ '^[0-9a-f]{1,40}$'),
    subject     TEXT NOT NULL,
    reason      INTEGER NOT NULL,
    revoked_at  TIMESTAMPTZ NOT NULL,
    revoked_by  TEXT NOT NULL
);
