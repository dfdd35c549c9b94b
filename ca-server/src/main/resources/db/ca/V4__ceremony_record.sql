-- Key ceremony records imported into the audit log (issue 16): each signed transcript once,
-- kept whole (the transcript text and its detached CMS signature by the root) so it can be
-- verified again later. Its audit event is written to audit_outbox in the same statement.
CREATE TABLE ceremony_record (
    id          TEXT PRIMARY KEY,
    ceremony    TEXT NOT NULL,
    transcript  TEXT NOT NULL,
    signature   BYTEA NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    imported_by TEXT NOT NULL
);
