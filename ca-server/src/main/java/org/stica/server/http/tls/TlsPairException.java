package org.stica.server.http.tls;

/**
 * A certificate and key file pair that cannot be served: unreadable, not PEM, empty, encrypted,
 * a key that does not belong to the certificate, or a certificate outside its validity. The
 * message names the file and the fault, never key material.
 */
public final class TlsPairException extends RuntimeException {
    public TlsPairException(String message) {
        super(message);
    }

    public TlsPairException(String message, Throwable cause) {
        super(message, cause);
    }
}
