package org.stica.policy.delegate;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.stica.policy.PolicyException;
import org.stica.policy.tnauth.TnAuthListExtension;

/**
 * Lint of a delegate end-entity certificate, the one that signs PASSporTs (RFC 9060 §4;
 * STANDARDS.md §1.1, §2 items 1, 3): v3, ecdsa-with-SHA256, an EC key, not a CA, keyUsage with
 * digitalSignature, an AKI naming its parent, and a non-critical TNAuthList by value that
 * decodes strictly.
 */
public final class DelegateLint {
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String AKI = "2.5.29.35";

    private DelegateLint() {
    }

    /** Findings for a delegate end entity; empty means it passes. */
    public static List<String> lint(X509Certificate cert) {
        List<String> findings = new ArrayList<>();
        if (cert.getVersion() != 3) {
            findings.add("version must be v3");
        }
        if (!ECDSA_WITH_SHA256.equals(cert.getSigAlgOID())) {
            findings.add("signature algorithm must be ecdsa-with-SHA256");
        }
        if (!"EC".equals(cert.getPublicKey().getAlgorithm())) {
            findings.add("the key must be an EC key");
        }
        if (cert.getBasicConstraints() >= 0) {
            findings.add("the delegate that signs PASSporTs must not be a CA (RFC 9060 §4)");
        }
        boolean[] usage = cert.getKeyUsage();
        if (usage == null || !usage[0]) {
            findings.add("keyUsage must include digitalSignature");
        }
        if (cert.getExtensionValue(AKI) == null) {
            findings.add("an AuthorityKeyIdentifier must name the parent (RFC 9060 §4)");
        }
        if (cert.getCriticalExtensionOIDs() != null
                && cert.getCriticalExtensionOIDs().contains(TnAuthListExtension.OID.getId())) {
            findings.add("TNAuthList must be non-critical (RFC 8226 §9)");
        }
        try {
            if (DelegateCertificateCheck.tnAuthList(cert).isEmpty()) {
                findings.add("a TNAuthList by value must be present");
            }
        } catch (PolicyException e) {
            findings.add("TNAuthList is not strict DER: " + e.detail());
        }
        return List.copyOf(findings);
    }
}
