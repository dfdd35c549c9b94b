package org.stica.server.ceremony;

/** A ceremony refused to run or stopped; the message says why and what to do. */
public final class CeremonyException extends RuntimeException {
    public CeremonyException(String message) {
        super(message);
    }
}
