package org.stica.server.ca;

/** {@code serve} found no CA hierarchy (keys or {@code ca_key} rows missing). */
public final class CaNotInitialisedException extends RuntimeException {
    public static final String MESSAGE =
            "CA hierarchy not initialised: run `java -jar stica-server.jar init-ca` first";

    public CaNotInitialisedException(String what) {
        super(MESSAGE + " (" + what + ")");
    }
}
