package org.stica.policy;

/**
 * A policy refusal: carries the {@link Violation} and a detail safe to show to the client
 * (never key material or internal state).
 */
public final class PolicyException extends RuntimeException {
    private final Violation violation;

    public PolicyException(Violation violation, String detail) {
        super(detail);
        this.violation = violation;
    }

    public PolicyException(Violation violation, String detail, Throwable cause) {
        super(detail, cause);
        this.violation = violation;
    }

    public Violation violation() {
        return violation;
    }

    /** The client-safe detail. */
    public String detail() {
        return getMessage();
    }
}
