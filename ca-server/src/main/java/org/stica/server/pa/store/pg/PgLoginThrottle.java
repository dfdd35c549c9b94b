package org.stica.server.pa.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SQL for {@code pa_login_throttle} (migration {@code db/pa/V5}): a generic cell rate algorithm
 * per key, shared by every instance, like the ACME order rate ({@code acme_order_rate}). Each
 * key has a step ({@code window / limit}); an attempt is admitted while
 * {@code max(tat, now) + step <= now + window} for every key, which stores that sum as the new
 * theoretical arrival time (tat). So a key may have {@code limit} attempts at once, then one each
 * step. All keys are admitted, or none is charged (one transaction). A success is refunded, so
 * only failures count.
 */
public final class PgLoginThrottle {
    private static final String ADMIT = "INSERT INTO pa_login_throttle AS t (key, tat)"
            + " SELECT k.key, #{now}::timestamptz + k.step * interval '1 microsecond'"
            + " FROM unnest(#{keys}::text[], #{steps}::bigint[]) AS k(key, step)"
            + " ON CONFLICT (key) DO UPDATE SET tat = greatest(t.tat, #{now}::timestamptz)"
            + " + (excluded.tat - #{now}::timestamptz)"
            + " WHERE greatest(t.tat, #{now}::timestamptz) + (excluded.tat - #{now}::timestamptz)"
            + " <= #{now}::timestamptz + #{window}::bigint * interval '1 microsecond'"
            + " RETURNING key";
    private static final String TATS = "SELECT key, tat FROM pa_login_throttle"
            + " WHERE key = ANY(#{keys}::text[])";
    private static final String REFUND = "UPDATE pa_login_throttle t"
            + " SET tat = t.tat - k.step * interval '1 microsecond'"
            + " FROM unnest(#{keys}::text[], #{steps}::bigint[]) AS k(key, step)"
            + " WHERE t.key = k.key";
    /** A row whose tat has passed says nothing; a few are deleted at each attempt. */
    private static final String PRUNE = "DELETE FROM pa_login_throttle WHERE key IN"
            + " (SELECT key FROM pa_login_throttle WHERE tat < #{now}::timestamptz LIMIT 100)";

    private final Pool pool;

    public PgLoginThrottle(Pool pool) {
        this.pool = pool;
    }

    /** A key and how many attempts it may have per window. */
    public record Cell(String key, int limit) {
    }

    /** Thrown inside the transaction to roll back a partial admission. */
    private static final class Refused extends RuntimeException {
        private final Instant admittedAt;

        Refused(Instant admittedAt) {
            super(null, null, false, false);
            this.admittedAt = admittedAt;
        }
    }

    /**
     * Charges one attempt to every cell if all admit it: empty; otherwise nothing is charged and
     * the answer is when all will admit one again.
     */
    public Future<Optional<Instant>> admit(List<Cell> cells, Instant now, Duration window) {
        Map<String, Object> params = params(cells, now, window);
        return SqlTemplate.forUpdate(pool, PRUNE).execute(params)
                .compose(pruned -> pool.withTransaction(c -> charge(c, cells, params, window)))
                .recover(e -> e instanceof Refused refused
                        ? Future.succeededFuture(Optional.of(refused.admittedAt))
                        : Future.failedFuture(e));
    }

    private static Future<Optional<Instant>> charge(SqlConnection c, List<Cell> cells,
                                                    Map<String, Object> params,
                                                    Duration window) {
        return SqlTemplate.forQuery(c, ADMIT).execute(params).compose(admitted -> {
            if (admitted.size() == cells.size()) {
                return Future.succeededFuture(Optional.empty());
            }
            Set<String> charged = new HashSet<>();
            admitted.forEach(row -> charged.add(row.getString("key")));
            return SqlTemplate.forQuery(c, TATS).execute(params).compose(rows ->
                    Future.failedFuture(new Refused(admittedAt(rows, charged, cells, window))));
        });
    }

    /** When every refused cell admits again: tat + step - window, the latest of them. */
    private static Instant admittedAt(RowSet<Row> rows, Set<String> charged, List<Cell> cells,
                                      Duration window) {
        Instant at = Instant.EPOCH;
        for (Row row : rows) {
            String key = row.getString("key");
            Optional<Cell> cell = cells.stream().filter(x -> x.key().equals(key)).findFirst();
            if (charged.contains(key) || cell.isEmpty()) {
                continue;
            }
            Instant next = row.getOffsetDateTime("tat").toInstant()
                    .plusNanos(step(cell.get(), window) * 1_000).minus(window);
            at = next.isAfter(at) ? next : at;
        }
        return at;
    }

    /** Gives back the attempt {@link #admit} charged (a successful login). */
    public Future<Void> refund(List<Cell> cells, Instant now, Duration window) {
        return SqlTemplate.forUpdate(pool, REFUND).execute(params(cells, now, window))
                .mapEmpty();
    }

    private static Map<String, Object> params(List<Cell> cells, Instant now, Duration window) {
        Map<String, Object> params = new HashMap<>();
        params.put("keys", cells.stream().map(Cell::key).toArray(String[]::new));
        params.put("steps", cells.stream().map(c -> step(c, window)).toArray(Long[]::new));
        params.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        params.put("window", window.toNanos() / 1_000);
        return params;
    }

    private static long step(Cell cell, Duration window) {
        return Math.max(1, window.toNanos() / 1_000 / cell.limit());
    }
}
