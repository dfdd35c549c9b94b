package org.stica.crl.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Deletes CRL and ARL history older than the configured retention (issue 14, data lifecycle),
 * at most {@code limit} CRLs per statement, on the connection of the caller's transaction (the
 * caller holds the retention lock in it).
 *
 * <p>STANDARDS.md §6.4 item 4 keeps published CRLs for audit, so a CRL goes only once its
 * {@code nextUpdate} is before {@code before} (it stopped being the current CRL at least that
 * long ago; the caller's retention is longer than any CRL's validity), and the newest CRL and
 * the newest ARL are never deleted whatever their age: they are what is served (§6.4 items 1-4)
 * and what the next CRL number must exceed (RFC 5280 §5.2.3). A CRL's parts go with it in the
 * same statement. Rows another transaction has locked are skipped.
 */
public final class PgCrlRetention {
    private static final String CRLS = "WITH old AS (SELECT number FROM crl"
            + " WHERE next_update < #{before} AND number < (SELECT max(number) FROM crl)"
            + " ORDER BY next_update LIMIT #{limit} FOR UPDATE SKIP LOCKED),"
            + " p AS (DELETE FROM crl_part WHERE number IN (SELECT number FROM old) RETURNING 1),"
            + " c AS (DELETE FROM crl WHERE number IN (SELECT number FROM old) RETURNING 1)"
            + " SELECT (SELECT count(*) FROM c) AS crls, (SELECT count(*) FROM p) AS parts";
    private static final String ARLS = "DELETE FROM arl WHERE number IN (SELECT number FROM arl"
            + " WHERE next_update < #{before} AND number < (SELECT max(number) FROM arl)"
            + " ORDER BY number LIMIT #{limit} FOR UPDATE SKIP LOCKED)";

    /** What one batch of CRLs removed; {@code crls} is at most the batch size. */
    public record PurgedCrls(long crls, long parts) {
    }

    /** Deletes at most {@code limit} superseded CRLs whose nextUpdate is before {@code before}. */
    public Future<PurgedCrls> purgeCrls(SqlClient conn, Instant before, int limit) {
        return SqlTemplate.forQuery(conn, CRLS)
                .execute(Map.of("before", before.atOffset(ZoneOffset.UTC), "limit", limit))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new PurgedCrls(row.getLong("crls"), row.getLong("parts"));
                });
    }

    /** Deletes at most {@code limit} superseded ARLs whose nextUpdate is before {@code before}. */
    public Future<Integer> purgeArls(SqlClient conn, Instant before, int limit) {
        return SqlTemplate.forUpdate(conn, ARLS)
                .execute(Map.of("before", before.atOffset(ZoneOffset.UTC), "limit", limit))
                .map(result -> result.rowCount());
    }
}
