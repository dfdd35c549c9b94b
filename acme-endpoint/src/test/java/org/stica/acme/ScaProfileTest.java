package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.support.Problems.assertProblem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;
import org.stica.acme.support.TestPki;
import org.stica.acme.support.TnAuthLists;

/**
 * The {@code shaken-sca} profile (STANDARDS.md §2 item 5, §3.5 item 10, §5.4 item 4; RFC 9448 §6
 * step 9): advertised only when enabled, needs a token with {@code atc.ca} true and a CSR with
 * BC cA TRUE, and issues with the CA flag set; mismatches issue nothing.
 */
class ScaProfileTest {
    private static final byte[] SPC_1234 = TnAuthLists.spcs("1234");

    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer(java.time.Clock.systemUTC(),
            c -> c.withScaEnabled(true));

    @AfterEach
    void reset() {
        server.validator.answerCa(false);
    }

    @Test
    void directory_scaEnabled_advertisesShakenSca() {
        // draft-ietf-acme-profiles: meta.profiles lists every profile the server offers
        assertTrue(profiles(server).containsKey("shaken-sca"));
    }

    @Test
    void directory_scaDisabled_neitherAdvertisesNorAcceptsShakenSca() {
        try (AcmeTestServer plain = new AcmeTestServer()) {
            assertFalse(profiles(plain).containsKey("shaken-sca"));
            AcmeTestClient client = new AcmeTestClient(plain);
            assertEquals(201, client.newAccount().statusCode());
            // draft-ietf-acme-profiles §3: a profile not advertised → invalidProfile
            assertProblem(client.post(plain.url("/new-order"), order("shaken-sca")), 400,
                    "invalidProfile");
        }
    }

    @Test
    void finalize_caTokenAndCaCsr_issuesWithCaFlag() {
        server.validator.answerCa(true);
        AcmeTestClient client = account();
        JsonObject order = readyOrder(client);
        // RFC 9448 §6 step 9: the token was validated expecting atc.ca true
        assertTrue(server.validator.requests().get(server.validator.requests().size() - 1)
                .expectCa());

        HttpResponse<Buffer> done = finalizeWith(client, order, csr(Optional.of(true)));

        assertEquals("valid", done.bodyAsJsonObject().getString("status"), done.bodyAsString());
        assertEquals("shaken-sca", done.bodyAsJsonObject().getString("profile"));
        assertTrue(lastIssued().ca());
    }

    @Test
    void finalize_csrWithoutCaTrue_isBadCsrAndIssuesNothing() {
        // STANDARDS.md §3.6 item 3: the CSR's cA must equal atc.ca (true here); a missing BC
        // extension means cA FALSE
        server.validator.answerCa(true);
        for (Optional<Boolean> ca : List.of(Optional.<Boolean>empty(), Optional.of(false))) {
            AcmeTestClient client = account();
            JsonObject order = readyOrder(client);
            int before = server.ca.issued().size();

            assertProblem(finalizeWith(client, order, csr(ca)), 400, "badCSR");
            assertEquals(before, server.ca.issued().size());
        }
    }

    @Test
    void finalize_tokenWithoutCa_isUnauthorizedAndIssuesNothing() {
        // the fake validator lets a ca:false token through; finalize still refuses (§3.5.10)
        AcmeTestClient client = account();
        JsonObject order = readyOrder(client);
        int before = server.ca.issued().size();

        assertProblem(finalizeWith(client, order, csr(Optional.of(true))), 403, "unauthorized");
        assertEquals(before, server.ca.issued().size());
    }

    @Test
    void challenge_endEntityOrder_expectsCaFalse() {
        AcmeTestClient client = account();
        JsonObject order = client.post(server.url("/new-order"), order(null)).bodyAsJsonObject();
        respond(client, order);

        assertFalse(server.validator.requests().get(server.validator.requests().size() - 1)
                .expectCa());
    }

    private static IssuanceRequest lastIssued() {
        List<IssuanceRequest> issued = server.ca.issued();
        return issued.get(issued.size() - 1);
    }

    private static JsonObject profiles(AcmeTestServer target) {
        return Await.result(WebClient.create(target.vertx).getAbs(target.url("/directory"))
                .send()).bodyAsJsonObject().getJsonObject("meta").getJsonObject("profiles");
    }

    private static JsonObject order(String profile) {
        JsonObject payload = new JsonObject().put("identifiers", new JsonArray().add(
                new JsonObject().put("type", "TNAuthList").put("value",
                        TnAuthLists.text(SPC_1234))));
        return profile == null ? payload : payload.put("profile", profile);
    }

    private static JsonObject readyOrder(AcmeTestClient client) {
        HttpResponse<Buffer> created = client.post(server.url("/new-order"), order("shaken-sca"));
        assertEquals(201, created.statusCode(), created.bodyAsString());
        JsonObject order = created.bodyAsJsonObject();
        assertEquals("shaken-sca", order.getString("profile"));
        respond(client, order);
        return order;
    }

    private static void respond(AcmeTestClient client, JsonObject order) {
        String authz = order.getJsonArray("authorizations").getString(0);
        String challenge = client.post(authz, "").bodyAsJsonObject().getJsonArray("challenges")
                .getJsonObject(0).getString("url");
        assertEquals("valid", client.post(challenge, new JsonObject().put("atc", "t.o.k"))
                .bodyAsJsonObject().getString("status"));
    }

    private static HttpResponse<Buffer> finalizeWith(AcmeTestClient client, JsonObject order,
                                                     byte[] csr) {
        return client.post(order.getString("finalize"),
                new JsonObject().put("csr", AcmeTestClient.b64(csr)));
    }

    /** A CSR for SPC 1234 with BasicConstraints cA as given, or without BasicConstraints. */
    private static byte[] csr(Optional<Boolean> ca) {
        try {
            KeyPair keys = TestPki.p256();
            Extension tn = new Extension(TestPki.TN_AUTH_LIST, false,
                    new DEROctetString(SPC_1234));
            Extensions extensions = ca.isEmpty() ? new Extensions(tn)
                    : new Extensions(new Extension[] {tn, new Extension(
                            Extension.basicConstraints, true,
                            new DEROctetString(new BasicConstraints(ca.get())))});
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=SCA"),
                    keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                    .build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .build(keys.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AcmeTestClient account() {
        AcmeTestClient client = new AcmeTestClient(server);
        assertEquals(201, client.newAccount().statusCode());
        return client;
    }
}
