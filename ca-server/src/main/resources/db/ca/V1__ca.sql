-- ca-server tables (ARCHITECTURE.md §1): the CA's own keys, every certificate it issued
-- (reserved before signing, ATIS-1000080 §6.4.1 serial uniqueness), and SPC token jti use
-- (RFC 9447 §3.3 replay bookkeeping, shared by every instance).

CREATE TABLE ca_key (
    alias       TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('root', 'intermediate', 'crl-signer')),
    certificate BYTEA NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE certificate (
    serial            TEXT PRIMARY KEY CHECK (serial ~ '^[0-9a-f]+$'),
    issuer_alias      TEXT NOT NULL REFERENCES ca_key (alias),
    status            TEXT NOT NULL CHECK (status IN ('reserved', 'issued', 'revoked')),
    account_id        TEXT,
    order_id          TEXT,
    spc               TEXT NOT NULL,
    tbs_sha256        BYTEA NOT NULL,
    der               BYTEA,
    not_before        TIMESTAMPTZ NOT NULL,
    not_after         TIMESTAMPTZ NOT NULL,
    revoked_at        TIMESTAMPTZ,
    revocation_reason SMALLINT CHECK (revocation_reason IN (0, 1, 3, 4, 5, 9)),
    revoked_by        TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (status = 'reserved' OR der IS NOT NULL),
    CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);

CREATE INDEX certificate_revoked_idx ON certificate (not_after) WHERE status = 'revoked';
CREATE INDEX certificate_account_idx ON certificate (account_id);

CREATE TABLE spc_token_use (
    jti        TEXT PRIMARY KEY,
    issuer     TEXT NOT NULL,
    account_id TEXT NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX spc_token_use_expires_idx ON spc_token_use (expires_at);
