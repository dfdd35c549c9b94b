package org.stica.server.ceremony;

/** A ceremony record that is malformed or whose signature does not verify; nothing imported. */
public final class CeremonyRecordException extends RuntimeException {
    public CeremonyRecordException(String message) {
        super(message);
    }
}
