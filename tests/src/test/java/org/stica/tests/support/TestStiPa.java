package org.stica.tests.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
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
import java.util.Map;
import java.util.UUID;
import org.stica.server.demo.DemoPaKeys;

/**
 * A test STI-PA: its own root and token-signing certificate, an HTTP server publishing the signer
 * certificate (x5u), and SPC tokens minted in the iconectiv shape (STANDARDS.md §3.4, §7.3).
 * A second "rogue" PA with a root nobody trusts serves its x5u from the same server.
 */
public final class TestStiPa implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final Authority trusted;
    private final Authority rogue;

    private record Authority(X509Certificate root, X509Certificate signer, KeyPair signerKey, String path) {
    }

    private TestStiPa(Vertx vertx, HttpServer server, Authority trusted, Authority rogue) {
        this.vertx = vertx;
        this.server = server;
        this.trusted = trusted;
        this.rogue = rogue;
    }

    /** Starts the PA's x5u server on a random loopback port. */
    public static TestStiPa start(Vertx vertx) {
        Authority trusted = authority("Test STI-PA", "/pa/signer.pem");
        Authority rogue = authority("Rogue STI-PA", "/rogue/signer.pem");
        Map<String, String> files = Map.of(trusted.path(), pem(trusted.signer()), rogue.path(),
                pem(rogue.signer()));
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            String body = files.get(req.path());
            if (body == null) {
                req.response().setStatusCode(404).end();
            } else {
                req.response().putHeader("Content-Type", "application/x-pem-file").end(body);
            }
        }).listen(0, "127.0.0.1").await();
        return new TestStiPa(vertx, server, trusted, rogue);
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
        DemoPaKeys keys = DemoPaKeys.create(name, Instant.now());
        return new Authority(keys.root(), keys.signer(), keys.signerKey(), path);
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
