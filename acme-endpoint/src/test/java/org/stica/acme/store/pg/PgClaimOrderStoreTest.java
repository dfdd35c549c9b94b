package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.store.pg.StoreFixtures.authzValue;
import static org.stica.acme.store.pg.StoreFixtures.challengeValue;
import static org.stica.acme.store.pg.StoreFixtures.failure;
import static org.stica.acme.store.pg.StoreFixtures.orderValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.Order;
import org.stica.acme.model.RandomIds;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;
import org.stica.policy.token.TokenType;

/**
 * Two-identifier (RCD) orders (issue 19): the order, the TNAuthList and JWTClaimConstraints
 * authorizations and their challenges are created together or not at all, under the same
 * per-account rate as every order; each authorization reads back with its identifier type.
 */
class PgClaimOrderStoreTest {
    private static final String ACCOUNT = "acct-claim-orders";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();
    private static StoreFixtures db;
    private static PgClaimOrderStore store;
    private static PgOrderStore orders;

    @BeforeAll
    static void start() {
        db = new StoreFixtures(server.pool);
        store = new PgClaimOrderStore(server.pool);
        orders = new PgOrderStore(server.pool);
        db.account(ACCOUNT);
    }

    @Test
    void create_storesBothAuthorizationsWithTheirTypesAndChallenges() {
        Order order = orderValue(RandomIds.next(), ACCOUNT);
        Authz authz = authzValue(RandomIds.next(), order.id(), ACCOUNT);
        Authz claims = claimsAuthz(order);

        assertTrue(Await.result(store.create(order, authz, challengeValue(RandomIds.next(),
                authz.id(), ChallengeStatus.PENDING), claims, challengeValue(RandomIds.next(),
                claims.id(), ChallengeStatus.PENDING), NOW, HOUR, 100)).created());

        List<Authz> found = Await.result(orders.findWithAuthzs(order.id())).orElseThrow()
                .authzs();
        assertEquals(2, found.size());
        assertEquals(TokenType.JWT_CLAIM_CONSTRAINTS, found.stream()
                .filter(a -> a.id().equals(claims.id())).findFirst().orElseThrow()
                .identifierType());
        assertEquals(TokenType.TN_AUTH_LIST, found.stream()
                .filter(a -> a.id().equals(authz.id())).findFirst().orElseThrow()
                .identifierType());
        assertEquals(1, db.count("SELECT count(*) FROM acme_challenge WHERE authz_id = $1",
                claims.id()));
    }

    @Test
    void create_secondAuthzFails_storesNothing() {
        Order first = orderValue(RandomIds.next(), ACCOUNT);
        Authz firstAuthz = authzValue(RandomIds.next(), first.id(), ACCOUNT);
        Authz firstClaims = claimsAuthz(first);
        String taken = RandomIds.next();
        Await.result(store.create(first, firstAuthz, challengeValue(RandomIds.next(),
                firstAuthz.id(), ChallengeStatus.PENDING), firstClaims, challengeValue(taken,
                firstClaims.id(), ChallengeStatus.PENDING), NOW, HOUR, 100));

        Order second = orderValue(RandomIds.next(), ACCOUNT);
        Authz secondAuthz = authzValue(RandomIds.next(), second.id(), ACCOUNT);
        Authz secondClaims = claimsAuthz(second);
        // the JWTClaimConstraints challenge id collides: the transaction's last insert fails
        Throwable failure = failure(store.create(second, secondAuthz, challengeValue(
                RandomIds.next(), secondAuthz.id(), ChallengeStatus.PENDING), secondClaims,
                challengeValue(taken, secondClaims.id(), ChallengeStatus.PENDING), NOW, HOUR,
                100));

        assertTrue(failure instanceof AlreadyReplacedException, String.valueOf(failure));
        assertEquals(0, db.count("SELECT count(*) FROM acme_order WHERE id = $1", second.id()));
        assertEquals(0, db.count("SELECT count(*) FROM acme_authz WHERE order_id = $1",
                second.id()));
    }

    @Test
    void create_rateExhausted_refusedAndStoresNothing() {
        String account = "acct-claim-limited";
        db.account(account);
        Order first = orderValue(RandomIds.next(), account);
        Authz firstAuthz = authzValue(RandomIds.next(), first.id(), account);
        Authz firstClaims = claimsAuthz(first);
        assertTrue(Await.result(store.create(first, firstAuthz, challengeValue(RandomIds.next(),
                firstAuthz.id(), ChallengeStatus.PENDING), firstClaims, challengeValue(
                RandomIds.next(), firstClaims.id(), ChallengeStatus.PENDING), NOW, HOUR, 1))
                .created());

        Order second = orderValue(RandomIds.next(), account);
        Authz secondAuthz = authzValue(RandomIds.next(), second.id(), account);
        Authz secondClaims = claimsAuthz(second);
        PgOrderStore.Creation refused = Await.result(store.create(second, secondAuthz,
                challengeValue(RandomIds.next(), secondAuthz.id(), ChallengeStatus.PENDING),
                secondClaims, challengeValue(RandomIds.next(), secondClaims.id(),
                        ChallengeStatus.PENDING), NOW, HOUR, 1));

        assertFalse(refused.created());
        assertEquals(NOW.plus(HOUR), refused.admittedAt());
        assertEquals(0, db.count("SELECT count(*) FROM acme_authz WHERE order_id = $1",
                second.id()));
    }

    private static Authz claimsAuthz(Order order) {
        return new Authz(RandomIds.next(), order.id(), order.accountId(), AuthzStatus.PENDING,
                NOW.plus(HOUR), "MAWgAzABFgNyY2Q", new byte[] {0x30, 0x03}, Optional.empty(),
                false, TokenType.JWT_CLAIM_CONSTRAINTS);
    }
}
