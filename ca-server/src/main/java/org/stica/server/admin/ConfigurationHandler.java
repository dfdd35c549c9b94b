package org.stica.server.admin;

import io.vertx.ext.web.RoutingContext;
import org.stica.server.config.StiCaConfig;

/**
 * {@code GET /admin/v1/configuration} (secrets redacted) and {@code GET /admin/v1/x5u-allow-list}
 * (the STI-PA x5u URL prefixes SPC tokens may name, RFC 9448 §6; set by
 * {@code pa.x5uAllowedPrefixes}).
 */
public final class ConfigurationHandler {
    private final StiCaConfig config;

    public ConfigurationHandler(StiCaConfig config) {
        this.config = config;
    }

    public void configuration(RoutingContext ctx) {
        JsonReply.send(ctx, 200, ConfigurationView.of(config));
    }

    public void x5uAllowList(RoutingContext ctx) {
        JsonReply.send(ctx, 200, new io.vertx.core.json.JsonObject()
                .put("items", new io.vertx.core.json.JsonArray(
                        config.pa().x5uAllowedPrefixes()))
                .put("source", "pa.x5uAllowedPrefixes (STICA_X5U_ALLOWED_PREFIXES)"));
    }
}
