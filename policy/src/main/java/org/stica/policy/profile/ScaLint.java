package org.stica.policy.profile;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.stica.policy.PolicyException;
import org.stica.policy.rcd.RcdCertificateLint;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.policy.tnauth.TnAuthListExtension;

/**
 * Lint of the {@code shaken-sca} profile (RFC 9060 §4; STANDARDS.md §2 items 1, 3, 7): v3,
 * ecdsa-with-SHA256, issuer name equal to the issuer's subject, BC critical cA TRUE pathLen 0,
 * KU critical with keyCertSign and without digitalSignature (only EE certificates sign
 * PASSporTs), a non-critical strict-DER TNAuthList, SKI, AKI, CertificatePolicies and CRLDP
 * present, validity inside the issuer's; and the issuer's own pathLenConstraint must allow a CA
 * below it (RFC 5280 §4.2.1.9). JWTClaimConstraints (id-pe 27/33) are refused: end-entity only
 * ({@link RcdCertificateLint}; RFC 8226 §8, RFC 9118 §3).
 */
public final class ScaLint {
    private ScaLint() {
    }

    /** Findings for an SCA certificate; empty means it passes. */
    public static List<String> lint(X509CertificateHolder cert, X509Certificate issuer) {
        List<String> findings = new ArrayList<>();
        if (cert.getVersionNumber() != 3) {
            findings.add("version must be v3");
        }
        if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(
                cert.getSignatureAlgorithm().getAlgorithm())) {
            findings.add("signature algorithm must be ecdsa-with-SHA256");
        }
        if (!cert.getIssuer().equals(X500Name.getInstance(
                issuer.getSubjectX500Principal().getEncoded()))) {
            findings.add("issuer name must equal the issuing CA's subject");
        }
        if (issuer.getBasicConstraints() < 1) {
            findings.add("the issuing CA's pathLenConstraint does not allow an SCA below it");
        }
        lintBasicConstraints(cert, findings);
        lintKeyUsage(cert, findings);
        lintTnAuthList(cert, findings);
        for (var oid : List.of(Extension.subjectKeyIdentifier,
                Extension.authorityKeyIdentifier, Extension.certificatePolicies,
                Extension.cRLDistributionPoints)) {
            if (cert.getExtension(oid) == null) {
                findings.add("extension " + oid + " must be present");
            }
        }
        if (cert.getNotAfter().after(issuer.getNotAfter())) {
            findings.add("notAfter must not exceed the issuer's notAfter");
        }
        findings.addAll(RcdCertificateLint.lint(cert));
        return List.copyOf(findings);
    }

    /**
     * As {@link #lint(X509CertificateHolder, X509Certificate)}, and the CRLDP must name exactly
     * the configured ecosystem's CRL ({@link CrlDistributionLint}).
     */
    public static List<String> lint(X509CertificateHolder cert, X509Certificate issuer,
                                    CrlDistribution ecosystem) {
        List<String> findings = new ArrayList<>(lint(cert, issuer));
        findings.addAll(CrlDistributionLint.lint(cert, ecosystem));
        return List.copyOf(findings);
    }

    private static void lintBasicConstraints(X509CertificateHolder cert, List<String> findings) {
        Extension bc = cert.getExtension(Extension.basicConstraints);
        if (bc == null || !bc.isCritical()) {
            findings.add("basicConstraints must be present and critical");
            return;
        }
        BasicConstraints value = BasicConstraints.getInstance(bc.getParsedValue());
        if (!value.isCA() || value.getPathLenConstraint() == null
                || value.getPathLenConstraint().intValue() != 0) {
            findings.add("basicConstraints must be cA TRUE with pathLenConstraint 0");
        }
    }

    private static void lintKeyUsage(X509CertificateHolder cert, List<String> findings) {
        Extension ku = cert.getExtension(Extension.keyUsage);
        if (ku == null || !ku.isCritical()) {
            findings.add("keyUsage must be present and critical");
            return;
        }
        KeyUsage value = KeyUsage.getInstance(ku.getParsedValue());
        if (!value.hasUsages(KeyUsage.keyCertSign)) {
            findings.add("keyUsage must include keyCertSign");
        }
        if (value.hasUsages(KeyUsage.digitalSignature)) {
            findings.add("keyUsage must not include digitalSignature (only EE certificates"
                    + " sign PASSporTs)");
        }
    }

    private static void lintTnAuthList(X509CertificateHolder cert, List<String> findings) {
        Extension tn = cert.getExtension(TnAuthListExtension.OID);
        if (tn == null) {
            findings.add("TNAuthList must be present");
            return;
        }
        if (tn.isCritical()) {
            findings.add("TNAuthList must be non-critical (RFC 8226 §9)");
        }
        try {
            TnAuthListCodec.decode(tn.getExtnValue().getOctets());
        } catch (PolicyException e) {
            findings.add("TNAuthList is not strict DER: " + e.detail());
        }
    }
}
