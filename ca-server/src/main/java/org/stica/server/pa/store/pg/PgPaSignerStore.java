package org.stica.server.pa.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stica.server.pa.RevokedSigner;

/** SQL for {@code pa_signer_revocation} (migration {@code db/pa/V3}). */
public final class PgPaSignerStore {
    private static final String INSERT = "INSERT INTO pa_signer_revocation (serial, subject,"
            + " reason, revoked_at, revoked_by) VALUES (#{serial}, #{subject}, #{reason},"
            + " #{revokedAt}, #{revokedBy}) ON CONFLICT (serial) DO NOTHING";
    private static final String ALL = "SELECT serial, subject, reason, revoked_at, revoked_by"
            + " FROM pa_signer_revocation ORDER BY revoked_at, serial";
    private static final RowMapper<RevokedSigner> ROW = PgPaSignerStore::revoked;

    private final Pool pool;

    public PgPaSignerStore(Pool pool) {
        this.pool = pool;
    }

    /** Records the revocation; false when the serial was already revoked. */
    public Future<Boolean> insert(RevokedSigner revoked) {
        return SqlTemplate.forUpdate(pool, INSERT).execute(Map.of("serial", revoked.serialHex(),
                        "subject", revoked.subject(), "reason", revoked.reason(),
                        "revokedAt", OffsetDateTime.ofInstant(revoked.revokedAt(), ZoneOffset.UTC),
                        "revokedBy", revoked.revokedBy()))
                .map(result -> result.rowCount() == 1);
    }

    public Future<List<RevokedSigner>> all() {
        return SqlTemplate.forQuery(pool, ALL).mapTo(ROW).execute(Map.of()).map(rows -> {
            List<RevokedSigner> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
    }

    private static RevokedSigner revoked(Row row) {
        return new RevokedSigner(row.getString("serial"), row.getString("subject"),
                row.getInteger("reason"), row.getOffsetDateTime("revoked_at").toInstant(),
                row.getString("revoked_by"));
    }
}
