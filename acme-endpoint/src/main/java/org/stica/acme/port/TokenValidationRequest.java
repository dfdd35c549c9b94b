package org.stica.acme.port;

import java.security.PublicKey;
import java.util.Optional;
import java.util.function.Function;
import org.stica.policy.token.TokenType;
import org.stica.policy.token.TokenVerdict;

/**
 * A tkauth-01 challenge response to validate.
 *
 * @param token         the compact JWS from {@code atc} or {@code tkauth}
 * @param identifierDer the authorization identifier's DER (TNAuthList or JWTClaimConstraints)
 * @param accountKey    the requesting account's current public key
 * @param expectCa      whether the order asks for a CA (SCA) certificate
 * @param identifierType the authorization identifier's type: which token the challenge takes
 *                       (an SPC token for TNAuthList, a JWTClaimConstraints token for
 *                       JWTClaimConstraints; RCD.md §8 item 4)
 * @param outcome       present: the ACME side's record of the challenge made valid by the
 *                      token accepted, which the validator runs in the statement that claims the
 *                      token's {@code jti}, after a CTE named {@code accepted} that returns a row
 *                      iff the account owns it ({@link TokenVerdict#outcomeRecorded()}, issue 18)
 */
public record TokenValidationRequest(String token, byte[] identifierDer, PublicKey accountKey,
                                     String accountId, boolean expectCa,
                                     TokenType identifierType,
                                     Optional<Function<TokenVerdict, StatementPart>> outcome) {

    /** A request whose challenge outcome the caller records itself. */
    public TokenValidationRequest(String token, byte[] identifierDer, PublicKey accountKey,
                                  String accountId, boolean expectCa,
                                  TokenType identifierType) {
        this(token, identifierDer, accountKey, accountId, expectCa, identifierType,
                Optional.empty());
    }

    /** A request for a TNAuthList authorization (an SPC token). */
    public TokenValidationRequest(String token, byte[] identifierDer, PublicKey accountKey,
                                  String accountId, boolean expectCa) {
        this(token, identifierDer, accountKey, accountId, expectCa, TokenType.TN_AUTH_LIST);
    }
}
