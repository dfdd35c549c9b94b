package org.stica.server.rcd;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.rcd.Rcdi;

/**
 * What approval of an RCD set computed: the {@code rcdi} digests over the resources fetched
 * (RFC 9795 §6.1) and the JWTClaimConstraints extension (RFC 8226 §8, id-pe 27) pinning them,
 * as its OID and the DER of its value.
 */
public record VettedConstraints(Rcdi rcdi, ASN1ObjectIdentifier oid, byte[] der) {
    public VettedConstraints {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** The ACME identifier value (base64url of the extension DER). */
    public String identifierValue() {
        return JwtClaimConstraintsCodec.toIdentifierValue(der);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VettedConstraints v && rcdi.equals(v.rcdi) && oid.equals(v.oid)
                && java.util.Arrays.equals(der, v.der);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(rcdi, oid, java.util.Arrays.hashCode(der));
    }
}
