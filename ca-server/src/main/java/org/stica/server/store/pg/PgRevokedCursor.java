package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.stica.server.issuance.RevokedRow;

/**
 * Reads the revoked, unexpired certificates through a PostgreSQL cursor in batches (a cursor
 * needs a transaction; it only reads), handing each batch to a sink before fetching the next, so
 * a CRL with millions of entries is built without loading them all. Cursors take positional
 * parameters, so this one query uses a {@link Tuple} instead of a {@code SqlTemplate}.
 */
public final class PgRevokedCursor {
    private static final String REVOKED_UNEXPIRED = "SELECT serial, issuer_alias, revoked_at,"
            + " revocation_reason FROM certificate WHERE status = 'revoked' AND not_after > $1";

    private final Pool pool;

    public PgRevokedCursor(Pool pool) {
        this.pool = pool;
    }

    /** Streams every revoked unexpired row in batches of {@code batchSize}; returns the count. */
    public Future<Long> stream(Instant now, int batchSize,
                               Function<List<RevokedRow>, Future<Void>> sink) {
        return pool.withTransaction(conn -> conn.prepare(REVOKED_UNEXPIRED)
                .compose(statement -> {
                    Cursor cursor = statement.cursor(Tuple.of(PgTimes.toDb(now)));
                    return readAll(cursor, batchSize, sink, 0L).eventually(cursor::close);
                }));
    }

    private static Future<Long> readAll(Cursor cursor, int batchSize,
                                        Function<List<RevokedRow>, Future<Void>> sink, long seen) {
        return cursor.read(batchSize).compose(rows -> {
            List<RevokedRow> batch = new ArrayList<>(rows.size());
            for (Row row : rows) {
                batch.add(new RevokedRow(row.getString("serial"), row.getString("issuer_alias"),
                        PgTimes.fromDb(row.getOffsetDateTime("revoked_at")),
                        row.getInteger("revocation_reason")));
            }
            long total = seen + batch.size();
            return sink.apply(batch).compose(done -> cursor.hasMore()
                    ? readAll(cursor, batchSize, sink, total) : Future.succeededFuture(total));
        });
    }
}
