-- The STI-PA role (STANDARDS.md §4.1, §4.3 item 5).

-- Registered service providers: one SPC (also used as the OCN of the token API path).
CREATE TABLE pa_service_provider (
    spc                   TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    account_fingerprints  TEXT[] NOT NULL DEFAULT '{}',
    sca_allowed           BOOLEAN NOT NULL DEFAULT false,
    api_key_sha256        TEXT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at            TIMESTAMPTZ
);

-- Every CA list this PA signed; the sequence only increases.
CREATE TABLE pa_issued_ca_list (
    sequence    BIGSERIAL PRIMARY KEY,
    jws         TEXT NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
