package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.store.pg.StoreFixtures.authzValue;
import static org.stica.acme.store.pg.StoreFixtures.challengeValue;
import static org.stica.acme.store.pg.StoreFixtures.failure;
import static org.stica.acme.store.pg.StoreFixtures.settle;
import static org.stica.acme.store.pg.StoreFixtures.succeeded;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.RandomIds;
import org.stica.acme.store.pg.PgChallengeStore.Loaded;
import org.stica.acme.store.pg.PgChallengeStore.Recorded;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;

/**
 * The challenge transitions, each one statement: pending → processing has one winner, and the
 * outcome (RFC 8555 §7.1.6, RFC 9448 §6) moves challenge, authorization and order together or
 * not at all, with exactly one winner among concurrent outcomes.
 */
class PgChallengeStoreTest {
    private static final String ACCOUNT = "acct-challenge-store";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant TOKEN_EXPIRES = Instant.parse("2030-01-02T00:00:00Z");
    private static final String ERROR =
            "{\"type\":\"urn:ietf:params:acme:error:incorrectResponse\"}";

    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();
    private static StoreFixtures db;
    private static PgChallengeStore store;

    @BeforeAll
    static void start() {
        db = new StoreFixtures(server.pool);
        store = new PgChallengeStore(server.pool);
        db.account(ACCOUNT);
    }

    /** Ids of an order with one authorization and its challenge. */
    private record Ids(String order, String authz, String challenge) {
    }

    /** A pending order and authorization whose challenge is in {@code challengeStatus}. */
    private static Ids order(String challengeStatus) {
        Ids ids = new Ids(RandomIds.next(), RandomIds.next(), RandomIds.next());
        db.order(ids.order(), ACCOUNT, "pending");
        db.authz(ids.authz(), ids.order(), ACCOUNT, "pending");
        db.challenge(ids.challenge(), ids.authz(), challengeStatus);
        return ids;
    }

    private static Future<Recorded> valid(Ids ids) {
        return store.recordValid(challengeValue(ids.challenge(), ids.authz(),
                        ChallengeStatus.PROCESSING), authzValue(ids.authz(), ids.order(), ACCOUNT),
                NOW, TOKEN_EXPIRES, true);
    }

    private static Future<Recorded> invalid(Ids ids) {
        return store.recordInvalid(challengeValue(ids.challenge(), ids.authz(),
                ChallengeStatus.PROCESSING), authzValue(ids.authz(), ids.order(), ACCOUNT), ERROR);
    }

    private static List<String> statuses(Ids ids) {
        return List.of(db.status("acme_challenge", ids.challenge()),
                db.status("acme_authz", ids.authz()), db.status("acme_order", ids.order()));
    }

    @Test
    void startProcessing_manyAtOnce_exactlyOneWins() {
        Ids ids = order("pending");
        List<Future<Boolean>> tries = IntStream.range(0, 4)
                .mapToObj(i -> store.startProcessing(ids.challenge())).toList();
        settle(tries);
        // RFC 8555 §7.5.1: only one response to a pending challenge starts a validation.
        assertEquals(1, tries.stream().filter(Future::result).count());
        assertEquals("processing", db.status("acme_challenge", ids.challenge()));
    }

    @Test
    void recordValid_processing_movesAllThreeAndReturnsTheNewState() {
        Ids ids = order("processing");
        Recorded recorded = Await.result(valid(ids));
        assertEquals(ChallengeStatus.VALID, recorded.challenge().status());
        assertEquals(NOW, recorded.challenge().validated().orElseThrow());
        assertEquals(AuthzStatus.VALID, recorded.authz().status());
        assertEquals(TOKEN_EXPIRES, recorded.authz().tokenExpires().orElseThrow());
        assertTrue(recorded.authz().tokenCa());
        assertEquals(List.of("valid", "valid", "ready"), statuses(ids));
    }

    @Test
    void recordValid_challengeNotProcessing_failsAndChangesNothing() {
        Ids ids = order("pending");
        assertTrue(failure(valid(ids)) instanceof IllegalStateException);
        assertEquals(List.of("pending", "pending", "pending"), statuses(ids));
        assertNull(db.value("SELECT token_expires_at FROM acme_authz WHERE id = $1",
                ids.authz()));
    }

    @Test
    void recordValid_manyAtOnce_exactlyOneValidates() {
        for (int round = 0; round < 5; round++) {
            Ids ids = order("processing");
            List<Future<Recorded>> answers = IntStream.range(0, 3).mapToObj(i -> valid(ids))
                    .toList();
            settle(answers);
            // RFC 8555 §7.1.6: processing → valid happens once; the others change nothing.
            assertEquals(1, succeeded(answers));
            answers.stream().filter(Future::failed).forEach(f ->
                    assertTrue(f.cause() instanceof IllegalStateException, f.cause()::toString));
            assertEquals(List.of("valid", "valid", "ready"), statuses(ids));
        }
    }

    @Test
    void recordValidAndInvalid_atOnce_exactlyOneOutcomeAppliesWhole() {
        for (int round = 0; round < 6; round++) {
            Ids ids = order("processing");
            Future<Recorded> valid = valid(ids);
            Future<Recorded> invalid = invalid(ids);
            settle(List.of(valid, invalid));
            assertEquals(1, succeeded(List.of(valid, invalid)));
            // never a mix: the winner's statement moved all three rows, the loser's none
            if (valid.succeeded()) {
                assertEquals(List.of("valid", "valid", "ready"), statuses(ids));
                assertNull(db.value("SELECT error FROM acme_order WHERE id = $1", ids.order()));
            } else {
                assertEquals(List.of("invalid", "invalid", "invalid"), statuses(ids));
                assertNull(db.value("SELECT validated_at FROM acme_challenge WHERE id = $1",
                        ids.challenge()));
            }
        }
    }

    @Test
    void recordValid_orderWithTwoAuthzs_readyOnlyAfterBoth() {
        Ids first = order("processing");
        String secondAuthz = RandomIds.next();
        String secondChallenge = RandomIds.next();
        db.authz(secondAuthz, first.order(), ACCOUNT, "pending");
        db.challenge(secondChallenge, secondAuthz, "processing");
        Ids second = new Ids(first.order(), secondAuthz, secondChallenge);

        Await.result(valid(first));
        // RFC 8555 §7.1.6: the order is ready only once all its authorizations are valid.
        assertEquals(List.of("valid", "valid", "pending"), statuses(first));
        assertEquals("pending", db.status("acme_authz", second.authz()));

        Await.result(valid(second));
        assertEquals(List.of("valid", "valid", "ready"), statuses(second));
    }

    @Test
    void claim_accountsPendingChallenge_movesItToProcessingAndReadsItOnce() {
        Ids ids = order("pending");
        Loaded claimed = Await.result(store.claim(ids.challenge(), ACCOUNT, Instant.now(),
                TestNonces.fresh()))
                .orElseThrow();
        assertEquals(ChallengeStatus.PROCESSING, claimed.challenge().status());
        assertEquals(ids.authz(), claimed.authz().id());
        assertEquals(AuthzStatus.PENDING, claimed.authz().status());
        assertEquals("shaken", claimed.orderProfile());
        assertEquals("processing", db.status("acme_challenge", ids.challenge()));
        // RFC 8555 §7.5.1: only one response starts a validation
        assertTrue(Await.result(store.claim(ids.challenge(), ACCOUNT, Instant.now(),
                TestNonces.fresh())).isEmpty());
    }

    @Test
    void claim_replayedNonce_isBadNonceAndLeavesTheChallengePending() {
        Ids ids = order("pending");
        byte[] nonce = TestNonces.random();
        assertTrue(Await.result(store.claim(ids.challenge(), "another-account", Instant.now(),
                TestNonces.of(nonce))).isEmpty());
        assertEquals(1, TestNonces.recorded(db, nonce), "spent although nothing was claimed");
        // RFC 8555 §6.5: the same nonce again → badNonce, and no validation starts
        PgAuthzStoreTest.assertBadNonce(StoreFixtures.failure(store.claim(ids.challenge(),
                ACCOUNT, Instant.now(), TestNonces.of(nonce))));
        assertEquals("pending", db.status("acme_challenge", ids.challenge()));
    }

    @Test
    void claim_otherAccountOrAuthzNotPendingOrExpired_changesNothing() {
        Ids ids = order("pending");
        assertTrue(Await.result(store.claim(ids.challenge(), "another-account", Instant.now(),
                TestNonces.fresh()))
                .isEmpty());
        // the fixture's authorization expires an hour after the database's now()
        assertTrue(Await.result(store.claim(ids.challenge(), ACCOUNT,
                Instant.now().plusSeconds(7200), TestNonces.fresh())).isEmpty());
        assertEquals("pending", db.status("acme_challenge", ids.challenge()));

        Ids validAuthz = order("pending");
        db.execute("UPDATE acme_authz SET status = 'valid' WHERE id = $1", validAuthz.authz());
        assertTrue(Await.result(store.claim(validAuthz.challenge(), ACCOUNT, Instant.now(),
                TestNonces.fresh()))
                .isEmpty());
        assertEquals("pending", db.status("acme_challenge", validAuthz.challenge()));
    }

    @Test
    void recordInvalid_processing_invalidatesAllThreeWithTheError() {
        Ids ids = order("processing");
        Recorded recorded = Await.result(invalid(ids));
        // RFC 9448 §6: a failed token check → challenge, authz and order invalid with an error.
        assertEquals(ChallengeStatus.INVALID, recorded.challenge().status());
        assertEquals(new JsonObject(ERROR),
                new JsonObject(recorded.challenge().errorJson().orElseThrow()));
        assertEquals(AuthzStatus.INVALID, recorded.authz().status());
        assertEquals(List.of("invalid", "invalid", "invalid"), statuses(ids));
        assertEquals(new JsonObject(ERROR), new JsonObject(
                db.value("SELECT error FROM acme_order WHERE id = $1", ids.order())));
    }

    @Test
    void recordInvalid_challengeAlreadyValid_failsAndChangesNothing() {
        Ids ids = order("valid");
        assertTrue(failure(invalid(ids)) instanceof IllegalStateException);
        assertEquals(List.of("valid", "pending", "pending"), statuses(ids));
        assertNull(db.value("SELECT error FROM acme_order WHERE id = $1", ids.order()));
    }

    @Test
    void findForResponse_readsChallengeAuthzAndOrderProfileAtOnce() {
        Ids ids = order("pending");
        Loaded loaded = Await.result(store.findForResponse(ids.challenge())).orElseThrow();
        assertEquals(ids.challenge(), loaded.challenge().id());
        assertEquals(ChallengeStatus.PENDING, loaded.challenge().status());
        assertEquals(ids.authz(), loaded.authz().id());
        assertEquals(ACCOUNT, loaded.authz().accountId());
        assertEquals("shaken", loaded.orderProfile());
        assertFalse(Await.result(store.findForResponse("unknown")).isPresent());
    }
}
