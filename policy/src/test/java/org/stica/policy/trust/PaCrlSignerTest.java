package org.stica.policy.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;

/** An STI-PA CRL signed by a separate CRL signer found through AIA (STANDARDS.md §4.2 item 3). */
class PaCrlSignerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static KeyPair rootKeys;
    private static X509Certificate root;
    private static KeyPair signerKeys;
    private static X509Certificate crlSigner;
    private final PaCrlCheck check = new PaCrlCheck(Duration.ofSeconds(60));

    @BeforeAll
    static void pki() {
        rootKeys = TestPki.p256();
        root = TestPki.root("C=US, O=STI-PA, CN=Test STI-PA Root", rootKeys,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        signerKeys = TestPki.p256();
        crlSigner = TestPki.leaf("C=US, O=STI-PA, CN=STI-PA CRL", signerKeys, root,
                rootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void check_crlFromSignerChainingToRoot_isAccepted() throws Exception {
        X509CRL crl = signedBy(crlSigner, signerKeys);

        assertEquals(crl, check.check(crl.getEncoded(), List.of(root), Optional.empty(), NOW,
                List.of(crlSigner)));
    }

    @Test
    void check_signerNotFound_isRefusedClosed() throws Exception {
        X509CRL crl = signedBy(crlSigner, signerKeys);

        assertRefused(crl, List.of(), "no CRL signer was found through AIA");
        assertTrue(!PaCrlCheck.issuedByRoot(crl, List.of(root)));
    }

    @Test
    void check_signerSubjectDiffersFromCrlIssuer_isRefused() throws Exception {
        KeyPair otherKeys = TestPki.p256();
        X509Certificate other = TestPki.leaf("C=US, O=STI-PA, CN=Another Signer", otherKeys,
                root, rootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)));

        assertRefused(signedBy(crlSigner, signerKeys), List.of(other), "does not equal");
    }

    @Test
    void check_signerUnderUntrustedRoot_isRefused() throws Exception {
        KeyPair forgedRootKeys = TestPki.p256();
        X509Certificate forgedRoot = TestPki.root("C=US, O=STI-PA, CN=Test STI-PA Root",
                forgedRootKeys, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)));
        KeyPair keys = TestPki.p256();
        X509Certificate forged = TestPki.leaf("C=US, O=STI-PA, CN=STI-PA CRL", keys, forgedRoot,
                forgedRootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(5)));

        assertRefused(signedBy(forged, keys), List.of(forged), "STI-PA CRL signer");
    }

    @Test
    void check_crlSignedByAnotherKeyThanTheSigner_isRefused() throws Exception {
        assertRefused(signedBy(crlSigner, TestPki.p256()), List.of(crlSigner),
                "does not verify with the CRL signer's key");
    }

    private void assertRefused(X509CRL crl, List<X509Certificate> signers, String fragment)
            throws Exception {
        PolicyException e = assertThrows(PolicyException.class, () -> check.check(
                crl.getEncoded(), List.of(root), Optional.empty(), NOW, signers));
        assertEquals(Violation.PA_CRL_INVALID, e.violation());
        assertTrue(e.detail().contains(fragment), e.detail());
    }

    private static X509CRL signedBy(X509Certificate issuer, KeyPair keys) {
        return PaCrls.crl(issuer, keys.getPrivate(), 3, NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(1)), List.of());
    }
}
