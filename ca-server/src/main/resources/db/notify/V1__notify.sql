-- Webhook notifications to subscribers (issue 15). Keyed by subscriber_id without a foreign key:
-- the subscriber registry (db/subscriber) adds it when the two are integrated.

-- One webhook per subscriber. The HMAC secret is stored as issued because the dispatcher must
-- compute HMAC-SHA256 with it for every delivery (unlike an admin API key, which is only
-- verified and therefore stored as a hash). Only the server's database role reads it; the admin
-- API shows it once, in the response that creates or rotates it; it is never logged or audited.
CREATE TABLE webhook_endpoint (
    subscriber_id TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    secret        TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT NOT NULL
);

-- One event for one subscriber and its delivery state. payload holds the exact bytes that are
-- signed and sent (TEXT, not JSONB, so a redelivery sends the same body). A claimed delivery
-- carries a lease (lease_until, lease_token): another instance takes it only after the lease
-- ran out, and an outcome is recorded only by the holder of the current lease.
CREATE TABLE webhook_delivery (
    id              TEXT PRIMARY KEY,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    subscriber_id   TEXT NOT NULL,
    event_type      TEXT NOT NULL CHECK (event_type IN ('certificate.issued',
                        'certificate.revoked', 'certificate.expiring', 'subscriber.suspended')),
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_until     TIMESTAMPTZ,
    lease_token     TEXT,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ
);

CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_delivery_subscriber_idx ON webhook_delivery (subscriber_id, seq);

-- Certificates whose subscriber was warned of their expiry (certificate.expiring), once each.
CREATE TABLE notify_expiry_warned (
    serial        TEXT PRIMARY KEY,
    subscriber_id TEXT NOT NULL,
    warned_at     TIMESTAMPTZ NOT NULL
);
