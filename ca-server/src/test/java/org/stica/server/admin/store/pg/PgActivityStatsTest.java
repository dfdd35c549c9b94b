package org.stica.server.admin.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.admin.ActivitySeed;
import org.stica.server.admin.ActivityWindow;
import org.stica.server.testing.PgTestDatabase;

/**
 * Hourly counts for the activity report (issue 17) on real PostgreSQL: each seeded certificate
 * and refusal lands in its hour's bucket, the window is half-open, only issued (and since
 * revoked) certificates and only {@code spc-token.refused} records count, and both queries are
 * served by their indexes (db/ca V5, db/audit V4).
 */
class PgActivityStatsTest {
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final ActivityWindow WINDOW = new ActivityWindow(FROM, 3);

    private static PgTestDatabase db;
    private static Pool pool;
    private static PgActivityStats stats;

    @BeforeAll
    static void seed() {
        db = PgTestDatabase.create();
        pool = db.pool();
        pool.query("INSERT INTO ca_key (alias, role, certificate)"
                + " VALUES ('intermediate-1', 'intermediate', '\\x30')").execute().await();
        stats = new PgActivityStats(pool);
        ActivitySeed seed = new ActivitySeed(pool, "intermediate-1");
        seed.certificate("issued", FROM);                             // first instant: counted
        seed.certificate("issued", at("00:59:59.999999"));
        seed.certificate("revoked", at("01:30:00"));                 // issued, revoked since
        seed.certificate("issued", at("02:10:00"));
        seed.certificate("reserved", at("01:05:00"));                // never delivered
        seed.certificate("abandoned", at("01:10:00"));
        seed.certificate("issued", WINDOW.until());                   // end is exclusive
        seed.certificate("issued", FROM.minusNanos(1000));
        seed.refusal("TOKEN_TKVALUE_MISMATCH", at("00:10:00"));
        seed.refusal("TOKEN_TKVALUE_MISMATCH", at("00:20:00"));
        seed.refusal("TOKEN_EXPIRED", at("00:30:00"));
        seed.refusal("TOKEN_EXPIRED", at("02:05:00"));
        seed.decision("spc-token.accepted", new JsonObject(), at("00:15:00"));
        seed.decision("admin.denied", new JsonObject().put("reason", "x"), at("01:15:00"));
        seed.refusal("TOKEN_EXPIRED", WINDOW.until());
        seed.refusal("TOKEN_EXPIRED", FROM.minusSeconds(1));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-01T" + time + "Z");
    }

    @Test
    void issuances_seededCertificates_countIssuedAndRevokedPerHourInTheWindow() {
        assertEquals(Map.of(at("00:00:00"), 2L, at("01:00:00"), 1L, at("02:00:00"), 1L),
                stats.issuances(WINDOW).await());
    }

    @Test
    void refusals_seededDecisions_countRefusalsPerHourByReason() {
        assertEquals(Map.of(
                        at("00:00:00"), Map.of("TOKEN_TKVALUE_MISMATCH", 2L, "TOKEN_EXPIRED", 1L),
                        at("02:00:00"), Map.of("TOKEN_EXPIRED", 1L)),
                stats.refusals(WINDOW).await());
    }

    @Test
    void issuancesAndRefusals_windowWithNothing_areEmpty() {
        ActivityWindow before = new ActivityWindow(FROM.minusSeconds(86400 * 2), 24);

        assertEquals(Map.of(), stats.issuances(before).await());
        assertEquals(Map.of(), stats.refusals(before).await());
    }

    @Test
    void queries_areServedByTheirIndexes() {
        // a large table must not be read whole for a day's counts: with sequential scans
        // priced out, each query's plan uses the index made for it
        assertTrue(plan(PgActivityStats.ISSUANCES).contains("certificate_issued_at_idx"),
                plan(PgActivityStats.ISSUANCES));
        assertTrue(plan(PgActivityStats.REFUSALS).contains("audit_event_type_time"),
                plan(PgActivityStats.REFUSALS));
    }

    private static String plan(String sql) {
        return pool.withTransaction(c -> c.query("SET LOCAL enable_seqscan = off").execute()
                .compose(v -> SqlTemplate.forQuery(c, "EXPLAIN " + sql).execute(Map.of(
                        "from", FROM.atOffset(ZoneOffset.UTC),
                        "until", WINDOW.until().atOffset(ZoneOffset.UTC)))))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(Row::toJson).map(JsonObject::encode).collect(Collectors.joining("\n")))
                .await();
    }
}
