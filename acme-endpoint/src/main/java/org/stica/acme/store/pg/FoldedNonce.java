package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.jws.RequestNonce;

/**
 * A request's replay nonce recorded as used by the request's own statement (issue 18): the
 * statement starts with {@link #CTE}, which inserts the nonce's key into
 * {@code acme_nonce_used} (its expiry and random part, the primary key), does its writes only
 * where {@link #FIRST_USE} holds, and returns {@code FIRST_USE AS nonce_first_use} in a row it
 * always returns. PostgreSQL runs a WITH's data-modifying statements exactly once whether or not
 * the rest reads them, and all of the statement in one implicit transaction: the nonce is
 * recorded iff the statement commits. A replayed nonce violates the primary key, which fails
 * the whole statement (nothing changed) and is answered badNonce; a plain INSERT, since
 * {@code ON CONFLICT DO NOTHING} made every first use (nearly all of them) pay an extra index
 * probe and a speculative-insertion confirmation record. A nonce recorded already
 * ({@link RequestNonce#fold} empty) is passed as NULL: the CTE then inserts nothing and
 * {@code FIRST_USE} holds.
 */
final class FoldedNonce {
    /** The first CTE of a statement that records the nonce. */
    static final String CTE = "nonce AS (INSERT INTO acme_nonce_used (value, expires_at)"
            + " SELECT #{nonceValue}::bytea, #{nonceExpires}::timestamptz"
            + " WHERE #{nonceValue}::bytea IS NOT NULL RETURNING 1)";
    /** True when the statement may do its work: its nonce was recorded now, or before. */
    static final String FIRST_USE = "(#{nonceValue}::bytea IS NULL OR EXISTS (SELECT 1"
            + " FROM nonce))";
    /** The one-row relation to LEFT JOIN the statement's result onto. */
    static final String VERDICT = "(SELECT " + FIRST_USE + " AS nonce_first_use) verdict";
    /** The constraint a replayed nonce violates (migration db/acme V11). */
    static final String USED_KEY = "acme_nonce_used_pkey";

    private FoldedNonce() {
    }

    /**
     * Runs {@code statement} with {@code params} and the nonce's parameters, and reports its
     * verdict to {@code nonce} ({@link #reported}): the rows when the nonce was recorded now or
     * before, else badNonce (the statement changed nothing).
     */
    static Future<RowSet<Row>> execute(SqlTemplate<Map<String, Object>, RowSet<Row>> statement,
                                       Map<String, Object> params, RequestNonce nonce) {
        return statement.execute(put(new HashMap<>(params), nonce))
                .recover(failure -> UniqueViolations.of(failure, USED_KEY)
                        ? replayed(nonce) : Future.failedFuture(failure))
                .map(rows -> reported(rows, nonce));
    }

    /** badNonce for a statement that failed on the nonce's key: the nonce was used before. */
    private static Future<RowSet<Row>> replayed(RequestNonce nonce) {
        try {
            nonce.recorded(false);
            return Future.failedFuture(new IllegalStateException("nonce replay not refused"));
        } catch (RuntimeException badNonce) {
            return Future.failedFuture(badNonce);
        }
    }

    /** Adds the nonce's parameters; NULL when it is recorded already. */
    static Map<String, Object> put(Map<String, Object> params, RequestNonce nonce) {
        Optional<RequestNonce.Fresh> fresh = nonce.fold();
        params.put("nonceValue", fresh.map(f -> SqlValues.bytes(f.value())).orElse(null));
        params.put("nonceExpires", fresh.map(f -> SqlValues.time(f.expires())).orElse(null));
        return params;
    }

    /**
     * Reports the statement's verdict to {@code nonce} (from the first row, which every such
     * statement returns) and returns {@code rows}; throws badNonce when the nonce was used
     * before (then the statement changed nothing).
     */
    private static RowSet<Row> reported(RowSet<Row> rows, RequestNonce nonce) {
        Iterator<Row> first = rows.iterator();
        nonce.recorded(first.hasNext() && first.next().getBoolean("nonce_first_use"));
        return rows;
    }
}
