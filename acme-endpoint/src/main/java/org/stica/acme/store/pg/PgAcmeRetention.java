package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.Map;

/**
 * Deletes ACME state that is no longer needed (issue 14, data lifecycle), at most {@code limit}
 * rows of the driving table per statement, on the connection of the caller's transaction (the
 * caller holds the retention lock in it).
 *
 * <p>An order goes together with its authorizations, their challenges and its
 * {@code acme_certificate} row, in one statement, only when all of these hold:
 * <ul>
 *   <li>the order expired before {@code cutoff} ({@code expires_at}; an order becomes final
 *       before it expires, so this also means final for at least the retention), and so did
 *       every one of its authorizations (a valid authorization lets its account revoke,
 *       RFC 8555 §7.6);</li>
 *   <li>it is {@code pending}, {@code ready} or {@code invalid}, or {@code valid} with a
 *       certificate recorded before {@code issuedBefore}: the caller passes a time before which
 *       every certificate issued for an order has expired past the retention, so the order copy
 *       of a certificate is never deleted while the certificate can still be downloaded,
 *       revoked by its account or replaced (RFC 8555 §7.4.2, §7.6; RFC 9773 §5). The CA's own
 *       record of the certificate ({@code certificate} in ca-server) is never purged;</li>
 *   <li>it is not {@code processing} and none of its challenges is: interrupted work is for
 *       {@link StuckWorkSweeper}, which checks what was issued.</li>
 * </ul>
 * Rows another transaction has locked are skipped (taken by the next sweep), so the sweep never
 * waits on a request. Accounts, EAB keys and rate rows are never deleted.
 *
 * <p>Used nonces ({@code acme_nonce_used}) go once their nonce expired more than
 * {@link PgNonceStore#PURGE_GRACE} ago: an expired nonce is refused before the table is asked
 * (RFC 8555 §6.5), so the row can no longer stop a replay. Redemptions also purge them
 * ({@link PgNonceStore}); this is the bounded backstop for instances that sat idle.
 */
public final class PgAcmeRetention {
    private static final String ORDERS = "WITH o AS (SELECT o.id FROM acme_order o"
            + " WHERE o.expires_at < #{cutoff}"
            + " AND (o.status IN ('pending', 'ready', 'invalid') OR (o.status = 'valid'"
            + " AND EXISTS (SELECT 1 FROM acme_certificate c WHERE c.order_id = o.id"
            + " AND c.created_at < #{issuedBefore})))"
            + " AND NOT EXISTS (SELECT 1 FROM acme_authz a WHERE a.order_id = o.id"
            + " AND a.expires_at >= #{cutoff})"
            + " AND NOT EXISTS (SELECT 1 FROM acme_authz a JOIN acme_challenge ch"
            + " ON ch.authz_id = a.id WHERE a.order_id = o.id AND ch.status = 'processing')"
            + " ORDER BY o.expires_at LIMIT #{limit} FOR UPDATE SKIP LOCKED),"
            + " az AS (SELECT a.id FROM acme_authz a WHERE a.order_id IN (SELECT id FROM o)),"
            + " ch AS (DELETE FROM acme_challenge WHERE authz_id IN (SELECT id FROM az)"
            + " RETURNING 1),"
            + " da AS (DELETE FROM acme_authz WHERE id IN (SELECT id FROM az) RETURNING 1),"
            + " dc AS (DELETE FROM acme_certificate WHERE order_id IN (SELECT id FROM o)"
            + " RETURNING 1),"
            + " d AS (DELETE FROM acme_order WHERE id IN (SELECT id FROM o) RETURNING 1)"
            + " SELECT (SELECT count(*) FROM d) AS orders, (SELECT count(*) FROM da) AS authzs,"
            + " (SELECT count(*) FROM ch) AS challenges,"
            + " (SELECT count(*) FROM dc) AS certificates";
    /**
     * The batch found on the primary key (expires_at, value; expiry first, so one range of it);
     * the outer range lets the delete find it there too, never by a scan of the whole table.
     * Both ranges are {@link PgNonceStore#expiredBefore}'s, planned on the key even without
     * column statistics.
     */
    static final String NONCES = "DELETE FROM acme_nonce_used WHERE "
            + PgNonceStore.expiredBefore("before") + " AND (expires_at, value) IN"
            + " (SELECT expires_at, value FROM acme_nonce_used WHERE "
            + PgNonceStore.expiredBefore("before") + " ORDER BY expires_at LIMIT #{limit}"
            + " FOR UPDATE SKIP LOCKED)";

    /** What one batch of orders removed; {@code orders} is at most the batch size. */
    public record PurgedOrders(long orders, long authzs, long challenges, long certificates) {
    }

    /**
     * Deletes at most {@code limit} orders (with their authorizations, challenges and order
     * copy of the certificate) that expired before {@code cutoff}; a {@code valid} one only if
     * its certificate was recorded before {@code issuedBefore}.
     */
    public Future<PurgedOrders> purgeOrders(SqlClient conn, Instant cutoff, Instant issuedBefore,
                                            int limit) {
        return SqlTemplate.forQuery(conn, ORDERS)
                .execute(Map.of("cutoff", SqlValues.time(cutoff),
                        "issuedBefore", SqlValues.time(issuedBefore), "limit", limit))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new PurgedOrders(row.getLong("orders"), row.getLong("authzs"),
                            row.getLong("challenges"), row.getLong("certificates"));
                });
    }

    /** Deletes at most {@code limit} used-nonce rows whose nonce expired before {@code before}. */
    public Future<Integer> purgeUsedNonces(SqlClient conn, Instant before, int limit) {
        return SqlTemplate.forUpdate(conn, NONCES)
                .execute(Map.of("before", SqlValues.time(before), "limit", limit))
                .map(result -> result.rowCount());
    }
}
