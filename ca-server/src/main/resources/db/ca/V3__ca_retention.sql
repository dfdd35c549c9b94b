-- The retention sweep (issue 14) keeps an ACME order's copy of its certificate until every
-- certificate issued for an order before it has expired past the retention
-- (PgCertificateExpiry.oldestOrderCertificateLiveAt): the oldest creation time among order
-- certificates whose notAfter is at or after a cutoff, read from this index alone. Certificates
-- themselves are never purged.
CREATE INDEX certificate_order_not_after_idx ON certificate (not_after) INCLUDE (created_at)
    WHERE order_id IS NOT NULL;
