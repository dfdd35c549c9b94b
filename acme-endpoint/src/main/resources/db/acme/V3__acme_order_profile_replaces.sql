-- Profiles (draft-ietf-acme-profiles) and ARI replacement (RFC 9773 §5) on orders; the index
-- behind the per-account order rate limit and the paged orders list (RFC 8555 §7.1.2.1).

ALTER TABLE acme_order
    ADD COLUMN profile  text NOT NULL DEFAULT 'shaken',
    ADD COLUMN replaces text;

CREATE INDEX acme_order_account_created_idx ON acme_order (account_id, created_at, id);

-- RFC 9773 §5: a certificate is replaced by at most one order that is not invalid.
CREATE UNIQUE INDEX acme_order_replaces_idx ON acme_order (replaces)
    WHERE replaces IS NOT NULL AND status <> 'invalid';
