-- Issuance outcomes that survive faults (issue 14, ARCHITECTURE.md §5 item 1).
-- 'abandoned': a reserved serial whose certificate was never delivered (never signed, or signed by a
-- process that failed or died before recording it). It is resolved explicitly and audited
-- (certificate.reservation-abandoned), never reused (the serial stays the primary key) and never
-- served (no DER).
ALTER TABLE certificate DROP CONSTRAINT certificate_status_check;
ALTER TABLE certificate ADD CONSTRAINT certificate_status_check
    CHECK (status IN ('reserved', 'issued', 'revoked', 'abandoned'));
ALTER TABLE certificate ADD COLUMN resolved_at TIMESTAMPTZ;
-- V1's first table check, "status = 'reserved' OR der IS NOT NULL": an abandoned row has no DER
-- either (its certificate, if ever signed, was never recorded).
ALTER TABLE certificate DROP CONSTRAINT certificate_check;
ALTER TABLE certificate ADD CONSTRAINT certificate_der_when_recorded
    CHECK ((status IN ('reserved', 'abandoned')) = (der IS NULL));

-- The recovery sweep finds stale reservations, and an order's outcome, by index.
CREATE INDEX certificate_reserved_idx ON certificate (created_at) WHERE status = 'reserved';
CREATE INDEX certificate_order_idx ON certificate (order_id) WHERE order_id IS NOT NULL;
