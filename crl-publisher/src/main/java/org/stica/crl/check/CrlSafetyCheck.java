package org.stica.crl.check;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.stica.crl.CrlException;
import org.stica.crl.store.StoredCrl;

/**
 * The checks a freshly signed CRL passes before it is stored (Boulder's storer; RFC 5280 §5;
 * STANDARDS.md §6.2): the DER parses, its signature verifies with the signer certificate, its
 * issuer is the signer's subject, its CRL Number, thisUpdate and nextUpdate match the stored
 * values, the Issuing Distribution Point is critical and present; and against the previous CRL:
 * number strictly greater, IDP byte-for-byte unchanged, thisUpdate not earlier. Every failure
 * is a {@link CrlException} of kind {@code UNSAFE}. Files are read by {@link CrlFileReader}, so
 * a CRL of any size is checked without holding it in memory.
 */
public final class CrlSafetyCheck {
    private final X509Certificate signerCertificate;
    private final CrlFileReader reader = new CrlFileReader();

    public CrlSafetyCheck(X509Certificate signerCertificate) {
        this.signerCertificate = Objects.requireNonNull(signerCertificate, "signerCertificate");
    }

    /** The signer whose signature {@link #verify} requires. */
    public X509Certificate signerCertificate() {
        return signerCertificate;
    }

    /**
     * Reads and checks {@code candidate} on its own and against {@code previous}; throws to refuse
     * it. Blocking (reads both files).
     */
    public void verify(Optional<StoredCrl> previous, StoredCrl candidate) {
        CrlSummary summary = reader.read(candidate.file(), Optional.of(signerCertificate),
                Optional.empty());
        Optional<CrlSummary> before = previous.map(p -> reader.read(p.file(), Optional.empty(),
                Optional.empty()));
        verify(before, previous, summary, candidate);
    }

    /**
     * Checks already read CRLs: {@code summary} must come from a read that verified the signature
     * with {@link #signerCertificate()}.
     */
    public void verify(Optional<CrlSummary> previousSummary, Optional<StoredCrl> previous,
                       CrlSummary summary, StoredCrl candidate) {
        verifyItself(summary, candidate);
        if (previous.isPresent()) {
            verifySuccession(previousSummary.orElseThrow(), previous.get(), summary, candidate);
        }
    }

    private void verifyItself(CrlSummary crl, StoredCrl candidate) {
        require(crl.signatureValid().orElse(false),
                "the CRL signature does not verify with the signer certificate");
        byte[] signer = encoded(X500Name.getInstance(
                signerCertificate.getSubjectX500Principal().getEncoded()));
        require(Arrays.equals(crl.issuerDer(), signer),
                "the CRL issuer is not the signer certificate's subject (RFC 5280 §5.1.2.3)");
        require(crl.number().isPresent(), "the CRL has no CRL Number (RFC 5280 §5.2.3)");
        require(candidate.number().equals(crl.number().get()),
                "the CRL Number differs from the stored number");
        require(crl.thisUpdate().equals(candidate.thisUpdate()),
                "thisUpdate differs from the stored value");
        require(crl.nextUpdate().isPresent() && crl.nextUpdate().get().equals(
                candidate.nextUpdate()),
                "nextUpdate is missing or differs from the stored value (RFC 5280 §5.1.2.5)");
        Optional<Extension> idp = crl.issuingDistributionPoint();
        require(idp.isPresent() && idp.get().isCritical(),
                "the Issuing Distribution Point is missing or not critical (RFC 5280 §5.2.5)");
    }

    private static void verifySuccession(CrlSummary previousCrl, StoredCrl previous,
                                         CrlSummary crl, StoredCrl candidate) {
        require(candidate.number().compareTo(previous.number()) > 0,
                "CRL number " + candidate.number() + " does not increase over " + previous.number()
                        + " (RFC 5280 §5.2.3)");
        require(!candidate.thisUpdate().isBefore(previous.thisUpdate()),
                "thisUpdate " + candidate.thisUpdate() + " is before the previous "
                        + previous.thisUpdate());
        Optional<Extension> before = previousCrl.issuingDistributionPoint();
        Optional<Extension> now = crl.issuingDistributionPoint();
        require(before.isPresent() && now.isPresent()
                        && Arrays.equals(encoded(before.get()), encoded(now.get())),
                "the Issuing Distribution Point changed from the previous CRL (RFC 5280 §5.2.5)");
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
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
