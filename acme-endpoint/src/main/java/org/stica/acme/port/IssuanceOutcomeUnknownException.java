package org.stica.acme.port;

/**
 * The CA signed a certificate but could not yet learn whether its record was stored (the database
 * went away while it was being written). The order must stay {@code processing}: the CA's
 * records decide its final state later ({@link IssuanceRecords}), so the order never claims "no
 * certificate was issued" while one exists (issue 14 invariant 2).
 */
public final class IssuanceOutcomeUnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IssuanceOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
