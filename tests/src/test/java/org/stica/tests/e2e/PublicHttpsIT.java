package org.stica.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.server.demo.TnAuthCsr;
import org.stica.testing.RawHttp;
import org.stica.testing.TestTls;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * HTTPS on the public port and the plain-HTTP CRL listener (issue 17), end to end: acme4j and
 * curl over TLS (RFC 8555 §6.1), {@code openssl s_client} refused at TLS 1.1 and negotiating 1.3
 * (and 1.2) and h2 through ALPN; half a request line over TLS closed after the header timeout
 * while requests are served; a certificate replaced on disk served to the next connection while
 * an open one keeps working, on the public and the admin port; the plain listener serving the
 * CRL that issued certificates name (RFC 5280 §4.2.1.13) and refusing ACME. Test certificates
 * come from a throw-away CA.
 */
class PublicHttpsIT {
    private static final int HEADER_TIMEOUT_SECONDS = 2;
    private static StiCaHarness h;
    private static TestTls tls;
    private static Path certFile;
    private static Path keyFile;
    private static Path adminCertFile;
    private static Path adminKeyFile;
    private static int port;
    private static int plainPort;
    private static HttpClient https;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("stica-https");
        tls = TestTls.create(dir);
        certFile = dir.resolve("server.pem");
        keyFile = dir.resolve("server.key");
        tls.issue(certFile, keyFile);
        adminCertFile = dir.resolve("admin.pem");
        adminKeyFile = dir.resolve("admin.key");
        tls.issue(adminCertFile, adminKeyFile);
        port = StiCaHarness.freePort();
        plainPort = StiCaHarness.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("STICA_HTTP_PORT", Integer.toString(port));
        env.put("STICA_PUBLIC_URL", "https://localhost:" + port);
        env.put("STICA_HTTP_TLS_CERT_FILE", certFile.toString());
        env.put("STICA_HTTP_TLS_KEY_FILE", keyFile.toString());
        env.put("STICA_HTTP_TLS_RELOAD_SECONDS", "1");
        env.put("STICA_HTTP_HEADER_TIMEOUT_SECONDS", Integer.toString(HEADER_TIMEOUT_SECONDS));
        env.put("STICA_HTTP_PLAIN_PORT", Integer.toString(plainPort));
        env.put("STICA_HTTP_PLAIN_URL", "http://127.0.0.1:" + plainPort);
        env.put("STICA_ADMIN_TLS_CERT_FILE", adminCertFile.toString());
        env.put("STICA_ADMIN_TLS_KEY_FILE", adminKeyFile.toString());
        // the STI-PA role too: its CRL is named under http.plainUrl as well
        env.put("STICA_PA_ROLE_ENABLED", "true");
        h = StiCaHarness.start(env);
        https = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void acme4jOverTls_enrolls_certificateNamesTheCrlOnThePlainListener() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl(), tls.clientContext());
        byte[] der = Carrier.spcDer("4001");
        Order order = carrier.order(Carrier.base64Url(der));
        var challenge = carrier.answer(order, "atc",
                h.pa.mint(TestStiPa.claims(Carrier.base64Padded(der), carrier.spkiFingerprint())));
        assertEquals(Status.VALID, challenge.getStatus(), () -> "challenge: " + challenge.getError());
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        KeyPair certKey = TestStiPa.ecKey();
        order.execute(TnAuthCsr.build(certKey, der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        X509Certificate leaf = order.getCertificate().getCertificate();

        // the CRL is fetched over plain HTTP, so it never depends on the TLS certificate
        String crlUrl = EnrollmentIT.crlUrl(leaf);
        assertEquals("http://127.0.0.1:" + plainPort + "/crl/shaken.crl", crlUrl);
        HttpResponse<byte[]> crl = HTTP.send(HttpRequest.newBuilder(URI.create(crlUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, crl.statusCode());
        assertEquals("application/pkix-crl", crl.headers().firstValue("Content-Type").orElse(""));
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.body()));
        // STANDARDS.md §6.3 item 1: the CRL's IDP names the URL the certificate names
        assertEquals(crlUrl, idpUrl(parsed));
        assertArrayEquals(crl.body(), https.send(HttpRequest.newBuilder(URI.create(
                        "https://localhost:" + port + "/crl/shaken.crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body(), "the same CRL on both ports");

        // x5u stays on the HTTPS origin (STANDARDS.md §4.4 item 1)
        String x5u = order.getJSON().get("x5u").asString();
        assertTrue(x5u.startsWith("https://localhost:" + port + "/cr/"), x5u);
        HttpResponse<String> repository = https.send(HttpRequest.newBuilder(URI.create(x5u))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, repository.statusCode());
        assertEquals(leaf, EnrollmentIT.parseChain(repository.body()).get(0));
    }

    @Test
    void curlOverTls_getsTheDirectoryOverHttp2() throws Exception {
        OpenSsl.Result curl = OpenSsl.run(List.of("curl", "-sS", "--http2", "--cacert",
                tls.caFile().toString(), "-w", "\nhttp_version=%{http_version}",
                h.directoryUrl()));

        assertEquals(0, curl.exitCode(), curl.output());
        assertTrue(curl.output().contains("\"newNonce\""), curl.output());
        assertTrue(curl.output().endsWith("http_version=2"), curl.output());
    }

    @Test
    void opensslClient_tls11Refused_tls13ByDefault_tls12WithEcdheAead_h2ThroughAlpn()
            throws Exception {
        // SECLEVEL=0 lets this OpenSSL 3 client offer TLS 1.1 at all (checked against an
        // openssl s_server that allows it), so the refusal below is the server's
        OpenSsl.Result tls11 = sClient("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
        assertNotEquals(0, tls11.exitCode(), tls11.output());
        assertTrue(tls11.output().contains("Cipher is (NONE)"), tls11.output());

        OpenSsl.Result tls13 = sClient("-alpn", "h2,http/1.1");
        assertEquals(0, tls13.exitCode(), tls13.output());
        assertTrue(tls13.output().contains("New, TLSv1.3, Cipher is TLS_"), tls13.output());
        assertTrue(tls13.output().contains("Verify return code: 0 (ok)"), tls13.output());
        assertTrue(tls13.output().contains("ALPN protocol: h2"), tls13.output());

        OpenSsl.Result tls12 = sClient("-tls1_2");
        assertEquals(0, tls12.exitCode(), tls12.output());
        assertTrue(tls12.output().matches("(?s).*New, TLSv1\\.2, Cipher is ECDHE-ECDSA-"
                + "(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305).*"), tls12.output());
        OpenSsl.Result cbc = sClient("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256");
        assertNotEquals(0, cbc.exitCode(), "a CBC suite is refused: " + cbc.output());
    }

    @Test
    void halfARequestLineOverTls_isClosedAfterTheHeaderTimeout_requestsServedMeanwhile()
            throws Exception {
        try (SSLSocket slow = connect()) {
            slow.getOutputStream().write("GET /acme/directory HT".getBytes());
            slow.getOutputStream().flush();
            long started = System.nanoTime();
            assertEquals(200, https.send(HttpRequest.newBuilder(URI.create(h.directoryUrl()))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            slow.setSoTimeout(15_000);
            assertEquals(-1, slow.getInputStream().read(), "closed");
            long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(waited < HEADER_TIMEOUT_SECONDS * 1000 + 3000, "closed after " + waited
                    + " ms");
        }
    }

    @Test
    void replacedCertificate_isServedToTheNextConnection_openConnectionKeepsWorking()
            throws Exception {
        try (SSLSocket open = connect()) {
            assertEquals(200, RawHttp.get(open, "/acme/directory").status());
            X509Certificate before = peer(open);
            X509Certificate replaced = tls.issue(certFile, keyFile);
            assertNotEquals(before.getSerialNumber(), replaced.getSerialNumber());

            assertEquals(replaced, servedOnceReloaded(port, replaced),
                    "the next connection gets the new certificate");
            OpenSsl.Result servedSerial = OpenSsl.run(List.of("sh", "-c", "openssl s_client"
                    + " -connect 127.0.0.1:" + port + " -servername localhost </dev/null"
                    + " 2>/dev/null | openssl x509 -noout -serial"));
            String serial = servedSerial.output().trim();
            assertTrue(serial.startsWith("serial="), serial);
            assertEquals(replaced.getSerialNumber(), new BigInteger(serial.substring(7), 16),
                    "openssl sees the new certificate too");
            assertEquals(before, peer(open));
            assertEquals(200, RawHttp.get(open, "/acme/directory").status(),
                    "the connection opened before keeps working");
        }
    }

    @Test
    void adminPort_reloadsItsReplacedCertificateToo() throws Exception {
        int adminPort = h.server().adminPort();
        X509Certificate replaced = tls.issue(adminCertFile, adminKeyFile);

        assertEquals(replaced, servedOnceReloaded(adminPort, replaced));
        try (SSLSocket admin = connect(adminPort)) {
            assertEquals(200, RawHttp.get(admin, "/livez").status());
        }
    }

    @Test
    void requestIds_overHttp2AndOnThePlainListener() throws Exception {
        // issue 17: every listener answers with the request's id, the client's when well formed
        OpenSsl.Result curl = OpenSsl.run(List.of("curl", "-sS", "--http2", "--cacert",
                tls.caFile().toString(), "-o", "/dev/null", "-D", "-", "-H",
                "X-Request-Id: h2-trace-1", h.directoryUrl()));
        assertEquals(0, curl.exitCode(), curl.output());
        assertTrue(curl.output().contains("x-request-id: h2-trace-1"), curl.output());

        String plain = "http://127.0.0.1:" + plainPort;
        HttpResponse<String> crl = HTTP.send(HttpRequest.newBuilder(URI.create(plain
                + "/crl/shaken.crl")).header("X-Request-Id", "plain-trace-1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("plain-trace-1", crl.headers().firstValue("X-Request-Id").orElse(null));
        assertTrue(get(plain + "/acme/directory").headers().firstValue("X-Request-Id")
                .orElse("").matches("[A-Za-z0-9_-]{22}"), "a refusal has an id too");
    }

    @Test
    void plainListener_servesCrlAndRoots_refusesAcmeAndTheRepository() throws Exception {
        String plain = "http://127.0.0.1:" + plainPort;
        assertEquals(200, get(plain + "/crl/shaken.crl").statusCode());
        HttpResponse<String> roots = get(plain + "/ca/roots.pem");
        assertEquals(200, roots.statusCode());
        assertTrue(roots.body().startsWith("-----BEGIN CERTIFICATE-----"), roots.body());

        List<String> refused = new ArrayList<>();
        for (String path : List.of("/acme/directory", "/acme/new-nonce", "/cr/01.pem")) {
            HttpResponse<String> response = get(plain + path);
            assertEquals(404, response.statusCode(), path);
            refused.add(new JsonObject(response.body()).getString("detail"));
        }
        assertTrue(refused.stream().allMatch(d -> d.contains("https://localhost:" + port)),
                refused.toString());
    }

    @Test
    void paRole_crlAndItsSignerAreNamedOnThePlainListener() throws Exception {
        // STANDARDS.md §4.2: the PA CRL's IDP names the URL it is served at, and its AIA the
        // CRL signer's certificate; with http.plainUrl set both are plain-HTTP URLs
        String plain = "http://127.0.0.1:" + plainPort;
        HttpResponse<byte[]> crl = HTTP.send(HttpRequest.newBuilder(URI.create(plain
                + "/pa/crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, crl.statusCode());
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.body()));
        assertEquals(plain + "/pa/crl", idpUrl(parsed));
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(ASN1OctetString
                .getInstance(parsed.getExtensionValue(Extension.authorityInfoAccess.getId()))
                .getOctets());
        String signerUrl = DERIA5String.getInstance(aia.getAccessDescriptions()[0]
                .getAccessLocation().getName()).getString();
        assertEquals(plain + "/pa/crl-signer.pem", signerUrl);
        HttpResponse<String> signer = get(signerUrl);
        assertEquals(200, signer.statusCode());
        X509Certificate crlSigner = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(
                        signer.body().getBytes(StandardCharsets.US_ASCII)));
        parsed.verify(crlSigner.getPublicKey());
    }

    /** The first name of the CRL's Issuing Distribution Point (RFC 5280 §5.2.5). */
    private static String idpUrl(X509CRL crl) {
        IssuingDistributionPoint idp = IssuingDistributionPoint.getInstance(ASN1OctetString
                .getInstance(crl.getExtensionValue(Extension.issuingDistributionPoint.getId()))
                .getOctets());
        GeneralName name = GeneralNames.getInstance(idp.getDistributionPoint().getName())
                .getNames()[0];
        return DERIA5String.getInstance(name.getName()).getString();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static OpenSsl.Result sClient(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + port, "-servername", "localhost", "-CAfile",
                tls.caFile().toString()));
        args.addAll(List.of(options));
        return OpenSsl.run(args);
    }

    /** A new TLS connection (a new client context each time: no session resumption). */
    private static SSLSocket connect() throws Exception {
        return connect(port);
    }

    private static SSLSocket connect(int toPort) throws Exception {
        SSLSocket socket = (SSLSocket) tls.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", toPort);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** The certificate new connections get, once it is {@code expected} (within 10 s). */
    private static X509Certificate servedOnceReloaded(int toPort, X509Certificate expected)
            throws Exception {
        X509Certificate served = null;
        for (int i = 0; i < 100 && !expected.equals(served); i++) {
            Thread.sleep(100);
            try (SSLSocket next = connect(toPort)) {
                served = peer(next);
            }
        }
        return served;
    }

    private static X509Certificate peer(SSLSocket socket) throws Exception {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
}
