package org.stica.policy.rcd;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The deterministic JSON form of RFC 8225 §9 (no whitespace or line breaks, object members in
 * lexicographic order, recursively), produced by the RFC 8785 (JCS) reference implementation.
 * JCS is a strict superset of the RFC 8225 §9 rules: it also fixes string escaping and number
 * formatting, and sorts by UTF-16 code unit, which equals code point order for every member name
 * RFC 9795 uses (ASCII). A JSON string serializes with its quotes, so {@code rcdi} digests of
 * string values cover the quotes (RFC 9795 §6.1; RCD.md §2).
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /**
     * The canonical form of one JSON text (object, array, string, number, boolean or null).
     *
     * @throws IllegalArgumentException when {@code json} is not one well-formed JSON value
     */
    public static String of(String json) {
        // JCS accepts only an object or array at the top; wrapping any value in a one-element
        // array and taking the brackets off gives the value's own canonical form.
        try {
            String wrapped = new JsonCanonicalizer("[" + json + "]").getEncodedString();
            String canonical = wrapped.substring(1, wrapped.length() - 1);
            if (canonical.isEmpty() || canonical.equals(",")
                    || new JsonArray(wrapped).size() != 1) {
                throw new IllegalArgumentException("not a single JSON value");
            }
            return canonical;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not well-formed JSON: " + e.getMessage(), e);
        }
    }

    /** The canonical form of a Vert.x JSON value (JsonObject, JsonArray, String, Number, ...). */
    public static String ofValue(Object value) {
        return of(Json.encode(value));
    }

    /** UTF-8 bytes of {@link #of(String)}, the input of an {@code rcdi} digest. */
    public static byte[] bytes(String json) {
        return of(json).getBytes(StandardCharsets.UTF_8);
    }
}
