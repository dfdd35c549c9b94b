package org.stica.server.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.stica.server.config.Secret;
import org.stica.server.config.StiCaConfig;
import org.stica.server.http.HttpProblem;

/**
 * Who may read {@code /metrics} ({@link org.stica.server.config.Metrics}): with a metrics token,
 * whoever sends it as a bearer token (compared in constant time; 401 otherwise); without one,
 * anyone who reaches an admin port bound to a loopback address, and nobody on any other address
 * (403, saying how to open it). The metrics token is not an admin credential: it opens nothing
 * but {@code /metrics}.
 */
public final class ScrapeAccess {
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;
    private final boolean loopback;

    ScrapeAccess(Optional<Secret> token, boolean loopback) {
        this.token = token.map(secret -> secret.reveal().getBytes(StandardCharsets.UTF_8));
        this.loopback = loopback;
    }

    /** The access {@code config} gives (resolves {@code admin.host}: call off the event loop). */
    public static ScrapeAccess of(StiCaConfig config) {
        return new ScrapeAccess(config.metrics().token(), isLoopback(config.admin().host()));
    }

    /** Whether {@code host} names a loopback address (an unknown name is not one). */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Empty when a request with this {@code Authorization} header may scrape. */
    public Optional<HttpProblem> refusal(String authorization) {
        if (token.isEmpty()) {
            return loopback ? Optional.empty() : Optional.of(new HttpProblem(403,
                    "metricsProtected", "/metrics is served without a token only on a loopback"
                    + " admin.host; set metrics.token (STICA_METRICS_TOKEN)"));
        }
        boolean bearer = authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        byte[] presented = bearer ? authorization.substring(BEARER.length()).trim()
                .getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(presented, token.get()) ? Optional.empty()
                : Optional.of(new HttpProblem(401, "unauthorized",
                        "a valid metrics bearer token is required"));
    }
}
