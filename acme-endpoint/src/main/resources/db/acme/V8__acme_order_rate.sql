-- The per-account newOrder rate limit (RFC 8555 §6.6) as a generic cell rate algorithm: one row
-- per account with its theoretical arrival time, upserted by the statement that creates the
-- order (PgOrderStore.CREATE). Replaces counting the account's orders of the last hour, whose
-- cost grew with the account's volume (0.44 ms per newOrder at a few thousand orders per hour
-- and account in the benchmark). Issue 7.
CREATE TABLE acme_order_rate (
    account_id text PRIMARY KEY REFERENCES acme_account (id) ON DELETE CASCADE,
    tat        timestamptz NOT NULL
);
