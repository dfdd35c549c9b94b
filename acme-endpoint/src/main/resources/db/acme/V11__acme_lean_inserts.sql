-- Fewer index entries and row locks per enrollment (issue 18). Measured with pg_waldump at 8
-- flows: of about 118 WAL records per issuance, 24 were used-nonce rows and their two indexes,
-- and 6 were row locks that foreign-key checks took on parents the same statement had just
-- written.

-- A used nonce's key is (expires_at, value): the nonce's own expiry (which its MAC covers)
-- and its random part. A replayed nonce carries both again, so it still conflicts, and a
-- nonce's expiry can not be changed without its MAC failing. Keyed by expiry first, new
-- entries land on the index's right edge instead of random leaf pages, and the purges
-- (expires_at < cutoff) walk the primary key, so the separate expiry index goes: one index
-- entry per redeemed nonce instead of two. Existing rows keep their expiry, so a nonce used
-- before this migration is still refused after it.
ALTER TABLE acme_nonce_used DROP CONSTRAINT acme_nonce_used_pkey;
ALTER TABLE acme_nonce_used ADD CONSTRAINT acme_nonce_used_pkey PRIMARY KEY (expires_at, value);
DROP INDEX acme_nonce_used_expires_idx;

-- References that the one statement writing the child row already guarantees. An
-- authorization and its challenge are inserted only by the statement that inserts their order
-- (PgOrderStore.CREATE, from the row the previous insert returned; PgClaimOrderStore, in the
-- order's transaction); an
-- ACME certificate row only by the statement that moves its order to valid
-- (PgOrderStore.RECORD_ISSUED), from the updated row; the account id of each is its order's,
-- whose own reference to acme_account stays. Rows of these tables are deleted only together
-- with their order (PgAcmeRetention). Each check cost a query and a row lock on the parent,
-- written to the WAL, on every insert.
ALTER TABLE acme_authz DROP CONSTRAINT acme_authz_order_id_fkey;
ALTER TABLE acme_authz DROP CONSTRAINT acme_authz_account_id_fkey;
ALTER TABLE acme_challenge DROP CONSTRAINT acme_challenge_authz_id_fkey;
ALTER TABLE acme_certificate DROP CONSTRAINT acme_certificate_order_id_fkey;
ALTER TABLE acme_certificate DROP CONSTRAINT acme_certificate_account_id_fkey;
