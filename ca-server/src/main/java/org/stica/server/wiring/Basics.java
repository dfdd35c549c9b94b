package org.stica.server.wiring;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.stica.server.config.StiCaConfig;
import org.stica.server.metrics.ServerMetrics;

/**
 * What every part is built with: the Vert.x instance, the configuration (public URL resolved
 * once the public port is bound), the clock (house rule 8) and the meters parts report to.
 */
public record Basics(Vertx vertx, StiCaConfig config, Clock clock, ServerMetrics metrics) {

    /** The public origin, without trailing slash (set once the public port is bound). */
    public String publicUrl() {
        return config.publicUrl().orElseThrow(
                () -> new IllegalStateException("public URL not resolved yet"));
    }

    /**
     * The origin revocation URLs name ({@link StiCaConfig#revocationUrl()}): {@code http.plainUrl}
     * when set, else the public origin.
     */
    public String revocationUrl() {
        return config.revocationUrl().orElseThrow(
                () -> new IllegalStateException("public URL not resolved yet"));
    }

    /** The same with the public URL the bound listener gives. */
    public Basics withPublicUrl(String url) {
        return new Basics(vertx, config.withPublicUrl(url), clock, metrics);
    }
}
