package org.stica.policy.rcd;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The value of an {@code rcdi} claim (RFC 9795 §6): RFC 6901 JSON pointers into the {@code rcd}
 * (past {@code /jcl} into the fetched jCard, §6.1.4) mapped to digest strings
 * {@code (sha256|sha384|sha512)-<base64>} ({@link RcdiAlgorithm}). Its {@link #canonical()} form
 * is the string pinned by a permittedValues entry for {@code rcdi} (RFC 9795 §6.3).
 */
public record Rcdi(SortedMap<String, String> digests) {
    private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01])*)+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    /** Validates every pointer and digest string. */
    public Rcdi {
        digests = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(digests));
        digests.forEach(Rcdi::check);
    }

    /** Parses an rcdi JSON object (every value a string). */
    public static Rcdi fromJson(JsonObject json) {
        SortedMap<String, String> digests = new TreeMap<>();
        for (Map.Entry<String, Object> entry : json) {
            if (!(entry.getValue() instanceof String digest)) {
                throw Rcd.malformed("rcdi value for " + entry.getKey() + " is not a string");
            }
            digests.put(entry.getKey(), digest);
        }
        return new Rcdi(digests);
    }

    /** The rcdi as a JSON object. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        digests.forEach(json::put);
        return json;
    }

    /** The RFC 8225 §9 canonical JSON of this rcdi. */
    public String canonical() {
        return CanonicalJson.ofValue(toJson());
    }

    private static void check(String pointer, String digest) {
        if (!POINTER.matcher(pointer).matches()) {
            throw Rcd.malformed("rcdi key \"" + pointer + "\" is not a JSON pointer (RFC 6901)");
        }
        RcdiAlgorithm algorithm = RcdiAlgorithm.of(digest).orElseThrow(() -> Rcd.malformed(
                "rcdi value for " + pointer + " must be sha256-, sha384- or sha512-<base64>"
                        + " (RFC 9795 §6)"));
        String encoded = digest.substring(algorithm.label().length() + 1);
        int expected = algorithm.digest(new byte[0]).length() - algorithm.label().length() - 1;
        if (!BASE64.matcher(encoded).matches()
                || encoded.replace("=", "").length() != expected) {
            throw Rcd.malformed("rcdi value for " + pointer + " is not a base64 "
                    + algorithm.label() + " digest (RFC 9795 §6)");
        }
        Base64.getDecoder().decode(encoded.replace("=", ""));
    }
}
