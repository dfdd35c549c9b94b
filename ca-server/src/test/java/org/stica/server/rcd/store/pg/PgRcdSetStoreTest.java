package org.stica.server.rcd.store.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.rcd.Rcd;
import org.stica.policy.rcd.Rcdi;
import org.stica.policy.rcd.RcdiAlgorithm;
import org.stica.server.rcd.RcdSet;
import org.stica.server.rcd.RcdSetStatus;
import org.stica.server.rcd.VettedConstraints;
import org.stica.server.subscriber.SubscriberDetails;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;
import org.stica.server.testing.PgTestDatabase;

/** The {@code rcd_set} table on a fresh real PostgreSQL database (issue 19). */
class PgRcdSetStoreTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String JCARD = "[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],"
            + "[\"fn\",{},\"text\",\"Q Branch\"]]]";
    private static PgTestDatabase db;
    private static Pool pool;
    private static PgRcdSetStore store;

    @BeforeAll
    static void setUp() {
        db = PgTestDatabase.create();
        pool = db.pool();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new PgRcdSetStore(pool, clock);
        PgSubscriberStore subscribers = new PgSubscriberStore(pool, clock);
        for (String id : List.of("sub-a", "sub-b")) {
            subscribers.create(id, new SubscriberDetails("Sub " + id, "US", Optional.empty(),
                    Optional.empty(), List.of(), List.of()), "t").await();
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void create_unicodeNameAndJCard_roundTripsCanonicalAndPending() {
        Rcd rcd = new Rcd("Télécom \"Nord\" ☎", Optional.of("12155551212"), Optional.empty(),
                Optional.empty(), Optional.of(JCARD));
        RcdSet created = store.create("rcd-1", "sub-a", rcd, List.of("Appointment"),
                "admin-key:a", "a").await();

        RcdSet found = store.find("rcd-1").await().orElseThrow();
        assertEquals(created, found);
        assertEquals(rcd, found.rcd());
        assertEquals(rcd.canonical(), found.rcd().canonical());
        assertEquals(new JsonArray(JCARD), new JsonArray(found.rcd().jcd().orElseThrow()));
        assertEquals(List.of("Appointment"), found.callReasons());
        assertEquals(RcdSetStatus.PENDING, found.status());
        assertEquals(Optional.empty(), found.vetted());
        assertEquals(NOW, found.createdAt());
        assertEquals("a", found.createdByKey());
        assertEquals(Optional.empty(), found.decidedAt());
    }

    @Test
    void create_unknownSubscriber_failsOnTheForeignKey() {
        assertThrows(PgException.class, () -> store.create("rcd-x", "nobody",
                Rcd.ofName("X"), List.of(), "t", "k").await());
        assertEquals(Optional.empty(), store.find("rcd-x").await());
    }

    @Test
    void approve_pending_storesDigestsAndDerOnceOnly() {
        Rcd rcd = Rcd.ofName("Q Branch").withIcon(URI.create("https://icons.example/q.png"));
        store.create("rcd-2", "sub-a", rcd, List.of(), "admin-key:a", "a").await();
        VettedConstraints vetted = vetted(rcd);

        assertTrue(store.approve("rcd-2", vetted, "admin-key:b").await());
        assertFalse(store.approve("rcd-2", vetted(Rcd.ofName("Other")), "admin-key:c").await(),
                "an approved set is not approved again");

        RcdSet found = store.find("rcd-2").await().orElseThrow();
        assertEquals(RcdSetStatus.APPROVED, found.status());
        assertEquals(vetted, found.vetted().orElseThrow());
        assertArrayEquals(vetted.der(), found.vetted().orElseThrow().der());
        assertEquals(Optional.of("admin-key:b"), found.decidedBy());
        assertEquals(Optional.of(NOW), found.decidedAt());
    }

    @Test
    void close_onlyFromTheGivenStatuses() {
        store.create("rcd-3", "sub-b", Rcd.ofName("Three"), List.of(), "t", "k").await();

        assertTrue(store.close("rcd-3", List.of(RcdSetStatus.PENDING), RcdSetStatus.REJECTED,
                "admin-key:b").await());
        assertFalse(store.close("rcd-3", List.of(RcdSetStatus.PENDING, RcdSetStatus.APPROVED),
                RcdSetStatus.WITHDRAWN, "admin-key:b").await());
        assertFalse(store.approve("rcd-3", vetted(Rcd.ofName("Three")), "admin-key:b")
                .await(), "a rejected set cannot be approved");
        assertEquals(RcdSetStatus.REJECTED, store.find("rcd-3").await().orElseThrow().status());
    }

    @Test
    void bySubscriber_listsOnlyItsOwnSets() {
        store.create("rcd-4", "sub-b", Rcd.ofName("Four"), List.of(), "t", "k").await();

        List<RcdSet> sets = store.bySubscriber("sub-b").await();
        assertTrue(sets.stream().anyMatch(s -> s.id().equals("rcd-4")));
        assertTrue(sets.stream().allMatch(s -> s.subscriberId().equals("sub-b")));
        assertEquals(List.of(), store.bySubscriber("nobody").await());
    }

    @Test
    void byExtension_findsTheSubscribersSetByItsDerOnly() {
        Rcd rcd = Rcd.ofName("Five");
        VettedConstraints vetted = vetted(rcd);
        store.create("rcd-5", "sub-a", rcd, List.of(), "t", "k").await();
        assertEquals(Optional.empty(), store.byExtension("sub-a", vetted.der()).await(),
                "a pending set has no extension yet");
        store.approve("rcd-5", vetted, "admin-key:b").await();

        assertEquals("rcd-5", store.byExtension("sub-a", vetted.der()).await().orElseThrow()
                .id());
        assertEquals(Optional.empty(), store.byExtension("sub-b", vetted.der()).await(),
                "another subscriber's set is not found");
        byte[] other = vetted.der();
        other[other.length - 2] ^= 0x01;
        assertEquals(Optional.empty(), store.byExtension("sub-a", other).await());
        store.close("rcd-5", List.of(RcdSetStatus.APPROVED), RcdSetStatus.WITHDRAWN, "t").await();
        assertEquals(RcdSetStatus.WITHDRAWN, store.byExtension("sub-a", vetted.der()).await()
                .orElseThrow().status(), "a withdrawn set is found, so the refusal can say so");
    }

    private static VettedConstraints vetted(Rcd rcd) {
        TreeMap<String, String> digests = new TreeMap<>();
        digests.put("/nam", RcdiAlgorithm.SHA256.digest(rcd.nam().getBytes()));
        rcd.icn().ifPresent(icn -> digests.put("/icn", RcdiAlgorithm.SHA256.digest(
                new byte[] {1, 2, 3})));
        Rcdi rcdi = new Rcdi(digests);
        var constraints = org.stica.policy.rcd.RcdConstraintsBuilder.of(rcd, rcdi).build();
        return new VettedConstraints(rcdi, constraints.oid(),
                JwtClaimConstraintsCodec.encode(constraints));
    }
}
