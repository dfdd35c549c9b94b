-- acme_order_account_created_idx (account_id, created_at, id) serves every lookup by account
-- (the orders list, the per-account rate limit), so the single-column index on account_id only
-- cost an index entry on every order insert and on every non-HOT status update (three per
-- enrollment). Issue 7.
DROP INDEX acme_order_account_idx;
