-- x5u allow-list entries added at run time through the admin API (issue 6; RFC 9448 §6). The
-- prefixes of pa.x5uAllowedPrefixes stay the seed; every instance reloads this table on a short
-- schedule (pa.trustReloadSeconds) and allows the union.

CREATE TABLE x5u_prefix (
    id         TEXT PRIMARY KEY,
    prefix     TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    created_by TEXT NOT NULL
);
