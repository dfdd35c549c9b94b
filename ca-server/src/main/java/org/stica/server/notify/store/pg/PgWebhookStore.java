package org.stica.server.notify.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.StreamSupport;
import org.stica.server.notify.ClaimedDelivery;
import org.stica.server.notify.Delivery;
import org.stica.server.notify.DeliveryStatus;
import org.stica.server.notify.EventType;
import org.stica.server.notify.NewDelivery;
import org.stica.server.notify.Webhook;
import org.stica.server.notify.WebhookStore;

/** SQL for {@code webhook_endpoint} and {@code webhook_delivery}. */
public final class PgWebhookStore implements WebhookStore {
    private static final String REGISTER = "INSERT INTO webhook_endpoint (subscriber_id, url,"
            + " secret, created_at, created_by) VALUES (#{subscriber}, #{url}, #{secret}, #{at},"
            + " #{by}) ON CONFLICT (subscriber_id) DO UPDATE SET url = EXCLUDED.url,"
            + " secret = EXCLUDED.secret, created_at = EXCLUDED.created_at,"
            + " created_by = EXCLUDED.created_by RETURNING (xmax = 0) AS inserted";
    private static final String FIND = "SELECT subscriber_id, url, created_at, created_by"
            + " FROM webhook_endpoint WHERE subscriber_id = #{subscriber}";
    private static final String REMOVE = "DELETE FROM webhook_endpoint"
            + " WHERE subscriber_id = #{subscriber}";
    private static final String FAIL_PENDING = "UPDATE webhook_delivery SET status = 'failed',"
            + " last_error = 'webhook removed', lease_until = NULL, lease_token = NULL"
            + " WHERE subscriber_id = #{subscriber} AND status = 'pending'";
    /** The enqueue statement, shared with {@link PgExpiryWarnings}. */
    static final String ENQUEUE = "INSERT INTO webhook_delivery (id, subscriber_id,"
            + " event_type, payload, status, attempts, next_attempt_at, created_at)"
            + " SELECT #{id}, subscriber_id, #{type}, #{payload}, 'pending', 0, #{at}, #{at}"
            + " FROM webhook_endpoint WHERE subscriber_id = #{subscriber}";
    private static final String CLAIM = "WITH due AS (SELECT id FROM webhook_delivery"
            + " WHERE status = 'pending' AND next_attempt_at <= #{now}"
            + " AND (lease_until IS NULL OR lease_until <= #{now})"
            + " ORDER BY next_attempt_at LIMIT #{limit} FOR UPDATE SKIP LOCKED)"
            + " UPDATE webhook_delivery d SET lease_until = #{leaseUntil},"
            + " lease_token = #{token}, attempts = d.attempts + 1"
            + " FROM due, webhook_endpoint e"
            + " WHERE d.id = due.id AND e.subscriber_id = d.subscriber_id"
            + " RETURNING d.id, d.subscriber_id, d.event_type, d.payload, d.attempts, e.url,"
            + " e.secret, d.lease_token";
    private static final String DELIVERED = "UPDATE webhook_delivery SET status = 'delivered',"
            + " last_status = #{status}, last_error = NULL, delivered_at = #{at},"
            + " lease_until = NULL, lease_token = NULL WHERE id = #{id} AND lease_token = #{token}";
    private static final String FAILED = "UPDATE webhook_delivery SET"
            + " status = CASE WHEN #{retryAt}::timestamptz IS NULL THEN 'failed' ELSE 'pending'"
            + " END, next_attempt_at = COALESCE(#{retryAt}::timestamptz, next_attempt_at),"
            + " last_status = #{status}, last_error = #{error}, lease_until = NULL,"
            + " lease_token = NULL WHERE id = #{id} AND lease_token = #{token}";
    private static final String COLUMNS = "id, seq, subscriber_id, event_type, payload, status,"
            + " attempts, next_attempt_at, last_status, last_error, created_at, delivered_at";
    private static final String LOG = "SELECT " + COLUMNS + " FROM webhook_delivery"
            + " WHERE subscriber_id = #{subscriber}"
            + " AND (#{status}::text IS NULL OR status = #{status})"
            + " AND (#{before}::bigint IS NULL OR seq < #{before})"
            + " ORDER BY seq DESC LIMIT #{limit}";
    private static final String ONE = "SELECT " + COLUMNS + " FROM webhook_delivery"
            + " WHERE id = #{id}";
    private static final String REDELIVER = "UPDATE webhook_delivery SET status = 'pending',"
            + " attempts = 0, next_attempt_at = #{now}, lease_until = NULL, lease_token = NULL,"
            + " delivered_at = NULL WHERE id = #{id} AND status IN ('delivered', 'failed')"
            + " AND EXISTS (SELECT 1 FROM webhook_endpoint e"
            + " WHERE e.subscriber_id = webhook_delivery.subscriber_id) RETURNING " + COLUMNS;

    private static final RowMapper<Webhook> WEBHOOK = row -> new Webhook(
            row.getString("subscriber_id"), row.getString("url"),
            row.getOffsetDateTime("created_at").toInstant(), row.getString("created_by"));
    private static final RowMapper<ClaimedDelivery> CLAIMED = row -> new ClaimedDelivery(
            row.getString("id"), row.getString("subscriber_id"), type(row),
            row.getString("payload"), row.getInteger("attempts"), row.getString("url"),
            row.getString("secret"), row.getString("lease_token"));
    private static final RowMapper<Delivery> DELIVERY = PgWebhookStore::delivery;

    private final Pool pool;

    public PgWebhookStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Boolean> register(Webhook webhook, String secret) {
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, REGISTER).execute(Map.of(
                "subscriber", webhook.subscriberId(), "url", webhook.url(), "secret", secret,
                "at", db(webhook.createdAt()), "by", webhook.createdBy())))
                .map(rows -> rows.iterator().next().getBoolean("inserted"));
    }

    @Override
    public Future<Optional<Webhook>> find(String subscriberId) {
        return SqlTemplate.forQuery(pool, FIND).mapTo(WEBHOOK)
                .execute(Map.of("subscriber", subscriberId))
                .map(rows -> first(rows));
    }

    @Override
    public Future<Boolean> remove(String subscriberId, Instant at) {
        Map<String, Object> params = Map.of("subscriber", subscriberId);
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, REMOVE).execute(params)
                .compose(removed -> SqlTemplate.forUpdate(c, FAIL_PENDING).execute(params)
                        .map(failed -> removed.rowCount() == 1)));
    }

    @Override
    public Future<Boolean> enqueue(NewDelivery delivery) {
        return enqueue(pool, delivery);
    }

    /** The enqueue INSERT on {@code client} (a pool, or a transaction's connection). */
    static Future<Boolean> enqueue(SqlClient client, NewDelivery delivery) {
        return SqlTemplate.forUpdate(client, ENQUEUE).execute(Map.of("id", delivery.id(),
                "subscriber", delivery.subscriberId(), "type", delivery.type().wireName(),
                "payload", delivery.payload(), "at", db(delivery.createdAt())))
                .map(result -> result.rowCount() == 1);
    }

    @Override
    public Future<List<ClaimedDelivery>> claim(Instant now, Instant leaseUntil,
                                               String leaseToken, int limit) {
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, CLAIM).mapTo(CLAIMED)
                .execute(Map.of("now", db(now), "leaseUntil", db(leaseUntil),
                        "token", leaseToken, "limit", limit)))
                .map(PgWebhookStore::list);
    }

    @Override
    public Future<Boolean> recordDelivered(ClaimedDelivery delivery, int httpStatus,
                                           Instant at) {
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, DELIVERED).execute(Map.of(
                "id", delivery.id(), "token", delivery.leaseToken(), "status", httpStatus,
                "at", db(at))))
                .map(result -> result.rowCount() == 1);
    }

    @Override
    public Future<Boolean> recordFailed(ClaimedDelivery delivery, OptionalInt httpStatus,
                                        String error, Optional<Instant> retryAt) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", delivery.id());
        params.put("token", delivery.leaseToken());
        params.put("status", httpStatus.isPresent() ? httpStatus.getAsInt() : null);
        params.put("error", error);
        params.put("retryAt", retryAt.map(PgWebhookStore::db).orElse(null));
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, FAILED).execute(params))
                .map(result -> result.rowCount() == 1);
    }

    @Override
    public Future<List<Delivery>> deliveries(String subscriberId,
                                             Optional<DeliveryStatus> status,
                                             Optional<Long> before, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("subscriber", subscriberId);
        params.put("status", status.map(DeliveryStatus::wireName).orElse(null));
        params.put("before", before.orElse(null));
        params.put("limit", limit);
        return SqlTemplate.forQuery(pool, LOG).mapTo(DELIVERY).execute(params)
                .map(PgWebhookStore::list);
    }

    @Override
    public Future<Optional<Delivery>> delivery(String id) {
        return SqlTemplate.forQuery(pool, ONE).mapTo(DELIVERY).execute(Map.of("id", id))
                .map(rows -> first(rows));
    }

    @Override
    public Future<Optional<Delivery>> redeliver(String id, Instant now) {
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, REDELIVER).mapTo(DELIVERY)
                .execute(Map.of("id", id, "now", db(now))))
                .map(rows -> first(rows));
    }

    private static Delivery delivery(Row row) {
        Integer lastStatus = row.getInteger("last_status");
        return new Delivery(row.getString("id"), row.getLong("seq"),
                row.getString("subscriber_id"), type(row), row.getString("payload"),
                DeliveryStatus.fromWire(row.getString("status")), row.getInteger("attempts"),
                row.getOffsetDateTime("next_attempt_at").toInstant(),
                lastStatus == null ? OptionalInt.empty() : OptionalInt.of(lastStatus),
                Optional.ofNullable(row.getString("last_error")),
                row.getOffsetDateTime("created_at").toInstant(),
                Optional.ofNullable(row.getOffsetDateTime("delivered_at"))
                        .map(OffsetDateTime::toInstant));
    }

    private static EventType type(Row row) {
        String name = row.getString("event_type");
        return EventType.fromWire(name).orElseThrow(() -> new IllegalStateException(
                "unknown webhook event type " + name));
    }

    static OffsetDateTime db(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static <T> List<T> list(Iterable<T> rows) {
        return StreamSupport.stream(rows.spliterator(), false).toList();
    }

    private static <T> Optional<T> first(Iterable<T> rows) {
        return list(rows).stream().findFirst();
    }
}
