package org.stica.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The optional plain-HTTP listener ({@code http.plainHost:http.plainPort}, issue 17): it serves
 * only what relying parties fetch over plain HTTP by convention (the CRLs, the ARL, the CRL
 * signer and the trust anchors; RFC 5280 §4.2.1.13), so a CRL fetch never depends on the public
 * port's TLS certificate. Port 0 binds any free port (tests).
 */
public record PlainHttp(String host, int port) {

    void validate(int publicPort) {
        if (port < 0 || port > 65535) {
            throw ConfigKey.HTTP_PLAIN_PORT.invalid(ConfigReader.rangeProblem(1, 65535, port));
        }
        if (port != 0 && port == publicPort) {
            throw ConfigKey.HTTP_PLAIN_PORT.invalid("must differ from "
                    + ConfigKey.HTTP_PORT.label() + ", got '" + port + "'");
        }
        if (host.isBlank()) {
            throw ConfigKey.HTTP_PLAIN_HOST.invalid("must not be empty");
        }
    }

    /** The listener when {@code http.plainPort} is set, bound to {@code http.plainHost}. */
    static Optional<PlainHttp> read(ConfigReader in, String publicHost) {
        if (in.optional(ConfigKey.HTTP_PLAIN_PORT).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlainHttp(in.optional(ConfigKey.HTTP_PLAIN_HOST).orElse(publicHost),
                in.port(ConfigKey.HTTP_PLAIN_PORT)));
    }

    /**
     * Checks {@code http.plainUrl}: an {@code http} origin (a CRL fetch must not depend on a TLS
     * certificate) without user, query, fragment or trailing slash.
     */
    static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || url.endsWith("/")) {
                throw ConfigKey.HTTP_PLAIN_URL.invalid("must be an http:// origin without user,"
                        + " query or trailing slash, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw ConfigKey.HTTP_PLAIN_URL.invalid("is not a URL, got '" + url + "'");
        }
    }
}
