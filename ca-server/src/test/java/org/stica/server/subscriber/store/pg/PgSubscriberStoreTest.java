package org.stica.server.subscriber.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.subscriber.SpcAlreadyHeld;
import org.stica.server.subscriber.Subscriber;
import org.stica.server.subscriber.SubscriberDetails;
import org.stica.server.subscriber.SubscriberQuery;
import org.stica.server.subscriber.SubscriberStatus;
import org.stica.server.testing.PgTestDatabase;

/** The subscriber tables on a fresh real PostgreSQL database (issue 15). */
class PgSubscriberStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final String NAME = "Télécom \"Nord\", Inc. + Co & Fils";
    private static PgTestDatabase db;
    private static Pool pool;
    private static PgSubscriberStore store;

    @BeforeAll
    static void setUp() {
        db = PgTestDatabase.create();
        pool = db.pool();
        store = new PgSubscriberStore(pool, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void create_unicodeName_roundTripsWithSpcsAndContacts() {
        Subscriber created = store.create("sub-1", details(NAME, List.of("1001", "1002")),
                "admin-key:a").await();

        Subscriber found = store.find("sub-1").await().orElseThrow();
        assertEquals(created, found);
        assertEquals(NAME, found.legalName());
        assertEquals(Optional.of("Québec"), found.state());
        assertEquals(List.of("1001", "1002"), found.spcs());
        assertEquals(List.of("mailto:noc@example.net", "tel:+1-555-0100"), found.contacts());
        assertEquals(SubscriberStatus.ACTIVE, found.status());
        assertEquals(NOW, found.createdAt());
        assertEquals("admin-key:a", found.changedBy());
    }

    @Test
    void bySpc_heldSpc_findsItsSubscriberAndUnknownIsEmpty() {
        store.create("sub-2", details("Two", List.of("2001")), "t").await();

        assertEquals("sub-2", store.bySpc("2001").await().orElseThrow().id());
        assertEquals(Optional.empty(), store.bySpc("2999").await());
    }

    @Test
    void create_spcHeldByAnother_failsAndStoresNothing() {
        store.create("sub-3", details("Three", List.of("3001")), "t").await();

        SpcAlreadyHeld e = assertThrows(SpcAlreadyHeld.class, () -> store.create("sub-3b",
                details("Other", List.of("3002", "3001")), "t").await());

        assertEquals("3001", e.spc());
        assertEquals("sub-3", e.holder());
        assertEquals(Optional.empty(), store.find("sub-3b").await());
        assertEquals(Optional.empty(), store.bySpc("3002").await(), "rolled back whole");
    }

    @Test
    void update_replacesFieldsAndSpcs_releasingDroppedOnes() {
        store.create("sub-4", details("Four", List.of("4001", "4002")), "t").await();

        Subscriber changed = store.update("sub-4", new SubscriberDetails("Four Renamed", "CA",
                Optional.empty(), Optional.of("Montréal"), List.of("4002", "4003"),
                List.of()), "other").await().orElseThrow();

        assertEquals("Four Renamed", changed.legalName());
        assertEquals("CA", changed.country());
        assertEquals(Optional.empty(), changed.state());
        assertEquals(List.of("4002", "4003"), changed.spcs());
        assertEquals("other", changed.changedBy());
        assertEquals(Optional.empty(), store.bySpc("4001").await());
        assertEquals(Optional.empty(), store.update("nope", details("X", List.of()), "t")
                .await());
    }

    @Test
    void update_spcHeldByAnother_failsAndChangesNothing() {
        store.create("sub-5", details("Five", List.of("5001")), "t").await();
        store.create("sub-5b", details("Five B", List.of("5002")), "t").await();

        assertThrows(SpcAlreadyHeld.class, () -> store.update("sub-5b",
                details("Renamed", List.of("5001")), "t").await());

        Subscriber unchanged = store.find("sub-5b").await().orElseThrow();
        assertEquals("Five B", unchanged.legalName());
        assertEquals(List.of("5002"), unchanged.spcs());
    }

    @Test
    void setStatus_followsTheAllowedTransitionsOnly() {
        store.create("sub-6", details("Six", List.of()), "t").await();

        assertEquals(Optional.empty(), store.setStatus("sub-6", SubscriberStatus.ACTIVE, "t")
                .await(), "active → active is not a transition");
        assertEquals(SubscriberStatus.SUSPENDED, store.setStatus("sub-6",
                SubscriberStatus.SUSPENDED, "t").await().orElseThrow().status());
        assertEquals(SubscriberStatus.ACTIVE, store.setStatus("sub-6", SubscriberStatus.ACTIVE,
                "t").await().orElseThrow().status());
        assertEquals(SubscriberStatus.TERMINATED, store.setStatus("sub-6",
                SubscriberStatus.TERMINATED, "t").await().orElseThrow().status());
        assertEquals(Optional.empty(), store.setStatus("sub-6", SubscriberStatus.ACTIVE, "t")
                .await(), "terminated is final");
        assertEquals(Optional.empty(), store.update("sub-6", details("Changed", List.of()), "t")
                .await(), "a terminated subscriber is not changed");
    }

    @Test
    void list_byStatusAndSpc_pages() {
        store.create("sub-7a", details("Seven A", List.of("7001")), "t").await();
        store.create("sub-7b", details("Seven B", List.of("7002")), "t").await();
        store.setStatus("sub-7b", SubscriberStatus.SUSPENDED, "t").await();

        assertEquals(List.of("sub-7a"), ids(store.list(new SubscriberQuery(Optional.empty(),
                Optional.of("7001"), 0, 10)).await()));
        assertTrue(ids(store.list(new SubscriberQuery(Optional.of(SubscriberStatus.SUSPENDED),
                Optional.empty(), 0, 500)).await()).contains("sub-7b"));
        assertTrue(store.list(new SubscriberQuery(Optional.of(SubscriberStatus.SUSPENDED),
                Optional.empty(), 0, 500)).await().stream()
                .allMatch(s -> s.status() == SubscriberStatus.SUSPENDED));
        assertEquals(1, store.list(new SubscriberQuery(Optional.empty(), Optional.empty(), 0, 1))
                .await().size());
    }

    @Test
    void table_refusesWhatRfc5280AndIso3166Forbid_evenWithoutTheService() {
        // RFC 5280 Appendix A upper bounds and ATIS-1000080 §6.4.1 C ^[A-Z]{2}$ as DB CHECKs.
        for (String insert : List.of(
                "INSERT INTO subscriber VALUES ('x1', repeat('a', 65), 'US', NULL, NULL, 'active',"
                        + " '{}', now(), 't', now(), 't')",
                "INSERT INTO subscriber VALUES ('x2', 'A', 'us', NULL, NULL, 'active', '{}',"
                        + " now(), 't', now(), 't')",
                "INSERT INTO subscriber VALUES ('x3', 'A', 'US', repeat('s', 129), NULL,"
                        + " 'active', '{}', now(), 't', now(), 't')",
                "INSERT INTO subscriber VALUES ('x4', 'A', 'US', NULL, NULL, 'gone', '{}',"
                        + " now(), 't', now(), 't')")) {
            assertThrows(PgException.class, () -> pool.query(insert).execute().await(), insert);
        }
        // 64 characters of two bytes each are 64 characters, not 128
        pool.preparedQuery("INSERT INTO subscriber VALUES ('x5', $1, 'US', NULL, NULL, 'active',"
                + " '{}', now(), 't', now(), 't')").execute(Tuple.of("é".repeat(64))).await();
    }

    @Test
    void liveSerials_onlyIssuedUnexpiredCertificatesOfItsSpcs() {
        store.create("sub-8", details("Eight", List.of("8001")), "t").await();
        pool.query("INSERT INTO ca_key (alias, role, certificate) VALUES ('int-8',"
                + " 'intermediate', '\\x3000') ON CONFLICT DO NOTHING").execute().await();
        certificate("a8", "8001", "issued", NOW.plusSeconds(3600));
        certificate("b8", "8001", "issued", NOW.minusSeconds(1));
        certificate("c8", "8001", "revoked", NOW.plusSeconds(3600));
        certificate("d8", "8002", "issued", NOW.plusSeconds(3600));

        assertEquals(List.of("a8"), store.liveSerials("sub-8").await());
    }

    private static void certificate(String serial, String spc, String status, Instant notAfter) {
        boolean revoked = status.equals("revoked");
        pool.preparedQuery("INSERT INTO certificate (serial, issuer_alias, status, spc,"
                + " tbs_sha256, der, not_before, not_after, revoked_at, revocation_reason)"
                + " VALUES ($1, 'int-8', $2, $3, '\\x00', '\\x3000', $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {serial, status, spc,
                        NOW.minusSeconds(86400).atOffset(ZoneOffset.UTC),
                        notAfter.atOffset(ZoneOffset.UTC),
                        revoked ? NOW.atOffset(ZoneOffset.UTC) : null,
                        revoked ? (short) 1 : null})).await();
    }

    private static List<String> ids(List<Subscriber> list) {
        return list.stream().map(Subscriber::id).toList();
    }

    private static SubscriberDetails details(String name, List<String> spcs) {
        return new SubscriberDetails(name, "FR", Optional.of("Québec"), Optional.empty(), spcs,
                List.of("mailto:noc@example.net", "tel:+1-555-0100"));
    }
}
