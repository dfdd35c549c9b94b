-- The ACME copy of a certificate chain stays whole in its row (issue 18). A row longer than
-- about 2 KB (TOAST_TUPLE_THRESHOLD) is compressed and, when still too long, moved in chunks
-- to the table's TOAST relation. A SHAKEN chain in PEM (leaf and intermediate) is just above
-- that: pg_waldump at 8 flows on machine J counted, per issuance, one TOAST heap insert and one
-- TOAST index entry besides the row and its three index entries, and perf showed pglz trying
-- to compress base64 text on every insert. With the target at its maximum (8160 bytes) a row
-- is compressed or moved out of line only when it would not fit in a page otherwise, so a
-- chain of any usual size is written inline and uncompressed; a larger one is still stored.
-- Rows already stored keep their form and are read the same way.
ALTER TABLE acme_certificate SET (toast_tuple_target = 8160);
