package org.stica.crl.check;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.stica.crl.CrlException;
import org.stica.crl.store.StoredCrl;

/**
 * The checks a freshly signed CRL passes before it is stored (Boulder's storer; RFC 5280 §5;
 * STANDARDS.md §6.2): the DER parses, its signature verifies with the signer certificate, its
 * issuer is the signer's subject, its CRL Number, thisUpdate and nextUpdate match the stored
 * values, the Issuing Distribution Point is critical and present; and against the previous CRL:
 * number strictly greater, IDP byte-for-byte unchanged, thisUpdate not earlier. Every failure
 * is a {@link CrlException} of kind {@code UNSAFE}.
 */
public final class CrlSafetyCheck {
    private final X509Certificate signerCertificate;

    public CrlSafetyCheck(X509Certificate signerCertificate) {
        this.signerCertificate = Objects.requireNonNull(signerCertificate, "signerCertificate");
    }

    /** Checks {@code candidate} on its own and against {@code previous}; throws to refuse it. */
    public void verify(Optional<StoredCrl> previous, StoredCrl candidate) {
        X509CRLHolder crl = parse(candidate.der(), "the new CRL");
        verifyItself(crl, candidate);
        if (previous.isPresent()) {
            verifySuccession(parse(previous.get().der(), "the previous CRL"), previous.get(), crl,
                    candidate);
        }
    }

    private void verifyItself(X509CRLHolder crl, StoredCrl candidate) {
        require(signatureValid(crl),
                "the CRL signature does not verify with the signer certificate");
        X500Name signer = X500Name.getInstance(
                signerCertificate.getSubjectX500Principal().getEncoded());
        require(Arrays.equals(encoded(crl.getIssuer()), encoded(signer)),
                "the CRL issuer is not the signer certificate's subject (RFC 5280 §5.1.2.3)");
        require(candidate.number().equals(number(crl).getCRLNumber()),
                "the CRL Number differs from the stored number");
        require(crl.getThisUpdate().toInstant().equals(candidate.thisUpdate()),
                "thisUpdate differs from the stored value");
        require(crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().equals(
                candidate.nextUpdate()),
                "nextUpdate is missing or differs from the stored value (RFC 5280 §5.1.2.5)");
        Extension idp = crl.getExtension(Extension.issuingDistributionPoint);
        require(idp != null && idp.isCritical(),
                "the Issuing Distribution Point is missing or not critical (RFC 5280 §5.2.5)");
    }

    private static void verifySuccession(X509CRLHolder previousCrl, StoredCrl previous,
                                         X509CRLHolder crl, StoredCrl candidate) {
        require(candidate.number().compareTo(previous.number()) > 0,
                "CRL number " + candidate.number() + " does not increase over " + previous.number()
                        + " (RFC 5280 §5.2.3)");
        require(!candidate.thisUpdate().isBefore(previous.thisUpdate()),
                "thisUpdate " + candidate.thisUpdate() + " is before the previous "
                        + previous.thisUpdate());
        Extension before = previousCrl.getExtension(Extension.issuingDistributionPoint);
        Extension now = crl.getExtension(Extension.issuingDistributionPoint);
        require(before != null && Arrays.equals(encoded(before), encoded(now)),
                "the Issuing Distribution Point changed from the previous CRL (RFC 5280 §5.2.5)");
    }

    private boolean signatureValid(X509CRLHolder crl) {
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(
                    signerCertificate);
            return crl.isSignatureValid(verifier);
        } catch (OperatorCreationException | CertException e) {
            return false;
        }
    }

    private static CRLNumber number(X509CRLHolder crl) {
        Extension ext = crl.getExtension(Extension.cRLNumber);
        require(ext != null, "the CRL has no CRL Number (RFC 5280 §5.2.3)");
        return CRLNumber.getInstance(ext.getParsedValue());
    }

    private static X509CRLHolder parse(byte[] der, String what) {
        try {
            return new X509CRLHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new CrlException(CrlException.Kind.UNSAFE, what + " does not parse as a CRL", e);
        }
    }

    private static byte[] encoded(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded("DER");
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.UNSAFE, "cannot encode a CRL field", e);
        }
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new CrlException(CrlException.Kind.UNSAFE, detail);
        }
    }
}
