package org.stica.policy.rcd;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The value of a JWTClaimConstraints (RFC 8226 §8, id-pe 27) or EnhancedJWTClaimConstraints
 * (RFC 9118 §3, id-pe 33) certificate extension: claims a PASSporT signed under the certificate
 * must include, the values a claim may take if present, and (id-pe 33 only) claims it must not
 * carry. Each list may be empty (the component is then absent), but not all three (RFC 9118 §3;
 * RFC 8226 needs mustInclude or permittedValues). Claim names are non-empty ASCII (IA5String).
 * Encoded and decoded by {@link JwtClaimConstraintsCodec}; checked by
 * {@link JwtClaimConstraintsLint}.
 */
public record JwtClaimConstraints(List<String> mustInclude, List<ClaimValues> permittedValues,
                                  List<String> mustExclude) {

    /** One permittedValues entry: a claim and its allowed values (SIZE (1..MAX) UTF8String). */
    public record ClaimValues(String claim, List<String> values) {
        public ClaimValues {
            checkName(claim);
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw JwtClaimConstraintsCodec.malformed("permittedValues for " + claim
                        + " must list at least one value (RFC 8226 §8)");
            }
        }
    }

    public JwtClaimConstraints {
        mustInclude = List.copyOf(mustInclude);
        permittedValues = List.copyOf(permittedValues);
        mustExclude = List.copyOf(mustExclude);
        mustInclude.forEach(JwtClaimConstraints::checkName);
        mustExclude.forEach(JwtClaimConstraints::checkName);
        if (mustInclude.isEmpty() && permittedValues.isEmpty() && mustExclude.isEmpty()) {
            throw JwtClaimConstraintsCodec.malformed("JWTClaimConstraints must hold at least one"
                    + " of mustInclude, permittedValues, mustExclude (RFC 9118 §3)");
        }
    }

    /**
     * The extension this value goes in: id-pe 33 when mustExclude is used, else id-pe 27, the
     * more widely supported (RFC 9118 §6).
     */
    public ASN1ObjectIdentifier oid() {
        return mustExclude.isEmpty() ? JwtClaimConstraintsCodec.ID_PE_27
                : JwtClaimConstraintsCodec.ID_PE_33;
    }

    /** The values permitted for {@code claim}, if the extension constrains it. */
    public Optional<List<String>> permitted(String claim) {
        return permittedValues.stream().filter(entry -> entry.claim().equals(claim))
                .map(ClaimValues::values).findFirst();
    }

    private static void checkName(String claim) {
        if (claim == null || claim.isEmpty() || !claim.chars().allMatch(c -> c < 0x80)) {
            throw JwtClaimConstraintsCodec.malformed(
                    "a JWT claim name must be non-empty ASCII (RFC 9118 §3)");
        }
    }
}
