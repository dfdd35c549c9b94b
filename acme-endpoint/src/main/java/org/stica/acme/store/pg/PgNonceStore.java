package org.stica.acme.store.pg;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Used replay nonces (RFC 8555 §6.5) in {@code acme_nonce_used}, shared by every server instance
 * on the database. Nonces are stateless (issuing one writes nothing); redeeming one inserts its
 * random part with {@code ON CONFLICT DO NOTHING}: a row inserted (returned) is the first use,
 * none a replay, so a nonce is accepted at most once cluster-wide, by a statement committed on
 * its own (no BEGIN/COMMIT) before the request goes on.
 *
 * <p>Redemptions are coalesced: while one statement is in flight, the redemptions that arrive
 * wait and then go together as one multi-row INSERT (one round trip, one commit, instead of one
 * each). An idle server sends a redemption at once, so nothing waits for a timer; under load the
 * batches grow with the queue. A value that is already waiting in the batch is a replay at once
 * (two rows with one value in one INSERT would both look inserted).
 *
 * <p>Rows whose nonce expired more than {@link #PURGE_GRACE} ago are deleted by a redemption at
 * most once per {@link #PURGE_INTERVAL} per instance; the grace covers clock skew between
 * instances, since a row must outlive the nonce on every instance's clock.
 */
public final class PgNonceStore {
    /** How often a redemption also deletes the rows of long-expired nonces. */
    static final Duration PURGE_INTERVAL = Duration.ofSeconds(1);
    /** How long a used row is kept past its nonce's expiry (tolerated clock skew). */
    public static final Duration PURGE_GRACE = Duration.ofMinutes(1);
    /** Redemptions sent in one statement at most (bounds its parameters and its latency). */
    static final int MAX_BATCH = 256;

    private static final String MARK_USED = "INSERT INTO acme_nonce_used (value, expires_at)"
            + " SELECT * FROM unnest(#{values}::bytea[], #{expires}::timestamptz[])"
            + " ON CONFLICT DO NOTHING RETURNING value";
    private static final String PURGE_AND_MARK_USED = "WITH purged AS (DELETE FROM"
            + " acme_nonce_used WHERE expires_at < #{purgeBefore}) " + MARK_USED;

    private final SqlTemplate<Map<String, Object>, RowSet<Row>> markUsed;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> purgeAndMarkUsed;
    /** Guarded by {@code this}: redemptions waiting, whether a statement is in flight. */
    private List<Redemption> waiting = new ArrayList<>();
    private final Set<Buffer> waitingValues = new HashSet<>();
    private boolean inFlight;
    private Instant nextPurge = Instant.MIN;
    private final AtomicLong statements = new AtomicLong();

    public PgNonceStore(Pool pool) {
        // built once: a template is parsed when created, and this runs on every signed POST
        this.markUsed = SqlTemplate.forQuery(pool, MARK_USED);
        this.purgeAndMarkUsed = SqlTemplate.forQuery(pool, PURGE_AND_MARK_USED);
    }

    /** A redemption waiting for its statement; completed on its caller's context. */
    private record Redemption(Buffer value, Instant expires, Instant now, Promise<Boolean> result,
                              Context context) {
        void complete(boolean firstUse) {
            settle(() -> result.complete(firstUse));
        }

        void fail(Throwable cause) {
            settle(() -> result.fail(cause));
        }

        private void settle(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    /**
     * Records the nonce whose random part is {@code value} as used; true when this was its first
     * use, false for a replay.
     */
    public Future<Boolean> markUsed(byte[] value, Instant expires, Instant now) {
        Redemption redemption = new Redemption(Buffer.buffer(value), expires, now,
                Promise.promise(), Vertx.currentContext());
        List<Redemption> batch;
        synchronized (this) {
            if (!waitingValues.add(redemption.value())) {
                return Future.succeededFuture(false);
            }
            waiting.add(redemption);
            batch = takeBatch();
        }
        send(batch);
        return redemption.result().future();
    }

    /** How many statements redemptions have sent so far (batches, for tests and metrics). */
    public long statementsSent() {
        return statements.get();
    }

    /** The waiting redemptions, now in flight; null when a statement is in flight already. */
    private List<Redemption> takeBatch() {
        if (inFlight || waiting.isEmpty()) {
            return null;
        }
        inFlight = true;
        List<Redemption> batch;
        if (waiting.size() <= MAX_BATCH) {
            batch = waiting;
            waiting = new ArrayList<>();
        } else {
            batch = new ArrayList<>(waiting.subList(0, MAX_BATCH));
            waiting = new ArrayList<>(waiting.subList(MAX_BATCH, waiting.size()));
        }
        batch.forEach(redemption -> waitingValues.remove(redemption.value()));
        return batch;
    }

    private void send(List<Redemption> batch) {
        if (batch == null) {
            return;
        }
        statements.incrementAndGet();
        Buffer[] values = new Buffer[batch.size()];
        OffsetDateTime[] expires = new OffsetDateTime[batch.size()];
        Instant now = Instant.MIN;
        for (int i = 0; i < values.length; i++) {
            Redemption redemption = batch.get(i);
            values[i] = redemption.value();
            expires[i] = SqlValues.time(redemption.expires());
            now = redemption.now().isAfter(now) ? redemption.now() : now;
        }
        boolean purge = purgeDue(now);
        (purge ? purgeAndMarkUsed : markUsed)
                .execute(Map.of("values", values, "expires", expires,
                        "purgeBefore", SqlValues.time(now.minus(PURGE_GRACE))))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        Set<Buffer> inserted = new HashSet<>();
                        result.result().forEach(row -> inserted.add(row.getBuffer("value")));
                        batch.forEach(r -> r.complete(inserted.contains(r.value())));
                    } else {
                        batch.forEach(r -> r.fail(result.cause()));
                    }
                    List<Redemption> next;
                    synchronized (this) {
                        inFlight = false;
                        next = takeBatch();
                    }
                    send(next);
                });
    }

    private synchronized boolean purgeDue(Instant now) {
        if (now.isBefore(nextPurge)) {
            return false;
        }
        nextPurge = now.plus(PURGE_INTERVAL);
        return true;
    }
}
