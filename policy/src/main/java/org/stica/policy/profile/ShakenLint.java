package org.stica.policy.profile;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.RcdCertificateLint;

/**
 * The profile lint (ATIS-1000080 §6.4.1 / zlint SHAKEN lints, STANDARDS.md §1.1): run on a
 * certificate signed by a throw-away key before the real signature; any finding blocks issuance.
 *
 * <p>{@link #lintEndEntity} checks every item of STANDARDS.md §1.1: v3; serial positive, at least
 * 64 bits, at most 20 octets; ecdsa-with-SHA256 with absent parameters (inner and outer); issuer
 * bytes equal to the issuer's subject; subject with exactly one C ({@code ^[A-Z]{2}$}), one O and
 * one CN equal to {@code "SHAKEN " + SPC} (ST, L, OU and serialNumber tolerated); an EC P-256
 * key; the extension allow-list and values (see {@link EndEntityExtensionLint}); UTCTime through
 * 2049; notBefore &lt; notAfter &lt;= the issuer's notAfter. The CertificatePolicies OID must be
 * on the SHAKEN CP arc {@code 2.16.840.1.114569.1.1}. A certificate carrying JWTClaimConstraints
 * (id-pe 27/33) also gets {@link RcdCertificateLint}; only {@link #lintRcdDelegate} allows them.
 */
public final class ShakenLint {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<ASN1ObjectIdentifier> OPTIONAL_SUBJECT_ATTRIBUTES =
            Set.of(BCStyle.ST, BCStyle.L, BCStyle.OU, BCStyle.SERIALNUMBER);
    private static final Date UTC_TIME_LIMIT = new Date(2524608000000L); // 2050-01-01T00:00:00Z

    private ShakenLint() {
    }

    /** Findings for an end-entity certificate; empty means it passes. */
    public static List<String> lintEndEntity(X509CertificateHolder cert, X509Certificate issuer) {
        List<String> findings = new ArrayList<>(lintEndEntity(cert, issuer, false));
        findings.addAll(RcdCertificateLint.lint(cert));
        return List.copyOf(findings);
    }

    /**
     * Findings for an RCD delegate end entity (RCD.md §8 items 2, 5, 7, 9): every check of
     * {@link #lintEndEntity(X509CertificateHolder, X509Certificate, CrlDistribution)}, except that
     * exactly one of JWTClaimConstraints (id-pe 27) / EnhancedJWTClaimConstraints (id-pe 33) must
     * be present, byte-for-byte {@code identifierDer}, the order's JWTClaimConstraints identifier
     * ({@link RcdCertificateLint#lintRcdDelegate}).
     */
    public static List<String> lintRcdDelegate(X509CertificateHolder cert, X509Certificate issuer,
                                               CrlDistribution ecosystem,
                                               byte[] identifierDer) {
        List<String> findings = new ArrayList<>(lintEndEntity(cert, issuer, true));
        findings.addAll(RcdCertificateLint.lintRcdDelegate(cert, identifierDer));
        findings.addAll(CrlDistributionLint.lint(cert, ecosystem));
        return List.copyOf(findings);
    }

    private static List<String> lintEndEntity(X509CertificateHolder cert, X509Certificate issuer,
                                              boolean rcdDelegate) {
        List<String> findings = new ArrayList<>();
        TBSCertificate tbs = cert.toASN1Structure().getTBSCertificate();
        if (cert.getVersionNumber() != 3) {
            findings.add("version must be v3, found v" + cert.getVersionNumber());
        }
        lintSerial(cert.getSerialNumber(), findings);
        lintSignatureAlgorithm(cert.getSignatureAlgorithm(), tbs.getSignature(), findings);
        lintIssuer(cert.getIssuer(), issuer, findings);
        if (tbs.getIssuerUniqueId() != null || tbs.getSubjectUniqueId() != null) {
            findings.add("issuerUniqueID and subjectUniqueID must be absent");
        }
        lintPublicKey(cert.getSubjectPublicKeyInfo(), findings);
        Optional<String> spc = EndEntityExtensionLint.lint(cert, issuer, rcdDelegate, findings);
        lintSubject(cert.getSubject(), spc, findings);
        lintValidity(tbs, issuer, findings);
        return List.copyOf(findings);
    }

    /**
     * As {@link #lintEndEntity(X509CertificateHolder, X509Certificate)}, and the CRLDP must name
     * exactly the configured ecosystem's CRL ({@link CrlDistributionLint}).
     */
    public static List<String> lintEndEntity(X509CertificateHolder cert, X509Certificate issuer,
                                             CrlDistribution ecosystem) {
        List<String> findings = new ArrayList<>(lintEndEntity(cert, issuer));
        findings.addAll(CrlDistributionLint.lint(cert, ecosystem));
        return List.copyOf(findings);
    }

    /** Throws {@link PolicyException} (PROFILE_LINT_FAILED) listing the findings. */
    public static void requireClean(List<String> findings) {
        if (!findings.isEmpty()) {
            throw new PolicyException(Violation.PROFILE_LINT_FAILED,
                    "certificate profile lint failed: " + String.join("; ", findings));
        }
    }

    private static void lintSerial(BigInteger serial, List<String> findings) {
        if (serial.signum() <= 0) {
            findings.add("serial number must be positive");
            return;
        }
        if (serial.bitLength() < SerialNumbers.MIN_BITS) {
            findings.add("serial number must hold at least 64 bits, found " + serial.bitLength());
        }
        if (serial.toByteArray().length > SerialNumbers.MAX_OCTETS) {
            findings.add("serial number must not exceed 20 octets (RFC 5280 §4.1.2.2)");
        }
    }

    private static void lintSignatureAlgorithm(AlgorithmIdentifier outer, AlgorithmIdentifier inner,
                                               List<String> findings) {
        if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(outer.getAlgorithm())) {
            findings.add("signature algorithm must be ecdsa-with-SHA256, found "
                    + outer.getAlgorithm().getId());
        } else if (outer.getParameters() != null) {
            findings.add("ecdsa-with-SHA256 parameters must be absent");
        }
        if (!outer.equals(inner)) {
            findings.add("TBS signature algorithm differs from the certificate's");
        }
    }

    private static void lintIssuer(X500Name issuerName, X509Certificate issuer,
                                   List<String> findings) {
        try {
            byte[] encoded = issuerName.getEncoded(ASN1Encoding.DER);
            if (!Arrays.equals(encoded, issuer.getSubjectX500Principal().getEncoded())) {
                findings.add("issuer must equal the issuing certificate's subject byte for byte");
            }
        } catch (IOException e) {
            findings.add("issuer name cannot be encoded");
        }
    }

    private static void lintPublicKey(SubjectPublicKeyInfo spki, List<String> findings) {
        AlgorithmIdentifier algorithm = spki.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || !SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters())) {
            findings.add("subject public key must be id-ecPublicKey on named curve P-256");
            return;
        }
        byte[] point = spki.getPublicKeyData().getOctets();
        try {
            boolean valid = point.length == 65 && point[0] == 0x04
                    && ECNamedCurveTable.getParameterSpec("P-256").getCurve()
                            .decodePoint(point).isValid();
            if (!valid) {
                findings.add("subject public key must be an uncompressed valid P-256 point");
            }
        } catch (RuntimeException e) {
            findings.add("subject public key is not a P-256 point");
        }
    }

    private static void lintSubject(X500Name subject, Optional<String> spc,
                                    List<String> findings) {
        Map<ASN1ObjectIdentifier, List<String>> values = new HashMap<>();
        for (RDN rdn : subject.getRDNs()) {
            if (rdn.isMultiValued()) {
                findings.add("subject must not hold multi-valued RDNs");
            }
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                ASN1ObjectIdentifier type = atv.getType();
                if (!BCStyle.C.equals(type) && !BCStyle.O.equals(type) && !BCStyle.CN.equals(type)
                        && !OPTIONAL_SUBJECT_ATTRIBUTES.contains(type)) {
                    findings.add("subject attribute " + type.getId() + " is not allowed");
                }
                String value = atv.getValue() instanceof ASN1String text ? text.getString() : null;
                if (value == null) {
                    findings.add("subject attribute " + type.getId() + " is not a string");
                } else {
                    values.computeIfAbsent(type, t -> new ArrayList<>()).add(value);
                }
            }
        }
        List<String> c = values.getOrDefault(BCStyle.C, List.of());
        List<String> o = values.getOrDefault(BCStyle.O, List.of());
        List<String> cn = values.getOrDefault(BCStyle.CN, List.of());
        if (c.size() != 1 || !COUNTRY.matcher(c.get(0)).matches()) {
            findings.add("subject must hold exactly one C matching ^[A-Z]{2}$");
        }
        if (o.size() != 1 || o.get(0).isBlank()) {
            findings.add("subject must hold exactly one non-empty O");
        }
        if (cn.size() != 1) {
            findings.add("subject must hold exactly one CN");
        } else if (spc.isPresent() && !cn.get(0).equals("SHAKEN " + spc.get())) {
            findings.add("subject CN must be \"SHAKEN " + spc.get() + "\", found \""
                    + cn.get(0) + "\"");
        }
    }

    private static void lintValidity(TBSCertificate tbs, X509Certificate issuer,
                                     List<String> findings) {
        Date notBefore = tbs.getStartDate().getDate();
        Date notAfter = tbs.getEndDate().getDate();
        if (!notBefore.before(notAfter)) {
            findings.add("notBefore must be before notAfter");
        }
        if (notAfter.after(issuer.getNotAfter())) {
            findings.add("notAfter must not be after the issuer's notAfter");
        }
        lintTimeEncoding(tbs.getStartDate(), "notBefore", findings);
        lintTimeEncoding(tbs.getEndDate(), "notAfter", findings);
    }

    private static void lintTimeEncoding(Time time, String name, List<String> findings) {
        boolean utc = time.toASN1Primitive() instanceof ASN1UTCTime;
        boolean before2050 = time.getDate().before(UTC_TIME_LIMIT);
        if (utc != before2050) {
            findings.add(name + " must be UTCTime through 2049 and GeneralizedTime from 2050"
                    + " (RFC 5280 §4.1.2.5)");
        }
    }
}
