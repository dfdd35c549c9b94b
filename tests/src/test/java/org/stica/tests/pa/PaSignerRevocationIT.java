package org.stica.tests.pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.policy.trust.PaCrlCheck;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;

/**
 * PA signer revocation and the separate PA CRL signer (STANDARDS.md §4.2 items 2-3): the server
 * in PA role signs its CRL with a CRL signer named by AIA; the same server in CA role accepts
 * that CRL through AIA and, once the PA signer is revoked through the admin API, refuses SPC
 * tokens it signed.
 */
class PaSignerRevocationIT {
    private static StiCaHarness h;
    private static String publicUrl;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        publicUrl = "http://127.0.0.1:" + port;
        h = StiCaHarness.start(Map.of("STICA_PA_ROLE_ENABLED", "true",
                "STICA_HTTP_PORT", Integer.toString(port), "STICA_PUBLIC_URL", publicUrl,
                "STICA_PA_CRL_URL", publicUrl + "/pa/crl"));
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void revokedPaSigner_isOnThePaCrlAndItsTokensAreRefused() throws Exception {
        // the CA role accepts the PA CRL signed by the PA CRL signer found through AIA
        HttpResponse<String> refreshed = PaApi.admin(h, "POST", "/admin/v1/sti-pa/crl/refresh",
                "{}");
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        String apiKey = PaApi.createSp(h, "4321", "Signer Test Telecom", false);
        Carrier carrier = Carrier.register(h.directoryUrl());
        var accepted = enroll(carrier, token(apiKey, carrier));
        assertEquals(Status.VALID, accepted.getStatus(), () -> String.valueOf(
                accepted.getError()));

        JsonObject signers = new JsonObject(PaApi.admin(h, "GET", "/admin/v1/pa/signers", null)
                .body());
        JsonObject signer = signers.getJsonArray("signers").getJsonObject(0);
        assertEquals("active", signer.getString("status"));
        String serial = signer.getString("serial");
        String issuedBeforeRevocation = token(apiKey, carrier);
        HttpResponse<String> revoked = PaApi.admin(h, "POST", "/admin/v1/pa/signers/" + serial
                + "/revoke", "{\"reason\":\"keyCompromise\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(409, PaApi.admin(h, "POST", "/admin/v1/pa/signers/" + serial + "/revoke",
                "{\"reason\":\"keyCompromise\"}").statusCode());
        // the PA itself stops signing with a revoked signer (fail closed)
        HttpResponse<String> noToken = PaApi.requestToken(publicUrl, "4321", apiKey, PaApi.atc(
                Carrier.base64Padded(Carrier.spcDer("4321")), false, carrier.spkiFingerprint()));
        assertEquals(503, noToken.statusCode(), noToken.body());
        assertTrue(noToken.body().contains("paSignerRevoked"), noToken.body());

        // STANDARDS.md §4.2: indirect CRL from the CRL signer, IDP, AIA to the signer
        X509CRL crl = paCrl();
        X509Certificate paSigner = certificate(PaApi.get(publicUrl + "/pa/signer.pem").body());
        X509Certificate crlSigner = certificate(PaApi.get(publicUrl + "/pa/crl-signer.pem")
                .body());
        assertEquals(crlSigner.getSubjectX500Principal(), crl.getIssuerX500Principal());
        assertNotNull(crl.getRevokedCertificate(paSigner), "the PA signer is listed");
        assertNotNull(crl.getExtensionValue("2.5.29.28"), "issuingDistributionPoint");
        assertEquals(URI.create(publicUrl + "/pa/crl-signer.pem"),
                PaCrlCheck.caIssuersUrl(crl).orElseThrow());
        crl.verify(crlSigner.getPublicKey());

        assertEquals(200, PaApi.admin(h, "POST", "/admin/v1/sti-pa/crl/refresh", "{}")
                .statusCode());
        var refused = enroll(carrier, issuedBeforeRevocation);
        assertEquals(Status.INVALID, refused.getStatus());
        // RFC 9448 §6 step 2 / STANDARDS.md §3.5 item 4: the signer must not be revoked
        assertTrue(refused.getError().orElseThrow().getDetail().orElse("").contains("STI-PA CRL"),
                () -> String.valueOf(refused.getError()));
    }

    private static String token(String apiKey, Carrier carrier) throws Exception {
        HttpResponse<String> issued = PaApi.requestToken(publicUrl, "4321", apiKey, PaApi.atc(
                Carrier.base64Padded(Carrier.spcDer("4321")), false, carrier.spkiFingerprint()));
        assertEquals(200, issued.statusCode(), issued.body());
        return new JsonObject(issued.body()).getString("token");
    }

    private static org.stica.server.demo.TkAuthChallenge enroll(Carrier carrier, String token)
            throws Exception {
        Order order = carrier.order(Carrier.base64Url(Carrier.spcDer("4321")));
        var challenge = carrier.answer(order, "atc", token);
        if (challenge.getStatus() == Status.VALID) {
            assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        }
        return challenge;
    }

    private static X509CRL paCrl() throws Exception {
        byte[] der = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(publicUrl + "/pa/crl")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        return (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(der));
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes()));
    }
}
