package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.support.Problems.assertProblem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.store.pg.PgNonceStore;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.TestPki;
import org.stica.acme.support.TnAuthLists;
import org.stica.testing.MutableClock;

/** Expiry of orders, authorizations and nonces with an injected clock (RFC 8555 §7.1.6, §6.5). */
class ExpiryTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer(CLOCK);

    @Test
    void readyOrder_pastItsExpiry_isInvalidAndNotFinalizable() {
        AcmeTestClient client = new AcmeTestClient(server);
        client.newAccount();
        JsonObject order = client.post(server.url("/new-order"), new JsonObject().put(
                "identifiers", new JsonArray().add(new JsonObject().put("type", "TNAuthList")
                        .put("value", "MAigBhYEMTIzNA")))).bodyAsJsonObject();
        String authzUrl = order.getJsonArray("authorizations").getString(0);
        String challengeUrl = client.post(authzUrl, "").bodyAsJsonObject()
                .getJsonArray("challenges").getJsonObject(0).getString("url");
        client.post(challengeUrl, new JsonObject().put("atc", "t.o.k"));
        String orderUrl = order.getString("finalize").replace("/finalize", "");
        assertEquals("ready", client.post(orderUrl, "").bodyAsJsonObject().getString("status"));

        CLOCK.advance(server.config.orderLifetime().plus(Duration.ofSeconds(1)));
        client.freshNonce();
        // RFC 8555 §7.1.6: an expired order is invalid; its authorization is expired.
        assertEquals("invalid", client.post(orderUrl, "").bodyAsJsonObject()
                .getString("status"));
        assertEquals("expired", client.post(authzUrl, "").bodyAsJsonObject()
                .getString("status"));
        assertProblem(client.post(order.getString("finalize"), new JsonObject().put("csr",
                AcmeTestClient.b64(TestPki.csr(TestPki.p256(), TnAuthLists.spcs("1234"))))),
                403, "orderNotReady");
    }

    @Test
    void nonce_pastItsLifetime_isBadNonce() {
        AcmeTestClient client = new AcmeTestClient(server);
        client.newAccount();
        String nonce = client.freshNonce();
        CLOCK.advance(server.config.nonceLifetime().plus(Duration.ofSeconds(1)));
        client.forceNonce(nonce);
        // RFC 8555 §6.5: expired nonces are refused with badNonce.
        assertProblem(client.post(client.kid(), ""), 400, "badNonce");
    }

    @Test
    void usedNonce_longExpired_isPurgedByALaterRedemption() {
        AcmeTestClient client = new AcmeTestClient(server);
        client.newAccount();
        assertTrue(usedRowsExpiringAfter(CLOCK.instant()) >= 1);
        CLOCK.advance(server.config.nonceLifetime().plus(PgNonceStore.PURGE_GRACE)
                .plus(Duration.ofSeconds(2)));
        client.freshNonce();
        client.post(client.kid(), "");
        // every used row from before (newAccount's included) is gone; the one just redeemed is
        // kept
        assertEquals(0, server.pool.preparedQuery("SELECT count(*) FROM acme_nonce_used"
                        + " WHERE expires_at < $1")
                .execute(io.vertx.sqlclient.Tuple.of(CLOCK.instant()
                        .minus(PgNonceStore.PURGE_GRACE).atOffset(java.time.ZoneOffset.UTC)))
                .await().iterator().next().getLong(0));
        assertEquals(1, usedRowsExpiringAfter(CLOCK.instant()));
    }

    private long usedRowsExpiringAfter(Instant instant) {
        return server.pool.preparedQuery("SELECT count(*) FROM acme_nonce_used"
                        + " WHERE expires_at > $1")
                .execute(io.vertx.sqlclient.Tuple.of(instant.atOffset(java.time.ZoneOffset.UTC)))
                .await().iterator().next().getLong(0);
    }
}
