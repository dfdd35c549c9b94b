package org.stica.server.cli;

import java.util.Optional;
import org.stica.server.config.StiCaConfig;

/**
 * Whether {@code serve} must warn that its public origin is plain HTTP (issue 17): ACME runs over
 * HTTPS (RFC 8555 §6.1) and verifiers fetch x5u over HTTPS only (ATIS-1000074; STANDARDS.md
 * §4.4), so an {@code http} publicUrl (or none, without {@code http.tls.*}) puts plain-HTTP URLs
 * into ACME links and certificates. An https publicUrl without {@code http.tls.*} is a TLS proxy
 * in front and is fine. The demo does not ask.
 */
public final class PublicUrlCheck {
    private PublicUrlCheck() {
    }

    /** The warning to log, if any. */
    public static Optional<String> warning(StiCaConfig config) {
        String origin = config.publicUrl().orElse(config.http().tls().isPresent()
                ? "https://localhost" : "http://localhost");
        if (!origin.startsWith("http:")) {
            return Optional.empty();
        }
        return Optional.of("publicUrl " + origin + " is plain HTTP: ACME (RFC 8555 §6.1) and"
                + " the certificate repository named by x5u (ATIS-1000074) must be HTTPS; serve"
                + " HTTPS with http.tls.certFile/keyFile (or a TLS proxy) and set publicUrl to"
                + " its https origin");
    }
}
