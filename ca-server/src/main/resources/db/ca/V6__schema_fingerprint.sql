-- The fingerprint (SHA-256 of every db/ migration file in the server's jar) of the last start that
-- ran every module's Flyway migrations to the end (SchemaMigrator, issue 18). A start whose jar has
-- the same fingerprint skips Flyway: the schema is already what those files make it.
CREATE TABLE schema_fingerprint (
    id          smallint    PRIMARY KEY CHECK (id = 1),
    sha256      bytea       NOT NULL CHECK (octet_length(sha256) = 32),
    recorded_at timestamptz NOT NULL
);
