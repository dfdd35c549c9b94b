package org.stica.acme.store.pg;

/** Another order that is not invalid already replaces the certificate (RFC 9773 §5). */
public final class AlreadyReplacedException extends RuntimeException {
    public AlreadyReplacedException() {
        super("the certificate is already being replaced", null, false, false);
    }
}
