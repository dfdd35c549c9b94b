-- Published CRLs (STANDARDS.md §6.2, §6.4): one row per CRL, kept for audit.
-- The CRL number is at most 20 octets (RFC 5280 §5.2.3), i.e. below 2^159 (49 decimal digits).
CREATE TABLE crl (
    number      numeric(49, 0) PRIMARY KEY CHECK (number > 0),
    this_update timestamptz    NOT NULL,
    next_update timestamptz    NOT NULL,
    der         bytea          NOT NULL,
    sha256      text           NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz    NOT NULL DEFAULT now(),
    CHECK (next_update > this_update)
);
