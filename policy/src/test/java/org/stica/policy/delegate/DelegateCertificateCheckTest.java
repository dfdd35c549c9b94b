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
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;
import org.stica.policy.profile.ScaLint;
import org.stica.policy.profile.ShakenCertificateTemplates;

/** SCA certificates and their delegates (RFC 9060 §4; STANDARDS.md §2). */
class DelegateCertificateCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static KeyPair rootKeys;
    private static X509Certificate root;
    private static KeyPair scaKeys;
    private static X509CertificateHolder scaHolder;
    private static X509Certificate sca;
    private final DelegateCertificateCheck check =
            new DelegateCertificateCheck(new EncompassingCheck(false));

    @BeforeAll
    static void pki() {
        rootKeys = TestPki.p256();
        root = TestPki.root("C=US, O=STI-CA, CN=Test Root", rootKeys, NOW.minusSeconds(3600),
                NOW.plus(Duration.ofDays(3650)));
        scaKeys = TestPki.p256();
        scaHolder = TestPki.signHolder(ShakenCertificateTemplates.sca(TestPki.endEntitySpec(root,
                scaKeys, "1234", NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)))),
                rootKeys.getPrivate());
        sca = TestPki.toCertificate(scaHolder);
    }

    @Test
    void scaTemplate_underRoot_lintsClean() {
        assertEquals(List.of(), ScaLint.lint(scaHolder, root));
        assertEquals(0, sca.getBasicConstraints());
        assertTrue(sca.getKeyUsage()[5], "keyCertSign");
    }

    @Test
    void scaLint_issuerWithPathLenZero_reportsFinding() {
        // RFC 5280 §4.2.1.9: a pathLen 0 intermediate cannot have a CA below it.
        KeyPair intermediateKeys = TestPki.p256();
        X509Certificate intermediate = TestPki.intermediate("C=US, O=STI-CA, CN=Issuing CA",
                intermediateKeys, root, rootKeys.getPrivate(), NOW.minusSeconds(3600),
                NOW.plus(Duration.ofDays(365)));
        X509CertificateHolder below = TestPki.signHolder(ShakenCertificateTemplates.sca(
                TestPki.endEntitySpec(intermediate, TestPki.p256(), "1234",
                        NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)))),
                intermediateKeys.getPrivate());
        assertTrue(ScaLint.lint(below, intermediate).stream()
                .anyMatch(f -> f.contains("pathLenConstraint")));
    }

    @Test
    void scaLint_endEntityProfile_reportsFindings() {
        X509CertificateHolder ee = TestPki.signHolder(ShakenCertificateTemplates.endEntity(
                TestPki.endEntitySpec(root, TestPki.p256(), "1234", NOW.minusSeconds(60),
                        NOW.plus(Duration.ofDays(30)))), rootKeys.getPrivate());
        List<String> findings = ScaLint.lint(ee, root);
        assertTrue(findings.stream().anyMatch(f -> f.contains("cA TRUE")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("keyCertSign")),
                findings.toString());
    }

    @Test
    void check_delegateWithSameSpc_passes() {
        assertDoesNotThrow(() -> check.check(delegate("1234", scaKeys), sca));
    }

    @Test
    void check_delegateOutsideScaScope_refusedNotEncompassed() {
        // RFC 9060 §4: the delegate's TNAuthList must be within the parent's.
        PolicyException e = assertThrows(PolicyException.class,
                () -> check.check(delegate("5678", scaKeys), sca));
        assertEquals(Violation.DELEGATE_NOT_ENCOMPASSED, e.violation());
    }

    @Test
    void check_delegateSignedByAnotherKey_refusedParentInvalid() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> check.check(delegate("1234", TestPki.p256()), sca));
        assertEquals(Violation.DELEGATE_PARENT_INVALID, e.violation());
    }

    @Test
    void check_parentNotACa_refusedParentInvalid() {
        // RFC 9060 §4: the parent must have BC cA TRUE.
        X509Certificate ee = delegate("1234", scaKeys);
        PolicyException e = assertThrows(PolicyException.class, () -> check.check(ee, ee));
        assertEquals(Violation.DELEGATE_PARENT_INVALID, e.violation());
    }

    private static X509Certificate delegate(String spc, KeyPair signer) {
        return TestPki.sign(ShakenCertificateTemplates.endEntity(TestPki.endEntitySpec(sca,
                TestPki.p256(), spc, NOW.minusSeconds(30), NOW.plus(Duration.ofDays(7)))),
                signer.getPrivate());
    }
}
