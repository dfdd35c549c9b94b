package org.stica.acme.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A tkauth-01 challenge (RFC 9447 §6, RFC 9448 §4) with {@code tkauth-type} "atc".
 * {@code errorJson} is the stored problem document of a failed validation.
 */
public record Challenge(String id, String authzId, String token, ChallengeStatus status,
                        Optional<Instant> validated, Optional<String> errorJson) {

    /** The only challenge type offered for TNAuthList identifiers. */
    public static final String TYPE = "tkauth-01";
    /** The {@code tkauth-type} value for SPC tokens. */
    public static final String TKAUTH_TYPE = "atc";

    /** This challenge made valid at {@code at}. */
    public Challenge valid(Instant at) {
        return new Challenge(id, authzId, token, ChallengeStatus.VALID, Optional.of(at),
                Optional.empty());
    }
}
