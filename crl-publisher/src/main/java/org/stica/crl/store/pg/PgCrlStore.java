package org.stica.crl.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stica.crl.CrlException;
import org.stica.crl.store.CrlStore;
import org.stica.crl.store.StoredCrl;

/**
 * {@link CrlStore} over table {@code crl}. {@link #insertIfNewer} locks the table against other
 * writers (readers continue), re-reads the newest row and refuses a number that does not
 * increase (Boulder's storer; RFC 5280 §5.2.3), so concurrent instances can never store CRLs out
 * of order; the primary key backs this up.
 */
public final class PgCrlStore implements CrlStore {
    private static final String NEWEST = "SELECT number, this_update, next_update, der, sha256"
            + " FROM crl ORDER BY number DESC LIMIT 1";
    private static final String LOCK_WRITERS = "LOCK TABLE crl IN EXCLUSIVE MODE";
    private static final String INSERT = "INSERT INTO crl"
            + " (number, this_update, next_update, der, sha256)"
            + " VALUES (#{number}, #{thisUpdate}, #{nextUpdate}, #{der}, #{sha256})";

    private static final RowMapper<StoredCrl> ROW = row -> new StoredCrl(
            row.getBigDecimal("number").toBigIntegerExact(),
            row.getOffsetDateTime("this_update").toInstant(),
            row.getOffsetDateTime("next_update").toInstant(),
            row.getBuffer("der").getBytes(),
            row.getString("sha256"));

    private final Pool pool;

    public PgCrlStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    public Future<Optional<StoredCrl>> newest() {
        return pool.withConnection(PgCrlStore::newest);
    }

    @Override
    public Future<StoredCrl> insertIfNewer(StoredCrl candidate, SuccessorCheck check) {
        return pool.withTransaction(conn -> conn.query(LOCK_WRITERS).execute()
                .compose(locked -> newest(conn))
                .map(previous -> checked(previous, candidate, check))
                .compose(ok -> SqlTemplate.forUpdate(conn, INSERT).execute(params(candidate)))
                .map(inserted -> candidate));
    }

    private static Future<Optional<StoredCrl>> newest(SqlConnection conn) {
        return SqlTemplate.forQuery(conn, NEWEST).mapTo(ROW).execute(Map.of())
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next())
                        : Optional.empty());
    }

    private static StoredCrl checked(Optional<StoredCrl> previous, StoredCrl candidate,
            SuccessorCheck check) {
        if (previous.isPresent() && candidate.number().compareTo(previous.get().number()) <= 0) {
            throw new CrlException(CrlException.Kind.NOT_NEWER, "CRL number " + candidate.number()
                    + " is not greater than the newest stored " + previous.get().number()
                    + " (RFC 5280 §5.2.3)");
        }
        check.verify(previous, candidate);
        return candidate;
    }

    private static Map<String, Object> params(StoredCrl crl) {
        return Map.of(
                "number", new BigDecimal(crl.number()),
                "thisUpdate", crl.thisUpdate().atOffset(ZoneOffset.UTC),
                "nextUpdate", crl.nextUpdate().atOffset(ZoneOffset.UTC),
                "der", Buffer.buffer(crl.der()),
                "sha256", crl.sha256());
    }
}
