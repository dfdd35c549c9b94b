package org.stica.policy.csr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;

/**
 * The CSR's JWTClaimConstraints request against the order (RFC 8555 §7.4: the CSR asks for
 * exactly the order's identifiers; RCD.md §8 item 7): an order with a JWTClaimConstraints
 * identifier needs the CSR to request that one extension, under the identifier's OID (id-pe 27
 * or 33), non-critical, with a byte-identical value; an order without one needs the CSR to
 * request neither id-pe 27 nor 33. Every refusal is
 * {@link Violation#CSR_CLAIM_CONSTRAINTS_MISMATCH} (badCSR) and names the difference.
 */
final class ClaimConstraintsRequest {
    private static final List<ASN1ObjectIdentifier> OIDS =
            List.of(JwtClaimConstraintsCodec.ID_PE_27, JwtClaimConstraintsCodec.ID_PE_33);

    private ClaimConstraintsRequest() {
    }

    static void check(Extensions extensions, Optional<ConstraintsIdentifier> ordered) {
        List<Extension> requested = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : OIDS) {
            Extension extension = extensions == null ? null : extensions.getExtension(oid);
            if (extension != null) {
                requested.add(extension);
            }
        }
        if (ordered.isEmpty()) {
            if (!requested.isEmpty()) {
                throw mismatch("CSR requests " + ConstraintsIdentifier.name(
                        requested.get(0).getExtnId()) + " but the order holds no"
                        + " JWTClaimConstraints identifier");
            }
            return;
        }
        ConstraintsIdentifier identifier = ordered.get();
        if (requested.size() > 1) {
            throw mismatch("CSR requests both JWTClaimConstraints (id-pe 27) and"
                    + " EnhancedJWTClaimConstraints (id-pe 33); a certificate carries one"
                    + " (RFC 9118 §6)");
        }
        if (requested.isEmpty()) {
            throw mismatch("CSR does not request the " + identifier.extensionName()
                    + " extension of the order's JWTClaimConstraints identifier");
        }
        Extension extension = requested.get(0);
        if (!identifier.oid().equals(extension.getExtnId())) {
            throw mismatch("CSR requests " + ConstraintsIdentifier.name(extension.getExtnId())
                    + " but the order's identifier is " + identifier.extensionName()
                    + " (RFC 9118 §6)");
        }
        if (extension.isCritical()) {
            throw mismatch("CSR requests " + identifier.extensionName() + " as critical; it is"
                    + " non-critical (RFC 8226 §8; RFC 9118 §3)");
        }
        byte[] value = extension.getExtnValue().getOctets();
        int at = Arrays.mismatch(value, identifier.der());
        if (at >= 0) {
            throw mismatch("CSR " + identifier.extensionName() + " differs from the order's"
                    + " identifier at byte " + at + " of " + identifier.der().length
                    + " (the value must be byte-identical)");
        }
    }

    private static PolicyException mismatch(String detail) {
        return new PolicyException(Violation.CSR_CLAIM_CONSTRAINTS_MISMATCH, detail);
    }
}
