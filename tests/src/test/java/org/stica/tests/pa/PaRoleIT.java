package org.stica.tests.pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.policy.trust.CaList;
import org.stica.policy.trust.CaListCheck;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * The server in STI-PA role (STANDARDS.md §4.1-§4.3) issues SPC tokens to a registered SP, and
 * the same server in CA role accepts them in an acme4j enrollment; revoking the SP stops tokens
 * and revokes its certificates; the signed CA list has an increasing sequence.
 */
class PaRoleIT {
    private static StiCaHarness h;
    private static String publicUrl;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_PA_ROLE_ENABLED", "true",
                "STICA_PA_ROLE_ON_SP_REVOKE", "revoke"));
        publicUrl = h.server().publicUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void paRole_registeredSp_getsTokenThatEnrollsAndRevocationStopsIt() throws Exception {
        String apiKey = createSp("1234", "Example Telecom", false);
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1234");
        HttpResponse<String> issued = requestToken("1234", apiKey,
                atc(Carrier.base64Padded(der), false, carrier.spkiFingerprint()));
        assertEquals(200, issued.statusCode(), issued.body());
        JsonObject body = new JsonObject(issued.body());
        assertEquals("success", body.getString("status"));
        // issue 20: the CRL the certificates name in their CRLDP, not the PA's own CRL
        assertEquals(publicUrl + "/crl/shaken.crl", body.getString("crl"));

        Order order = carrier.order(Carrier.base64Url(der));
        var challenge = carrier.answer(order, "atc", body.getString("token"));
        assertEquals(Status.VALID, challenge.getStatus(), () -> "error: " + challenge.getError());
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        KeyPair certKey = TestStiPa.ecKey();
        order.execute(TnAuthCsr.build(certKey, der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));

        // Revoking the SP revokes its certificates (paRole.onSpRevoke=revoke) and stops tokens.
        HttpResponse<String> revoked = admin("POST", "/admin/v1/service-providers/1234/revoke",
                "{}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(1, new JsonObject(revoked.body()).getInteger("certificatesRevoked"));
        assertEquals(1, h.count("FROM certificate WHERE spc = '1234' AND status = 'revoked'"));
        HttpResponse<String> refused = requestToken("1234", apiKey,
                atc(Carrier.base64Padded(der), false, carrier.spkiFingerprint()));
        assertEquals(403, refused.statusCode(), refused.body());
    }

    @Test
    void tokenApi_badCredentials_is403() throws Exception {
        // RFC 9447 §5.1: bad credentials or an unknown account answer 403.
        createSp("2222", "Bad Credentials Telecom", false);
        HttpResponse<String> response = requestToken("2222", "not-the-key",
                atc(Carrier.base64Padded(Carrier.spcDer("2222")), false, fingerprint()));
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"));
    }

    @Test
    void tokenApi_tnAuthListOfAnotherSpc_is403() throws Exception {
        // RFC 9448 §5.6: the authority checks the SP may claim the requested TNAuthList.
        String apiKey = createSp("3333", "Other Telecom", false);
        HttpResponse<String> response = requestToken("3333", apiKey,
                atc(Carrier.base64Padded(Carrier.spcDer("4444")), false, fingerprint()));
        assertEquals(403, response.statusCode(), response.body());
    }

    @Test
    void tokenApi_caTrueForSpWithoutSca_is403() throws Exception {
        // STANDARDS.md §4.1 item 5: ca:true only for SPs flagged for SCA certificates.
        String apiKey = createSp("5555", "No SCA Telecom", false);
        HttpResponse<String> response = requestToken("5555", apiKey,
                atc(Carrier.base64Padded(Carrier.spcDer("5555")), true, fingerprint()));
        assertEquals(403, response.statusCode(), response.body());
    }

    @Test
    void tokenApi_caTrueForScaSp_isIssuedButRefusedForAnEndEntityOrder() throws Exception {
        // STANDARDS.md §4.1 item 5: ca:true for SCA-allowed SPs; RFC 9448 §6 step 9: atc.ca
        // must match the order (a SHAKEN end-entity order requires false).
        String apiKey = createSp("6666", "SCA Telecom", true);
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("6666");
        HttpResponse<String> issued = requestToken("6666", apiKey,
                atc(Carrier.base64Padded(der), true, carrier.spkiFingerprint()));
        assertEquals(200, issued.statusCode(), issued.body());
        Order order = carrier.order(Carrier.base64Url(der));
        var challenge = carrier.answer(order, "atc",
                new JsonObject(issued.body()).getString("token"));
        assertEquals(Status.INVALID, challenge.getStatus());
    }

    @Test
    void caList_publishedTwice_sequenceIncreasesAndVerifiesAgainstPaRoot() throws Exception {
        // STANDARDS.md §4.3 item 5: sequence strictly increasing, ES256 with x5u.
        HttpResponse<String> first = admin("POST", "/admin/v1/pa/ca-list", "{}");
        HttpResponse<String> second = admin("POST", "/admin/v1/pa/ca-list", "{}");
        assertEquals(201, first.statusCode(), first.body());
        long one = new JsonObject(first.body()).getLong("sequence");
        long two = new JsonObject(second.body()).getLong("sequence");
        assertTrue(two > one);
        String jws = new JsonObject(get("/pa/ca-list").body()).getString("caList");
        X509Certificate signer = pem(get("/pa/signer.pem").body());
        X509Certificate root = pem(get("/pa/root.pem").body());
        CaList list = new CaListCheck().check(jws, List.of(signer), List.of(root),
                OptionalLong.of(one), Instant.now());
        assertEquals(two, list.sequence());
        assertEquals(1, list.roots().size());
    }

    @Test
    void trustAnchors_adminApi_listsBothRootsAndRefusesBadInput() throws Exception {
        HttpResponse<String> list = admin("GET", "/admin/v1/sti-pa/trust-anchors", null);
        assertEquals(200, list.statusCode());
        assertEquals(2, new JsonObject(list.body()).getJsonArray("trustAnchors").size());
        HttpResponse<String> bad = admin("POST", "/admin/v1/sti-pa/trust-anchors",
                "{\"certificate\":\"not a pem\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"));
        assertEquals(404, admin("DELETE", "/admin/v1/sti-pa/trust-anchors/999999", null)
                .statusCode());
    }

    private static String createSp(String spc, String name, boolean sca) throws Exception {
        return PaApi.createSp(h, spc, name, sca);
    }

    static JsonObject atc(String tkvalue, boolean ca, String fingerprint) {
        return PaApi.atc(tkvalue, ca, fingerprint);
    }

    static HttpResponse<String> requestToken(String ocn, String apiKey, JsonObject body)
            throws Exception {
        return PaApi.requestToken(publicUrl, ocn, apiKey, body);
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return PaApi.admin(h, method, path, body);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return PaApi.get(publicUrl + path);
    }

    private static X509Certificate pem(String text) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(text.getBytes()));
    }

    private static String fingerprint() throws Exception {
        return Carrier.fingerprint(TestStiPa.ecKey().getPublic());
    }
}
