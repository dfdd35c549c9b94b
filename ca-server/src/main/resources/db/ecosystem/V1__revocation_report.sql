-- Revocations to report to the STI-PA (issue 20; STANDARDS.md §4.2 item 7, §4.5 item 4, §6.1
-- mode 1). Under the STI-PA (ecosystem.mode=sti-pa) verifiers read the STI-PA's CRL, so every
-- revocation of this CA must reach the STI-PA. The statement that marks a certificate revoked
-- also inserts its row here (and its audit event into audit_outbox): one statement, so a crash
-- can lose neither the revocation nor its report. The STI-PA's revocation API is UNCONFIRMED:
-- an export signs every pending row into one document (a compact JWS by the audit-signer key)
-- that the operator submits; the operator then marks the export submitted.
CREATE TABLE revocation_report_export (
    id                   BIGSERIAL PRIMARY KEY,
    created_at           TIMESTAMPTZ NOT NULL,
    created_by           TEXT NOT NULL,
    entries              INTEGER NOT NULL CHECK (entries > 0),
    document             TEXT NOT NULL,
    sha256               TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    submitted_at         TIMESTAMPTZ,
    submitted_by         TEXT,
    submission_reference TEXT,
    CHECK ((submitted_at IS NULL) = (submitted_by IS NULL))
);

CREATE TABLE revocation_report (
    serial             TEXT PRIMARY KEY REFERENCES certificate (serial),
    issuer_alias       TEXT NOT NULL,
    reason             SMALLINT NOT NULL,
    revoked_at         TIMESTAMPTZ NOT NULL,
    certificate_sha256 BYTEA NOT NULL,
    queued_at          TIMESTAMPTZ NOT NULL,
    export_id          BIGINT REFERENCES revocation_report_export (id)
);

CREATE INDEX revocation_report_pending_idx ON revocation_report (queued_at, serial)
    WHERE export_id IS NULL;
CREATE INDEX revocation_report_export_idx ON revocation_report (export_id);
