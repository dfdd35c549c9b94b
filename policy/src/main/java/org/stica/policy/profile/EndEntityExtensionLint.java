package org.stica.policy.profile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.stica.policy.PolicyException;
import org.stica.policy.rcd.RcdCertificateLint;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.policy.tnauth.TnAuthListExtension;

/**
 * The extension part of the end-entity lint (STANDARDS.md §1.1 item 8, ATIS-1000080 v005
 * §6.4.1.1): exactly BC, KU, SKI, AKI, CP, CRLDP and TNAuthList; only BC and KU critical (and
 * both must be); each value exactly as the §1.1 table says.
 */
final class EndEntityExtensionLint {
    /** The SHAKEN CP arc (STANDARDS.md §1.1 item 9). */
    static final String SHAKEN_CP_ARC = "2.16.840.1.114569.1.1";

    private static final Pattern SPC = Pattern.compile("[A-Z0-9]+");
    private static final byte[] BC_END_ENTITY = HexFormat.of().parseHex("3000");
    private static final byte[] KU_DIGITAL_SIGNATURE = HexFormat.of().parseHex("03020780");
    private static final Map<ASN1ObjectIdentifier, String> REQUIRED = Map.of(
            Extension.basicConstraints, "BasicConstraints",
            Extension.keyUsage, "KeyUsage",
            Extension.subjectKeyIdentifier, "SubjectKeyIdentifier",
            Extension.authorityKeyIdentifier, "AuthorityKeyIdentifier",
            Extension.certificatePolicies, "CertificatePolicies",
            Extension.cRLDistributionPoints, "CRLDistributionPoints",
            TnAuthListExtension.OID, "TNAuthList");

    private EndEntityExtensionLint() {
    }

    /**
     * Adds findings; returns the SPC of a well-formed TNAuthList (for the CN check). With
     * {@code rcdDelegate} the JWTClaimConstraints extensions (id-pe 27/33) are allowed too (the
     * RCD delegate profile; {@link RcdCertificateLint} checks them); otherwise they are refused
     * (STANDARDS.md §1.1; RCD.md §8 item 9).
     */
    static Optional<String> lint(X509CertificateHolder cert, X509Certificate issuer,
                                 boolean rcdDelegate, List<String> findings) {
        Extensions extensions = cert.getExtensions();
        if (extensions == null) {
            findings.add("certificate has no extensions");
            return Optional.empty();
        }
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            String name = REQUIRED.get(oid);
            boolean critical = extensions.getExtension(oid).isCritical();
            if (RcdCertificateLint.present(cert).stream()
                    .anyMatch(extension -> extension.getExtnId().equals(oid))) {
                if (!rcdDelegate) {
                    findings.add("extension " + oid.getId() + " (JWTClaimConstraints) is not"
                            + " allowed in a base SHAKEN end-entity certificate, only in the RCD"
                            + " delegate profile (STANDARDS.md §1.1; RCD.md §8 item 9)");
                }
            } else if (name == null) {
                findings.add("extension " + oid.getId()
                        + " is not allowed in a SHAKEN end-entity certificate");
            } else if (critical != (oid.equals(Extension.basicConstraints)
                    || oid.equals(Extension.keyUsage))) {
                findings.add(name + (critical ? " must not be critical" : " must be critical"));
            }
        }
        REQUIRED.forEach((oid, name) -> {
            if (extensions.getExtension(oid) == null) {
                findings.add(name + " extension is missing");
            }
        });
        try {
            lintValues(extensions, cert, issuer, findings);
            return spc(extensions, findings);
        } catch (RuntimeException e) {
            findings.add("an extension value does not parse");
            return Optional.empty();
        }
    }

    private static void lintValues(Extensions extensions, X509CertificateHolder cert,
                                   X509Certificate issuer, List<String> findings) {
        byte[] bc = value(extensions, Extension.basicConstraints);
        if (bc != null && !Arrays.equals(bc, BC_END_ENTITY)) {
            findings.add("BasicConstraints must be cA FALSE without pathLen (DER 30 00)");
        }
        byte[] ku = value(extensions, Extension.keyUsage);
        if (ku != null && !Arrays.equals(ku, KU_DIGITAL_SIGNATURE)) {
            findings.add("KeyUsage must be digitalSignature only (DER 03 02 07 80)");
        }
        byte[] ski = value(extensions, Extension.subjectKeyIdentifier);
        if (ski != null) {
            byte[] keyId = SubjectKeyIdentifier.getInstance(ski).getKeyIdentifier();
            byte[] expected = sha1(cert.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
            if (!Arrays.equals(keyId, expected)) {
                findings.add("SubjectKeyIdentifier must be the 20-byte SHA-1 of the public key"
                        + " bits (RFC 5280 §4.2.1.2 method 1)");
            }
        }
        byte[] aki = value(extensions, Extension.authorityKeyIdentifier);
        if (aki != null) {
            lintAki(AuthorityKeyIdentifier.getInstance(aki), issuer, findings);
        }
        byte[] cp = value(extensions, Extension.certificatePolicies);
        if (cp != null) {
            lintPolicies(CertificatePolicies.getInstance(cp), findings);
        }
        byte[] crldp = value(extensions, Extension.cRLDistributionPoints);
        if (crldp != null) {
            lintCrlDistributionPoints(CRLDistPoint.getInstance(crldp), findings);
        }
    }

    private static void lintAki(AuthorityKeyIdentifier aki, X509Certificate issuer,
                                List<String> findings) {
        if (aki.getAuthorityCertIssuer() != null || aki.getAuthorityCertSerialNumber() != null) {
            findings.add("AuthorityKeyIdentifier must hold keyIdentifier only");
        }
        byte[] issuerSki = ShakenCertificateTemplates.subjectKeyIdentifier(issuer);
        if (issuerSki == null) {
            findings.add("issuing certificate has no SubjectKeyIdentifier to match the AKI");
        } else if (!Arrays.equals(aki.getKeyIdentifierOctets(), issuerSki)) {
            findings.add("AuthorityKeyIdentifier must equal the issuer's SubjectKeyIdentifier");
        }
    }

    private static void lintPolicies(CertificatePolicies policies, List<String> findings) {
        PolicyInformation[] infos = policies.getPolicyInformation();
        if (infos.length != 1) {
            findings.add("CertificatePolicies must hold exactly one policy, found "
                    + infos.length);
            return;
        }
        String oid = infos[0].getPolicyIdentifier().getId();
        if (!oid.startsWith(SHAKEN_CP_ARC + ".")) {
            findings.add("CertificatePolicies OID " + oid + " is not on the SHAKEN CP arc "
                    + SHAKEN_CP_ARC);
        }
        if (infos[0].getPolicyQualifiers() != null) {
            findings.add("CertificatePolicies must not carry policy qualifiers");
        }
    }

    private static void lintCrlDistributionPoints(CRLDistPoint crldp, List<String> findings) {
        DistributionPoint[] points = crldp.getDistributionPoints();
        if (points.length != 1) {
            findings.add("CRLDistributionPoints must hold exactly one DistributionPoint");
            return;
        }
        DistributionPoint point = points[0];
        DistributionPointName name = point.getDistributionPoint();
        if (name == null || name.getType() != DistributionPointName.FULL_NAME
                || !singleName(GeneralNames.getInstance(name.getName()),
                        GeneralName.uniformResourceIdentifier)) {
            findings.add("CRLDistributionPoints distributionPoint must be a fullName with one URI");
        }
        if (point.getReasons() != null) {
            findings.add("CRLDistributionPoints must not carry reasons");
        }
        if (point.getCRLIssuer() == null
                || !singleName(point.getCRLIssuer(), GeneralName.directoryName)) {
            findings.add("CRLDistributionPoints must carry a cRLIssuer with one directoryName");
        }
    }

    private static boolean singleName(GeneralNames names, int tag) {
        GeneralName[] all = names.getNames();
        return all.length == 1 && all[0].getTagNo() == tag;
    }

    private static Optional<String> spc(Extensions extensions, List<String> findings) {
        byte[] der = value(extensions, TnAuthListExtension.OID);
        if (der == null) {
            return Optional.empty();
        }
        TnAuthList list;
        try {
            list = TnAuthListCodec.decode(der);
        } catch (PolicyException e) {
            findings.add("TNAuthList: " + e.detail());
            return Optional.empty();
        }
        Optional<String> spc = list.singleSpc();
        if (spc.isEmpty()) {
            findings.add("TNAuthList must hold exactly one SPC entry (ATIS-1000080 v005)");
            return Optional.empty();
        }
        if (!SPC.matcher(spc.get()).matches()) {
            findings.add("TNAuthList SPC must match ^[A-Z0-9]+$");
        }
        return spc;
    }

    private static byte[] value(Extensions extensions, ASN1ObjectIdentifier oid) {
        Extension extension = extensions.getExtension(oid);
        return extension == null ? null : extension.getExtnValue().getOctets();
    }

    private static byte[] sha1(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is unavailable", e);
        }
    }

}
