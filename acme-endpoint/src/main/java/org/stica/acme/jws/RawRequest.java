package org.stica.acme.jws;

/**
 * What the JWS checks need from an HTTP POST: its {@code Content-Type}, body and the absolute URL
 * it was sent to ({@code publicUrl + path}), which the JWS {@code url} must equal (§6.4).
 */
public record RawRequest(String contentType, byte[] body, String url) {
    public RawRequest {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
