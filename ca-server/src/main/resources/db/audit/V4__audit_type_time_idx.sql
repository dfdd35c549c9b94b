-- Counting one type of event over a time window (GET /admin/v1/stats/activity: SPC token refusals
-- per hour, issue 17) reads only that window's rows through this index, however long the chain.
-- Not CONCURRENTLY: Flyway keeps a transaction open on another connection while it migrates, and
-- a concurrent build waits for it forever. On a large audit_event an operator can build the same
-- index beforehand with CREATE INDEX CONCURRENTLY, which this migration then leaves in place.
CREATE INDEX IF NOT EXISTS audit_event_type_time ON audit_event (type, occurred_at);
