package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.support.Problems.assertProblem;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.service.EabKeyService;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;
import org.stica.acme.support.TnAuthLists;

/** External account binding (RFC 8555 §7.3.4, STANDARDS.md §5.2.8) required by configuration. */
class EabTest {
    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer(java.time.Clock.systemUTC(),
            c -> new AcmeConfig(c.publicUrl(), c.basePath(), c.nonceLifetime(),
                    c.orderLifetime(), c.authzLifetime(), c.maxBodyBytes(), c.spcPattern(),
                    c.termsOfService(), c.website(), true, 100, 100, 7));

    @Test
    void directory_eabRequired_isAdvertised() {
        JsonObject dir = Await.result(WebClient.create(server.vertx)
                .getAbs(server.url("/directory")).send()).bodyAsJsonObject();
        assertEquals(true, dir.getJsonObject("meta").getBoolean("externalAccountRequired"));
    }

    @Test
    void newAccount_withoutBinding_isExternalAccountRequired() {
        // RFC 8555 §7.3.4: required and missing → externalAccountRequired
        assertProblem(new AcmeTestClient(server).newAccount(), 400, "externalAccountRequired");
    }

    @Test
    void newAccount_validBindings_createOnceAndKeyIsSingleUse() throws Exception {
        EabKeyService.Created key = create("1234");
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256)) {
            AcmeTestClient client = new AcmeTestClient(server);
            HttpResponse<Buffer> created = bound(client, key, alg);
            assertEquals(201, created.statusCode(), created.bodyAsString());
        }
        // RFC 8555 §7.3.4 / STANDARDS.md §5.2.8: an EAB key is single use
        assertProblem(bound(new AcmeTestClient(server), key, JWSAlgorithm.HS256), 403,
                "unauthorized");
    }

    @Test
    void newAccount_hs512Binding_isAccepted() throws Exception {
        AcmeTestClient client = new AcmeTestClient(server);
        assertEquals(201, bound(client, create("1234"), JWSAlgorithm.HS512).statusCode());
    }

    @Test
    void newAccount_wrongMacKey_isUnauthorized() throws Exception {
        EabKeyService.Created key = create("1234");
        EabKeyService.Created other = create("1234");
        AcmeTestClient client = new AcmeTestClient(server);
        JsonObject binding = binding(key.kid(), other.hmacKeyBase64Url(), client.key(),
                JWSAlgorithm.HS256, server.url("/new-account"));
        assertProblem(client.postJwk(server.url("/new-account"), payload(binding)), 403,
                "unauthorized");
    }

    @Test
    void newAccount_bindingForOtherKeyOrUrl_isRefused() throws Exception {
        EabKeyService.Created key = create("1234");
        AcmeTestClient client = new AcmeTestClient(server);
        // RFC 8555 §7.3.4: the payload must be the account key ...
        JsonObject otherKey = binding(key.kid(), key.hmacKeyBase64Url(), AcmeTestClient.newKey(),
                JWSAlgorithm.HS256, server.url("/new-account"));
        assertProblem(client.postJwk(server.url("/new-account"), payload(otherKey)), 403,
                "unauthorized");
        // ... and the url the newAccount URL
        JsonObject otherUrl = binding(key.kid(), key.hmacKeyBase64Url(), client.key(),
                JWSAlgorithm.HS256, server.url("/new-order"));
        assertProblem(client.postJwk(server.url("/new-account"), payload(otherUrl)), 403,
                "unauthorized");
    }

    @Test
    void newOrder_boundAccount_mayOnlyOrderItsSpc() throws Exception {
        AcmeTestClient client = new AcmeTestClient(server);
        EabKeyService.Created key = create("1234");
        HttpResponse<Buffer> created = bound(client, key, JWSAlgorithm.HS256);
        client.useKid(created.getHeader("Location"));
        String id = client.kid().substring(client.kid().lastIndexOf('/') + 1);
        // the binding is audited with the EAB key id and the SP it was issued for
        assertTrue(server.audited.stream().anyMatch(e -> e.startsWith("acme.account.created "
                + id + " {eabKid=" + key.kid() + ", eabLabel=1234")), server.audited::toString);
        // STANDARDS.md §3.5.14: an account bound to an SP orders only that SP's SPC
        assertEquals(201, order(client, "1234").statusCode());
        assertProblem(order(client, "5678"), 400, "rejectedIdentifier");
    }

    private static HttpResponse<Buffer> order(AcmeTestClient client, String spc) {
        return client.post(server.url("/new-order"), new JsonObject().put("identifiers",
                new JsonArray().add(new JsonObject().put("type", "TNAuthList")
                        .put("value", TnAuthLists.text(TnAuthLists.spcs(spc))))));
    }

    private static EabKeyService.Created create(String label) {
        EabKeyService.Created key = Await.result(server.module.eabKeys().create(label));
        assertTrue(Base64.getUrlDecoder().decode(key.hmacKeyBase64Url()).length >= 32);
        return key;
    }

    private static HttpResponse<Buffer> bound(AcmeTestClient client, EabKeyService.Created key,
                                              JWSAlgorithm alg) throws JOSEException {
        JsonObject binding = binding(key.kid(), key.hmacKeyBase64Url(), client.key(), alg,
                server.url("/new-account"));
        return client.postJwk(server.url("/new-account"), payload(binding));
    }

    private static String payload(JsonObject binding) {
        return new JsonObject().put("termsOfServiceAgreed", true)
                .put("externalAccountBinding", binding).encode();
    }

    static JsonObject binding(String kid, String hmacB64, ECKey accountKey, JWSAlgorithm alg,
                              String url) throws JOSEException {
        byte[] secret = Base64.getUrlDecoder().decode(hmacB64);
        byte[] padded = alg == JWSAlgorithm.HS512 ? java.util.Arrays.copyOf(secret, 64) : secret;
        JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(kid)
                .customParam("url", url).build(),
                new Payload(accountKey.toPublicJWK().toJSONString()));
        jws.sign(new MACSigner(alg == JWSAlgorithm.HS512 ? padded : secret));
        return new JsonObject().put("protected", jws.getHeader().toBase64URL().toString())
                .put("payload", jws.getPayload().toBase64URL().toString())
                .put("signature", jws.getSignature().toString());
    }
}
