package org.stica.server.admin.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.stica.server.admin.ActivityStats;
import org.stica.server.admin.ActivityWindow;

/**
 * Hourly counts over ca-server's {@code certificate} (db/ca) and {@code audit_event} (db/audit)
 * tables for the activity report, each one grouped query over the window's rows only: issuances
 * through {@code certificate_issued_at_idx} (db/ca V5), SPC token refusals through
 * {@code audit_event_type_time} (db/audit V4). Refusals are the {@code spc-token.refused} records
 * the audit log already keeps for every refused token (STANDARDS.md §4.5 item 3), so counting them
 * writes nothing.
 */
public final class PgActivityStats implements ActivityStats {
    static final String ISSUANCES = "SELECT date_bin('1 hour', resolved_at, #{from})"
            + " AS hour, count(*) AS n FROM certificate WHERE status IN ('issued', 'revoked')"
            + " AND resolved_at >= #{from} AND resolved_at < #{until} GROUP BY hour";
    static final String REFUSALS = "SELECT date_bin('1 hour', occurred_at, #{from})"
            + " AS hour, coalesce(details::jsonb ->> 'reason', 'unknown') AS reason,"
            + " count(*) AS n FROM audit_event WHERE type = 'spc-token.refused'"
            + " AND occurred_at >= #{from} AND occurred_at < #{until} GROUP BY hour, reason";

    private final Pool pool;

    public PgActivityStats(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Map<Instant, Long>> issuances(ActivityWindow window) {
        return SqlTemplate.forQuery(pool, ISSUANCES).execute(params(window)).map(rows -> {
            Map<Instant, Long> counts = new HashMap<>();
            rows.forEach(row -> counts.put(hour(row), row.getLong("n")));
            return counts;
        });
    }

    @Override
    public Future<Map<Instant, Map<String, Long>>> refusals(ActivityWindow window) {
        return SqlTemplate.forQuery(pool, REFUSALS).execute(params(window)).map(rows -> {
            Map<Instant, Map<String, Long>> counts = new HashMap<>();
            rows.forEach(row -> counts.computeIfAbsent(hour(row), h -> new HashMap<>())
                    .put(row.getString("reason"), row.getLong("n")));
            return counts;
        });
    }

    private static Map<String, Object> params(ActivityWindow window) {
        return Map.of("from", window.from().atOffset(ZoneOffset.UTC),
                "until", window.until().atOffset(ZoneOffset.UTC));
    }

    private static Instant hour(Row row) {
        return row.getOffsetDateTime("hour").toInstant();
    }
}
