package org.stica.acme.port;

/** A revocation the CA refuses, with the RFC 8555 problem it maps to. */
public final class RevocationRefused extends RuntimeException {

    /**
     * alreadyRevoked, badRevocationReason, unauthorized (not this account's, or not our
     * certificate).
     */
    public enum Kind { ALREADY_REVOKED, BAD_REASON, UNAUTHORIZED }

    private final Kind kind;

    public RevocationRefused(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
