package org.stica.policy.rcd;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * An ACME {@code JWTClaimConstraints} identifier (draft-ietf-acme-authority-token-jwtclaimcon;
 * RCD.md §6, §8 items 1-2): the extension value DER it stands for, decoded strictly and linted,
 * and the extension that carries it, id-pe 33 when it uses mustExclude, else id-pe 27 (RFC 9118
 * §6). The certificate copies {@link #der()} byte for byte into a non-critical extension
 * ({@link #extension()}).
 *
 * @param oid   id-pe 27 (JWTClaimConstraints) or id-pe 33 (EnhancedJWTClaimConstraints)
 * @param der   the extension value: the DER SEQUENCE, without OID or criticality
 * @param value the identifier value, unpadded base64url of {@code der}
 */
public record ConstraintsIdentifier(ASN1ObjectIdentifier oid, byte[] der, String value) {
    /** The ACME identifier type (RCD.md §6: the only name the IETF 123 slides give). */
    public static final String TYPE = "JWTClaimConstraints";

    public ConstraintsIdentifier {
        Objects.requireNonNull(oid, "oid");
        der = der.clone();
        Objects.requireNonNull(value, "value");
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /**
     * The identifier for an ACME identifier value: canonical unpadded base64url of a strict-DER
     * JWTClaimConstraints (else {@link Violation#JWT_CLAIM_CONSTRAINTS_MALFORMED}) that passes
     * {@link JwtClaimConstraintsLint} (else {@link Violation#JWT_CLAIM_CONSTRAINTS_REJECTED}
     * naming every finding).
     */
    public static ConstraintsIdentifier fromIdentifierValue(String value) {
        return fromDer(JwtClaimConstraintsCodec.fromIdentifierValue(value));
    }

    /** As {@link #fromIdentifierValue} from the DER itself (e.g. as an order stored it). */
    public static ConstraintsIdentifier fromDer(byte[] der) {
        JwtClaimConstraints constraints = JwtClaimConstraintsCodec.decode(
                JwtClaimConstraintsCodec.ID_PE_33, der);
        List<String> findings = JwtClaimConstraintsLint.lint(constraints);
        if (!findings.isEmpty()) {
            throw new PolicyException(Violation.JWT_CLAIM_CONSTRAINTS_REJECTED,
                    "the JWTClaimConstraints identifier is not acceptable: "
                            + String.join("; ", findings));
        }
        return new ConstraintsIdentifier(constraints.oid(), der,
                JwtClaimConstraintsCodec.toIdentifierValue(der));
    }

    /** {@code JWTClaimConstraints (id-pe 27)} or {@code EnhancedJWTClaimConstraints (id-pe 33)}. */
    public String extensionName() {
        return name(oid);
    }

    /** How messages name the extension under {@code oid}. */
    public static String name(ASN1ObjectIdentifier oid) {
        return JwtClaimConstraintsCodec.ID_PE_33.equals(oid)
                ? "EnhancedJWTClaimConstraints (id-pe 33)" : "JWTClaimConstraints (id-pe 27)";
    }

    /** The non-critical certificate extension holding {@link #der()} verbatim. */
    public Extension extension() {
        return new Extension(oid, false, new DEROctetString(der));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConstraintsIdentifier c && oid.equals(c.oid)
                && Arrays.equals(der, c.der) && value.equals(c.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(oid, Arrays.hashCode(der), value);
    }

    @Override
    public String toString() {
        return extensionName() + " " + value;
    }
}
