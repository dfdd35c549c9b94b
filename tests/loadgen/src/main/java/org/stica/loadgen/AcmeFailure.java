package org.stica.loadgen;

/**
 * A failed step of a flow: the ACME problem type (or HTTP status, or exception class) that
 * {@link Stats} counts errors by, and the server's detail. No stack trace: it is a counted
 * outcome, not a bug in the generator.
 */
public final class AcmeFailure extends RuntimeException {
    private final String kind;

    public AcmeFailure(String kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    /** {@code urn:ietf:params:acme:error:badNonce (400)}, {@code HTTP 502}, {@code ConnectException}. */
    public String kind() {
        return kind;
    }

    /** The failure of any throwable: an AcmeFailure as is, otherwise its class and message. */
    public static AcmeFailure of(Throwable t) {
        if (t instanceof AcmeFailure failure) {
            return failure;
        }
        return new AcmeFailure(t.getClass().getSimpleName(), String.valueOf(t.getMessage()));
    }
}
