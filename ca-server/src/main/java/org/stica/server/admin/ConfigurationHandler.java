package org.stica.server.admin;

import io.vertx.ext.web.RoutingContext;
import org.stica.server.config.StiCaConfig;

/**
 * {@code GET /admin/v1/configuration} (secrets redacted). The x5u allow-list has its own
 * handler ({@link X5uAllowListHandler}).
 */
public final class ConfigurationHandler {
    private final StiCaConfig config;

    public ConfigurationHandler(StiCaConfig config) {
        this.config = config;
    }

    public void configuration(RoutingContext ctx) {
        JsonReply.send(ctx, 200, ConfigurationView.of(config));
    }
}
