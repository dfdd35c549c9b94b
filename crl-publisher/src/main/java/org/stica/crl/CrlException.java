package org.stica.crl;

import java.util.Objects;

/**
 * A typed failure of the CRL pipeline. {@link #kind()} says what went wrong; the HTTP layer turns
 * it into a problem document in one place ({@code org.stica.crl.http.CrlProblemHandler}) and never
 * sends {@link #getMessage()} details of kinds that are internal.
 */
public final class CrlException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** No CRL has been published yet (served as 503). */
        NOT_PUBLISHED,
        /** The CRL fields failed validation before signing (RFC 5280 §5). */
        INVALID_CONTENT,
        /** The signed CRL failed a safety check (number, IDP, thisUpdate, signature). */
        UNSAFE,
        /** The store refused a CRL whose number is not greater than the newest stored one. */
        NOT_NEWER,
        /** Another instance held the build lock for longer than the wait allows. */
        BUSY
    }

    private final Kind kind;

    public CrlException(Kind kind, String detail) {
        super(detail);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public CrlException(Kind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
