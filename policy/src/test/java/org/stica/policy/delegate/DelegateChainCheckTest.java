package org.stica.policy.delegate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.ShakenCertificateTemplates;

/** A delegate chain under our SCA, checked along the whole path (RFC 9060 §4, §5). */
class DelegateChainCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static KeyPair rootKeys;
    private static X509Certificate root;
    private static KeyPair intermediateKeys;
    private static X509Certificate intermediate;
    private static KeyPair scaKeys;
    private static X509Certificate sca;
    private final DelegateChainCheck check = new DelegateChainCheck(
            new DelegateCertificateCheck(new EncompassingCheck(false)));

    @BeforeAll
    static void pki() {
        rootKeys = TestPki.p256();
        root = TestPki.root("C=US, O=STI-CA, CN=Test SHAKEN Root", rootKeys,
                NOW.minusSeconds(3600), NOW.plus(Duration.ofDays(3650)));
        intermediateKeys = TestPki.p256();
        intermediate = TestPki.sign(ShakenCertificateTemplates.intermediate(new CaSpec(
                Optional.of(root), new X500Name("C=US, O=STI-CA, CN=Test SHAKEN Intermediate"),
                intermediateKeys.getPublic(), TestPki.serial(), NOW.minusSeconds(3600),
                NOW.plus(Duration.ofDays(365)), TestPki.CP_1_4, TestPki.CRL_URI,
                TestPki.CRL_ISSUER), 1), rootKeys.getPrivate());
        scaKeys = TestPki.p256();
        sca = TestPki.sign(ShakenCertificateTemplates.sca(TestPki.endEntitySpec(intermediate,
                scaKeys, "1234", NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)))),
                intermediateKeys.getPrivate());
    }

    @Test
    void check_delegateWithinScope_passes() {
        assertDoesNotThrow(() -> check.check(List.of(delegate("1234", scaKeys)), sca,
                intermediate, root, NOW));
    }

    @Test
    void check_delegateOtherSpc_refusedNotEncompassed() {
        // RFC 9060 §4: the delegate's TNAuthList must equal or be a subset of the parent's.
        PolicyException e = assertThrows(PolicyException.class, () -> check.check(
                List.of(delegate("5678", scaKeys)), sca, intermediate, root, NOW));
        assertEquals(Violation.DELEGATE_NOT_ENCOMPASSED, e.violation());
        assertTrue(e.detail().contains("SPC 5678"), e.detail());
    }

    @Test
    void check_delegateSignedByAnotherKey_refusedParentInvalid() {
        PolicyException e = assertThrows(PolicyException.class, () -> check.check(
                List.of(delegate("1234", TestPki.p256())), sca, intermediate, root, NOW));
        assertEquals(Violation.DELEGATE_PARENT_INVALID, e.violation());
    }

    @Test
    void check_caBelowTheSca_refusedByPathLen() {
        // RFC 5280 §4.2.1.9: the SCA has pathLen 0, so no CA may sit below it.
        KeyPair subKeys = TestPki.p256();
        X509Certificate subCa = TestPki.sign(ShakenCertificateTemplates.sca(
                TestPki.endEntitySpec(sca, subKeys, "1234", NOW.minusSeconds(30),
                        NOW.plus(Duration.ofDays(7)))), scaKeys.getPrivate());
        X509Certificate leaf = TestPki.sign(ShakenCertificateTemplates.endEntity(
                TestPki.endEntitySpec(subCa, TestPki.p256(), "1234", NOW.minusSeconds(30),
                        NOW.plus(Duration.ofDays(7)))), subKeys.getPrivate());
        PolicyException e = assertThrows(PolicyException.class, () -> check.check(
                List.of(leaf, subCa), sca, intermediate, root, NOW));
        assertEquals(Violation.DELEGATE_PARENT_INVALID, e.violation());
    }

    @Test
    void check_scaExpired_refusedParentInvalid() {
        PolicyException e = assertThrows(PolicyException.class, () -> check.check(
                List.of(delegate("1234", scaKeys)), sca, intermediate, root,
                NOW.plus(Duration.ofDays(60))));
        assertEquals(Violation.DELEGATE_PARENT_INVALID, e.violation());
    }

    @Test
    void check_noDelegate_refusedMalformed() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> check.check(List.of(), sca, intermediate, root, NOW));
        assertEquals(Violation.DELEGATE_MALFORMED, e.violation());
    }

    @Test
    void lint_caDelegate_reportsFinding() {
        // RFC 9060 §4: only end-entity certificates sign PASSporTs.
        assertTrue(DelegateLint.lint(sca).stream().anyMatch(f -> f.contains("must not be a CA")));
        assertEquals(List.of(), DelegateLint.lint(delegate("1234", scaKeys)));
    }

    private static X509Certificate delegate(String spc, KeyPair signer) {
        return TestPki.sign(ShakenCertificateTemplates.endEntity(TestPki.endEntitySpec(sca,
                TestPki.p256(), spc, NOW.minusSeconds(30), NOW.plus(Duration.ofDays(7)))),
                signer.getPrivate());
    }
}
