package org.stica.policy.profile;

import com.nimbusds.jose.jwk.Curve;
import java.math.BigInteger;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListExtension;

/**
 * Builds certificates by construction to the SHAKEN profiles (ATIS-1000080 §6.4.1; STANDARDS.md
 * §1.1-§1.3, §6.2). The caller signs the builder through the signer pool; {@link ShakenLint}
 * checks the result before the real signature.
 *
 * <p>Validity instants are truncated to whole seconds. Invalid specs (wrong SPC or country
 * format, non-P-256 end-entity key, serial out of range, validity not inside the issuer's, an
 * issuer without SubjectKeyIdentifier) throw {@link IllegalArgumentException}.
 */
public final class ShakenCertificateTemplates {
    private static final Pattern SPC = Pattern.compile("[A-Z0-9]+");

    private ShakenCertificateTemplates() {
    }

    /**
     * SHAKEN end entity: C/O/CN "SHAKEN &lt;SPC&gt;", TNAuthList, CP, CRLDP+cRLIssuer, AKI/SKI,
     * KU, BC (STANDARDS.md §1.1 table; RDN order C, O, CN).
     */
    public static X509v3CertificateBuilder endEntity(EndEntitySpec spec) {
        Objects.requireNonNull(spec.issuer(), "issuer");
        require(spec.spc() != null && SPC.matcher(spec.spc()).matches(),
                "SPC must match ^[A-Z0-9]+$");
        Objects.requireNonNull(spec.subscriber(), "subscriber");
        require(isP256(spec.subjectKey()), "end-entity key must be EC P-256");
        X500Name subject = spec.subscriber().subject(spec.spc(), spec.requestedSubject());
        X509v3CertificateBuilder builder = base(subjectName(spec.issuer()), spec.serial(),
                spec.notBefore(), spec.notAfter(), subject, spec.subjectKey(),
                spec.issuer().getNotAfter().toInstant());
        add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        add(builder, Extension.subjectKeyIdentifier, false, ski(spec.subjectKey()));
        add(builder, Extension.authorityKeyIdentifier, false, aki(spec.issuer()));
        add(builder, Extension.certificatePolicies, false, policies(spec.policyOid()));
        add(builder, Extension.cRLDistributionPoints, false,
                crlDistributionPoints(spec.crlUri(), spec.crlIssuer()));
        add(builder, TnAuthListExtension.OID, false,
                TnAuthListExtension.of(TnAuthList.ofSpc(spec.spc())).getParsedValue());
        return builder;
    }

    /**
     * SHAKEN SCA ({@code shaken-sca}, RFC 9060 §4 delegate-issuing CA; STANDARDS.md §2 item 7):
     * the end-entity profile (subject, TNAuthList, CP, CRLDP, AKI/SKI) with BC critical cA TRUE
     * pathLen 0 and KU critical keyCertSign, so the SP can sign delegate end-entity certificates
     * within its TNAuthList and nothing below them.
     */
    public static X509v3CertificateBuilder sca(EndEntitySpec spec) {
        X509v3CertificateBuilder builder = endEntity(spec);
        try {
            builder.replaceExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.replaceExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign));
        } catch (CertIOException e) {
            throw new IllegalArgumentException("cannot set the SCA extensions", e);
        }
        return builder;
    }

    /**
     * RCD delegate end entity (RCD.md §8 items 7-9; RFC 9795 §6.3, RFC 9060): the SHAKEN end
     * entity plus the order's JWTClaimConstraints identifier, its DER copied byte for byte into a
     * non-critical id-pe 27 or 33 ({@link ConstraintsIdentifier#extension()}); so a renewal with
     * the same identifiers carries exactly the same extension (RFC 9118 §8). The base profile
     * ({@link #endEntity}) never carries it.
     */
    public static X509v3CertificateBuilder rcdDelegate(EndEntitySpec spec,
                                                       ConstraintsIdentifier claims) {
        X509v3CertificateBuilder builder = endEntity(spec);
        try {
            builder.addExtension(claims.extension());
        } catch (CertIOException e) {
            throw new IllegalArgumentException("cannot add the JWTClaimConstraints extension", e);
        }
        return builder;
    }

    /**
     * Self-signed SHAKEN root: BC cA, KU keyCertSign (+cRLSign), SKI; no CP, CRLDP or TNAuthList.
     *
     * <p>Key usage is deliberately keyCertSign <em>and</em> cRLSign (ATIS-1000080 v005 §6.4.1
     * asks for keyCertSign alone): cRLSign lets the root sign the CRL that covers the CRL signer
     * certificate it issued (STANDARDS.md §6).
     */
    public static X509v3CertificateBuilder root(CaSpec spec) {
        require(spec.issuer().isEmpty(), "a root is self-signed: issuer must be empty");
        X509v3CertificateBuilder builder = base(spec.subject(), spec.serial(), spec.notBefore(),
                spec.notAfter(), spec.subject(), spec.subjectKey(), null);
        add(builder, Extension.basicConstraints, true, new BasicConstraints(true));
        add(builder, Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        add(builder, Extension.subjectKeyIdentifier, false, ski(spec.subjectKey()));
        return builder;
    }

    /** SHAKEN intermediate: BC cA pathLen 0, KU keyCertSign, SKI/AKI, CP, CRLDP+cRLIssuer. */
    public static X509v3CertificateBuilder intermediate(CaSpec spec) {
        return intermediate(spec, 0);
    }

    /**
     * SHAKEN intermediate with the given pathLenConstraint (STANDARDS.md §1.2 item 1: optional
     * in v005): 0 when it issues only end entities, 1 when it also issues {@code shaken-sca}
     * certificates (which then sign only delegate end entities, RFC 5280 §4.2.1.9).
     */
    public static X509v3CertificateBuilder intermediate(CaSpec spec, int pathLen) {
        require(pathLen == 0 || pathLen == 1, "intermediate pathLen must be 0 or 1");
        X509Certificate issuer = requireIssuer(spec);
        X509v3CertificateBuilder builder = base(subjectName(issuer), spec.serial(),
                spec.notBefore(), spec.notAfter(), spec.subject(), spec.subjectKey(),
                issuer.getNotAfter().toInstant());
        add(builder, Extension.basicConstraints, true, new BasicConstraints(pathLen));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        add(builder, Extension.subjectKeyIdentifier, false, ski(spec.subjectKey()));
        add(builder, Extension.authorityKeyIdentifier, false, aki(issuer));
        add(builder, Extension.certificatePolicies, false, policies(spec.policyOid()));
        add(builder, Extension.cRLDistributionPoints, false,
                crlDistributionPoints(spec.crlUri(), spec.crlIssuer()));
        return builder;
    }

    /** CRL signer under the root: BC cA false, KU cRLSign+digitalSignature, SKI/AKI. */
    public static X509v3CertificateBuilder crlSigner(CaSpec spec) {
        X509Certificate issuer = requireIssuer(spec);
        X509v3CertificateBuilder builder = base(subjectName(issuer), spec.serial(),
                spec.notBefore(), spec.notAfter(), spec.subject(), spec.subjectKey(),
                issuer.getNotAfter().toInstant());
        add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        add(builder, Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign));
        add(builder, Extension.subjectKeyIdentifier, false, ski(spec.subjectKey()));
        add(builder, Extension.authorityKeyIdentifier, false, aki(issuer));
        return builder;
    }

    /** The issuer's subject Name from its encoded bytes (so the issuer field matches exactly). */
    static X500Name subjectName(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    }

    /** The SubjectKeyIdentifier extension value of {@code cert}, or null when absent. */
    static byte[] subjectKeyIdentifier(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return null;
        }
        return SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
    }

    /** Whether {@code key} is an EC key on the named curve P-256. */
    static boolean isP256(PublicKey key) {
        return key instanceof ECPublicKey ec
                && Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()));
    }

    private static X509Certificate requireIssuer(CaSpec spec) {
        return spec.issuer().orElseThrow(
                () -> new IllegalArgumentException("an issuer certificate is required"));
    }

    private static X509v3CertificateBuilder base(X500Name issuer, BigInteger serial,
                                                 Instant notBefore, Instant notAfter,
                                                 X500Name subject, PublicKey key,
                                                 Instant issuerNotAfter) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(key, "subjectKey");
        require(serial != null && SerialNumbers.isAcceptable(serial),
                "serial must be positive, at least 64 bits and at most 20 octets");
        Instant start = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant end = notAfter.truncatedTo(ChronoUnit.SECONDS);
        require(start.isBefore(end), "notBefore must be before notAfter");
        require(issuerNotAfter == null || !end.isAfter(issuerNotAfter),
                "notAfter must not be after the issuer's notAfter");
        return new X509v3CertificateBuilder(issuer, serial, Date.from(start), Date.from(end),
                subject, SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    private static SubjectKeyIdentifier ski(PublicKey key) {
        return extensionUtils().createSubjectKeyIdentifier(key);
    }

    private static AuthorityKeyIdentifier aki(X509Certificate issuer) {
        byte[] keyId = subjectKeyIdentifier(issuer);
        require(keyId != null, "issuer certificate has no SubjectKeyIdentifier");
        return new AuthorityKeyIdentifier(keyId);
    }

    private static CertificatePolicies policies(String policyOid) {
        require(policyOid != null, "policyOid is required");
        return new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(policyOid)));
    }

    private static CRLDistPoint crlDistributionPoints(URI crlUri, X500Name crlIssuer) {
        require(crlUri != null && crlUri.isAbsolute(), "crlUri must be an absolute URI");
        Objects.requireNonNull(crlIssuer, "crlIssuer");
        DistributionPointName name = new DistributionPointName(new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, crlUri.toASCIIString())));
        GeneralNames issuer = new GeneralNames(new GeneralName(crlIssuer));
        return new CRLDistPoint(
                new DistributionPoint[] {new DistributionPoint(name, null, issuer)});
    }

    private static void add(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid,
                            boolean critical, ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new IllegalArgumentException("cannot encode extension " + oid.getId(), e);
        }
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is unavailable", e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
