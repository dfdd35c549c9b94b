package org.stica.server.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which webhook URLs may be registered and called (the SSRF thinking of the x5u fetcher): an
 * absolute {@code https} URL with a host, no userinfo, no fragment, at most 2048 characters,
 * whose host is not a loopback, private, link-local, unspecified or multicast IP literal nor
 * {@code localhost}. With {@code notify.allowHttpLoopback} (tests, demo) {@code http} and
 * {@code https} URLs on {@code 127.0.0.1}, {@code localhost} or {@code [::1]} are allowed too.
 * Host names are not resolved here (no DNS on an event loop); the dispatcher never follows
 * redirects, so a registered name is the only place a delivery goes. Pure decision, no I/O.
 */
public final class WebhookUrlPolicy {
    private static final int MAX_LENGTH = 2048;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]",
            "::1");
    private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");

    private final boolean allowHttpLoopback;

    public WebhookUrlPolicy(boolean allowHttpLoopback) {
        this.allowHttpLoopback = allowHttpLoopback;
    }

    /** Why {@code url} is refused, or empty when it is allowed. */
    public Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("url is required");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("url must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host.isEmpty()) {
            return Optional.of("url must be absolute with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("url must not carry userinfo or a fragment");
        }
        boolean loopback = LOOPBACK_HOSTS.contains(host);
        if (allowHttpLoopback && loopback && (scheme.equals("http") || scheme.equals("https"))) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("url must be https (http only on the loopback interface when"
                    + " notify.allowHttpLoopback is set)");
        }
        if (loopback || internalAddress(host)) {
            return Optional.of("url must not name a loopback, private, link-local or"
                    + " multicast address");
        }
        return Optional.empty();
    }

    private static boolean internalAddress(String host) {
        boolean ipv6 = host.startsWith("[") && host.endsWith("]");
        if (!ipv6 && !IPV4.matcher(host).matches()) {
            return false;
        }
        try {
            // a literal: parsed, never looked up (an IPv6 literal never triggers DNS)
            InetAddress address = ipv6 ? InetAddress.getByName(host.substring(1,
                    host.length() - 1)) : InetAddress.getByAddress(ipv4(host));
            return address.isLoopbackAddress() || address.isSiteLocalAddress()
                    || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                    || address.isMulticastAddress() || uniqueLocal(address);
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static byte[] ipv4(String host) throws UnknownHostException {
        String[] parts = host.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                throw new UnknownHostException("not an IPv4 literal");
            }
            bytes[i] = (byte) octet;
        }
        return bytes;
    }

    /** IPv6 unique local addresses (fc00::/7), which isSiteLocalAddress does not cover. */
    private static boolean uniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
