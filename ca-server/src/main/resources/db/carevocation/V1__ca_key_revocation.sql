-- CA key revocation (issue 5): a revoked intermediate or CRL signer certificate, listed on the
-- root's ARL (crl-publisher table arl) and refused for issuance. One row per CA key; who, when
-- and why are recorded (STANDARDS.md §4.5). Reasons per RFC 5280 §5.3.1 (cACompromise allowed,
-- never certificateHold, 7 or removeFromCRL).
CREATE TABLE ca_key_revocation (
    alias      TEXT PRIMARY KEY REFERENCES ca_key (alias),
    serial     TEXT NOT NULL CHECK (serial ~ '^[0-9a-f]+$'),
    revoked_at TIMESTAMPTZ NOT NULL,
    reason     SMALLINT NOT NULL CHECK (reason IN (0, 1, 2, 3, 4, 5, 9)),
    revoked_by TEXT NOT NULL
);
