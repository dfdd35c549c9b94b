package org.stica.server.audit.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditRecord;

/**
 * The tamper-evident {@link AuditLog}: appends each event to {@code audit_event} chained to the
 * current head by hash ({@link AuditRecord}). One transaction takes a transaction-scoped
 * advisory lock, reads the head, and inserts the next ids, so appends from several instances form
 * one contiguous chain. Events recorded while an append is in flight are appended together in
 * the next transaction (group commit, at most {@value #MAX_BATCH} per transaction), in the order
 * they were recorded. The returned future completes once the record is committed.
 *
 * <p>BEGIN, the lock and the head read are pipelined (sent together, three round trips become
 * one): PostgreSQL runs a connection's statements in order, so the head is still read only once
 * the lock is held. Then the insert, then COMMIT: three round trips per batch instead of five,
 * and the chain lock is held for two of them.
 */
public final class PgAuditLog implements AuditLog {
    /** The advisory lock key serialising appends ("audit" in ASCII). */
    static final long CHAIN_LOCK = 0x6175646974L;
    static final int MAX_BATCH = 500;

    private static final String LOCK = "SELECT pg_advisory_xact_lock(#{key})";
    private static final String HEAD = "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO audit_event (id, occurred_at, type, actor,"
            + " subject, details, prev_hash, hash) VALUES (#{id}, #{occurredAt}, #{type},"
            + " #{actor}, #{subject}, #{details}, #{prevHash}, #{hash})";

    private final Pool pool;
    private final Clock clock;
    private final Object queueLock = new Object();
    private List<Pending> queue = new ArrayList<>();
    private boolean appending;

    public PgAuditLog(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Future<Void> record(AuditEvent event) {
        Promise<Void> done = Promise.promise();
        boolean start;
        synchronized (queueLock) {
            queue.add(new Pending(event, done));
            start = !appending;
            appending = true;
        }
        if (start) {
            appendQueued();
        }
        return done.future();
    }

    private void appendQueued() {
        List<Pending> batch;
        synchronized (queueLock) {
            if (queue.isEmpty()) {
                appending = false;
                return;
            }
            int size = Math.min(queue.size(), MAX_BATCH);
            batch = new ArrayList<>(queue.subList(0, size));
            queue = new ArrayList<>(queue.subList(size, queue.size()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        pool.getConnection()
                .compose(connection -> append(connection, batch, now)
                        .eventually(connection::close))
                .onComplete(result -> {
                    batch.forEach(p -> p.done().handle(result.mapEmpty()));
                    appendQueued();
                });
    }

    /** One transaction; any failure rolls it back and fails the whole batch. */
    private static Future<Void> append(SqlConnection connection, List<Pending> batch,
                                       Instant now) {
        Future<Transaction> begun = connection.begin();
        Future<RowSet<Row>> locked = SqlTemplate.forQuery(connection, LOCK)
                .execute(Map.of("key", CHAIN_LOCK));
        // prepared (and cached per connection): a simple query is planned on every batch
        Future<RowSet<Row>> head = connection.preparedQuery(HEAD).execute();
        return Future.all(begun, locked, head)
                .compose(v -> {
                    RowSet<Row> rows = head.result();
                    Row last = rows.size() == 0 ? null : rows.iterator().next();
                    List<AuditRecord> records = chain(batch, now, last == null ? 0
                            : last.getLong("id"), last == null ? AuditRecord.GENESIS
                            : last.getString("hash"));
                    return SqlTemplate.forUpdate(connection, INSERT)
                            .executeBatch(records.stream().map(PgAuditLog::params).toList());
                })
                .compose(inserted -> begun.result().commit())
                .recover(failure -> (begun.succeeded() ? begun.result().rollback()
                        : Future.<Void>succeededFuture())
                        .transform(ignored -> Future.failedFuture(failure)));
    }

    private static List<AuditRecord> chain(List<Pending> batch, Instant now, long headId,
                                           String headHash) {
        List<AuditRecord> records = new ArrayList<>(batch.size());
        long id = headId;
        String previous = headHash;
        for (Pending pending : batch) {
            AuditRecord record = AuditRecord.chain(++id, now, pending.event(), previous);
            records.add(record);
            previous = record.hash();
        }
        return records;
    }

    private static Map<String, Object> params(AuditRecord r) {
        return Map.of("id", r.id(), "occurredAt", r.occurredAt().atOffset(ZoneOffset.UTC),
                "type", r.type(), "actor", r.actor(), "subject", r.subject(),
                "details", r.details(), "prevHash", r.prevHash(), "hash", r.hash());
    }

    private record Pending(AuditEvent event, Promise<Void> done) {
    }
}
