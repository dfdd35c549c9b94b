package org.stica.server.admin.store.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.stica.server.admin.CertificateQuery;
import org.stica.server.admin.CertificateSearch;

/** Read-only search over ca-server's {@code certificate} table (db/ca) for the admin API. */
public final class PgCertificateSearch implements CertificateSearch {
    private static final String SEARCH = "SELECT serial, status, spc, account_id, order_id,"
            + " not_before, not_after, revoked_at, revocation_reason, revoked_by, created_at"
            + " FROM certificate"
            + " WHERE (#{spc}::text IS NULL OR spc = #{spc})"
            + " AND (#{serial}::text IS NULL OR starts_with(serial, #{serial}))"
            + " AND (#{status}::text IS NULL OR status = #{status})"
            + " ORDER BY created_at DESC, serial OFFSET #{offset} LIMIT #{limit}";

    private static final RowMapper<JsonObject> CERTIFICATE = PgCertificateSearch::json;

    private final Pool pool;

    public PgCertificateSearch(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<JsonObject>> search(CertificateQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("spc", query.spc().orElse(null));
        params.put("serial", query.serialPrefix().orElse(null));
        params.put("status", query.status().orElse(null));
        params.put("offset", query.offset());
        params.put("limit", query.limit());
        return SqlTemplate.forQuery(pool, SEARCH).mapTo(CERTIFICATE).execute(params)
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }

    private static JsonObject json(Row row) {
        JsonObject json = new JsonObject().put("serial", row.getString("serial"))
                .put("status", row.getString("status")).put("spc", row.getString("spc"))
                .put("notBefore", time(row.getOffsetDateTime("not_before")))
                .put("notAfter", time(row.getOffsetDateTime("not_after")))
                .put("createdAt", time(row.getOffsetDateTime("created_at")));
        putIfPresent(json, "accountId", row.getString("account_id"));
        putIfPresent(json, "orderId", row.getString("order_id"));
        putIfPresent(json, "revokedAt", time(row.getOffsetDateTime("revoked_at")));
        putIfPresent(json, "revocationReason", row.getShort("revocation_reason"));
        putIfPresent(json, "revokedBy", row.getString("revoked_by"));
        return json;
    }

    private static void putIfPresent(JsonObject json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
