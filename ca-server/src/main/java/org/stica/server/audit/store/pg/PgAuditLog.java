package org.stica.server.audit.store.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stica.acme.store.pg.Coalescer;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditRecord;

/**
 * The tamper-evident {@link AuditLog}: appends each event to {@code audit_event} chained to the
 * current head by hash ({@link AuditRecord}), so appends from several instances form one
 * contiguous chain. Events recorded while an append is in flight are appended together in the
 * next statement ({@link Coalescer}: group commit, at most {@value #MAX_BATCH} per statement), in
 * the order they were recorded. The returned future completes once the record is committed.
 *
 * <p>An append is optimistic and one statement: the instance chains the batch onto the head it
 * knows (read once, then the last record it wrote) and one multi-row INSERT stores it only if
 * that is still the newest record. When another instance appended in between, the INSERT stores
 * nothing (the head moved) or collides on the next id (both saw the same head; the primary key
 * lets one win); either way the head is read again and the batch re-chained onto it, at most
 * {@value #MAX_ATTEMPTS} times. The statement is atomic, so a refused record stores none of its
 * batch. One round trip and one commit per batch, instead of BEGIN, a chain lock, the head
 * read, the inserts and COMMIT.
 *
 * <p>{@link #drainOutbox()} moves the events that other statements wrote into
 * {@code audit_outbox} (atomically with the state they describe: ARCHITECTURE.md §5 item 1) into
 * the chain. It runs through the same queue as the appends, so an instance writes one batch at a
 * time, in one transaction: the outbox rows are taken {@code FOR UPDATE SKIP LOCKED} (another
 * instance draining at the same moment takes other rows) and the append statement deletes them
 * as it chains them. A row is therefore chained exactly once, whichever instance drains it, and
 * stays in the outbox for the next drain if the transaction fails or the instance dies.
 */
public final class PgAuditLog implements AuditLog {
    static final int MAX_BATCH = 500;
    /** Times one batch is re-chained onto a head that moved before it fails. */
    static final int MAX_ATTEMPTS = 50;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String HEAD = "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1";
    private static final String HEAD_IS = " (SELECT hash FROM audit_event ORDER BY id DESC"
            + " LIMIT 1) IS NOT DISTINCT FROM #{headHash}::text";
    /** Stores the chained batch, and deletes the outbox rows in it, iff the head is as known. */
    private static final String APPEND = "WITH drained AS (DELETE FROM audit_outbox"
            + " WHERE id = ANY(#{outboxIds}::bigint[]) AND" + HEAD_IS + ")"
            + " INSERT INTO audit_event (id, occurred_at, type, actor,"
            + " subject, details, prev_hash, hash) SELECT * FROM unnest(#{ids}::bigint[],"
            + " #{occurredAt}::timestamptz[], #{types}::text[], #{actors}::text[],"
            + " #{subjects}::text[], #{details}::text[], #{prevHashes}::text[], #{hashes}::text[])"
            + " WHERE" + HEAD_IS + " RETURNING id";
    private static final String TAKE_OUTBOX = "SELECT id, occurred_at, type, actor, subject,"
            + " details FROM audit_outbox ORDER BY id LIMIT " + MAX_BATCH
            + " FOR UPDATE SKIP LOCKED";
    private static final Long[] NO_OUTBOX_ROWS = new Long[0];

    /** The newest record as this instance last saw it; id 0 for an empty chain. */
    private record Head(long id, String hash) {
        static final Head EMPTY = new Head(0, AuditRecord.GENESIS);
    }

    /** An event to chain with its time; {@code outboxId} 0 when it is not an outbox row. */
    private record Entry(Instant at, AuditEvent event, long outboxId) {
    }

    /** One queued request: an event to append, or (event null) a drain of the outbox. */
    private record Pending(AuditEvent event) {
        static final Pending DRAIN = new Pending(null);
    }

    private final Pool pool;
    private final Clock clock;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> append;
    private final Coalescer<Pending, Void> appends;
    /** Null when unknown; used by the one append in flight only. */
    private volatile Head head;

    public PgAuditLog(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
        this.append = SqlTemplate.forQuery(pool, APPEND);
        this.appends = new Coalescer<>(MAX_BATCH, this::appendAll);
    }

    @Override
    public Future<Void> record(AuditEvent event) {
        return appends.submit(new Pending(event));
    }

    /**
     * Chains the outbox's events (at most {@value #MAX_BATCH} per transaction; a full batch
     * queues another drain) and completes once they are committed.
     */
    @Override
    public Future<Void> drainOutbox() {
        return appends.submit(Pending.DRAIN);
    }

    /** One batch, in the order its events were recorded, all stored or none. */
    private Future<List<Void>> appendAll(List<Pending> batch) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Entry> events = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            if (pending.event() != null) {
                events.add(new Entry(now, pending.event(), 0));
            }
        }
        Future<Void> stored = events.size() == batch.size()
                ? untilStored(() -> knownHead().compose(known -> insertAfter(append, known,
                        events)), 1)
                : untilStored(() -> pool.withTransaction(conn -> takeOutbox(conn)
                        .compose(outbox -> drainWith(conn, outbox, events))), 1);
        return stored.map(v -> Collections.nCopies(batch.size(), null));
    }

    /** The outbox rows (oldest first) followed by the queued events, chained in one statement. */
    private Future<Boolean> drainWith(SqlConnection conn, List<Entry> outbox, List<Entry> events) {
        if (outbox.size() == MAX_BATCH) {
            drainOutbox();  // queued behind this batch: takes the rest once it is committed
        }
        List<Entry> all = new ArrayList<>(outbox);
        all.addAll(events);
        if (all.isEmpty()) {
            return Future.succeededFuture(true);
        }
        return knownHead().compose(known -> insertAfter(SqlTemplate.forQuery(conn, APPEND),
                known, all));
    }

    private static Future<List<Entry>> takeOutbox(SqlConnection conn) {
        return conn.query(TAKE_OUTBOX).execute().map(rows -> {
            List<Entry> taken = new ArrayList<>(rows.size());
            for (Row row : rows) {
                taken.add(new Entry(row.getOffsetDateTime("occurred_at").toInstant(),
                        new AuditEvent(row.getString("type"), row.getString("actor"),
                                row.getString("subject"), new JsonObject(row.getString("details"))),
                        row.getLong("id")));
            }
            return taken;
        });
    }

    /** Stores with {@code attemptOnce}, re-chaining while other appends move the head. */
    private Future<Void> untilStored(Supplier<Future<Boolean>> attemptOnce, int attempt) {
        return attemptOnce.get()
                .recover(failure -> {
                    head = null;
                    return headMoved(failure) ? Future.succeededFuture(false)
                            : Future.failedFuture(failure);
                })
                .compose(stored -> {
                    if (stored) {
                        return Future.succeededFuture();
                    }
                    head = null;  // moved: read it again
                    return attempt < MAX_ATTEMPTS ? untilStored(attemptOnce, attempt + 1)
                            : Future.failedFuture(new IllegalStateException("the audit chain"
                            + " head moved " + MAX_ATTEMPTS + " times during one append"));
                });
    }

    private Future<Head> knownHead() {
        Head known = head;
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return pool.preparedQuery(HEAD).execute().map(rows -> {
            Row last = rows.size() == 0 ? null : rows.iterator().next();
            Head read = last == null ? Head.EMPTY
                    : new Head(last.getLong("id"), last.getString("hash"));
            head = read;
            return read;
        });
    }

    /** True when stored after {@code known}; false when {@code known} is no longer the head. */
    private Future<Boolean> insertAfter(SqlTemplate<Map<String, Object>, RowSet<Row>> statement,
                                        Head known, List<Entry> batch) {
        List<AuditRecord> records = chain(batch, known.id(), known.hash());
        int n = records.size();
        Long[] ids = new Long[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n];
        String[] types = new String[n];
        String[] actors = new String[n];
        String[] subjects = new String[n];
        String[] details = new String[n];
        String[] prevHashes = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            AuditRecord r = records.get(i);
            ids[i] = r.id();
            occurredAt[i] = r.occurredAt().atOffset(ZoneOffset.UTC);
            types[i] = r.type();
            actors[i] = r.actor();
            subjects[i] = r.subject();
            details[i] = r.details();
            prevHashes[i] = r.prevHash();
            hashes[i] = r.hash();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("ids", ids);
        params.put("occurredAt", occurredAt);
        params.put("types", types);
        params.put("actors", actors);
        params.put("subjects", subjects);
        params.put("details", details);
        params.put("prevHashes", prevHashes);
        params.put("hashes", hashes);
        params.put("headHash", known.id() == 0 ? null : known.hash());
        Long[] outboxIds = batch.stream().filter(e -> e.outboxId() != 0)
                .map(Entry::outboxId).toArray(Long[]::new);
        params.put("outboxIds", outboxIds.length == 0 ? NO_OUTBOX_ROWS : outboxIds);
        return statement.execute(params).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture(false);
            }
            if (rows.size() != n) {
                return Future.failedFuture(new IllegalStateException("audit append stored "
                        + rows.size() + " of " + n + " records"));
            }
            AuditRecord last = records.get(n - 1);
            head = new Head(last.id(), last.hash());
            return Future.succeededFuture(true);
        });
    }

    /** Another instance stored the same next id first (both chained onto the same head). */
    private static boolean headMoved(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    private static List<AuditRecord> chain(List<Entry> batch, long headId, String headHash) {
        List<AuditRecord> records = new ArrayList<>(batch.size());
        long id = headId;
        String previous = headHash;
        for (Entry entry : batch) {
            AuditRecord record = AuditRecord.chain(++id, entry.at(), entry.event(), previous);
            records.add(record);
            previous = record.hash();
        }
        return records;
    }
}
