package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.stica.server.ca.CaKeyRevocation;

/** SQL for {@code ca_key_revocation}: revoked CA keys (intermediates, the CRL signer). */
public final class PgCaKeyRevocationStore {
    private static final String INSERT = "INSERT INTO ca_key_revocation"
            + " (alias, serial, revoked_at, reason, revoked_by)"
            + " VALUES (#{alias}, #{serial}, #{revokedAt}, #{reason}, #{revokedBy})"
            + " ON CONFLICT (alias) DO NOTHING";
    private static final String ALL = "SELECT alias, serial, revoked_at, reason, revoked_by"
            + " FROM ca_key_revocation ORDER BY revoked_at, alias";
    private static final String IS_REVOKED = "SELECT count(*) AS n FROM ca_key_revocation"
            + " WHERE alias = #{alias}";

    private static final RowMapper<CaKeyRevocation> ROW = row -> new CaKeyRevocation(
            row.getString("alias"), row.getString("serial"),
            PgTimes.fromDb(row.getOffsetDateTime("revoked_at")), row.getInteger("reason"),
            row.getString("revoked_by"));

    private final Pool pool;

    public PgCaKeyRevocationStore(Pool pool) {
        this.pool = pool;
    }

    /** Records the revocation; false when the key was already revoked (nothing changed). */
    public Future<Boolean> revoke(CaKeyRevocation revocation) {
        return SqlTemplate.forUpdate(pool, INSERT).execute(Map.of(
                        "alias", revocation.alias(), "serial", revocation.serialHex(),
                        "revokedAt", PgTimes.toDb(revocation.revokedAt()),
                        "reason", (short) revocation.reason(), "revokedBy", revocation.revokedBy()))
                .map(result -> result.rowCount() == 1);
    }

    public Future<List<CaKeyRevocation>> all() {
        return SqlTemplate.forQuery(pool, ALL).mapTo(ROW).execute(Map.of())
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }

    /** True when the CA key {@code alias} is revoked (read from the database on every call). */
    public Future<Boolean> isRevoked(String alias) {
        return SqlTemplate.forQuery(pool, IS_REVOKED).execute(Map.of("alias", alias))
                .map(rows -> rows.iterator().next().getLong("n") > 0);
    }
}
