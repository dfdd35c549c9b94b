-- The CA-side subscriber registry (issue 15): the carriers this CA issues to, the SPCs each holds
-- under contract and its standing. Length limits are RFC 5280 Appendix A upper bounds
-- (ub-organization-name 64, ub-state-name 128, ub-locality-name 128), counted in characters;
-- the country is an ISO 3166-1 alpha-2 code (ATIS-1000080 §6.4.1).

CREATE TABLE subscriber (
    id         TEXT PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9-]{1,64}$'),
    legal_name TEXT NOT NULL CHECK (char_length(legal_name) BETWEEN 1 AND 64),
    country    CHAR(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    state      TEXT CHECK (char_length(state) BETWEEN 1 AND 128),
    locality   TEXT CHECK (char_length(locality) BETWEEN 1 AND 128),
    status     TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'terminated')),
    contacts   TEXT[] NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL,
    created_by TEXT NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    changed_by TEXT NOT NULL
);

CREATE INDEX subscriber_created_idx ON subscriber (created_at, id);

-- An SPC belongs to at most one subscriber (the primary key is also the newOrder lookup index).
CREATE TABLE subscriber_spc (
    spc           TEXT PRIMARY KEY,
    subscriber_id TEXT NOT NULL REFERENCES subscriber (id)
);

CREATE INDEX subscriber_spc_subscriber_idx ON subscriber_spc (subscriber_id);
