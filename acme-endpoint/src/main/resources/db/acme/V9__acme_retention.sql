-- The retention sweep (PgAcmeRetention, issue 14) finds orders that expired or became final
-- before its cutoff by expires_at, oldest first, a batch at a time. expires_at never changes
-- after the insert, so the index costs one entry per new order and no status update.
CREATE INDEX acme_order_expires_idx ON acme_order (expires_at);
