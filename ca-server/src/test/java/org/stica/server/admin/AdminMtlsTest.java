package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;

/**
 * Optional mTLS on the admin port (issue 6): with {@code admin.tls.*} set the admin API is served
 * over TLS and requires a client certificate from the configured CA; the certificate's subject is
 * mapped to a role ({@code admin.tls.clientRoles}), bearer keys keep working, and the login is
 * audited. Certificates are generated with Bouncy Castle.
 */
class AdminMtlsTest {
    private static TestCa ca;
    private static Vertx vertx;
    private static StiCaServer server;
    private static Path dir;
    private static KeyPair caKey;
    private static X509Certificate caCert;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("stica-admin-tls");
        caKey = ecKey();
        caCert = certificate("CN=Admin Client CA", caKey, "CN=Admin Client CA", caKey, true);
        KeyPair serverKey = ecKey();
        write("ca.pem", caCert);
        write("server.pem", certificate("CN=localhost", serverKey, "CN=Admin Client CA", caKey,
                false));
        writeKey("server.key", serverKey);
        client("alice");
        client("bob");
        client("mallory");
        ca = TestCa.create()
                .with("STICA_ADMIN_TLS_CERT_FILE", dir.resolve("server.pem").toString())
                .with("STICA_ADMIN_TLS_KEY_FILE", dir.resolve("server.key").toString())
                .with("STICA_ADMIN_TLS_CLIENT_CA_FILE", dir.resolve("ca.pem").toString())
                .with("STICA_ADMIN_TLS_CLIENT_ROLES",
                        "CN=alice,O=Example=>admin; CN=bob,O=Example=>auditor");
        StiCaServer.initCa(ca.config());
        vertx = Vertx.vertx();
        server = StiCaServer.start(vertx, ca.config()).await();
    }

    @AfterAll
    static void tearDown() {
        server.close().await();
        vertx.close().await();
        ca.close();
    }

    @Test
    void noClientCertificate_isRefusedByTheHandshake() {
        WebClient anonymous = client(Optional.empty());
        try {
            assertThrows(Exception.class, () -> anonymous.getAbs(url("/admin/v1/health"))
                    .bearerTokenAuthentication(TestCa.ADMIN_TOKEN).send().await());
        } finally {
            anonymous.close();
        }
    }

    @Test
    void mappedClientCertificate_getsItsRole() {
        WebClient alice = client(Optional.of("alice"));
        WebClient bob = client(Optional.of("bob"));
        try {
            assertEquals(200, get(alice, "/admin/v1/api-keys", null).statusCode());
            assertEquals(200, get(bob, "/admin/v1/certificates", null).statusCode());
            HttpResponse<Buffer> denied = get(bob, "/admin/v1/api-keys", null);
            assertEquals(403, denied.statusCode(), denied.bodyAsString());

            String logins = get(alice, "/admin/v1/audit-events?type=admin.login", null)
                    .bodyAsString();
            assertTrue(logins.contains("mtls:CN=alice,O=Example"), logins);
            assertTrue(logins.contains("client-certificate"), logins);
        } finally {
            alice.close();
            bob.close();
        }
    }

    @Test
    void unmappedClientCertificate_is401_butABearerKeyStillWorks() {
        WebClient mallory = client(Optional.of("mallory"));
        try {
            HttpResponse<Buffer> refused = get(mallory, "/admin/v1/certificates", null);
            assertEquals(401, refused.statusCode(), refused.bodyAsString());
            assertEquals(200, get(mallory, "/admin/v1/certificates", TestCa.ADMIN_TOKEN)
                    .statusCode());
        } finally {
            mallory.close();
        }
    }

    private static HttpResponse<Buffer> get(WebClient client, String path, String bearer) {
        var request = client.getAbs(url(path));
        if (bearer != null) {
            request.bearerTokenAuthentication(bearer);
        }
        return request.send().await();
    }

    private static String url(String path) {
        return "https://localhost:" + server.adminPort() + path;
    }

    private static WebClient client(Optional<String> name) {
        WebClientOptions options = new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(dir.resolve("ca.pem")
                        .toString()));
        name.ifPresent(n -> options.setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(dir.resolve(n + ".pem").toString())
                .setKeyPath(dir.resolve(n + ".key").toString())));
        return WebClient.create(vertx, options);
    }

    private static void client(String name) throws Exception {
        KeyPair key = ecKey();
        write(name + ".pem", certificate("CN=" + name + ",O=Example", key, "CN=Admin Client CA",
                caKey, false));
        writeKey(name + ".key", key);
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer,
                                               KeyPair issuerKey, boolean isCa)
            throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))),
                name(subject), subjectKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.dNSName, "localhost")));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    /** The DN as the JDK reads RFC 4514 text (the form admin.tls.clientRoles uses). */
    private static X500Name name(String rfc4514) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc4514)
                .getEncoded());
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static void write(String file, Object pemObject) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(pemObject);
        }
        Files.writeString(dir.resolve(file), out.toString());
    }

    private static void writeKey(String file, KeyPair key) throws IOException {
        write(file, new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key.getPrivate(), null)
                .generate());
    }
}
