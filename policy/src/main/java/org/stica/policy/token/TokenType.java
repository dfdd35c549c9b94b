package org.stica.policy.token;

import java.util.Arrays;
import java.util.Optional;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.tnauth.TnAuthListCodec;

/**
 * The kinds of authority token this CA validates, by {@code atc.tktype}, which is also the ACME
 * identifier type the token authorizes (RFC 9447 §4; RFC 9448 §3, §5.4): what {@code tkvalue}
 * must equal, and whose roots the signer must chain to.
 *
 * <ul>
 *   <li>{@link #TN_AUTH_LIST}: an SPC token; {@code tkvalue} is the TNAuthList DER in any of
 *   the base64 forms deployed (STANDARDS.md §0 trap 2), compared as DER; signers chain to the
 *   STI-PA roots.</li>
 *   <li>{@link #JWT_CLAIM_CONSTRAINTS}: a JWTClaimConstraints token
 *   (draft-ietf-acme-authority-token-jwtclaimcon; RCD.md §6, §8 item 4, whose details are
 *   UNCONFIRMED); {@code tkvalue} is the canonical identifier value, base64url without padding
 *   of the extension DER, compared both as that string and as decoded DER; signers chain to the
 *   claim-token trust anchors, never automatically to the STI-PA's.</li>
 * </ul>
 */
public enum TokenType {
    TN_AUTH_LIST("TNAuthList", "STI-PA") {
        @Override
        byte[] tkvalueDer(String tkvalue) {
            try {
                return TnAuthListCodec.derFromText(tkvalue);
            } catch (PolicyException e) {
                throw mismatch("atc.tkvalue is not a base64 DER TNAuthList: " + e.detail());
            }
        }
    },
    JWT_CLAIM_CONSTRAINTS("JWTClaimConstraints", "claim-token") {
        @Override
        byte[] tkvalueDer(String tkvalue) {
            try {
                return JwtClaimConstraintsCodec.fromIdentifierValue(tkvalue);
            } catch (PolicyException e) {
                throw mismatch("atc.tkvalue is not the canonical identifier value (unpadded"
                        + " base64url of the JWTClaimConstraints DER): " + e.detail());
            }
        }
    };

    private final String wire;
    private final String anchors;

    TokenType(String wire, String anchors) {
        this.wire = wire;
        this.anchors = anchors;
    }

    /** The {@code atc.tktype} and ACME identifier type, e.g. {@code TNAuthList}. */
    public String wire() {
        return wire;
    }

    /** Whose roots the signer must chain to, for messages: {@code STI-PA}, {@code claim-token}. */
    public String anchors() {
        return anchors;
    }

    /** The type whose {@link #wire()} is exactly {@code tktype}. */
    public static Optional<TokenType> fromWire(String tktype) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(tktype)).findFirst();
    }

    /**
     * Requires {@code tkvalue} to name exactly the authorization's identifier, its DER
     * {@code identifierDer} (RFC 9448 §6 step 6); else {@link Violation#TOKEN_TKVALUE_MISMATCH}.
     */
    public void checkTkvalue(String tkvalue, byte[] identifierDer) {
        if (!java.util.Arrays.equals(tkvalueDer(tkvalue), identifierDer)) {
            throw mismatch("atc.tkvalue does not equal the authorization identifier (DER"
                    + " compared)");
        }
    }

    /** The DER {@code tkvalue} stands for; a value of the wrong form is a mismatch. */
    abstract byte[] tkvalueDer(String tkvalue);

    private static PolicyException mismatch(String detail) {
        return new PolicyException(Violation.TOKEN_TKVALUE_MISMATCH, detail);
    }
}
