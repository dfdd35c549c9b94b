-- Streamed CRLs (issue 5): the DER of a CRL is stored in parts of at most 4 MiB so that no
-- instance ever holds a large CRL whole in memory to store or load it; `der` stays for CRLs
-- stored before this version. `size` and `entries` describe the CRL without parsing it.
ALTER TABLE crl ALTER COLUMN der DROP NOT NULL;
ALTER TABLE crl ADD COLUMN size bigint CHECK (size > 0);
ALTER TABLE crl ADD COLUMN entries bigint CHECK (entries >= 0);

CREATE TABLE crl_part (
    number numeric(49, 0) NOT NULL REFERENCES crl (number),
    part   integer        NOT NULL CHECK (part >= 0),
    data   bytea          NOT NULL,
    PRIMARY KEY (number, part)
);

-- The root-signed ARL (STANDARDS.md §6.5 conclusion 2): stored like the CRL so that every
-- instance sharing the database serves the same bytes and numbers increase across instances.
CREATE TABLE arl (
    number      numeric(49, 0) PRIMARY KEY CHECK (number > 0),
    this_update timestamptz    NOT NULL,
    next_update timestamptz    NOT NULL,
    der         bytea          NOT NULL,
    sha256      text           NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz    NOT NULL DEFAULT now(),
    CHECK (next_update > this_update)
);
