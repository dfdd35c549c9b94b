package org.stica.policy.profile;

import java.net.URI;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * What a certificate's CRL distribution point names (STANDARDS.md §1.1 item 8, §6.3): the URI
 * verifiers fetch the CRL from and the CRL issuer's Name as {@code cRLIssuer}. The Name is kept
 * as the exact DER it was copied from (a CRL's issuer field or a CRL signer's subject), so its
 * RDN order and string types reach the certificate unchanged; it is never rebuilt from a string.
 *
 * @param url          the absolute URI written as the distribution point's fullName
 * @param crlIssuerDer the DER of the CRL issuer's Name (a SEQUENCE OF RDN)
 */
public record CrlDistribution(URI url, byte[] crlIssuerDer) {
    public CrlDistribution {
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute()) {
            throw new IllegalArgumentException("the CRL URL must be absolute: " + url);
        }
        Objects.requireNonNull(crlIssuerDer, "crlIssuerDer");
        crlIssuerDer = crlIssuerDer.clone();
        X500Name.getInstance(crlIssuerDer); // refuses bytes that are not a Name
    }

    /** The distribution point naming {@code crlIssuer} as encoded (its DER is copied). */
    public static CrlDistribution of(URI url, X500Name crlIssuer) {
        try {
            return new CrlDistribution(url, crlIssuer.getEncoded("DER"));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the CRL issuer name cannot be encoded", e);
        }
    }

    /** The CRL issuer Name, parsed from the kept DER (encodes back to the same bytes). */
    public X500Name crlIssuer() {
        return X500Name.getInstance(crlIssuerDer);
    }

    @Override
    public byte[] crlIssuerDer() {
        return crlIssuerDer.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CrlDistribution that && url.equals(that.url)
                && Arrays.equals(crlIssuerDer, that.crlIssuerDer);
    }

    @Override
    public int hashCode() {
        return 31 * url.hashCode() + Arrays.hashCode(crlIssuerDer);
    }

    @Override
    public String toString() {
        return "CrlDistribution[url=" + url + ", crlIssuer=" + crlIssuer() + " (DER "
                + HexFormat.of().formatHex(crlIssuerDer) + ")]";
    }
}
