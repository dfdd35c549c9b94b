package org.stica.tests.pa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * A carrier tool written for the US STI-PA ({@link IconectivClient}, STANDARDS.md §4.1-§4.3)
 * against the server in PA role: it logs in with the user id and password an operator set,
 * gets an SPC token and the signed CA list, and enrolls through acme4j; the token's {@code crl}
 * is the CRL the issued certificate names in its CRLDP (issue 20). Failed logins are refused,
 * audited and rate-limited; expired and revoked access tokens and bad bodies are refused with
 * iconectiv's error envelope and nothing is issued.
 */
class IconectivClientIT {
    private static final int MAX_FAILURES = 3;
    private static final int TOKEN_LIFETIME = 600;
    private static StiCaHarness h;
    private static String publicUrl;
    private static IconectivClient client;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_PA_ROLE_ENABLED", "true",
                "STICA_PA_ROLE_LOGIN_MAX_FAILURES", Integer.toString(MAX_FAILURES),
                "STICA_PA_ROLE_ACCESS_TOKEN_LIFETIME_SECONDS", Integer.toString(TOKEN_LIFETIME)));
        publicUrl = h.server().publicUrl();
        client = new IconectivClient(publicUrl);
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void carrierTool_logsInGetsTokenAndCaListAndEnrolls_tokenCrlIsTheCertificatesCrldp()
            throws Exception {
        String apiKey = PaApi.createSp(h, "1001", "Iconectiv Client Telecom", false);
        String password = setLogin("1001", "carrier-1001");
        assertEquals(201, PaApi.admin(h, "POST", "/admin/v1/pa/ca-list", "{}").statusCode());

        IconectivClient.Answer login = client.login("carrier-1001", password);
        assertTrue(login.success(), login.body().encode());
        assertEquals(TOKEN_LIFETIME, login.body().getInteger("expiresIn"));
        String accessToken = login.body().getString("accessToken");

        // STANDARDS.md §4.3: the CA list verifies under the STI-PA root and approves our root
        IconectivClient.Answer caList = client.caList(accessToken);
        assertTrue(caList.success(), caList.body().encode());
        IconectivClient.CaList list = client.verifyCaList(caList.body().getString("caList"),
                pem(PaApi.get(publicUrl + "/pa/root.pem").body()));
        assertEquals("1", list.version());
        assertTrue(list.sequence() >= 1);
        assertEquals(pem(PaApi.get(publicUrl + "/ca/roots.pem").body()),
                list.trustList().get(0));

        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1001");
        IconectivClient.Answer token = client.requestToken(accessToken, "1001",
                IconectivClient.atc(der, false, carrier.spkiFingerprint()));
        assertTrue(token.success(), token.body().encode());
        assertEquals("SPC token for spc: 1001 is created successfully", token.message());

        Order order = carrier.order(Carrier.base64Url(der));
        var challenge = carrier.answer(order, "atc", token.body().getString("token"));
        assertEquals(Status.VALID, challenge.getStatus(), () -> "error: " + challenge.getError());
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        KeyPair certKey = TestStiPa.ecKey();
        order.execute(TnAuthCsr.build(certKey, der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        X509Certificate issued = order.getCertificate().getCertificate();

        // issue 20: the token's crl is the CRL the certificate names, on both token routes
        assertEquals(crlDistributionPoint(issued), token.body().getString("crl"));
        HttpResponse<String> byApiKey = PaApi.requestToken(publicUrl, "1001", apiKey,
                new JsonObject().put("atc", IconectivClient.atc(der, false,
                        carrier.spkiFingerprint())));
        assertEquals(200, byApiKey.statusCode(), byApiKey.body());
        assertEquals(crlDistributionPoint(issued),
                new JsonObject(byApiKey.body()).getString("crl"));
        // ...and that CRL is served, issued and signed by this CA's CRL signer
        X509CRL crl = crl(client.crl(token.body().getString("crl")));
        X509Certificate crlSigner = pem(PaApi.get(publicUrl + "/crl/signer.pem").body());
        crl.verify(crlSigner.getPublicKey());
        assertEquals(crlSigner.getSubjectX500Principal(), crl.getIssuerX500Principal());
    }

    @Test
    void downloadCrl_isThePaCrlInPem() throws Exception {
        byte[] pemServed = client.crl(publicUrl + "/download/v1/crl");
        byte[] derServed = PaApi.getBytes(publicUrl + "/pa/crl");

        assertTrue(new String(PaApi.getBytes(publicUrl + "/download/v1/crl"))
                .startsWith("-----BEGIN X509 CRL-----"));
        assertArrayEquals(derServed, pemServed);
        crl(pemServed);
    }

    @Test
    void login_wrongPassword_is403AuditedAndAfterMaxFailures429WithRetryAfter()
            throws Exception {
        PaApi.createSp(h, "1002", "Guessed Telecom", false);
        String password = setLogin("1002", "carrier-1002");
        long auditedBefore = audited("pa.login-failed", "1002");

        for (int i = 0; i < MAX_FAILURES; i++) {
            IconectivClient.Answer wrong = client.login("carrier-1002", "not-the-password");
            assertEquals(403, wrong.httpStatus(), wrong.body().encode());
            assertEquals("error", wrong.body().getString("status"));
            assertEquals("invalid userId or password", wrong.message());
            assertFalse(wrong.body().containsKey("accessToken"));
        }
        IconectivClient.Answer throttled = client.login("carrier-1002", password);

        assertEquals(429, throttled.httpStatus(), throttled.body().encode());
        assertEquals("error", throttled.body().getString("status"));
        assertTrue(Long.parseLong(throttled.retryAfter().orElseThrow()) > 0);
        assertEquals(MAX_FAILURES + 1, audited("pa.login-failed", "1002") - auditedBefore);
        assertEquals(0, h.count("FROM pa_access_token WHERE spc = '1002'"));
    }

    @Test
    void accessToken_expiredRevokedOrSupersededByANewPassword_isRefusedWith403()
            throws Exception {
        PaApi.createSp(h, "1003", "Expiring Telecom", false);
        String password = setLogin("1003", "carrier-1003");
        String expiring = accessToken("carrier-1003", password);
        String revoked = accessToken("carrier-1003", password);
        JsonObject atc = IconectivClient.atc(Carrier.spcDer("1003"), false, fingerprint());
        assertTrue(client.requestToken(expiring, "1003", atc).success());

        expire(expiring);
        assertEquals(200, PaApi.admin(h, "POST",
                "/admin/v1/service-providers/1003/access-tokens/revoke", null).statusCode());

        IconectivClient.Answer afterExpiry = client.requestToken(expiring, "1003", atc);
        assertEquals(403, afterExpiry.httpStatus());
        assertTrue(afterExpiry.message().contains("expired"), afterExpiry.message());
        assertEquals(403, client.caList(expiring).httpStatus());
        IconectivClient.Answer afterRevocation = client.requestToken(revoked, "1003", atc);
        assertEquals(403, afterRevocation.httpStatus());
        assertTrue(afterRevocation.message().contains("revoked"), afterRevocation.message());

        String current = accessToken("carrier-1003", password);
        String newPassword = setLogin("1003", "carrier-1003");
        assertEquals(403, client.requestToken(current, "1003", atc).httpStatus());
        assertEquals(403, client.login("carrier-1003", password).httpStatus());
        assertTrue(client.login("carrier-1003", newPassword).success());
    }

    @Test
    void tokenRequest_badBodiesOrAnotherAccount_refusedWithAClearErrorAndNothingIssued()
            throws Exception {
        PaApi.createSp(h, "1004", "Careless Telecom", false);
        PaApi.createSp(h, "1005", "Other Telecom", false);
        String password = setLogin("1004", "carrier-1004");
        String accessToken = accessToken("carrier-1004", password);
        String fingerprint = fingerprint();
        JsonObject good = IconectivClient.atc(Carrier.spcDer("1004"), false, fingerprint);
        Map<String, Integer> bodies = Map.of(
                "not json", 400,
                "{}", 400,
                new JsonObject().put("atc", good.copy().put("tktype", "TN")).encode(), 400,
                new JsonObject().put("atc", good.copy().put("tkvalue", "bm90IERFUg==")).encode(),
                400,
                new JsonObject().put("atc", good.copy().put("fingerprint", "SHA256 00"))
                        .encode(), 400,
                new JsonObject().put("atc", good.copy().put("ca", "yes")).encode(), 400,
                new JsonObject().put("atc", IconectivClient.atc(Carrier.spcDer("1005"), false,
                        fingerprint)).encode(), 403);

        for (Map.Entry<String, Integer> body : bodies.entrySet()) {
            IconectivClient.Answer refused = client.requestToken(accessToken, "1004",
                    body.getKey());
            assertEquals((int) body.getValue(), refused.httpStatus(), body.getKey());
            assertEquals("error", refused.body().getString("status"), body.getKey());
            assertFalse(refused.message().isBlank(), body.getKey());
            assertFalse(refused.body().containsKey("token"), body.getKey());
        }
        IconectivClient.Answer otherAccount = client.requestToken(accessToken, "1005",
                IconectivClient.atc(Carrier.spcDer("1005"), false, fingerprint));
        assertEquals(403, otherAccount.httpStatus());
        assertEquals(400, client.login("carrier-1004", "").httpStatus());
        assertEquals(403, client.caList("at.not-a-token").httpStatus());

        assertEquals(0, audited("pa.token-issued", "1004") + audited("pa.token-issued", "1005"));
    }

    @Test
    void adminApi_showsLoginAndTokensWithoutSecrets_revokesOneAndRemovesTheLogin()
            throws Exception {
        PaApi.createSp(h, "1006", "Administered Telecom", false);
        String password = setLogin("1006", "carrier-1006");
        String first = accessToken("carrier-1006", password);
        String second = accessToken("carrier-1006", password);
        String base = "/admin/v1/service-providers/1006";

        HttpResponse<String> login = PaApi.admin(h, "GET", base + "/login", null);
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("carrier-1006", new JsonObject(login.body()).getString("userId"));
        assertFalse(login.body().contains(password));
        HttpResponse<String> tokens = PaApi.admin(h, "GET", base + "/access-tokens", null);
        assertEquals(2, new JsonObject(tokens.body()).getJsonArray("accessTokens").size());
        assertFalse(tokens.body().contains(first) || tokens.body().contains(second));

        String firstId = new JsonObject(tokens.body()).getJsonArray("accessTokens")
                .getJsonObject(0).getString("id");
        assertEquals(204, PaApi.admin(h, "DELETE", base + "/access-tokens/" + firstId, null)
                .statusCode());
        assertEquals(404, PaApi.admin(h, "DELETE", base + "/access-tokens/" + firstId, null)
                .statusCode());
        assertEquals(403, client.caList(first).httpStatus(), "the revoked token is refused");
        assertEquals(400, PaApi.admin(h, "PUT", base + "/login", "{\"userId\":\"a b\"}")
                .statusCode());
        assertEquals(400, PaApi.admin(h, "PUT", base + "/login", "{\"user\":\"x\"}")
                .statusCode());

        HttpResponse<String> removed = PaApi.admin(h, "DELETE", base + "/login", null);
        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(1, new JsonObject(removed.body()).getInteger("accessTokensRevoked"));
        assertEquals(403, client.requestToken(second, "1006", IconectivClient.atc(
                Carrier.spcDer("1006"), false, fingerprint())).httpStatus());
        assertEquals(403, client.login("carrier-1006", password).httpStatus());
        assertEquals(404, PaApi.admin(h, "GET", base + "/login", null).statusCode());
    }

    private static String accessToken(String userId, String password) throws Exception {
        IconectivClient.Answer login = client.login(userId, password);
        assertTrue(login.success(), login.body().encode());
        return login.body().getString("accessToken");
    }

    private static String setLogin(String spc, String userId) throws Exception {
        HttpResponse<String> set = PaApi.admin(h, "PUT", "/admin/v1/service-providers/" + spc
                + "/login", new JsonObject().put("userId", userId).encode());
        assertEquals(200, set.statusCode(), set.body());
        return new JsonObject(set.body()).getString("password");
    }

    /** How many audit records of {@code type} name {@code subject}, read via the admin API. */
    private static long audited(String type, String subject) throws Exception {
        HttpResponse<String> events = PaApi.admin(h, "GET", "/admin/v1/audit-events?type="
                + type + "&subject=" + subject + "&limit=500", null);
        assertEquals(200, events.statusCode(), events.body());
        return new JsonObject(events.body()).getJsonArray("items").size();
    }

    /** Moves the access token's expiry into the past, as the clock would. */
    private static void expire(String accessToken) throws Exception {
        try (Connection c = DriverManager.getConnection(h.db.jdbcUrl(), h.db.user(),
                h.db.password());
             PreparedStatement s = c.prepareStatement("UPDATE pa_access_token"
                     + " SET issued_at = now() - interval '2 hours',"
                     + " expires_at = now() - interval '1 hour' WHERE token_sha256 = encode("
                     + "sha256(convert_to(?, 'UTF8')), 'hex')")) {
            s.setString(1, accessToken);
            assertEquals(1, s.executeUpdate());
        }
    }

    private static String crlDistributionPoint(X509Certificate certificate) {
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(
                certificate.getExtensionValue("2.5.29.31")).getOctets());
        GeneralName uri = GeneralNames.getInstance(points.getDistributionPoints()[0]
                .getDistributionPoint().getName()).getNames()[0];
        return uri.getName().toString();
    }

    private static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(der));
    }

    private static X509Certificate pem(String text) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(text.getBytes()));
    }

    private static String fingerprint() throws Exception {
        return Carrier.fingerprint(TestStiPa.ecKey().getPublic());
    }
}
