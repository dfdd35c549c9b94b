package org.stica.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stica.policy.token.SpcToken;
import org.stica.policy.token.SpcTokenParser;
import org.stica.policy.token.SpcTokenVerifier;
import org.stica.policy.token.TokenExpectations;
import org.stica.policy.token.TokenVerdict;
import org.stica.policy.trust.TrustSnapshot;
import org.stica.server.demo.DemoPaKeys;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.TestStiPa;

/**
 * Benchmark (not part of the default run; {@code tests/bin/bench.sh} runs it): SPC token
 * verifications per second on one thread, parse + {@link SpcTokenVerifier} as the server wires it
 * ({@code withSnapshot}: PA root, a PA CRL with 1,000 other serials refreshed now, 24 h max trust
 * age, 60 s skew), the x5u chain already fetched (the server caches it). Prints a {@code BENCH}
 * line. Run it alone:
 * <pre>
 * mvn -B -o verify -pl tests -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=SpcTokenVerifyBench
 * </pre>
 */
@Tag("bench")
class SpcTokenVerifyBench {
    @Test
    void verify_oneThread_printsVerificationsPerSecond() throws Exception {
        Duration run = Duration.ofSeconds(Long.getLong("stica.bench.tokenSeconds", 5L));
        Instant now = Instant.now();
        DemoPaKeys pa = DemoPaKeys.create("Bench STI-PA", now);
        KeyPair account = TestStiPa.ecKey();
        byte[] tnAuthList = Carrier.spcDer("1234");
        String compact = mint(pa, Carrier.base64Padded(tnAuthList), Carrier.fingerprint(account.getPublic()));
        TrustSnapshot snapshot = new TrustSnapshot(List.of(pa.root()), Optional.of(crl(pa.root(), now)),
                Optional.of(now), Optional.of(Duration.ofHours(24)));
        SpcTokenVerifier verifier = SpcTokenVerifier.withSnapshot(() -> snapshot, Clock.systemUTC(),
                Duration.ofSeconds(60));
        SpcTokenParser parser = new SpcTokenParser();
        TokenExpectations expected = new TokenExpectations(tnAuthList, account.getPublic(), false);
        List<X509Certificate> x5u = List.of(pa.signer());

        long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < warmupEnd) {
            verifier.verify(parser.parse(compact), x5u, expected);
        }
        long count = 0;
        long start = System.nanoTime();
        long end = start + run.toNanos();
        TokenVerdict verdict = null;
        while (System.nanoTime() < end) {
            SpcToken token = parser.parse(compact);
            verdict = verifier.verify(token, x5u, expected);
            count++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH SPC token verifications: %.0f/s (parse + verify, 1 thread, %d in %.1f s)%n",
                count / seconds, count, seconds);
        assertEquals(false, verdict.ca());
    }

    private static String mint(DemoPaKeys pa, String tkvalue, String fingerprint) throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .x509CertURL(URI.create("https://pa.example.test/signer.pem")).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("atc", Map.of("tktype", "TNAuthList", "tkvalue", tkvalue, "ca", false,
                        "fingerprint", fingerprint))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) pa.signerKey().getPrivate()));
        return jwt.serialize();
    }

    /**
     * A PA CRL naming the PA root as issuer with 1,000 serials that are not the signer's. The
     * verifier only looks entries up (the CRL's signature is checked when it is loaded), so a
     * throwaway signing key stands in for the root's.
     */
    private static X509CRL crl(X509Certificate root, Instant now) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        for (int i = 1; i <= 1000; i++) {
            builder.addCRLEntry(BigInteger.valueOf(1_000_000L + i), Date.from(now), 1);
        }
        KeyPair throwaway = TestStiPa.ecKey();
        return new JcaX509CRLConverter().getCRL(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(throwaway.getPrivate())));
    }
}
