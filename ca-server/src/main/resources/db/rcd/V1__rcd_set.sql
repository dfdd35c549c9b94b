-- RCD vetting (issue 19): the Rich Call Data sets (RFC 9795 §5.1) an operator recorded for a
-- subscriber. A set is pending until a second operator approves it; approval stores the canonical
-- rcd, the rcdi digests computed over the resources fetched then (RFC 9795 §6.1) and the
-- JWTClaimConstraints extension (RFC 8226 §8) whose DER is the ACME identifier value.

CREATE TABLE rcd_set (
    id             TEXT PRIMARY KEY CHECK (id ~ '^rcd-[A-Za-z0-9_-]{1,64}$'),
    subscriber_id  TEXT NOT NULL REFERENCES subscriber (id),
    rcd            TEXT NOT NULL,
    call_reasons   TEXT[] NOT NULL DEFAULT '{}',
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected',
                                                   'withdrawn')),
    rcdi           TEXT,
    extension_oid  TEXT,
    extension_der  BYTEA,
    created_at     TIMESTAMPTZ NOT NULL,
    created_by     TEXT NOT NULL,
    created_by_key TEXT NOT NULL,
    decided_at     TIMESTAMPTZ,
    decided_by     TEXT,
    -- Approved sets carry their digests and extension; no other status does before approval.
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK (status <> 'approved'
           OR (rcdi IS NOT NULL AND extension_oid IS NOT NULL AND extension_der IS NOT NULL))
);

CREATE INDEX rcd_set_subscriber_idx ON rcd_set (subscriber_id, created_at);
