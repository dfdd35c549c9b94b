package org.stica.server.pa.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.audit.AuditEvent;
import org.stica.server.config.StiCaConfig;
import org.stica.server.http.HttpProblem;
import org.stica.server.pa.ServiceProvider;
import org.stica.server.pa.ServiceProviderService;
import org.stica.server.pa.store.pg.PgLoginThrottle;
import org.stica.server.pa.store.pg.PgServiceProviderStore;
import org.stica.server.pa.store.pg.PgSpLoginStore;
import org.stica.server.testing.PgTestDatabase;
import org.stica.testing.MutableClock;

/**
 * The iconectiv-style login over real PostgreSQL (STANDARDS.md §4.1 item 2): per-SP user id and
 * password, access tokens with an expiry that are revocable, failed logins rate-limited per user
 * id and per address, and every outcome audited without secrets.
 */
class LoginServiceTest {
    /** 3 failures per user id and 5 per address in 15 minutes: a step of 5 and 3 minutes. */
    private static final StiCaConfig.PaLogin LIMITS = new StiCaConfig.PaLogin(
            Duration.ofHours(1), 3, 5, Duration.ofMinutes(15));
    private static final List<AuditEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static final MutableClock CLOCK = new MutableClock(Instant.parse(
            "2026-03-01T12:00:00Z"));
    private static PgTestDatabase db;
    private static Vertx vertx;
    private static Pool pool;
    private static WorkerExecutor workers;
    private static ServiceProviderService registry;
    private static AccessTokenService tokens;
    private static LoginService logins;
    private static LoginAdminService admin;

    @BeforeAll
    static void setUp() {
        db = PgTestDatabase.create();
        vertx = db.vertx();
        pool = db.pool();
        workers = vertx.createSharedWorkerExecutor("test-pa-login", 2);
        registry = new ServiceProviderService(new PgServiceProviderStore(pool),
                (serial, reason, actor) -> Future.succeededFuture(),
                new ServiceProviderService.RegistryRules(Pattern.compile("^[A-Z0-9]{4}$"),
                        "no-renewal"), event -> record(event), CLOCK);
        PgSpLoginStore store = new PgSpLoginStore(pool);
        PasswordHasher hasher = new PasswordHasher(workers);
        tokens = new AccessTokenService(store, LIMITS.accessTokenLifetime(), CLOCK);
        logins = new LoginService(store, new LoginThrottle(new PgLoginThrottle(pool), LIMITS,
                CLOCK), hasher, tokens, LoginServiceTest::record);
        admin = new LoginAdminService(registry, store, hasher, LoginServiceTest::record, CLOCK);
    }

    @AfterAll
    static void tearDown() {
        workers.close().await();
        db.close();
    }

    @Test
    void login_rightPassword_issuesLiveTokenOfThatSpAndAuditsNoSecret() {
        String password = spWithLogin("1001", "carrier-1001");

        AccessTokenService.Issued issued = logins.login("carrier-1001", password, "192.0.2.1")
                .await();

        assertTrue(issued.token().startsWith("at."));
        assertEquals("1001", tokens.authenticate(issued.token()).await().spc());
        assertEquals(CLOCK.instant().plus(Duration.ofHours(1)), issued.record().expiresAt());
        AuditEvent event = last("pa.login-succeeded");
        assertEquals("1001", event.subject());
        assertEquals("192.0.2.1", event.details().getString("clientAddress"));
        assertFalse(event.details().encode().contains(password));
        assertFalse(event.details().encode().contains(issued.token()));
    }

    @Test
    void login_wrongPasswordOrUnknownUserId_is403WithTheSameMessageAndAudited() {
        String password = spWithLogin("1002", "carrier-1002");

        HttpProblem wrong = assertThrows(HttpProblem.class,
                () -> logins.login("carrier-1002", password + "x", "192.0.2.2").await());
        assertEquals("wrong password", last("pa.login-failed").details().getString("reason"));
        HttpProblem unknown = assertThrows(HttpProblem.class,
                () -> logins.login("nobody-1002", password, "192.0.2.2").await());
        assertEquals("unknown user id", last("pa.login-failed").details().getString("reason"));

        assertEquals(403, wrong.status());
        assertEquals(403, unknown.status());
        assertEquals(wrong.detail(), unknown.detail());
        assertFalse(last("pa.login-failed").details().encode().contains(password));
    }

    @Test
    void login_afterMaxFailuresOfAUserId_isThrottledEvenWithTheRightPasswordUntilAStep() {
        String password = spWithLogin("1003", "carrier-1003");
        for (int i = 0; i < LIMITS.maxFailuresPerUser(); i++) {
            String address = "198.51.100." + i;
            assertEquals(403, assertThrows(HttpProblem.class,
                    () -> logins.login("carrier-1003", "guess", address).await()).status());
        }

        LoginThrottle.Throttled throttled = assertThrows(LoginThrottle.Throttled.class,
                () -> logins.login("carrier-1003", password, "198.51.100.9").await());

        assertEquals(Duration.ofMinutes(5), throttled.retryAfter());
        assertEquals("rate-limited", last("pa.login-failed").details().getString("reason"));
        CLOCK.advance(throttled.retryAfter());
        assertTrue(logins.login("carrier-1003", password, "198.51.100.9").await().token()
                .startsWith("at."));
    }

    @Test
    void login_failuresFromOneAddress_areLimitedAcrossUserIdsAndOtherAddressesAreNot() {
        String password = spWithLogin("1004", "carrier-1004");
        for (int i = 0; i < LIMITS.maxFailuresPerAddress(); i++) {
            String userId = "guessed-" + i;
            assertThrows(HttpProblem.class,
                    () -> logins.login(userId, "guess", "203.0.113.4").await());
        }

        assertThrows(LoginThrottle.Throttled.class,
                () -> logins.login("carrier-1004", password, "203.0.113.4").await());
        assertEquals("1004", logins.login("carrier-1004", password, "203.0.113.5").await()
                .record().spc());
    }

    @Test
    void login_successes_areNotCountedAsFailures() {
        String password = spWithLogin("1005", "carrier-1005");
        for (int i = 0; i < LIMITS.maxFailuresPerAddress() + 2; i++) {
            logins.login("carrier-1005", password, "192.0.2.5").await();
        }
        assertEquals(LIMITS.maxFailuresPerAddress() + 2, admin.live("1005").await().size());
    }

    @Test
    void authenticate_expiredToken_is403() {
        String password = spWithLogin("1006", "carrier-1006");
        String token = logins.login("carrier-1006", password, "192.0.2.6").await().token();

        CLOCK.advance(LIMITS.accessTokenLifetime());

        HttpProblem expired = assertThrows(HttpProblem.class,
                () -> tokens.authenticate(token).await());
        assertEquals(403, expired.status());
        assertTrue(expired.detail().contains("expired"), expired.detail());
        assertEquals(List.of(), admin.live("1006").await());
    }

    @Test
    void setLogin_again_revokesTheLiveTokensAndTheOldPassword() {
        String old = spWithLogin("1007", "carrier-1007");
        String token = logins.login("carrier-1007", old, "192.0.2.7").await().token();

        LoginAdminService.PasswordSet changed = admin.set("1007", "carrier-1007", "test").await();

        assertEquals(1, changed.accessTokensRevoked());
        assertTrue(assertThrows(HttpProblem.class, () -> tokens.authenticate(token).await())
                .detail().contains("revoked"));
        assertThrows(HttpProblem.class, () -> logins.login("carrier-1007", old, "192.0.2.7")
                .await());
        assertEquals("1007", logins.login("carrier-1007", changed.password(), "192.0.2.7")
                .await().record().spc());
        assertEquals(1, last("pa.login-set").details().getJsonArray("accessTokensRevoked")
                .size());
    }

    @Test
    void issue_underAPasswordChangedMeanwhile_isRefused() {
        String password = spWithLogin("2001", "carrier-2001");
        StoredLogin before = new PgSpLoginStore(pool).byUserId("carrier-2001").await()
                .orElseThrow();
        admin.set("2001", "carrier-2001", "test").await();

        assertEquals(403, assertThrows(HttpProblem.class,
                () -> tokens.issue(before, "192.0.2.8").await()).status());
        assertThrows(HttpProblem.class, () -> logins.login("carrier-2001", password,
                "192.0.2.8").await());
    }

    @Test
    void revokeServiceProvider_revokesItsTokensAndRefusesItsLogin() {
        String password = spWithLogin("2002", "carrier-2002");
        String token = logins.login("carrier-2002", password, "192.0.2.9").await().token();

        registry.revoke("2002", "test").await();

        assertEquals(403, assertThrows(HttpProblem.class, () -> tokens.authenticate(token)
                .await()).status());
        assertEquals(List.of(), admin.live("2002").await());
        HttpProblem refused = assertThrows(HttpProblem.class, () -> logins.login("carrier-2002",
                password, "192.0.2.9").await());
        assertEquals(403, refused.status());
        assertEquals("the service provider is revoked", refused.detail());
        assertEquals("service provider revoked", last("pa.login-failed").details()
                .getString("reason"));
        assertEquals(409, assertThrows(HttpProblem.class,
                () -> admin.set("2002", "carrier-2002", "test").await()).status());
    }

    @Test
    void revoke_oneToken_refusesOnlyThatOneAndAnUnknownIdIs404() {
        String password = spWithLogin("2003", "carrier-2003");
        AccessTokenService.Issued one = logins.login("carrier-2003", password, "192.0.2.10")
                .await();
        AccessTokenService.Issued two = logins.login("carrier-2003", password, "192.0.2.10")
                .await();

        assertEquals(List.of(one.record().id()), admin.revoke("2003",
                Optional.of(one.record().id()), "test").await());

        assertThrows(HttpProblem.class, () -> tokens.authenticate(one.token()).await());
        assertEquals("2003", tokens.authenticate(two.token()).await().spc());
        assertEquals(404, assertThrows(HttpProblem.class, () -> admin.revoke("2003",
                Optional.of(one.record().id()), "test").await()).status());
        assertEquals(List.of(two.record().id()),
                admin.revoke("2003", Optional.empty(), "test").await());
    }

    @Test
    void setLogin_badUserIdTakenUserIdOrUnknownSp_isRefusedAndChangesNothing() {
        spWithLogin("2222", "carrier-2222");
        registry.create(sp("3001"), "test").await();

        assertEquals(400, assertThrows(HttpProblem.class,
                () -> admin.set("3001", "a b", "test").await()).status());
        assertEquals(409, assertThrows(HttpProblem.class,
                () -> admin.set("3001", "carrier-2222", "test").await()).status());
        assertEquals(404, assertThrows(HttpProblem.class,
                () -> admin.set("9999", "carrier-9999", "test").await()).status());
        assertEquals(404, assertThrows(HttpProblem.class, () -> admin.get("3001").await())
                .status());
        assertEquals("2222", admin.get("2222").await().spc());
    }

    @Test
    void removeLogin_revokesTokensAndRefusesTheUserId() {
        String password = spWithLogin("3002", "carrier-3002");
        String token = logins.login("carrier-3002", password, "192.0.2.11").await().token();

        assertEquals(1, admin.remove("3002", "test").await());

        assertThrows(HttpProblem.class, () -> tokens.authenticate(token).await());
        assertThrows(HttpProblem.class, () -> logins.login("carrier-3002", password,
                "192.0.2.11").await());
        assertEquals(404, assertThrows(HttpProblem.class, () -> admin.remove("3002", "test")
                .await()).status());
    }

    @Test
    void authenticate_apiKeyOrGarbage_isNotAnAccessToken() {
        assertEquals(403, assertThrows(HttpProblem.class, () -> tokens.authenticate(
                "dGhpcyBpcyBub3QgYW4gYWNjZXNzIHRva2Vu").await()).status());
        assertEquals(403, assertThrows(HttpProblem.class, () -> tokens.authenticate(
                "at.unknown").await()).status());
        assertEquals(403, assertThrows(HttpProblem.class, () -> tokens.authenticate(null)
                .await()).status());
    }

    private static String spWithLogin(String spc, String userId) {
        registry.create(sp(spc), "test").await();
        return admin.set(spc, userId, "test").await().password();
    }

    private static ServiceProvider sp(String spc) {
        return new ServiceProvider(spc, "Telecom " + spc, ServiceProvider.Status.ACTIVE,
                List.of(), false);
    }

    private static Future<Void> record(AuditEvent event) {
        EVENTS.add(event);
        return Future.succeededFuture();
    }

    private static AuditEvent last(String type) {
        List<AuditEvent> matching = EVENTS.stream().filter(e -> e.type().equals(type)).toList();
        assertFalse(matching.isEmpty(), "no " + type + " event");
        return matching.get(matching.size() - 1);
    }
}
