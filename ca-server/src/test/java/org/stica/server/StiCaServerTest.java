package org.stica.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaInitializer;
import org.stica.server.ca.CaNotInitialisedException;

class StiCaServerTest {
    private static TestCa ca;
    private static CaHierarchy hierarchy;
    private static Vertx vertx;
    private static StiCaServer server;
    private static WebClient client;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create();
        hierarchy = StiCaServer.initCa(ca.config());
        vertx = Vertx.vertx();
        server = StiCaServer.start(vertx, ca.config()).await();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void tearDown() {
        client.close();
        server.close().await();
        vertx.close().await();
        ca.close();
    }

    @Test
    void start_portZero_servesTheAcmeDirectory() {
        HttpResponse<Buffer> response = get(server.directoryUrl());

        assertEquals(200, response.statusCode());
        JsonObject directory = response.bodyAsJsonObject();
        assertEquals(server.publicUrl() + "/acme/new-nonce", directory.getString("newNonce"),
                directory.encode());
        assertTrue(server.directoryUrl().startsWith("http://localhost:" + server.publicPort()));
    }

    @Test
    void crl_isServedAsDerSignedByTheCrlSigner() throws Exception {
        // RFC 5280 §4.2.1.13 / STANDARDS.md §6.4.1: DER under application/pkix-crl.
        HttpResponse<Buffer> response = get(publicUrl("/crl/shaken.crl"));

        assertEquals(200, response.statusCode());
        assertEquals("application/pkix-crl", response.getHeader("Content-Type"));
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(response.body().getBytes()));
        crl.verify(hierarchy.crlSigner().getPublicKey());
        assertEquals(hierarchy.crlSigner().getSubjectX500Principal(), crl.getIssuerX500Principal());
        // only GET and HEAD are answered directly; anything else still meets the router's problem
        HttpResponse<Buffer> post = client.postAbs(publicUrl("/crl/shaken.crl")).send().await();
        assertEquals("application/problem+json", post.getHeader("Content-Type"));
        assertTrue(post.statusCode() == 404 || post.statusCode() == 405, "" + post.statusCode());
        HttpResponse<Buffer> head = client.headAbs(publicUrl("/crl/shaken.crl")).send().await();
        assertEquals(200, head.statusCode());
        assertEquals(response.getHeader("ETag"), head.getHeader("ETag"));
        assertEquals(Integer.toString(response.body().length()), head.getHeader("Content-Length"));
    }

    @Test
    void roots_isTheRootCertificatePem() {
        HttpResponse<Buffer> response = get(publicUrl("/ca/roots.pem"));

        assertEquals(200, response.statusCode());
        assertEquals("application/x-pem-file", response.getHeader("Content-Type"));
        assertEquals(CaInitializer.toPem(List.of(hierarchy.root())), response.bodyAsString());
    }

    @Test
    void roots_revalidatedByEtagOrDate_answerNotModified() {
        HttpResponse<Buffer> first = get(publicUrl("/ca/roots.pem"));
        String etag = first.getHeader("ETag");
        String lastModified = first.getHeader("Last-Modified");
        assertNotNull(etag);
        assertEquals(Optional.of(hierarchy.root().getNotBefore().toInstant()),
                org.stica.crl.http.HttpDates.parse(lastModified));

        assertEquals(304, client.getAbs(publicUrl("/ca/roots.pem"))
                .putHeader("If-None-Match", "W/" + etag).send().await().statusCode());
        assertEquals(304, client.getAbs(publicUrl("/ca/roots.pem"))
                .putHeader("If-Modified-Since", lastModified).send().await().statusCode());
        assertEquals(200, client.getAbs(publicUrl("/ca/roots.pem"))
                .putHeader("If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT").send().await()
                .statusCode());
        HttpResponse<Buffer> head = client.headAbs(publicUrl("/crl/signer.pem")).send().await();
        assertEquals(200, head.statusCode());
        assertNotNull(head.getHeader("Last-Modified"));
    }

    @Test
    void crlSigner_isPublishedAsPem() {
        HttpResponse<Buffer> response = get(publicUrl("/crl/signer.pem"));

        assertEquals(200, response.statusCode());
        assertEquals(CaInitializer.toPem(List.of(hierarchy.crlSigner())), response.bodyAsString());
    }

    @Test
    void certificateRepository_issuedSerial_servesChainWithCachingHeaders() {
        // RFC 9448 §7, STANDARDS.md §4.4: EE then intermediate, max-age >= 86400, strong ETag.
        IssuedCertificate issued = issue("ABCD", "acct-cr");

        HttpResponse<Buffer> response = get(issued.x5u().toString());

        assertEquals(200, response.statusCode());
        // STANDARDS.md §4.4 item 5: application/pem-certificate-chain (RFC 8555 §9.1)
        assertEquals("application/pem-certificate-chain", response.getHeader("Content-Type"));
        long maxAge = Long.parseLong(response.getHeader("Cache-Control")
                .replace("public, max-age=", ""));
        // §4.4 item 7: at least a day; never past the certificate's notAfter
        assertTrue(maxAge >= 86_400 && maxAge <= 30 * 86_400L, "max-age " + maxAge);
        assertNotNull(response.getHeader("Last-Modified"));
        assertEquals(CaInitializer.toPem(issued.chain()), response.bodyAsString());
        // the second download is answered from memory without the router: the same answer
        HttpResponse<Buffer> direct = get(issued.x5u().toString());
        assertEquals(200, direct.statusCode());
        assertEquals(response.bodyAsString(), direct.bodyAsString());
        for (String header : List.of("Content-Type", "ETag", "Last-Modified", "Cache-Control")) {
            assertEquals(response.getHeader(header), direct.getHeader(header), header);
        }
        String etag = response.getHeader("ETag");
        assertNotNull(etag);
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
        HttpResponse<Buffer> again = client.getAbs(issued.x5u().toString())
                .putHeader("If-None-Match", etag).send().await();
        assertEquals(304, again.statusCode());
        HttpResponse<Buffer> head = client.headAbs(issued.x5u().toString()).send().await();
        assertEquals(200, head.statusCode());
        assertEquals(etag, head.getHeader("ETag"));
        HttpResponse<Buffer> since = client.getAbs(issued.x5u().toString())
                .putHeader("If-Modified-Since", response.getHeader("Last-Modified")).send().await();
        assertEquals(304, since.statusCode());
    }

    @Test
    void certificateRepository_unknownSerial_isProblem404() {
        HttpResponse<Buffer> response = get(publicUrl("/cr/0123456789abcdef.pem"));

        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertEquals(404, response.bodyAsJsonObject().getInteger("status"));
    }

    @Test
    void admin_withoutToken_isUnauthorizedProblem() {
        HttpResponse<Buffer> response = get(adminUrl("/admin/v1/health"));

        assertEquals(401, response.statusCode());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
    }

    @Test
    void admin_wrongToken_isUnauthorizedProblem() {
        HttpResponse<Buffer> response = client.getAbs(adminUrl("/admin/v1/health"))
                .bearerTokenAuthentication("not-the-token").send().await();

        assertEquals(401, response.statusCode());
    }

    @Test
    void admin_health_reportsDatabaseKeysAndCrl() {
        HttpResponse<Buffer> response = client.getAbs(adminUrl("/admin/v1/health"))
                .bearerTokenAuthentication(TestCa.ADMIN_TOKEN).send().await();

        assertEquals(200, response.statusCode(), response.bodyAsString());
        JsonObject body = response.bodyAsJsonObject();
        assertEquals("ok", body.getString("status"));
        assertEquals("ok", body.getString("database"));
        assertEquals("ok", body.getString("caKeys"));
        assertEquals("ok", body.getJsonObject("crl").getString("status"));
    }

    @Test
    void admin_revoke_revokesOnceAndListsOnTheCrl() throws Exception {
        IssuedCertificate issued = issue("WXYZ", "acct-admin");

        HttpResponse<Buffer> first = revoke(issued.serialHex(), "{\"reason\":\"keyCompromise\"}");
        HttpResponse<Buffer> second = revoke(issued.serialHex(), "{\"reason\":\"keyCompromise\"}");

        assertEquals(200, first.statusCode(), first.bodyAsString());
        // RFC 8555 §7.6 alreadyRevoked, as an RFC 9457 problem.
        assertEquals(409, second.statusCode());
        assertEquals("application/problem+json", second.getHeader("Content-Type"));
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(get(publicUrl("/crl/shaken.crl")).body().getBytes()));
        BigInteger serial = new BigInteger(issued.serialHex(), 16);
        // RFC 5280 §5.3.3: the indirect CRL names our intermediate as the entry's issuer.
        var entry = crl.getRevokedCertificates().stream()
                .filter(e -> e.getSerialNumber().equals(serial)).findFirst().orElseThrow();
        assertEquals(hierarchy.intermediate().getSubjectX500Principal(),
                entry.getCertificateIssuer());
    }

    @Test
    void admin_revokeWithUnknownReason_isBadRevocationReason() {
        // RFC 5280 §5.3.1: certificateHold is not allowed here (STANDARDS.md §6.2.6).
        IssuedCertificate issued = issue("HOLD", "acct-admin");

        HttpResponse<Buffer> response =
                revoke(issued.serialHex(), "{\"reason\":\"certificateHold\"}");

        assertEquals(400, response.statusCode());
        assertTrue(response.bodyAsJsonObject().getString("type").endsWith("badRevocationReason"));
    }

    @Test
    void admin_revokeUnknownSerial_isNotFound() {
        HttpResponse<Buffer> response = revoke("00ff00ff00ff00ff", "{\"reason\":\"superseded\"}");

        assertEquals(404, response.statusCode());
    }

    @Test
    void start_withoutInitCa_refusesWithTheInitCaMessage() {
        try (TestCa fresh = TestCa.create()) {
            Throwable e = assertThrows(Throwable.class,
                    () -> StiCaServer.start(vertx, fresh.config()).await());

            assertTrue(e.getMessage().startsWith(CaNotInitialisedException.MESSAGE),
                    e.getMessage());
        }
    }

    @Test
    void admin_noTokenConfigured_refusesWith503() {
        StiCaServer second = StiCaServer.start(vertx, ca.with("STICA_ADMIN_TOKEN", "").config())
                .await();
        try {
            HttpResponse<Buffer> response = client.getAbs("http://127.0.0.1:" + second.adminPort()
                    + "/admin/v1/health").bearerTokenAuthentication("anything").send().await();

            assertEquals(503, response.statusCode());
        } finally {
            second.close().await();
            ca.with("STICA_ADMIN_TOKEN", TestCa.ADMIN_TOKEN);
        }
    }

    private static IssuedCertificate issue(String spc, String account) {
        return server.certificateAuthority().issue(new IssuanceRequest(account, "order-" + spc,
                newKey(), TnAuthListCodec.encode(TnAuthList.ofSpc(spc)), spc, false,
                Optional.empty(), Optional.empty(), Instant.now().plusSeconds(3600),
                TestSubscribers.CARRIER, Optional.empty())).await();
    }

    private static HttpResponse<Buffer> revoke(String serial, String body) {
        return client.postAbs(adminUrl("/admin/v1/certificates/" + serial + "/revoke"))
                .bearerTokenAuthentication(TestCa.ADMIN_TOKEN)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body)).await();
    }

    private static HttpResponse<Buffer> get(String url) {
        return client.getAbs(url).send().await();
    }

    private static String publicUrl(String path) {
        return "http://127.0.0.1:" + server.publicPort() + path;
    }

    private static String adminUrl(String path) {
        return "http://127.0.0.1:" + server.adminPort() + path;
    }

    private static PublicKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair().getPublic();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
