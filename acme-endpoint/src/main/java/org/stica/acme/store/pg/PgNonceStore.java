package org.stica.acme.store.pg;

import io.vertx.core.Future;
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

/**
 * Used replay nonces (RFC 8555 §6.5) in {@code acme_nonce_used}, shared by every server instance
 * on the database. Nonces are stateless (issuing one writes nothing); redeeming one inserts its
 * expiry and random part (the primary key, expiry first: migration db/acme V11) with
 * {@code ON CONFLICT DO NOTHING}: a row inserted (returned) is the first use,
 * none a replay, so a nonce is accepted at most once cluster-wide, by a statement committed on
 * its own (no BEGIN/COMMIT) before the request goes on.
 *
 * <p>Redemptions are coalesced ({@link Coalescer}): those that arrive while one INSERT is in
 * flight go together as one multi-row INSERT (one round trip and one commit instead of one each).
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

    static final String MARK_USED = "INSERT INTO acme_nonce_used (value, expires_at)"
            + " SELECT * FROM unnest(#{values}::bytea[], #{expires}::timestamptz[])"
            + " ON CONFLICT DO NOTHING RETURNING value";
    static final String PURGE_AND_MARK_USED = "WITH purged AS (DELETE FROM"
            + " acme_nonce_used WHERE " + expiredBefore("purgeBefore") + ") " + MARK_USED;

    /**
     * Used nonces whose expiry is before parameter {@code parameter}, as a two-sided range of
     * the key's expiry: without column statistics PostgreSQL takes a one-sided range for a third
     * of the table and plans a scan of all of it (every used nonce, each second), a two-sided
     * one as narrow (the primary key). Every purge of {@code acme_nonce_used} selects with it.
     */
    static String expiredBefore(String parameter) {
        return "expires_at < #{" + parameter + "} AND expires_at > '-infinity'::timestamptz";
    }

    private final SqlTemplate<Map<String, Object>, RowSet<Row>> markUsed;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> purgeAndMarkUsed;
    private final Coalescer<Redemption, Boolean> redemptions;
    /** Guarded by {@code this}. */
    private Instant nextPurge = Instant.MIN;

    public PgNonceStore(Pool pool) {
        // built once: a template is parsed when created, and this runs on every signed POST
        this.markUsed = SqlTemplate.forQuery(pool, MARK_USED);
        this.purgeAndMarkUsed = SqlTemplate.forQuery(pool, PURGE_AND_MARK_USED);
        this.redemptions = new Coalescer<>(MAX_BATCH, this::markAllUsed);
    }

    private record Redemption(Buffer value, Instant expires, Instant now) {
    }

    /**
     * Records the nonce whose random part is {@code value} as used; true when this was its first
     * use, false for a replay.
     */
    public Future<Boolean> markUsed(byte[] value, Instant expires, Instant now) {
        return redemptions.submit(new Redemption(SqlValues.bytes(value), expires, now));
    }

    /** How many statements redemptions have sent so far (batches, for tests and metrics). */
    public long statementsSent() {
        return redemptions.statementsSent();
    }

    /**
     * One INSERT for the batch. A value that comes twice is inserted once and is a replay the
     * second time (both would otherwise see it among the inserted rows).
     */
    private Future<List<Boolean>> markAllUsed(List<Redemption> batch) {
        Set<Buffer> distinct = new HashSet<>();
        List<Buffer> values = new ArrayList<>(batch.size());
        List<OffsetDateTime> expires = new ArrayList<>(batch.size());
        Instant now = Instant.MIN;
        for (Redemption redemption : batch) {
            if (distinct.add(redemption.value())) {
                values.add(redemption.value());
                expires.add(SqlValues.time(redemption.expires()));
            }
            now = redemption.now().isAfter(now) ? redemption.now() : now;
        }
        return (purgeDue(now) ? purgeAndMarkUsed : markUsed)
                .execute(Map.of("values", values.toArray(new Buffer[0]),
                        "expires", expires.toArray(new OffsetDateTime[0]),
                        "purgeBefore", SqlValues.time(now.minus(PURGE_GRACE))))
                .map(rows -> {
                    Set<Buffer> inserted = new HashSet<>();
                    rows.forEach(row -> inserted.add(row.getBuffer("value")));
                    List<Boolean> firstUse = new ArrayList<>(batch.size());
                    batch.forEach(r -> firstUse.add(inserted.remove(r.value())));
                    return firstUse;
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
