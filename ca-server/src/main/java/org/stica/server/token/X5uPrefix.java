package org.stica.server.token;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One x5u allow-list entry added at run time (RFC 9448 §6), and the rule every added prefix
 * must follow: an absolute {@code https} (or {@code http}) URL with a host, without userinfo,
 * query or fragment, whose path ends with {@code /} and holds no dot segments or percent-encoded
 * dots, slashes or backslashes; at most 512 characters.
 */
public record X5uPrefix(String id, String prefix, Instant createdAt, String createdBy) {
    /** The longest prefix accepted. */
    public static final int MAX_LENGTH = 512;

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("prefix", prefix)
                .put("createdAt", createdAt.toString()).put("createdBy", createdBy)
                .put("source", "admin");
    }

    /** Why {@code text} is not an acceptable prefix; empty when it is. */
    public static Optional<String> problem(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.of("prefix must be 1-" + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("prefix is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.isOpaque()) {
            return Optional.of("prefix must be an https (or http) URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("prefix must name a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return Optional.of("prefix must not carry userinfo, a query or a fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.endsWith("/")) {
            return Optional.of("prefix path must end with '/' (e.g. https://pa.example/certs/)");
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
                || path.contains("\\") || path.contains("/./") || path.contains("/../")) {
            return Optional.of("prefix path must not hold dot segments or encoded dots or"
                    + " slashes");
        }
        return Optional.empty();
    }
}
