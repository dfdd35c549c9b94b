package org.stica.acme.store.pg;

/** The new account key of a key change already belongs to another account (RFC 8555 §7.3.5). */
public final class KeyInUseException extends RuntimeException {
    public KeyInUseException() {
        super("the key is in use by another account", null, false, false);
    }
}
