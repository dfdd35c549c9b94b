package org.stica.server.audit.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditRecord;

/**
 * The tamper-evident {@link AuditLog}: appends each event to {@code audit_event} chained to the
 * current head by hash ({@link AuditRecord}). One transaction takes a transaction-scoped
 * advisory lock, reads the head, and inserts the next id, so appends from several instances form
 * one contiguous chain. The returned future completes once the record is committed.
 */
public final class PgAuditLog implements AuditLog {
    /** The advisory lock key serialising appends ("audit" in ASCII). */
    static final long CHAIN_LOCK = 0x6175646974L;

    private static final String LOCK = "SELECT pg_advisory_xact_lock(#{key})";
    private static final String HEAD = "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO audit_event (id, occurred_at, type, actor,"
            + " subject, details, prev_hash, hash) VALUES (#{id}, #{occurredAt}, #{type},"
            + " #{actor}, #{subject}, #{details}, #{prevHash}, #{hash})";

    private final Pool pool;
    private final Clock clock;

    public PgAuditLog(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Future<Void> record(AuditEvent event) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(connection -> append(connection, event, now)).mapEmpty();
    }

    private static Future<AuditRecord> append(SqlConnection connection, AuditEvent event,
                                              Instant now) {
        return SqlTemplate.forQuery(connection, LOCK).execute(Map.of("key", CHAIN_LOCK))
                .compose(locked -> connection.query(HEAD).execute())
                .map(rows -> rows.size() == 0
                        ? AuditRecord.chain(1, now, event, AuditRecord.GENESIS)
                        : AuditRecord.chain(rows.iterator().next().getLong("id") + 1, now, event,
                                rows.iterator().next().getString("hash")))
                .compose(record -> SqlTemplate.forUpdate(connection, INSERT)
                        .execute(params(record)).map(record));
    }

    private static Map<String, Object> params(AuditRecord r) {
        return Map.of("id", r.id(), "occurredAt", r.occurredAt().atOffset(ZoneOffset.UTC),
                "type", r.type(), "actor", r.actor(), "subject", r.subject(),
                "details", r.details(), "prevHash", r.prevHash(), "hash", r.hash());
    }
}
