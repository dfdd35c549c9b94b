-- Issuances per hour (GET /admin/v1/stats/activity, issue 17): certificates issued (or issued and
-- revoked since) counted by the time they were recorded (resolved_at, V2) over a window, from this
-- index alone (index-only scan).
-- Not CONCURRENTLY: Flyway keeps a transaction open on another connection while it migrates, and
-- a concurrent build waits for it forever. On a large certificate table an operator can build the
-- same index beforehand with CREATE INDEX CONCURRENTLY, which this migration then leaves in place.
CREATE INDEX IF NOT EXISTS certificate_issued_at_idx ON certificate (resolved_at)
    WHERE status IN ('issued', 'revoked');
