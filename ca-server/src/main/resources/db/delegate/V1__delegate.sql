-- Delegate certificates published at the STI-CR below one of our SCA certificates (RFC 9060 §7).
-- id = lowercase hex SHA-256 of the leaf's DER: the stable x5u name /cr/delegates/{id}.pem.
CREATE TABLE delegate_certificate (
    id          TEXT PRIMARY KEY,
    sca_serial  TEXT NOT NULL,
    chain_pem   TEXT NOT NULL,
    not_before  TIMESTAMPTZ NOT NULL,
    not_after   TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX delegate_certificate_sca ON delegate_certificate (sca_serial);
