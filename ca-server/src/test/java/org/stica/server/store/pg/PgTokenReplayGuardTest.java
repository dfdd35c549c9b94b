package org.stica.server.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.server.config.StiCaConfig;
import org.stica.server.schema.SchemaMigrator;
import org.stica.testing.TestDatabase;

class PgTokenReplayGuardTest {
    private static TestDatabase db;
    private static Vertx vertx;
    private static Pool pool;
    private static PgTokenReplayGuard guard;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of("STICA_DB_URL", db.url()));
        SchemaMigrator.migrate(config.database());
        vertx = Vertx.vertx();
        pool = PgPools.create(vertx, config.database());
        guard = new PgTokenReplayGuard(pool);
    }

    @AfterAll
    static void tearDown() {
        pool.close().await();
        vertx.close().await();
        db.close();
    }

    @Test
    void claim_sameAccountTwice_isAllowed() {
        // RFC 9447 §3.3: the same token may be presented again by the same account until exp.
        Instant exp = Instant.now().plusSeconds(3600);
        guard.claim("jti-same", "STI-PA", "acct-1", exp).await();

        guard.claim("jti-same", "STI-PA", "acct-1", exp).await();
    }

    @Test
    void claim_otherAccount_isRefusedAsReplay() {
        // RFC 9447 §3.3 / STANDARDS.md §3.5.11: a jti first used by one account is refused for
        // any other account.
        Instant exp = Instant.now().plusSeconds(3600);
        guard.claim("jti-other", "STI-PA", "acct-1", exp).await();

        PolicyException e = assertThrows(PolicyException.class,
                () -> guard.claim("jti-other", "STI-PA", "acct-2", exp).await());

        assertEquals(Violation.TOKEN_JTI_REPLAYED, e.violation());
    }

    @Test
    void claim_concurrentAccounts_exactlyOneWins() {
        Instant exp = Instant.now().plusSeconds(3600);
        var first = guard.claim("jti-race", "STI-PA", "acct-a", exp);
        var second = guard.claim("jti-race", "STI-PA", "acct-b", exp);

        io.vertx.core.Future.join(first, second).otherwiseEmpty().await();

        assertEquals(1, (first.succeeded() ? 1 : 0) + (second.succeeded() ? 1 : 0));
    }
}
