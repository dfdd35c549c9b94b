package org.stica.policy.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;

/** The signed approved-STI-CA list (STANDARDS.md §4.3). */
class CaListCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final URI X5U = URI.create("https://pa.test/ca-list-signer.pem");
    private static KeyPair rootKeys;
    private static X509Certificate root;
    private static KeyPair signerKeys;
    private static X509Certificate signer;
    private static X509Certificate stiCaRoot;
    private final CaListCheck check = new CaListCheck();

    @BeforeAll
    static void pki() {
        rootKeys = TestPki.p256();
        root = TestPki.root("C=US, O=STI-PA, CN=Test STI-PA Root", rootKeys,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        signerKeys = TestPki.p256();
        signer = TestPki.leaf("C=US, O=STI-PA, CN=CA List Signer", signerKeys, root,
                rootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
        stiCaRoot = TestPki.root("C=US, O=Some STI-CA, CN=STI-CA Root", TestPki.p256(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
    }

    @Test
    void check_signedList_returnsRootsAndSequence() throws Exception {
        String jws = list(8, NOW.plusSeconds(86400), signerKeys.getPrivate());
        CaList accepted = check.check(jws, List.of(signer), List.of(root), OptionalLong.of(7),
                NOW);
        assertEquals(8, accepted.sequence());
        assertEquals(List.of(stiCaRoot), accepted.roots());
        assertEquals(X5U, CaListCheck.x5u(jws));
    }

    @Test
    void check_sequenceNotIncreasing_refusedRollback() throws Exception {
        // STANDARDS.md §4.3 item 4: reject sequence <= the last accepted one (anti-rollback).
        String jws = list(7, NOW.plusSeconds(86400), signerKeys.getPrivate());
        assertRefused(jws, List.of(signer), OptionalLong.of(7), Violation.CA_LIST_ROLLBACK);
    }

    @Test
    void check_expPassed_refusedExpired() throws Exception {
        // STANDARDS.md §4.3 item 4: reject exp in the past.
        String jws = list(9, NOW.minusSeconds(1), signerKeys.getPrivate());
        assertRefused(jws, List.of(signer), OptionalLong.empty(), Violation.CA_LIST_EXPIRED);
    }

    @Test
    void check_signerFromUntrustedRoot_refusedInvalid() throws Exception {
        // STANDARDS.md §4.3 item 2: the signer must chain to the STI-PA root.
        KeyPair otherRootKeys = TestPki.p256();
        X509Certificate otherRoot = TestPki.root("C=US, O=STI-PA, CN=Test STI-PA Root",
                otherRootKeys, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        KeyPair keys = TestPki.p256();
        X509Certificate other = TestPki.leaf("C=US, O=STI-PA, CN=CA List Signer", keys,
                otherRoot, otherRootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
        String jws = list(9, NOW.plusSeconds(86400), keys.getPrivate());
        assertRefused(jws, List.of(other, otherRoot), OptionalLong.empty(),
                Violation.CA_LIST_INVALID);
    }

    @Test
    void check_signedByAnotherKey_refusedInvalid() throws Exception {
        String jws = list(9, NOW.plusSeconds(86400), TestPki.p256().getPrivate());
        assertRefused(jws, List.of(signer), OptionalLong.empty(), Violation.CA_LIST_INVALID);
    }

    @Test
    void check_hs256List_refusedInvalid() {
        // STANDARDS.md §4.3 item 2: alg must be ES256.
        String header = b64("{\"alg\":\"HS256\",\"x5u\":\"" + X5U + "\"}");
        String jws = header + "." + b64("{\"sequence\":9}") + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        assertRefused(jws, List.of(signer), OptionalLong.empty(), Violation.CA_LIST_INVALID);
    }

    private void assertRefused(String jws, List<X509Certificate> chain, OptionalLong last,
                               Violation violation) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> check.check(jws, chain, List.of(root), last, NOW));
        assertEquals(violation, e.violation(), e.detail());
    }

    private static String list(long sequence, Instant exp, PrivateKey key) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", "1");
        payload.put("sequence", sequence);
        payload.put("exp", exp.getEpochSecond());
        payload.put("trustList", List.of(Base64.getEncoder().encodeToString(
                stiCaRoot.getEncoded())));
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT).x509CertURL(X5U).build(), new Payload(payload));
        jws.sign(new ECDSASigner((ECPrivateKey) key));
        return jws.serialize();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes());
    }
}
