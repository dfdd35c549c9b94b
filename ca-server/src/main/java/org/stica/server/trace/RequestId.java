package org.stica.server.trace;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of one HTTP request, sent back in the {@value #HEADER} response header, written into
 * every log line of the request and into the details of the audit events it causes. A client's
 * own {@value #HEADER} is kept when well formed: 1 to {@value #MAX_LENGTH} characters of
 * {@code A-Z a-z 0-9 . _ : + / = -} (UUIDs, ULIDs, base64 and trace ids fit; nothing that could
 * split a log line or a header). Otherwise the server makes one: 16 random bytes, base64url
 * without padding (22 characters).
 */
public record RequestId(String value) {
    /** The request and response header. */
    public static final String HEADER = "X-Request-Id";
    /** The longest id taken from a client. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern WELL_FORMED =
            Pattern.compile("[A-Za-z0-9._:+/=-]{1," + MAX_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public RequestId {
        if (value == null || !WELL_FORMED.matcher(value).matches()) {
            throw new IllegalArgumentException("not a well-formed request id");
        }
    }

    /** A new random id. */
    public static RequestId generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new RequestId(BASE64URL.encodeToString(bytes));
    }

    /** The client's id when it sent exactly one well-formed {@value #HEADER}, else empty. */
    public static Optional<RequestId> parse(List<String> headerValues) {
        if (headerValues.size() != 1 || !WELL_FORMED.matcher(headerValues.get(0)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new RequestId(headerValues.get(0)));
    }

    /** The client's id when well formed, else a new one. */
    public static RequestId fromHeaders(List<String> headerValues) {
        return parse(headerValues).orElseGet(RequestId::generate);
    }

    @Override
    public String toString() {
        return value;
    }
}
