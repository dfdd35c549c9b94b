package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.stica.acme.support.Problems.assertProblem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;
import org.stica.acme.support.TestPki;
import org.stica.acme.support.TnAuthLists;

/**
 * RFC 8555 §6.5 on the requests whose first statement records their nonce (issue 18: newOrder,
 * authorization, challenge, finalize, order poll): a nonce used before is badNonce with a fresh
 * Replay-Nonce, and the request changed nothing; a nonce such a request used, whether it
 * succeeded or was refused, is not accepted again.
 */
class ReplayedNonceTest {
    private static final String SPC_1234_TEXT = "MAigBhYEMTIzNA";
    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();

    @Test
    void newOrder_replayedNonce_isBadNonceAndCreatesNothing() {
        AcmeTestClient client = account();
        String used = spent(client);
        long orders = count("SELECT count(*) FROM acme_order");
        client.forceNonce(used);
        assertBadNonce(client.post(server.url("/new-order"), orderPayload()));
        assertEquals(orders, count("SELECT count(*) FROM acme_order"));
    }

    @Test
    void newOrder_nonceItUsed_isNotAcceptedAgain() {
        AcmeTestClient client = account();
        String nonce = client.freshNonce();
        client.forceNonce(nonce);
        assertEquals(201, client.post(server.url("/new-order"), orderPayload()).statusCode());
        client.forceNonce(nonce);
        assertBadNonce(client.post(server.url("/new-order"), orderPayload()));
    }

    @Test
    void refusedRequest_spendsItsNonce() {
        AcmeTestClient client = account();
        String nonce = client.freshNonce();
        client.forceNonce(nonce);
        // malformed before any statement ran: the nonce is recorded on its own
        assertProblem(client.post(server.url("/new-order"), new JsonObject()), 400, "malformed");
        client.forceNonce(nonce);
        assertBadNonce(client.post(server.url("/authz/nope"), ""));
    }

    @Test
    void authz_unknownThenReplayed_isNotFoundThenBadNonce() {
        AcmeTestClient client = account();
        String nonce = client.freshNonce();
        client.forceNonce(nonce);
        assertProblem(client.post(server.url("/authz/nope"), ""), 404, "malformed");
        client.forceNonce(nonce);
        assertBadNonce(client.post(server.url("/authz/nope"), ""));
    }

    @Test
    void authzDeactivation_replayedNonce_isBadNonceAndDeactivatesNothing() {
        AcmeTestClient client = account();
        String authzUrl = newOrder(client).getJsonArray("authorizations").getString(0);
        client.forceNonce(spent(client));
        assertBadNonce(client.post(authzUrl, new JsonObject().put("status", "deactivated")));
        assertEquals("pending", client.post(authzUrl, "").bodyAsJsonObject()
                .getString("status"));
    }

    @Test
    void challenge_replayedNonce_isBadNonceAndLeavesItPending() {
        AcmeTestClient client = account();
        String authzUrl = newOrder(client).getJsonArray("authorizations").getString(0);
        String challengeUrl = challengeUrl(client, authzUrl);
        int validations = server.validator.requests().size();
        client.forceNonce(spent(client));
        assertBadNonce(client.post(challengeUrl, new JsonObject().put("atc", "t.o.k")));
        assertEquals(validations, server.validator.requests().size(), "no token validated");
        JsonObject authz = client.post(authzUrl, "").bodyAsJsonObject();
        assertEquals("pending", authz.getString("status"));
        assertEquals("pending", authz.getJsonArray("challenges").getJsonObject(0)
                .getString("status"));
        assertEquals("valid", client.post(challengeUrl, new JsonObject().put("atc", "t.o.k"))
                .bodyAsJsonObject().getString("status"));
    }

    @Test
    void finalize_replayedNonce_isBadNonceAndIssuesNothing() {
        AcmeTestClient client = account();
        JsonObject order = newOrder(client);
        String challengeUrl = challengeUrl(client,
                order.getJsonArray("authorizations").getString(0));
        assertEquals(200, client.post(challengeUrl, new JsonObject().put("atc", "t.o.k"))
                .statusCode());
        int issued = server.ca.issued().size();
        JsonObject csr = new JsonObject().put("csr", AcmeTestClient.b64(
                TestPki.csr(TestPki.p256(), TnAuthLists.spcs("1234"))));
        client.forceNonce(spent(client));
        assertBadNonce(client.post(order.getString("finalize"), csr));
        assertEquals(issued, server.ca.issued().size(), "nothing issued");
        String orderId = order.getString("finalize").replaceAll(".*/order/([^/]+)/finalize",
                "$1");
        assertEquals("ready", Await.result(server.pool.preparedQuery(
                "SELECT status FROM acme_order WHERE id = $1").execute(
                        io.vertx.sqlclient.Tuple.of(orderId))).iterator().next().getString(0));
        assertEquals("valid", client.post(order.getString("finalize"), csr).bodyAsJsonObject()
                .getString("status"));
    }

    @Test
    void orderPoll_nonceItUsed_isNotAcceptedAgain_andAnUnknownOrderSpendsItToo() {
        AcmeTestClient client = account();
        String finalizeUrl = newOrder(client).getString("finalize");
        String orderUrl = finalizeUrl.substring(0, finalizeUrl.length() - "/finalize".length());
        String nonce = client.freshNonce();
        client.forceNonce(nonce);
        assertEquals("pending", client.post(orderUrl, "").bodyAsJsonObject()
                .getString("status"));
        client.forceNonce(nonce);
        assertBadNonce(client.post(orderUrl, ""));

        String other = client.freshNonce();
        client.forceNonce(other);
        assertProblem(client.post(server.url("/order/nope"), ""), 404, "malformed");
        client.forceNonce(other);
        assertBadNonce(client.post(orderUrl, ""));
    }

    /** A nonce a POST-as-GET of the account just used. */
    private static String spent(AcmeTestClient client) {
        String nonce = client.freshNonce();
        client.forceNonce(nonce);
        assertEquals(200, client.post(client.kid(), "").statusCode());
        return nonce;
    }

    private static void assertBadNonce(HttpResponse<Buffer> response) {
        assertProblem(response, 400, "badNonce");
        String fresh = response.getHeader("Replay-Nonce");
        assertNotNull(fresh);
        assertNotEquals("", fresh);
    }

    private static AcmeTestClient account() {
        AcmeTestClient client = new AcmeTestClient(server);
        assertEquals(201, client.newAccount().statusCode());
        return client;
    }

    private static JsonObject orderPayload() {
        return new JsonObject().put("identifiers", new JsonArray().add(
                new JsonObject().put("type", "TNAuthList").put("value", SPC_1234_TEXT)));
    }

    private static JsonObject newOrder(AcmeTestClient client) {
        HttpResponse<Buffer> created = client.post(server.url("/new-order"), orderPayload());
        assertEquals(201, created.statusCode(), created.bodyAsString());
        return created.bodyAsJsonObject();
    }

    private static String challengeUrl(AcmeTestClient client, String authzUrl) {
        return client.post(authzUrl, "").bodyAsJsonObject().getJsonArray("challenges")
                .getJsonObject(0).getString("url");
    }

    private static long count(String sql) {
        return Await.result(server.pool.query(sql).execute()).iterator().next().getLong(0);
    }
}
