-- STI-PA trust held by the CA role (STANDARDS.md §3.5 step 4, §4.2, §4.3).

-- Trusted STI-PA roots SPC token signers must chain to; managed at run time.
CREATE TABLE pa_trust_anchor (
    id          BIGSERIAL PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    subject     TEXT NOT NULL,
    der         BYTEA NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('config', 'admin')),
    not_after   TIMESTAMPTZ NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The last good STI-PA CRL (one row), kept when a later download fails.
CREATE TABLE pa_crl_copy (
    id           SMALLINT PRIMARY KEY CHECK (id = 1),
    der          BYTEA NOT NULL,
    source_url   TEXT NOT NULL,
    this_update  TIMESTAMPTZ NOT NULL,
    next_update  TIMESTAMPTZ,
    fetched_at   TIMESTAMPTZ NOT NULL
);

-- The last accepted approved-STI-CA list (one row); sequence only ever increases.
CREATE TABLE pa_ca_list_copy (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    sequence    BIGINT NOT NULL,
    jws         TEXT NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    fetched_at  TIMESTAMPTZ NOT NULL
);
