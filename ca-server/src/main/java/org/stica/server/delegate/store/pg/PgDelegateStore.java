package org.stica.server.delegate.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.stica.server.delegate.DelegateRecord;

/** SQL for {@code delegate_certificate} (migration in {@code db/delegate}). */
public final class PgDelegateStore {
    private static final String INSERT = "INSERT INTO delegate_certificate (id, sca_serial,"
            + " chain_pem, not_before, not_after) VALUES (#{id}, #{sca}, #{pem}, #{notBefore},"
            + " #{notAfter}) ON CONFLICT (id) DO NOTHING";
    private static final String FIND = "SELECT id, sca_serial, chain_pem, not_before, not_after"
            + " FROM delegate_certificate WHERE id = #{id}";
    private static final RowMapper<DelegateRecord> RECORD = PgDelegateStore::record;

    private final Pool pool;

    public PgDelegateStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the chain; true when new, false when the same leaf was published before. */
    public Future<Boolean> insert(DelegateRecord record) {
        return SqlTemplate.forUpdate(pool, INSERT).execute(Map.of("id", record.id(),
                        "sca", record.scaSerial(), "pem", record.chainPem(),
                        "notBefore", OffsetDateTime.ofInstant(record.notBefore(), ZoneOffset.UTC),
                        "notAfter", OffsetDateTime.ofInstant(record.notAfter(), ZoneOffset.UTC)))
                .map(result -> result.rowCount() == 1);
    }

    public Future<Optional<DelegateRecord>> find(String id) {
        return SqlTemplate.forQuery(pool, FIND).mapTo(RECORD).execute(Map.of("id", id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next())
                        : Optional.empty());
    }

    private static DelegateRecord record(Row row) {
        return new DelegateRecord(row.getString("id"), row.getString("sca_serial"),
                row.getString("chain_pem"), row.getOffsetDateTime("not_before").toInstant(),
                row.getOffsetDateTime("not_after").toInstant());
    }
}
