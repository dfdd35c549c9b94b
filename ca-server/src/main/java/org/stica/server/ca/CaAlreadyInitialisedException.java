package org.stica.server.ca;

/** {@code init-ca} refuses to run over an existing CA hierarchy (keys would be orphaned). */
public final class CaAlreadyInitialisedException extends RuntimeException {
    public CaAlreadyInitialisedException(String what) {
        super("CA hierarchy already initialised (" + what + "); init-ca refuses to run twice");
    }
}
