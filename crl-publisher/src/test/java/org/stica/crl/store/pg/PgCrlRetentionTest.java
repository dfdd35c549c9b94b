package org.stica.crl.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.crl.store.pg.PgCrlRetention.PurgedCrls;
import org.stica.crl.testing.Await;
import org.stica.crl.testing.CrlDatabase;

/**
 * The CRL part of the data lifecycle (issue 14) against real PostgreSQL. STANDARDS.md §6.4 item 4
 * keeps CRL history for audit: only CRLs whose nextUpdate is older than the configured history
 * go, with their parts; the newest CRL and ARL (what is served, §6.4 items 1-4, and what the next
 * number must exceed, RFC 5280 §5.2.3) stay however old they are.
 */
class PgCrlRetentionTest {
    private static final Instant NOW = Instant.parse("2040-01-01T00:00:00Z");
    private static final Instant BEFORE = NOW.minus(Duration.ofDays(3650));
    private static final String SHA = "0".repeat(64);

    private Vertx vertx;
    private CrlDatabase database;
    private Pool pool;
    private final PgCrlRetention retention = new PgCrlRetention();

    @BeforeEach
    void database() {
        vertx = Vertx.vertx();
        database = CrlDatabase.create();
        pool = database.pool(vertx, 2);
    }

    @AfterEach
    void close() {
        Await.result(pool.close());
        database.close();
        Await.result(vertx.close());
    }

    /** CRL {@code number} valid until {@code nextUpdate}, stored in two parts. */
    private void crl(long number, Instant nextUpdate) {
        sql("INSERT INTO crl (number, this_update, next_update, sha256, size, entries)"
                + " VALUES ($1, $2, $3, $4, 2, 0)", Tuple.of(BigDecimal.valueOf(number),
                nextUpdate.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC),
                nextUpdate.atOffset(ZoneOffset.UTC), SHA));
        for (int part = 0; part < 2; part++) {
            sql("INSERT INTO crl_part (number, part, data) VALUES ($1, $2, $3)",
                    Tuple.of(BigDecimal.valueOf(number), part, Buffer.buffer(new byte[] {1})));
        }
    }

    private void arl(long number, Instant nextUpdate) {
        sql("INSERT INTO arl (number, this_update, next_update, der, sha256)"
                + " VALUES ($1, $2, $3, '\\x3000', $4)", Tuple.of(BigDecimal.valueOf(number),
                nextUpdate.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC),
                nextUpdate.atOffset(ZoneOffset.UTC), SHA));
    }

    private void sql(String statement, Tuple params) {
        Await.result(pool.preparedQuery(statement).execute(params));
    }

    private long count(String fromWhere) throws Exception {
        return database.count(fromWhere);
    }

    @Test
    void purgeCrls_pastHistory_deletedInBatchesWithTheirParts() throws Exception {
        for (long n = 1; n <= 5; n++) {
            crl(n, BEFORE.minus(Duration.ofDays(10 - n)));
        }
        crl(6, BEFORE.plusSeconds(1));
        crl(7, NOW.plus(Duration.ofHours(12)));

        PurgedCrls first = Await.result(retention.purgeCrls(pool, BEFORE, 2));
        assertEquals(new PurgedCrls(2, 4), first);
        assertEquals(2, Await.result(retention.purgeCrls(pool, BEFORE, 2)).crls());
        assertEquals(1, Await.result(retention.purgeCrls(pool, BEFORE, 2)).crls());
        assertEquals(0, Await.result(retention.purgeCrls(pool, BEFORE, 2)).crls());

        assertEquals(2, count("crl"));
        assertEquals(1, count("crl WHERE number = 6"), "inside the history: kept");
        assertEquals(1, count("crl WHERE number = 7"));
        assertEquals(4, count("crl_part"));
    }

    @Test
    void purgeCrls_newestCrlOlderThanHistory_kept() throws Exception {
        // STANDARDS.md §6.4: the newest CRL is what is served, even when it is stale.
        crl(1, BEFORE.minus(Duration.ofDays(20)));
        crl(2, BEFORE.minus(Duration.ofDays(10)));

        assertEquals(1, Await.result(retention.purgeCrls(pool, BEFORE, 10)).crls());

        assertEquals(1, count("crl WHERE number = 2"));
        assertEquals(2, count("crl_part WHERE number = 2"));
        assertEquals(0, count("crl WHERE number = 1"));
    }

    @Test
    void purgeArls_pastHistory_deletedExceptTheNewest() throws Exception {
        arl(1, BEFORE.minus(Duration.ofDays(400)));
        arl(2, BEFORE.minus(Duration.ofDays(30)));
        arl(3, BEFORE.minus(Duration.ofDays(1)));

        assertEquals(1, Await.result(retention.purgeArls(pool, BEFORE, 1)));
        assertEquals(1, Await.result(retention.purgeArls(pool, BEFORE, 1)));
        assertEquals(0, Await.result(retention.purgeArls(pool, BEFORE, 1)));

        assertEquals(1, count("arl"));
        assertEquals(1, count("arl WHERE number = 3"));
    }
}
