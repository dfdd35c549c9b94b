package org.stica.server.notify.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.stica.server.notify.ExpiringCertificate;
import org.stica.server.notify.ExpiryWarningStore;
import org.stica.server.notify.NewDelivery;

/**
 * SQL for {@code notify_expiry_warned}, with the read of ca-server's {@code certificate} table
 * (issued, unrevoked, notAfter within the warning window) that the expiry scanner needs.
 */
public final class PgExpiryWarnings implements ExpiryWarningStore {
    private static final String EXPIRING = "SELECT c.serial, c.spc, c.not_after"
            + " FROM certificate c WHERE c.status = 'issued' AND c.not_after > #{now}"
            + " AND c.not_after <= #{until} AND c.serial > #{after}"
            + " AND NOT EXISTS (SELECT 1 FROM notify_expiry_warned w WHERE w.serial = c.serial)"
            + " ORDER BY c.serial LIMIT #{limit}";
    private static final String WARNED = "INSERT INTO notify_expiry_warned (serial,"
            + " subscriber_id, warned_at) VALUES (#{serial}, #{subscriber}, #{at})"
            + " ON CONFLICT (serial) DO NOTHING";

    private static final RowMapper<ExpiringCertificate> CERTIFICATE = row ->
            new ExpiringCertificate(row.getString("serial"), row.getString("spc"),
                    row.getOffsetDateTime("not_after").toInstant());

    private final Pool pool;

    public PgExpiryWarnings(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<ExpiringCertificate>> expiring(Instant now, Instant until,
                                                      String afterSerial, int limit) {
        return SqlTemplate.forQuery(pool, EXPIRING).mapTo(CERTIFICATE).execute(Map.of(
                "now", PgWebhookStore.db(now), "until", PgWebhookStore.db(until),
                "after", afterSerial, "limit", limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }

    @Override
    public Future<Boolean> warn(String serial, NewDelivery delivery) {
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, WARNED).execute(Map.of(
                "serial", serial, "subscriber", delivery.subscriberId(),
                "at", PgWebhookStore.db(delivery.createdAt())))
                .compose(warned -> warned.rowCount() == 1
                        ? PgWebhookStore.enqueue(c, delivery).map(true)
                        : Future.succeededFuture(false)));
    }
}
