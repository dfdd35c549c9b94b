package org.stica.server.store.pg;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.stica.policy.profile.SerialNumbers;

/**
 * Reads the notAfter of certificates by serial from the {@code certificate} table: the evidence
 * the CRL retention check needs before an entry may leave the CRL (RFC 5280 §3.3).
 */
public final class PgCertificateExpiry {
    private static final String NOT_AFTER = "SELECT serial, not_after FROM certificate"
            + " WHERE serial = ANY(#{serials})";

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
}
