package org.stica.server.http;

/**
 * A refusal the HTTP layer reports as an RFC 9457 problem document: status, a short type name
 * (written as {@code urn:stica:problem:<type>}) and a client-safe detail.
 */
public final class HttpProblem extends RuntimeException {
    private final int status;
    private final String type;

    public HttpProblem(int status, String type, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }
}
