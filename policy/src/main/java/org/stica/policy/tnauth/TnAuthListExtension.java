package org.stica.policy.tnauth;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The TNAuthList certificate extension {@code id-pe-TNAuthList} (1.3.6.1.5.5.7.1.26, RFC 8226
 * §9). It is always non-critical (RFC 8226 §9; ATIS-1000080 v005 lets only BC and KU be critical,
 * STANDARDS.md §0 trap 5).
 */
public final class TnAuthListExtension {
    /** {@code id-pe 26}. */
    public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.26");

    private TnAuthListExtension() {
    }

    /** The non-critical extension holding {@code list} as strict DER. */
    public static Extension of(TnAuthList list) {
        return new Extension(OID, false, TnAuthListCodec.encode(list));
    }
}
