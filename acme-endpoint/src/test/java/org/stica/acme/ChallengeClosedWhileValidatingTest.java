package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.TnAuthLists;

/**
 * A challenge that stops being processing while its token is validated (another instance's
 * interrupted-work sweep closed it) is answered as it now is, not with an error, once its
 * accepted token finds nothing to record (issue 18).
 */
class ChallengeClosedWhileValidatingTest {
    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();

    @Test
    void challengeClosedWhileItsTokenIsValidated_isAnsweredAsItNowIs() {
        AcmeTestClient client = new AcmeTestClient(server);
        client.newAccount();
        JsonObject order = client.post(server.url("/new-order"), new JsonObject()
                .put("identifiers", new JsonArray().add(new JsonObject().put("type", "TNAuthList")
                        .put("value", TnAuthLists.text(TnAuthLists.spcs("1234"))))))
                .bodyAsJsonObject();
        String authzUrl = order.getJsonArray("authorizations").getString(0);
        String challengeUrl = client.post(authzUrl, "").bodyAsJsonObject()
                .getJsonArray("challenges").getJsonObject(0).getString("url");
        server.validator.whileValidating(() -> server.pool.query("UPDATE acme_challenge"
                + " SET status = 'invalid', error = '{\"type\":\"urn:ietf:params:acme:error:"
                + "serverInternal\",\"detail\":\"interrupted\"}' WHERE status = 'processing'")
                .execute());

        HttpResponse<Buffer> answer = client.post(challengeUrl, new JsonObject()
                .put("atc", "t.o.k"));

        assertEquals(200, answer.statusCode(), answer.bodyAsString());
        assertEquals("invalid", answer.bodyAsJsonObject().getString("status"));
        assertEquals("interrupted", answer.bodyAsJsonObject().getJsonObject("error")
                .getString("detail"));
    }
}
