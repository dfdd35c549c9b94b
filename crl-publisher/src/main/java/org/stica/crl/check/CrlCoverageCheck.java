package org.stica.crl.check;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.stica.crl.CrlException;
import org.stica.crl.port.RevokedEntry;

/**
 * Decides whether a signed CRL already lists every given revocation with the same reason, matching
 * entries by certificateIssuer (RFC 5280 §5.3.3) and serial. Used when another instance built a
 * CRL while this one waited: if that CRL covers the current revocations, it is served as is.
 */
public final class CrlCoverageCheck {

    /** True when every entry of {@code revoked} is on the CRL {@code der}. */
    public boolean covers(byte[] der, Collection<RevokedEntry> revoked) {
        Set<String> listed = listed(der);
        for (RevokedEntry entry : revoked) {
            String key = key(encoded(entry.certificateIssuer()), entry.serial().toString(16),
                    entry.reasonCode());
            if (!listed.contains(key)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> listed(byte[] der) {
        X509CRLHolder crl;
        try {
            crl = new X509CRLHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new CrlException(CrlException.Kind.UNSAFE, "a stored CRL does not parse", e);
        }
        Set<String> keys = new HashSet<>();
        for (Object item : crl.getRevokedCertificates()) {
            X509CRLEntryHolder entry = (X509CRLEntryHolder) item;
            GeneralNames issuer = entry.getCertificateIssuer();
            for (GeneralName name : issuer.getNames()) {
                if (name.getTagNo() == GeneralName.directoryName) {
                    keys.add(key(encoded(X500Name.getInstance(name.getName())),
                            entry.getSerialNumber().toString(16), reason(entry)));
                }
            }
        }
        return keys;
    }

    private static int reason(X509CRLEntryHolder entry) {
        Extension ext = entry.getExtension(Extension.reasonCode);
        return ext == null ? CRLReason.unspecified
                : CRLReason.getInstance(ext.getParsedValue()).getValue().intValue();
    }

    private static String key(byte[] issuer, String serialHex, int reason) {
        return Arrays.toString(issuer) + "#" + serialHex + "#" + reason;
    }

    private static byte[] encoded(X500Name name) {
        try {
            return name.getEncoded("DER");
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.UNSAFE, "cannot encode an issuer name", e);
        }
    }
}
