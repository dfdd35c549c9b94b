package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.store.pg.StoreFixtures.authzValue;
import static org.stica.acme.store.pg.StoreFixtures.failure;
import static org.stica.acme.store.pg.StoreFixtures.settle;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.RandomIds;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;

/**
 * An authorization read with its challenges in one query, and deactivation (RFC 8555 §7.5.2) in
 * one statement: the authorization and its open order move together, once.
 */
class PgAuthzStoreTest {
    private static final String ACCOUNT = "acct-authz-store";

    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();
    private static StoreFixtures db;
    private static PgAuthzStore store;

    @BeforeAll
    static void start() {
        db = new StoreFixtures(server.pool);
        store = new PgAuthzStore(server.pool);
        db.account(ACCOUNT);
    }

    @Test
    void findWithChallenges_readsTheAuthzAndItsChallengesById() {
        String order = RandomIds.next();
        String authz = RandomIds.next();
        db.order(order, ACCOUNT, "pending");
        db.authz(authz, order, ACCOUNT, "pending");
        db.challenge("b-" + authz, authz, "pending");
        db.challenge("a-" + authz, authz, "invalid");
        PgAuthzStore.WithChallenges found = Await.result(store.findWithChallenges(authz))
                .orElseThrow();
        assertEquals(authz, found.authz().id());
        assertEquals(List.of("a-" + authz, "b-" + authz),
                found.challenges().stream().map(Challenge::id).toList());

        String bare = RandomIds.next();
        db.authz(bare, order, ACCOUNT, "pending");
        assertEquals(List.of(), Await.result(store.findWithChallenges(bare)).orElseThrow()
                .challenges());
        assertFalse(Await.result(store.findWithChallenges("unknown")).isPresent());
    }

    @Test
    void findWithChallenges_foldingTheNonce_recordsItOnceAndReplayedIsBadNonce() {
        String order = RandomIds.next();
        String authz = RandomIds.next();
        db.order(order, ACCOUNT, "pending");
        db.authz(authz, order, ACCOUNT, "pending");
        db.challenge("c-" + authz, authz, "pending");
        byte[] value = TestNonces.random();
        PgAuthzStore.WithChallenges found = Await.result(store.findWithChallenges(authz,
                TestNonces.of(value))).orElseThrow();
        assertEquals(List.of("c-" + authz), found.challenges().stream().map(Challenge::id)
                .toList());
        assertEquals(1, TestNonces.recorded(db, value));
        // RFC 8555 §6.5: the same nonce again is refused, also for an unknown authorization
        assertBadNonce(failure(store.findWithChallenges(authz, TestNonces.of(value))));
        assertBadNonce(failure(store.findWithChallenges("unknown", TestNonces.of(value))));
        // unknown: empty, and the nonce is spent all the same
        byte[] other = TestNonces.random();
        assertFalse(Await.result(store.findWithChallenges("unknown", TestNonces.of(other)))
                .isPresent());
        assertBadNonce(failure(store.findWithChallenges(authz, TestNonces.of(other))));
    }

    static void assertBadNonce(Throwable failure) {
        assertTrue(failure instanceof AcmeProblem problem
                && problem.type() == ProblemType.BAD_NONCE, String.valueOf(failure));
    }

    @Test
    void deactivate_manyAtOnce_onceAndTheOrderBecomesInvalid() {
        String order = RandomIds.next();
        String authz = RandomIds.next();
        db.order(order, ACCOUNT, "ready");
        db.authz(authz, order, ACCOUNT, "valid");
        List<Future<PgAuthzStore.Deactivation>> tries = IntStream.range(0, 3).mapToObj(i ->
                store.deactivate(authzValue(authz, order, ACCOUNT), Instant.now())).toList();
        settle(tries);
        // RFC 8555 §7.5.2 / §7.1.6: deactivated once; its order can no longer be finalized.
        assertEquals(List.of(new PgAuthzStore.Deactivation(true, true)), tries.stream()
                .map(Future::result).filter(PgAuthzStore.Deactivation::deactivated).toList());
        assertEquals(2, tries.stream().map(Future::result)
                .filter(done -> !done.deactivated() && !done.orderInvalidated()).count());
        assertEquals("deactivated", db.status("acme_authz", authz));
        assertEquals("invalid", db.status("acme_order", order));
    }

    @Test
    void deactivate_notAllowed_changesNeitherAuthzNorOrder() {
        String order = RandomIds.next();
        String authz = RandomIds.next();
        db.order(order, ACCOUNT, "pending");
        db.authz(authz, order, ACCOUNT, "invalid");
        assertEquals(new PgAuthzStore.Deactivation(false, false), Await.result(
                store.deactivate(authzValue(authz, order, ACCOUNT), Instant.now())));
        assertEquals("invalid", db.status("acme_authz", authz));
        assertEquals("pending", db.status("acme_order", order));
        assertTrue(db.status("acme_order", order).equals("pending"));
    }
}
