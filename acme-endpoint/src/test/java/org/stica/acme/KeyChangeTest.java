package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stica.acme.support.Problems.assertProblem;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;

/** Account key rollover (RFC 8555 §7.3.5, STANDARDS.md §5.2.9) and account deactivation. */
class KeyChangeTest {
    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();

    @Test
    void keyChange_validInnerJws_swapsKeyAndOldKeyIsRefused() {
        AcmeTestClient client = account();
        ECKey newKey = AcmeTestClient.newKey();
        HttpResponse<Buffer> changed = client.post(keyChangeUrl(),
                inner(client.kid(), client.key(), newKey, keyChangeUrl()));
        assertEquals(200, changed.statusCode(), changed.bodyAsString());
        assertEquals(client.kid(), changed.getHeader("Location"));

        // RFC 8555 §7.3.5: afterwards the new key authenticates the account ...
        AcmeTestClient rolled = client.withKey(newKey);
        assertEquals(200, rolled.post(client.kid(), "").statusCode());
        // ... and the old one no longer does (§6.2: signature with the account key).
        assertProblem(client.post(client.kid(), ""), 403, "unauthorized");
        String id = client.kid().substring(client.kid().lastIndexOf('/') + 1);
        // the key change is a security decision: it is audited with both thumbprints
        assertEquals(1, server.audited.stream().filter(e -> e.startsWith(
                "acme.account.key-changed " + id + " {newThumbprint=")).count(),
                server.audited::toString);
    }

    @Test
    void keyChange_newKeyOfAnotherAccount_is409WithItsLocation() {
        AcmeTestClient client = account();
        AcmeTestClient other = account();
        HttpResponse<Buffer> response = client.post(keyChangeUrl(),
                inner(client.kid(), client.key(), other.key(), keyChangeUrl()));
        // RFC 8555 §7.3.5: 409 Conflict with Location of the account holding the key.
        assertProblem(response, 409, "malformed");
        assertEquals(other.kid(), response.getHeader("Location"));
    }

    @Test
    void keyChange_innerUrlDiffers_isUnauthorized() {
        AcmeTestClient client = account();
        // RFC 8555 §7.3.5: the inner url must equal the outer url.
        assertProblem(client.post(keyChangeUrl(), inner(client.kid(), client.key(),
                AcmeTestClient.newKey(), server.url("/new-account"))), 403, "unauthorized");
    }

    @Test
    void keyChange_accountOfAnotherKid_isUnauthorized() {
        AcmeTestClient client = account();
        AcmeTestClient other = account();
        // RFC 8555 §7.3.5: "account" must equal the outer kid.
        assertProblem(client.post(keyChangeUrl(), inner(other.kid(), client.key(),
                AcmeTestClient.newKey(), keyChangeUrl())), 403, "unauthorized");
    }

    @Test
    void keyChange_oldKeyNotCurrent_isUnauthorized() {
        AcmeTestClient client = account();
        // RFC 8555 §7.3.5: "oldKey" must be the account's current key.
        assertProblem(client.post(keyChangeUrl(), inner(client.kid(), AcmeTestClient.newKey(),
                AcmeTestClient.newKey(), keyChangeUrl())), 403, "unauthorized");
    }

    @Test
    void keyChange_innerWithNonce_isMalformed() {
        AcmeTestClient client = account();
        ECKey newKey = AcmeTestClient.newKey();
        JsonObject payload = new JsonObject().put("account", client.kid())
                .put("oldKey", new JsonObject(client.key().toPublicJWK().toJSONObject()));
        JsonObject inner = AcmeTestClient.flattened(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .jwk(newKey.toPublicJWK()).customParam("url", keyChangeUrl())
                .customParam("nonce", "abc").build(), payload.encode(), newKey);
        // RFC 8555 §7.3.5: the inner JWS MUST omit the nonce.
        assertProblem(client.post(keyChangeUrl(), inner), 400, "malformed");
    }

    @Test
    void account_deactivated_laterRequestsAre401Unauthorized() {
        AcmeTestClient client = account();
        HttpResponse<Buffer> response = client.post(client.kid(),
                new JsonObject().put("status", "deactivated"));
        assertEquals(200, response.statusCode());
        assertEquals("deactivated", response.bodyAsJsonObject().getString("status"));
        // RFC 8555 §7.3.6: requests signed by a deactivated account → unauthorized.
        assertProblem(client.post(client.kid(), ""), 401, "unauthorized");
    }

    private static AcmeTestClient account() {
        AcmeTestClient client = new AcmeTestClient(server);
        assertEquals(201, client.newAccount().statusCode());
        return client;
    }

    private static String keyChangeUrl() {
        return server.url("/key-change");
    }

    private static JsonObject inner(String account, ECKey oldKey, ECKey newKey, String url) {
        JsonObject payload = new JsonObject().put("account", account)
                .put("oldKey", new JsonObject(oldKey.toPublicJWK().toJSONObject()));
        return AcmeTestClient.flattened(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .jwk(newKey.toPublicJWK()).customParam("url", url).build(),
                payload.encode(), newKey);
    }
}
