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
import java.util.function.IntFunction;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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
    /**
     * More distinct tokens than the verifier remembers (4,096), presented in turn: the least
     * recently verified is always gone, so every presentation pays for its ES256 verification.
     */
    private static final int FIRST_PRESENTATIONS = 8192;

    @Test
    void verify_oneThread_printsVerificationsPerSecond() throws Exception {
        Duration run = Duration.ofSeconds(Long.getLong("stica.bench.tokenSeconds", 5L));
        Instant now = Instant.now();
        DemoPaKeys pa = DemoPaKeys.create("Bench STI-PA", now);
        KeyPair account = TestStiPa.ecKey();
        byte[] tnAuthList = Carrier.spcDer("1234");
        String tkvalue = Carrier.base64Padded(tnAuthList);
        String fingerprint = Carrier.fingerprint(account.getPublic());
        String[] tokens = new String[FIRST_PRESENTATIONS];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = mint(pa, tkvalue, fingerprint);
        }
        TrustSnapshot snapshot = new TrustSnapshot(List.of(pa.root()), Optional.of(crl(pa.root(), now)),
                Optional.of(now), Optional.of(Duration.ofHours(24)));
        SpcTokenVerifier verifier = SpcTokenVerifier.withSnapshot(() -> snapshot, Clock.systemUTC(),
                Duration.ofSeconds(60));
        SpcTokenParser parser = new SpcTokenParser();
        TokenExpectations expected = new TokenExpectations(tnAuthList, account.getPublic(), false);
        List<X509Certificate> x5u = List.of(pa.signer());

        Rate first = rate(Duration.ofSeconds(2), run, i -> tokens[i % tokens.length],
                verifier, parser, x5u, expected);
        Rate again = rate(Duration.ofSeconds(1), run, i -> tokens[0], verifier, parser, x5u,
                expected);
        System.out.printf("BENCH SPC token verifications: %.0f/s (parse + verify, 1 thread, %d"
                        + " distinct tokens in turn, %d in %.1f s); the same token presented"
                        + " again (RFC 9447 §3.3, its signature remembered): %.0f/s%n",
                first.perSecond(), tokens.length, first.count(), first.seconds(),
                again.perSecond());
    }

    private record Rate(long count, double seconds) {
        double perSecond() {
            return count / seconds;
        }
    }

    private static Rate rate(Duration warmup, Duration run, IntFunction<String> token,
                             SpcTokenVerifier verifier, SpcTokenParser parser,
                             List<X509Certificate> x5u, TokenExpectations expected) {
        int i = 0;
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < warmupEnd) {
            verifier.verify(parser.parse(token.apply(i++)), x5u, expected);
        }
        long count = 0;
        long start = System.nanoTime();
        long end = start + run.toNanos();
        while (System.nanoTime() < end) {
            TokenVerdict verdict = verifier.verify(parser.parse(token.apply(i++)), x5u, expected);
            assertEquals(false, verdict.ca());
            count++;
        }
        return new Rate(count, (System.nanoTime() - start) / 1e9);
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
