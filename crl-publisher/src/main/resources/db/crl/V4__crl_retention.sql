-- The retention sweep (PgCrlRetention, issue 14) finds superseded CRLs whose nextUpdate is older
-- than the configured history by next_update, oldest first, a batch at a time.
CREATE INDEX crl_next_update_idx ON crl (next_update);
