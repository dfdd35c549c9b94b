-- iconectiv-compatible logins of the STI-PA role (STANDARDS.md §4.1 item 2): one user id and
-- password per service provider, the access tokens a login issues, and the failed-login rate.

-- The SP's login: the password only as an Argon2id PHC string ($argon2id$v=19$m=..,t=..,p=..$
-- salt$hash); setting a new one revokes the SP's access tokens in the same transaction.
CREATE TABLE pa_sp_login (
    spc            TEXT PRIMARY KEY REFERENCES pa_service_provider (spc),
    user_id        TEXT NOT NULL UNIQUE CHECK (user_id ~ '^[A-Za-z0-9._@-]{3,64}$'),
    password_hash  TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    set_at         TIMESTAMPTZ NOT NULL,
    set_by         TEXT NOT NULL
);

-- Access tokens: only their SHA-256 (256-bit random secrets), so every instance can check them.
CREATE TABLE pa_access_token (
    id              TEXT PRIMARY KEY,
    token_sha256    TEXT NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    spc             TEXT NOT NULL REFERENCES pa_service_provider (spc),
    issued_at       TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL CHECK (expires_at > issued_at),
    client_address  TEXT NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoked_by      TEXT
);
CREATE INDEX pa_access_token_spc ON pa_access_token (spc, expires_at);

-- Failed-login rate per key ('user:<id>' or 'address:<ip>') as a generic cell rate algorithm:
-- the theoretical arrival time, like acme_order_rate. A row whose tat has passed means nothing.
CREATE TABLE pa_login_throttle (
    key  TEXT PRIMARY KEY,
    tat  TIMESTAMPTZ NOT NULL
);
CREATE INDEX pa_login_throttle_tat ON pa_login_throttle (tat);
