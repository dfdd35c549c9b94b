package org.stica.server.ceremony.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.stica.server.audit.RequestAttribution;
import org.stica.server.ceremony.SignedTranscript;

/**
 * SQL for {@code ceremony_record}: an imported ceremony record and, in the same statement, its
 * {@code ceremony.<name>} audit event into {@code audit_outbox} (ARCHITECTURE.md §5 item 1), so
 * a record is imported iff its event is, and only once per transcript id. The event's details
 * carry the id of the HTTP request that imported it ({@link RequestAttribution}).
 */
public final class PgCeremonyStore {
    private static final String IMPORT = "WITH imported AS (INSERT INTO ceremony_record"
            + " (id, ceremony, transcript, signature, sha256, imported_at, imported_by)"
            + " VALUES (#{id}, #{ceremony}, #{transcript}, #{signature}, #{sha256}, #{at},"
            + " #{actor}) ON CONFLICT (id) DO NOTHING RETURNING id)"
            + " INSERT INTO audit_outbox (occurred_at, type, actor, subject, details)"
            + " SELECT #{at}, #{type}, #{actor}, id, (#{details}::text::jsonb"
            + " || #{attribution}::text::jsonb)::text FROM imported RETURNING subject";

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
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("ceremony", ceremony);
        params.put("transcript", record.transcript());
        params.put("signature", Buffer.buffer(record.signature()));
        params.put("sha256", sha256);
        params.put("at", at.atOffset(ZoneOffset.UTC));
        params.put("actor", actor);
        params.put("type", "ceremony." + ceremony);
        params.put("details", details.encode());
        params.put("attribution", RequestAttribution.current().encode());
        return SqlTemplate.forUpdate(pool, IMPORT).execute(params)
                .map(rows -> rows.rowCount() == 1);
    }
}
