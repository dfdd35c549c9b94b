package org.stica.policy.token;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Which x5u URLs may be fetched (STANDARDS.md §3.5.3): https, or http only for prefixes
 * explicitly allowed; the URL must start with one of the configured prefixes; no userinfo,
 * query or fragment. Refusals are {@link org.stica.policy.Violation#TOKEN_X5U_NOT_ALLOWED}.
 *
 * <p>A prefix is matched as scheme, host and port exactly (default ports made explicit, host
 * case-insensitive) and then as a path prefix that ends at a segment boundary: prefix
 * {@code https://pa.test/download} allows {@code https://pa.test/download/x.crt} but not
 * {@code https://pa.test/downloads/x.crt} nor {@code https://pa.test.evil.com/download/x.crt}.
 * A prefix with scheme {@code http} is the only way to allow plain http (tests). Paths with dot
 * segments or percent-encoded {@code . / \} are refused outright. No prefixes means every URL is
 * refused (fail closed).
 */
public final class X5uPolicy {
    private volatile List<Prefix> prefixes;

    /**
     * @param allowedPrefixes absolute {@code https} (or {@code http}) URLs without userinfo, query
     *                        or fragment; anything else throws {@link IllegalArgumentException}
     */
    public X5uPolicy(List<String> allowedPrefixes) {
        this.prefixes = allowedPrefixes.stream().map(X5uPolicy::parsePrefix).toList();
    }

    /**
     * Replaces the allowed prefixes at run time (the admin API's allow-list); all are parsed
     * first, so an invalid one throws {@link IllegalArgumentException} and changes nothing.
     */
    public void replacePrefixes(List<String> allowedPrefixes) {
        this.prefixes = allowedPrefixes.stream().map(X5uPolicy::parsePrefix).toList();
    }

    /** Returns normally when {@code x5u} may be fetched, else throws {@link PolicyException}. */
    public void check(URI x5u) {
        if (x5u == null || !x5u.isAbsolute() || x5u.isOpaque()) {
            throw refused("x5u must be an absolute hierarchical URL");
        }
        String scheme = x5u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused("x5u scheme must be https");
        }
        if (x5u.getRawUserInfo() != null) {
            throw refused("x5u must not carry userinfo");
        }
        if (x5u.getRawQuery() != null) {
            throw refused("x5u must not carry a query");
        }
        if (x5u.getRawFragment() != null) {
            throw refused("x5u must not carry a fragment");
        }
        if (x5u.getHost() == null || x5u.getHost().isEmpty()) {
            throw refused("x5u must name a host");
        }
        String path = checkedPath(x5u);
        String host = x5u.getHost().toLowerCase(Locale.ROOT);
        int port = effectivePort(scheme, x5u.getPort());
        for (Prefix prefix : prefixes) {
            if (prefix.matches(scheme, host, port, path)) {
                return;
            }
        }
        if (scheme.equals("http")) {
            throw refused("x5u scheme must be https (http is allowed only for explicitly"
                    + " configured http prefixes)");
        }
        throw refused("x5u is not under an allowed certificate repository prefix");
    }

    private static String checkedPath(URI x5u) {
        String rawPath = x5u.getRawPath() == null ? "" : x5u.getRawPath();
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
                || rawPath.contains("\\")) {
            throw refused("x5u path must not hold encoded dots or slashes");
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw refused("x5u path must not hold dot segments");
            }
        }
        return rawPath.isEmpty() ? "/" : rawPath;
    }

    private static Prefix parsePrefix(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("x5u prefix is not a URI: " + text, e);
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
            throw new IllegalArgumentException("x5u prefix must be an absolute URL: " + text);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("x5u prefix must be https or http: " + text);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "x5u prefix must not carry userinfo, query or fragment: " + text);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty()
                ? "/" : uri.getRawPath();
        return new Prefix(scheme, uri.getHost().toLowerCase(Locale.ROOT),
                effectivePort(scheme, uri.getPort()), path);
    }

    private static int effectivePort(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return scheme.equals("https") ? 443 : 80;
    }

    private static PolicyException refused(String detail) {
        return new PolicyException(Violation.TOKEN_X5U_NOT_ALLOWED, detail);
    }

    private record Prefix(String scheme, String host, int port, String path) {
        boolean matches(String otherScheme, String otherHost, int otherPort, String otherPath) {
            if (!scheme.equals(otherScheme) || !host.equals(otherHost) || port != otherPort) {
                return false;
            }
            if (path.endsWith("/")) {
                return otherPath.startsWith(path);
            }
            return otherPath.equals(path) || otherPath.startsWith(path + "/");
        }
    }
}
