package org.stica.server.pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.audit.AuditEvent;
import org.stica.server.http.HttpProblem;
import org.stica.server.pa.store.pg.PgServiceProviderStore;
import org.stica.server.testing.PgTestDatabase;

/** The SP registry over real PostgreSQL (STANDARDS.md §4.1 item 5, §4.5 item 4). */
class ServiceProviderServiceTest {
    private static final String FINGERPRINT = "SHA256 " + "AB:".repeat(31) + "AB";
    private static PgTestDatabase db;
    private static Pool pool;
    private static final List<AuditEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static final List<String> REVOKED = new CopyOnWriteArrayList<>();
    private static ServiceProviderService noRenewal;

    @BeforeAll
    static void setUp() {
        db = PgTestDatabase.create();
        pool = db.pool();
        noRenewal = new ServiceProviderService(new PgServiceProviderStore(pool),
                (serial, reason, actor) -> {
                    REVOKED.add(serial);
                    return Future.succeededFuture();
                }, new ServiceProviderService.RegistryRules(Pattern.compile("^[A-Z0-9]{4}$"),
                        "no-renewal"), event -> {
                    EVENTS.add(event);
                    return Future.succeededFuture();
                }, Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void authenticate_rightKey_returnsSpAndWrongKeyIs403() {
        String key = noRenewal.create(sp("1111", List.of()), "test").await().apiKey();
        assertEquals("1111", noRenewal.authenticate("1111", key).await().spc());
        HttpProblem wrong = assertThrows(HttpProblem.class,
                () -> noRenewal.authenticate("1111", key + "x").await());
        assertEquals(403, wrong.status());
        HttpProblem unknown = assertThrows(HttpProblem.class,
                () -> noRenewal.authenticate("9999", key).await());
        assertEquals(403, unknown.status());
    }

    @Test
    void create_sameSpcTwice_is409() {
        noRenewal.create(sp("2222", List.of()), "test").await();
        HttpProblem e = assertThrows(HttpProblem.class,
                () -> noRenewal.create(sp("2222", List.of()), "test").await());
        assertEquals(409, e.status());
    }

    @Test
    void create_badSpcOrFingerprint_is400() {
        assertEquals(400, assertThrows(HttpProblem.class,
                () -> noRenewal.create(sp("toolong", List.of()), "test")).status());
        assertEquals(400, assertThrows(HttpProblem.class,
                () -> noRenewal.create(sp("3333", List.of("SHA1 00")), "test")).status());
    }

    @Test
    void update_fingerprintsAndScaFlag_areStored() {
        noRenewal.create(sp("4444", List.of()), "test").await();
        noRenewal.update(new ServiceProvider("4444", "Renamed", ServiceProvider.Status.ACTIVE,
                List.of(FINGERPRINT), true), "test").await();
        ServiceProvider stored = noRenewal.get("4444").await();
        assertEquals("Renamed", stored.name());
        assertEquals(List.of(FINGERPRINT), stored.accountFingerprints());
        assertTrue(stored.scaAllowed());
    }

    @Test
    void revoke_noRenewalMode_stopsTokensRevokesNothingAndAudits() {
        // STANDARDS.md §4.5 item 4: withdrawing an SP's authorization; paRole.onSpRevoke.
        String key = noRenewal.create(sp("5555", List.of()), "test").await().apiKey();
        assertEquals(0, noRenewal.revoke("5555", "test").await());
        assertTrue(REVOKED.isEmpty());
        assertTrue(EVENTS.stream().anyMatch(e -> e.type().equals("service-provider.no-renewal")
                && e.subject().equals("5555")));
        HttpProblem e = assertThrows(HttpProblem.class,
                () -> noRenewal.authenticate("5555", key).await());
        assertEquals(403, e.status());
        assertEquals(409, assertThrows(HttpProblem.class,
                () -> noRenewal.revoke("5555", "test").await()).status());
    }

    private static ServiceProvider sp(String spc, List<String> fingerprints) {
        return new ServiceProvider(spc, "Telecom " + spc, ServiceProvider.Status.ACTIVE,
                fingerprints, false);
    }
}
