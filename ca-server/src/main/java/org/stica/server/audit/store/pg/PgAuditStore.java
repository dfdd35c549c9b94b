package org.stica.server.audit.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.stica.server.audit.AuditCheckpoint;
import org.stica.server.audit.AuditQuery;
import org.stica.server.audit.AuditReader;
import org.stica.server.audit.AuditRecord;

/** Reads {@code audit_event} and reads/writes {@code audit_checkpoint}. */
public final class PgAuditStore implements AuditReader {
    private static final String COLUMNS =
            "id, occurred_at, type, actor, subject, details, prev_hash, hash";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM audit_event"
            + " WHERE id > #{afterId} ORDER BY id LIMIT #{limit}";
    private static final String HEAD = "SELECT " + COLUMNS
            + " FROM audit_event ORDER BY id DESC LIMIT 1";
    private static final String CHECKPOINTS = "SELECT event_id, hash, signed_at, key_alias,"
            + " signature FROM audit_checkpoint ORDER BY event_id";
    private static final String NEWEST_CHECKPOINT = "SELECT event_id, hash, signed_at,"
            + " key_alias, signature FROM audit_checkpoint ORDER BY event_id DESC LIMIT 1";
    private static final String INSERT_CHECKPOINT = "INSERT INTO audit_checkpoint (event_id,"
            + " hash, signed_at, key_alias, signature) VALUES (#{eventId}, #{hash}, #{signedAt},"
            + " #{keyAlias}, #{signature}) ON CONFLICT (event_id) DO NOTHING";
    private static final String SEARCH = "SELECT " + COLUMNS + " FROM audit_event"
            + " WHERE (#{type}::text IS NULL OR type = #{type}"
            + "        OR (right(#{type}, 1) = '.' AND starts_with(type, #{type})))"
            + " AND (#{actor}::text IS NULL OR actor = #{actor})"
            + " AND (#{subject}::text IS NULL OR subject = #{subject})"
            + " AND (#{since}::timestamptz IS NULL OR occurred_at >= #{since})"
            + " AND (#{until}::timestamptz IS NULL OR occurred_at < #{until})"
            + " AND (#{beforeId}::bigint IS NULL OR id < #{beforeId})"
            + " ORDER BY id DESC LIMIT #{limit}";

    private static final RowMapper<AuditRecord> RECORD = PgAuditStore::record;
    private static final RowMapper<AuditCheckpoint> CHECKPOINT = row -> new AuditCheckpoint(
            row.getLong("event_id"), row.getString("hash"),
            row.getOffsetDateTime("signed_at").toInstant(), row.getString("key_alias"),
            row.getBuffer("signature").getBytes());

    private final Pool pool;

    public PgAuditStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<AuditRecord>> page(long afterId, int limit) {
        return SqlTemplate.forQuery(pool, PAGE).mapTo(RECORD)
                .execute(Map.of("afterId", afterId, "limit", limit)).map(PgAuditStore::list);
    }

    @Override
    public Future<List<AuditCheckpoint>> checkpoints() {
        return SqlTemplate.forQuery(pool, CHECKPOINTS).mapTo(CHECKPOINT).execute(Map.of())
                .map(PgAuditStore::list);
    }

    /** The newest record, if any. */
    public Future<Optional<AuditRecord>> head() {
        return SqlTemplate.forQuery(pool, HEAD).mapTo(RECORD).execute(Map.of())
                .map(rows -> list(rows).stream().findFirst());
    }

    /** The newest checkpoint, if any. */
    public Future<Optional<AuditCheckpoint>> newestCheckpoint() {
        return SqlTemplate.forQuery(pool, NEWEST_CHECKPOINT).mapTo(CHECKPOINT).execute(Map.of())
                .map(rows -> list(rows).stream().findFirst());
    }

    /** Stores a checkpoint; a concurrent instance's checkpoint of the same record wins. */
    public Future<Void> insertCheckpoint(AuditCheckpoint c) {
        return pool.withTransaction(connection -> SqlTemplate.forUpdate(connection,
                INSERT_CHECKPOINT).execute(Map.of("eventId", c.eventId(), "hash", c.hash(),
                "signedAt", c.signedAt().atOffset(ZoneOffset.UTC), "keyAlias", c.keyAlias(),
                "signature", Buffer.buffer(c.signature())))).mapEmpty();
    }

    /** Records matching {@code query}, newest first. */
    public Future<List<AuditRecord>> search(AuditQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("type", query.type().orElse(null));
        params.put("actor", query.actor().orElse(null));
        params.put("subject", query.subject().orElse(null));
        params.put("since", query.since().map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
        params.put("until", query.until().map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
        params.put("beforeId", query.beforeId().orElse(null));
        params.put("limit", query.limit());
        return SqlTemplate.forQuery(pool, SEARCH).mapTo(RECORD).execute(params)
                .map(PgAuditStore::list);
    }

    private static AuditRecord record(Row row) {
        return new AuditRecord(row.getLong("id"), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getString("type"), row.getString("actor"), row.getString("subject"),
                row.getString("details"), row.getString("prev_hash"), row.getString("hash"));
    }

    private static <T> List<T> list(Iterable<T> rows) {
        return StreamSupport.stream(rows.spliterator(), false).toList();
    }
}
