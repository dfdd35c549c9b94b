-- The serial reservation no longer checks issuer_alias against ca_key (issue 18). The check was
-- a query and a KEY SHARE lock on the signing key's ca_key row for every reservation: a row
-- lock written to the WAL per issuance, and, since every concurrent reservation locks that same
-- row, a new MultiXact whenever one more joined the lockers (pg_waldump at 8 flows on machine J:
-- one lock and 0.16 MultiXacts per issuance, more with more flows). What it guarded holds
-- without it: the server writes as issuer_alias only the alias of the key that signs, which it
-- loaded from ca_key (init-ca and the key ceremony insert those rows), and no statement of the
-- server deletes a ca_key row, so every alias recorded keeps naming its key.
ALTER TABLE certificate DROP CONSTRAINT certificate_issuer_alias_fkey;
