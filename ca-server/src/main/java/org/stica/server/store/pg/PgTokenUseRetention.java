package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.Map;

/**
 * Deletes {@code spc_token_use} rows (the jti replay bookkeeping of {@link PgTokenReplayGuard},
 * RFC 9447 §3.3, STANDARDS.md §3.5.11) at most {@code limit} per statement, on the connection of
 * the caller's transaction (the caller holds the retention lock in it).
 *
 * <p>A jti may be forgotten only once its token would be refused as expired anyway: the verifier
 * refuses a token once {@code exp <= now - skew} (SpcTokenVerifier, RFC 7519 §4.1.4), and checks
 * {@code exp} before the jti. So the caller passes {@code before = now - skew - margin}, the
 * margin covering clock differences between instances; a row whose {@code expires_at} is at or
 * after {@code before} is kept.
 */
public final class PgTokenUseRetention {
    private static final String PURGE = "DELETE FROM spc_token_use WHERE jti IN"
            + " (SELECT jti FROM spc_token_use WHERE expires_at < #{before}"
            + " ORDER BY expires_at LIMIT #{limit} FOR UPDATE SKIP LOCKED)";

    /** Deletes at most {@code limit} rows whose token expired before {@code before}. */
    public Future<Integer> purge(SqlClient conn, Instant before, int limit) {
        return SqlTemplate.forUpdate(conn, PURGE)
                .execute(Map.of("before", PgTimes.toDb(before), "limit", limit))
                .map(result -> result.rowCount());
    }
}
