package org.stica.tests.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.stica.server.demo.DemoPaKeys;

/**
 * A test STI-PA: its own root and token-signing certificate, an HTTP server publishing the signer
 * certificate (x5u), and SPC tokens minted in the iconectiv shape (STANDARDS.md §3.4, §7.3).
 * A second "rogue" PA with a root nobody trusts serves its x5u from the same server. On demand
 * ({@link #crl()}) it also publishes an STI-PA CRL signed by a CRL signer under its root, as the
 * US STI-PA does (issue 20). Its PKI is built on the test side ({@link TestPaKeys}).
 */
public final class TestStiPa implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final Authority trusted;
    private final Authority rogue;
    private final Map<String, Served> files;
    private TestStiPaCrl crl;

    private record Authority(TestPaKeys keys, X509Certificate signer, KeyPair signerKey,
                             String path) {
        X509Certificate root() {
            return keys.root();
        }
    }

    /** A file the PA's server answers with. */
    private record Served(String contentType, byte[] body) {
    }

    private TestStiPa(Vertx vertx, HttpServer server, Authority trusted, Authority rogue,
                      Map<String, Served> files) {
        this.vertx = vertx;
        this.server = server;
        this.trusted = trusted;
        this.rogue = rogue;
        this.files = files;
    }

    /** Starts the PA's x5u server on a random loopback port. */
    public static TestStiPa start(Vertx vertx) {
        Authority trusted = authority("Test STI-PA", "/pa/signer.pem");
        Authority rogue = authority("Rogue STI-PA", "/rogue/signer.pem");
        Map<String, Served> files = new ConcurrentHashMap<>();
        for (Authority pa : List.of(trusted, rogue)) {
            files.put(pa.path(), new Served("application/x-pem-file", pem(pa.signer()).getBytes()));
        }
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            Served served = files.get(req.path());
            if (served == null) {
                req.response().setStatusCode(404).end();
            } else {
                req.response().putHeader("Content-Type", served.contentType())
                        .end(Buffer.buffer(served.body()));
            }
        }).listen(0, "127.0.0.1").await();
        return new TestStiPa(vertx, server, trusted, rogue, files);
    }

    /**
     * The trusted PA's CRL, published at {@code /download/v1/crl} from the first call on (one
     * per PA), with its CRL signer and the root's CRL.
     */
    public synchronized TestStiPaCrl crl() {
        if (crl == null) {
            crl = new TestStiPaCrl(trusted.keys(), "http://127.0.0.1:" + server.actualPort(),
                    (path, type, body) -> files.put(path, new Served(type, body)));
        }
        return crl;
    }

    /** The trusted PA's root certificate. */
    public X509Certificate root() {
        return trusted.root();
    }

    /** The URL prefix to allow for x5u fetching (plain http: an explicitly allowed test prefix). */
    public String x5uPrefix() {
        return "http://127.0.0.1:" + server.actualPort() + "/";
    }

    public URI x5u() {
        return URI.create(x5uPrefix() + trusted.path().substring(1));
    }

    /** PEM of the trusted PA root, for STICA_PA_TRUST_ANCHORS. */
    public String trustAnchorPem() {
        return pem(trusted.root());
    }

    /** Token claims to mint; start from {@link #claims} and change one thing per negative test. */
    public record Claims(String tkvalue, String fingerprint, Instant expires, String jti, boolean ca,
                         String tktype) {
        public Claims withExpires(Instant e) {
            return new Claims(tkvalue, fingerprint, e, jti, ca, tktype);
        }

        public Claims withFingerprint(String f) {
            return new Claims(tkvalue, f, expires, jti, ca, tktype);
        }

        public Claims withTkvalue(String v) {
            return new Claims(v, fingerprint, expires, jti, ca, tktype);
        }

        public Claims withJti(String j) {
            return new Claims(tkvalue, fingerprint, expires, j, ca, tktype);
        }
    }

    public static Claims claims(String tkvalue, String fingerprint) {
        return new Claims(tkvalue, fingerprint, Instant.now().plus(Duration.ofHours(1)),
                UUID.randomUUID().toString(), false, "TNAuthList");
    }

    /** An SPC token signed by the trusted PA's signer. */
    public String mint(Claims c) throws Exception {
        return sign(trusted, c);
    }

    /** The same token shape signed by the rogue PA (chains to an untrusted root). */
    public String mintUntrusted(Claims c) throws Exception {
        return sign(rogue, c);
    }

    private String sign(Authority pa, Claims c) throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .x509CertURL(URI.create(x5uPrefix() + pa.path().substring(1))).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(c.expires()))
                .jwtID(c.jti())
                .claim("atc", Map.of("tktype", c.tktype(), "tkvalue", c.tkvalue(), "ca", c.ca(),
                        "fingerprint", c.fingerprint()))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) pa.signerKey().getPrivate()));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.close().await();
    }

    private static Authority authority(String name, String path) {
        TestPaKeys keys = TestPaKeys.create(name);
        KeyPair signerKey = TestPaKeys.ecKey();
        X509Certificate signer = keys.issue(TestPaKeys.name(name, name + " Token Signer"),
                signerKey, KeyUsage.digitalSignature, 365);
        return new Authority(keys, signer, signerKey, path);
    }

    public static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public static String pem(Object o) {
        return DemoPaKeys.pem(o);
    }
}
