package org.stica.server.audit.store.pg;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
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
 */
public final class PgAuditLog implements AuditLog {
    static final int MAX_BATCH = 500;
    /** Times one batch is re-chained onto a head that moved before it fails. */
    static final int MAX_ATTEMPTS = 50;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String HEAD = "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1";
    private static final String APPEND = "INSERT INTO audit_event (id, occurred_at, type, actor,"
            + " subject, details, prev_hash, hash) SELECT * FROM unnest(#{ids}::bigint[],"
            + " #{occurredAt}::timestamptz[], #{types}::text[], #{actors}::text[],"
            + " #{subjects}::text[], #{details}::text[], #{prevHashes}::text[], #{hashes}::text[])"
            + " WHERE (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1)"
            + " IS NOT DISTINCT FROM #{headHash}::text RETURNING id";

    /** The newest record as this instance last saw it; id 0 for an empty chain. */
    private record Head(long id, String hash) {
        static final Head EMPTY = new Head(0, AuditRecord.GENESIS);
    }

    private final Pool pool;
    private final Clock clock;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> append;
    private final Coalescer<AuditEvent, Void> appends;
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
        return appends.submit(event);
    }

    /** One batch, in the order its events were recorded, all stored or none. */
    private Future<List<Void>> appendAll(List<AuditEvent> batch) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return append(batch, now, 1).map(v -> Collections.nCopies(batch.size(), null));
    }

    /** The batch chained onto the head and stored, re-chained while other appends move it. */
    private Future<Void> append(List<AuditEvent> batch, Instant now, int attempt) {
        return knownHead()
                .compose(known -> insertAfter(known, batch, now))
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
                    return attempt < MAX_ATTEMPTS ? append(batch, now, attempt + 1)
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
    private Future<Boolean> insertAfter(Head known, List<AuditEvent> batch, Instant now) {
        List<AuditRecord> records = chain(batch, now, known.id(), known.hash());
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
        return append.execute(params).compose(rows -> {
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

    private static List<AuditRecord> chain(List<AuditEvent> batch, Instant now, long headId,
                                           String headHash) {
        List<AuditRecord> records = new ArrayList<>(batch.size());
        long id = headId;
        String previous = headHash;
        for (AuditEvent event : batch) {
            AuditRecord record = AuditRecord.chain(++id, now, event, previous);
            records.add(record);
            previous = record.hash();
        }
        return records;
    }
}
