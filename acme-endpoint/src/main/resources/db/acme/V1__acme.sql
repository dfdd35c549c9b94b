-- ACME endpoint state (RFC 8555 §7.1). Owned by the acme-endpoint module; history table
-- flyway_history_acme. Ids are random base64url strings.

CREATE TABLE acme_nonce (
    value       text        PRIMARY KEY,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX acme_nonce_expires_idx ON acme_nonce (expires_at);

CREATE TABLE acme_account (
    id          text        PRIMARY KEY,
    thumbprint  text        NOT NULL UNIQUE,
    jwk         text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('valid', 'deactivated', 'revoked')),
    contact     text        NOT NULL DEFAULT '[]',
    tos_agreed  boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL
);

CREATE TABLE acme_order (
    id               text        PRIMARY KEY,
    account_id       text        NOT NULL REFERENCES acme_account (id),
    status           text        NOT NULL
        CHECK (status IN ('pending', 'ready', 'processing', 'valid', 'invalid')),
    expires_at       timestamptz NOT NULL,
    identifier_value text        NOT NULL,
    identifier_der   bytea       NOT NULL,
    spc              text        NOT NULL,
    not_before       timestamptz,
    not_after        timestamptz,
    error            text,
    certificate_id   text,
    x5u              text,
    created_at       timestamptz NOT NULL
);
CREATE INDEX acme_order_account_idx ON acme_order (account_id);

CREATE TABLE acme_authz (
    id               text        PRIMARY KEY,
    order_id         text        NOT NULL REFERENCES acme_order (id),
    account_id       text        NOT NULL REFERENCES acme_account (id),
    status           text        NOT NULL
        CHECK (status IN ('pending', 'valid', 'invalid', 'deactivated', 'expired', 'revoked')),
    expires_at       timestamptz NOT NULL,
    identifier_value text        NOT NULL,
    identifier_der   bytea       NOT NULL,
    token_expires_at timestamptz,
    token_ca         boolean     NOT NULL DEFAULT false
);
CREATE INDEX acme_authz_order_idx ON acme_authz (order_id);

CREATE TABLE acme_challenge (
    id           text        PRIMARY KEY,
    authz_id     text        NOT NULL REFERENCES acme_authz (id),
    type         text        NOT NULL CHECK (type = 'tkauth-01'),
    token        text        NOT NULL,
    status       text        NOT NULL
        CHECK (status IN ('pending', 'processing', 'valid', 'invalid')),
    validated_at timestamptz,
    error        text
);
CREATE INDEX acme_challenge_authz_idx ON acme_challenge (authz_id);

CREATE TABLE acme_certificate (
    id          text        PRIMARY KEY,
    order_id    text        NOT NULL UNIQUE REFERENCES acme_order (id),
    account_id  text        NOT NULL REFERENCES acme_account (id),
    serial_hex  text        NOT NULL UNIQUE,
    chain_pem   text        NOT NULL,
    x5u         text        NOT NULL,
    created_at  timestamptz NOT NULL
);
