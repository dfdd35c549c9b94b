-- Admin API state (issue 6): bearer API keys, stored only as SHA-256 of a random 256-bit secret,
-- and dual-control approvals of sensitive operations.

CREATE TABLE admin_api_key (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'auditor')),
    key_sha256  TEXT NOT NULL UNIQUE CHECK (key_sha256 ~ '^[0-9a-f]{64}$'),
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TIMESTAMPTZ,
    revoked_by  TEXT
);

CREATE TABLE admin_approval (
    id           TEXT PRIMARY KEY,
    operation    TEXT NOT NULL,
    method       TEXT NOT NULL,
    path         TEXT NOT NULL,
    body_sha256  TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'executed')),
    approved_by  TEXT,
    approved_at  TIMESTAMPTZ,
    CHECK (approved_by IS NULL OR approved_by <> requested_by),
    CHECK ((status = 'pending') = (approved_by IS NULL))
);
