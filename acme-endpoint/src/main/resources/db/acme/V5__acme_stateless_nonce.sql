-- Stateless replay nonces (RFC 8555 §6.5). A nonce is now
--   base64url(version ‖ key id ‖ expiry ‖ 16 random bytes ‖ HMAC-SHA256 truncated to 16 bytes)
-- under a key every instance on this database shares, so issuing one writes nothing. Redeeming
-- a nonce whose MAC and expiry check out inserts its random part into acme_nonce_used with
-- ON CONFLICT DO NOTHING: one row inserted is the first use, none is a replay.
--
-- Upgrade: acme_nonce (nonces stored when issued) is dropped. A nonce handed out by the previous
-- version and sent after the upgrade is refused once with badNonce; RFC 8555 §6.5 clients retry
-- with the fresh Replay-Nonce of that error response.

-- The HMAC keys; the first instance to start inserts a random one (ON CONFLICT DO NOTHING) and
-- every instance reads the stored keys. The id travels in each nonce so that a later rotation
-- can still accept nonces made with the previous key; new nonces use the highest id.
CREATE TABLE acme_nonce_key (
    id          smallint    PRIMARY KEY CHECK (id BETWEEN 0 AND 255),
    secret      bytea       NOT NULL CHECK (octet_length(secret) = 32),
    created_at  timestamptz NOT NULL
);

-- Random parts of redeemed nonces, kept until a while after their nonce expired (an expired
-- nonce is refused before the database is asked).
CREATE TABLE acme_nonce_used (
    value       bytea       PRIMARY KEY,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX acme_nonce_used_expires_idx ON acme_nonce_used (expires_at);

DROP TABLE acme_nonce;
