-- External account binding (RFC 8555 §7.3.4, STANDARDS.md §5.2.8): single-use HMAC keys created
-- through the admin API, each for one service provider (label, e.g. its SPC); an account records
-- the key it was bound with.

CREATE TABLE acme_eab_key (
    kid         text        PRIMARY KEY,
    hmac_key    bytea       NOT NULL,
    label       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    used_at     timestamptz,
    account_id  text
);

ALTER TABLE acme_account
    ADD COLUMN eab_kid   text REFERENCES acme_eab_key (kid),
    ADD COLUMN eab_label text;
