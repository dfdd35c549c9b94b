package org.stica.crl.check;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CertificateList;
import org.stica.crl.CrlException;

/** Counts the revokedCertificates entries of a DER CRL (RFC 5280 §5.1.2.6); CPU-bound. */
public final class CrlEntryCount {
    private CrlEntryCount() {
    }

    /** The number of entries; 0 when the field is absent. */
    public static long of(byte[] der) {
        try {
            CertificateList list = CertificateList.getInstance(ASN1Primitive.fromByteArray(der));
            return list.getTBSCertList().getRevokedCertificates().length;
        } catch (java.io.IOException | RuntimeException e) {
            throw new CrlException(CrlException.Kind.UNSAFE, "a stored CRL does not parse", e);
        }
    }
}
