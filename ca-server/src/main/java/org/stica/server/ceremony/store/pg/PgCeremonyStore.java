package org.stica.server.ceremony.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.stica.server.ceremony.SignedTranscript;

/**
 * SQL for {@code ceremony_record}: an imported ceremony record and, in the same statement, its
 * {@code ceremony.<name>} audit event into {@code audit_outbox} (ARCHITECTURE.md §5 item 1), so
 * a record is imported iff its event is, and only once per transcript id.
 */
public final class PgCeremonyStore {
    private static final String IMPORT = "WITH imported AS (INSERT INTO ceremony_record"
            + " (id, ceremony, transcript, signature, sha256, imported_at, imported_by)"
            + " VALUES (#{id}, #{ceremony}, #{transcript}, #{signature}, #{sha256}, #{at},"
            + " #{actor}) ON CONFLICT (id) DO NOTHING RETURNING id)"
            + " INSERT INTO audit_outbox (occurred_at, type, actor, subject, details)"
            + " SELECT #{at}, #{type}, #{actor}, id, #{details} FROM imported RETURNING subject";

    private final Pool pool;

    public PgCeremonyStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Imports {@code record} (transcript {@code id}, ceremony {@code ceremony}) with its audit
     * event {@code ceremony.<ceremony>}; false when that id was imported before (nothing written).
     */
    public Future<Boolean> importOnce(String id, String ceremony, SignedTranscript record,
                                      String sha256, JsonObject details, String actor,
                                      Instant at) {
        return SqlTemplate.forUpdate(pool, IMPORT).execute(Map.of("id", id,
                        "ceremony", ceremony, "transcript", record.transcript(),
                        "signature", Buffer.buffer(record.signature()), "sha256", sha256,
                        "at", at.atOffset(ZoneOffset.UTC), "actor", actor,
                        "type", "ceremony." + ceremony, "details", details.encode()))
                .map(rows -> rows.rowCount() == 1);
    }
}
