package org.stica.crl.build;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.stica.crl.CrlException;
import org.stica.crl.port.RevokedEntry;

/**
 * Builds the indirect SHAKEN CRL (STANDARDS.md §6.2, RFC 5280 §5) and signs it with the given
 * {@link ContentSigner}: v2; issuer = the signer certificate's subject (its encoded bytes);
 * thisUpdate and nextUpdate; CRL Number and AKI (non-critical); Issuing Distribution Point
 * (critical) with the CRL URL and indirectCRL TRUE; optional AIA caIssuers; per entry a reasonCode
 * (left out for unspecified) and a critical certificateIssuer. Validates every field before it
 * signs and throws {@link CrlException} of kind {@code INVALID_CONTENT} when one is wrong.
 * Pure: no I/O, thread-safe, the provider behind the signer is the caller's choice.
 */
public final class CrlBuilder {
    /** RFC 5280 §5.2.3: a CRL number is at most 20 octets. */
    static final int MAX_NUMBER_OCTETS = 20;
    /** RFC 5280 §5.1.2.4/§5.1.2.5: UTCTime through 2049, GeneralizedTime after. */
    private static final int MIN_YEAR = 1950;
    private static final Instant MIN_TIME = Instant.parse("1950-01-01T00:00:00Z");

    /** Validates {@code content}, builds the CRL and returns its DER encoding. */
    public byte[] build(CrlContent content, ContentSigner signer) {
        validate(content);
        X509Certificate signerCert = content.signerCertificate();
        X500Name issuer = X500Name.getInstance(signerCert.getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(content.thisUpdate()));
        builder.setNextUpdate(Date.from(content.nextUpdate()));
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(content.number()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(
                    signerCert));
            builder.addExtension(Extension.issuingDistributionPoint, true, issuingDistributionPoint(
                    content));
            if (content.signerCertUrl().isPresent()) {
                builder.addExtension(Extension.authorityInfoAccess, false,
                        authorityInfoAccess(content.signerCertUrl().get().toString()));
            }
            for (RevokedEntry entry : content.entries()) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entryExtensions(
                        entry));
            }
            return builder.build(signer).getEncoded();
        } catch (IOException | NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot encode the CRL", e);
        }
    }

    /** The IDP of RFC 5280 §5.2.5 for an indirect CRL listing both user and CA certificates. */
    static IssuingDistributionPoint issuingDistributionPoint(CrlContent content) {
        DistributionPointName name = new DistributionPointName(new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier,
                        content.crlUrl().toString())));
        return new IssuingDistributionPoint(name, false, false, null, true, false);
    }

    /** AIA with one caIssuers URI: where the signer certificate is published (§5.2.7). */
    static AuthorityInformationAccess authorityInfoAccess(String url) {
        return new AuthorityInformationAccess(new AccessDescription(
                AccessDescription.id_ad_caIssuers,
                new GeneralName(GeneralName.uniformResourceIdentifier, url)));
    }

    /**
     * AKI keyIdentifier = the signer's SKI (RFC 5280 §5.2.1), from the certificate when present.
     */
    static AuthorityKeyIdentifier authorityKeyId(X509Certificate signer)
            throws IOException, NoSuchAlgorithmException, CertificateEncodingException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        byte[] skiValue = signer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (skiValue == null) {
            return utils.createAuthorityKeyIdentifier(signer.getPublicKey());
        }
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.getInstance(
                JcaX509ExtensionUtils.parseExtensionValue(skiValue));
        return new AuthorityKeyIdentifier(ski.getKeyIdentifier());
    }

    /** reasonCode (RFC 5280 §5.3.1, omitted for unspecified) and certificateIssuer (§5.3.3). */
    static Extensions entryExtensions(RevokedEntry entry) throws IOException {
        ExtensionsGenerator generator = new ExtensionsGenerator();
        if (entry.reasonCode() != CRLReason.unspecified) {
            generator.addExtension(Extension.reasonCode, false, CRLReason.lookup(
                    entry.reasonCode()));
        }
        generator.addExtension(Extension.certificateIssuer, true,
                new GeneralNames(new GeneralName(entry.certificateIssuer())));
        return generator.generate();
    }

    static void validate(CrlContent content) {
        require(content != null, "content is required");
        require(content.signerCertificate() != null, "signer certificate is required");
        require(content.crlUrl() != null && content.crlUrl().isAbsolute(),
                "the IDP URI must be absolute (RFC 5280 §5.2.5)");
        require(content.signerCertUrl() != null, "signerCertUrl must be an Optional");
        require(content.number() != null && content.number().signum() > 0,
                "the CRL number must be positive (RFC 5280 §5.2.3)");
        require(content.number().toByteArray().length <= MAX_NUMBER_OCTETS,
                "the CRL number must fit in 20 octets (RFC 5280 §5.2.3)");
        require(content.thisUpdate() != null, "thisUpdate is required (RFC 5280 §5.1.2.4)");
        require(content.nextUpdate() != null, "nextUpdate is required (RFC 5280 §5.1.2.5)");
        require(content.thisUpdate().getNano() == 0 && content.nextUpdate().getNano() == 0,
                "thisUpdate and nextUpdate must be whole seconds (RFC 5280 §5.1.2.4)");
        require(content.nextUpdate().isAfter(content.thisUpdate()),
                "nextUpdate must be after thisUpdate (RFC 5280 §5.1.2.5)");
        require(year(content.thisUpdate()) >= MIN_YEAR, "thisUpdate must not be before 1950");
        require(content.entries() != null, "entries are required (may be empty)");
        Set<String> seen = new HashSet<>();
        for (RevokedEntry entry : content.entries()) {
            validateEntry(entry);
            String key = entry.certificateIssuer() + "#" + entry.serial();
            require(seen.add(key), "duplicate CRL entry for serial " + entry.serial().toString(16)
                    + " of " + entry.certificateIssuer());
        }
    }

    static void validateEntry(RevokedEntry entry) {
        require(entry != null, "null CRL entry");
        BigInteger serial = entry.serial();
        require(serial != null && serial.signum() > 0,
                "serial numbers must be positive (RFC 5280 §4.1.2.2)");
        require(serial.bitLength() < MAX_NUMBER_OCTETS * 8,
                "serial numbers must fit in 20 octets (RFC 5280 §4.1.2.2)");
        require(entry.revokedAt() != null && !entry.revokedAt().isBefore(MIN_TIME),
                "revocationDate is required (RFC 5280 §5.1.2.6)");
        require(entry.certificateIssuer() != null,
                "every entry of the indirect CRL needs certificateIssuer (RFC 5280 §5.3.3)");
        if (!allowedReason(entry.reasonCode())) {
            require(false, "reason code " + entry.reasonCode()
                    + " is not allowed (RFC 5280 §5.3.1; STANDARDS.md §6.2 item 6)");
        }
    }

    /**
     * RFC 5280 §5.3.1 reasons a complete SHAKEN CRL may carry: not certificateHold (6), not the
     * unassigned 7, not removeFromCRL (8, delta CRLs only), nothing past aACompromise (10).
     */
    private static boolean allowedReason(int code) {
        return code >= CRLReason.unspecified && code <= CRLReason.aACompromise
                && code != CRLReason.certificateHold && code != 7
                && code != CRLReason.removeFromCRL;
    }

    private static int year(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).getYear();
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, detail);
        }
    }
}
