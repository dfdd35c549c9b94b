package org.stica.server.store.pg;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.stica.policy.profile.SerialNumbers;

/**
 * Reads the notAfter of certificates from the {@code certificate} table: by serial, the evidence
 * the CRL retention check needs before an entry may leave the CRL (RFC 5280 §3.3); and the
 * oldest ACME-issued certificate still live at a time, which bounds what the data lifecycle may
 * purge of the ACME order copies (issue 14).
 */
public final class PgCertificateExpiry {
    private static final String NOT_AFTER = "SELECT serial, not_after FROM certificate"
            + " WHERE serial = ANY(#{serials})";
    /** Served by certificate_order_not_after_idx (db/ca V2) alone. */
    private static final String OLDEST_ORDER_CERTIFICATE_LIVE = "SELECT min(created_at) AS oldest"
            + " FROM certificate WHERE order_id IS NOT NULL AND not_after >= #{at}";

    private final Pool pool;

    public PgCertificateExpiry(Pool pool) {
        this.pool = pool;
    }

    /** notAfter per serial, for the serials on record. */
    public Future<Map<BigInteger, Instant>> notAfter(Collection<BigInteger> serials) {
        String[] hex = serials.stream().map(s -> s.toString(16)).toArray(String[]::new);
        return SqlTemplate.forQuery(pool, NOT_AFTER).execute(Map.of("serials", hex))
                .map(rows -> {
                    Map<BigInteger, Instant> out = new HashMap<>();
                    rows.forEach(row -> out.put(SerialNumbers.fromHex(row.getString("serial")),
                            PgTimes.fromDb(row.getOffsetDateTime("not_after"))));
                    return out;
                });
    }

    /**
     * The creation time of the oldest certificate issued for an ACME order whose notAfter is at
     * or after {@code at} (including reserved ones); empty when every such certificate expired
     * before {@code at}. Every order certificate created before the answer expired before
     * {@code at}.
     */
    public Future<Optional<Instant>> oldestOrderCertificateLiveAt(Instant at) {
        return SqlTemplate.forQuery(pool, OLDEST_ORDER_CERTIFICATE_LIVE)
                .execute(Map.of("at", PgTimes.toDb(at)))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime("oldest"))
                        .map(PgTimes::fromDb));
    }
}
