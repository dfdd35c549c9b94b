-- When a challenge validation or an order finalization started, so that work interrupted by a
-- crash (status left at 'processing') can be found and closed (StuckWorkSweeper).
ALTER TABLE acme_challenge ADD COLUMN processing_since timestamptz;
ALTER TABLE acme_order ADD COLUMN processing_since timestamptz;
CREATE INDEX acme_challenge_processing_idx ON acme_challenge (processing_since)
    WHERE status = 'processing';
CREATE INDEX acme_order_processing_idx ON acme_order (processing_since)
    WHERE status = 'processing';
