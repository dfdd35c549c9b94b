package org.stica.acme.port;

import java.util.Optional;

/**
 * What the CA's records say became of an order's issuance: {@link State#ISSUED} with the
 * certificate, {@link State#NOT_ISSUED} with why (no certificate exists and none will), or
 * {@link State#PENDING} (a serial is reserved and not yet resolved: ask again later).
 */
public record IssuanceOutcome(State state, Optional<IssuedCertificate> certificate,
                              String detail) {
    /** The three answers. */
    public enum State { ISSUED, NOT_ISSUED, PENDING }

    public static IssuanceOutcome issued(IssuedCertificate certificate) {
        return new IssuanceOutcome(State.ISSUED, Optional.of(certificate), "issued");
    }

    public static IssuanceOutcome notIssued(String detail) {
        return new IssuanceOutcome(State.NOT_ISSUED, Optional.empty(), detail);
    }

    public static IssuanceOutcome pending() {
        return new IssuanceOutcome(State.PENDING, Optional.empty(), "pending");
    }
}
