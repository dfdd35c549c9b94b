package org.stica.server.trace;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id of one HTTP request, sent back in the {@value #HEADER} response header, written into
 * every log line of the request and into the details of the audit events it causes. A client's
 * own {@value #HEADER} is kept when well formed: 1 to {@value #MAX_LENGTH} characters of
 * {@code A-Z a-z 0-9 . _ : + / = -} (UUIDs, ULIDs, base64 and trace ids fit; nothing that could
 * split a log line or a header). Otherwise the server makes one: 16 random bytes, base64url
 * without padding (22 characters). An id is a label, not a secret (a client may send any id it
 * likes), so it is drawn from {@link ThreadLocalRandom}: 128 bits make two requests' ids differ,
 * at no lock or system call per request.
 */
public record RequestId(String value) {
    /** The request and response header. */
    public static final String HEADER = "X-Request-Id";
    /** The longest id taken from a client. */
    public static final int MAX_LENGTH = 128;

    /** The characters an id may have, by code point below 128. */
    private static final boolean[] ALLOWED = new boolean[128];
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    static {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:+/=-".chars()
                .forEach(c -> ALLOWED[c] = true);
    }

    public RequestId {
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("not a well-formed request id");
        }
    }

    /** A new random id. */
    public static RequestId generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] bytes = ByteBuffer.allocate(16).putLong(random.nextLong())
                .putLong(random.nextLong()).array();
        return new RequestId(BASE64URL.encodeToString(bytes));
    }

    /** The client's id when it sent exactly one well-formed {@value #HEADER}, else empty. */
    public static Optional<RequestId> parse(List<String> headerValues) {
        if (headerValues.size() != 1 || !wellFormed(headerValues.get(0))) {
            return Optional.empty();
        }
        return Optional.of(new RequestId(headerValues.get(0)));
    }

    /** 1 to {@value #MAX_LENGTH} allowed characters (a plain scan: this runs per request). */
    private static boolean wellFormed(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= ALLOWED.length || !ALLOWED[c]) {
                return false;
            }
        }
        return true;
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
