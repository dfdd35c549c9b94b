package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.stica.server.ca.CaKeyRevocation;

/**
 * SQL for {@code ca_key_revocation}: revoked CA keys (intermediates, the CRL signer). Issuance
 * reads the table inside its reservation statement ({@link PgCertificateStore#reserve}), not here.
 */
public final class PgCaKeyRevocationStore {
    private static final String INSERT = "INSERT INTO ca_key_revocation"
            + " (alias, serial, revoked_at, reason, revoked_by)"
            + " VALUES (#{alias}, #{serial}, #{revokedAt}, #{reason}, #{revokedBy})"
            + " ON CONFLICT (alias) DO NOTHING";
    private static final String ALL = "SELECT alias, serial, revoked_at, reason, revoked_by"
            + " FROM ca_key_revocation ORDER BY revoked_at, alias";

    private static final RowMapper<CaKeyRevocation> ROW = row -> new CaKeyRevocation(
            row.getString("alias"), row.getString("serial"),
            PgTimes.fromDb(row.getOffsetDateTime("revoked_at")), row.getInteger("reason"),
            row.getString("revoked_by"));

    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> insert;
    private final SqlTemplate<Map<String, Object>, RowSet<CaKeyRevocation>> all;

    public PgCaKeyRevocationStore(Pool pool) {
        this.insert = SqlTemplate.forUpdate(pool, INSERT);
        this.all = SqlTemplate.forQuery(pool, ALL).mapTo(ROW);
    }

    /** Records the revocation; false when the key was already revoked (nothing changed). */
    public Future<Boolean> revoke(CaKeyRevocation revocation) {
        return insert.execute(Map.of(
                        "alias", revocation.alias(), "serial", revocation.serialHex(),
                        "revokedAt", PgTimes.toDb(revocation.revokedAt()),
                        "reason", (short) revocation.reason(), "revokedBy", revocation.revokedBy()))
                .map(result -> result.rowCount() == 1);
    }

    public Future<List<CaKeyRevocation>> all() {
        return all.execute(Map.of())
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }
}
