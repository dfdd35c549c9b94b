package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.service.ResourceUrls;

/**
 * GET directory (RFC 8555 §7.1.1): the resource URLs (with ARI {@code renewalInfo}, RFC 9773
 * §3) and {@code meta} ({@code externalAccountRequired}, {@code profiles}). No
 * {@code caaIdentities} (no DNS identifiers, STANDARDS.md §3.1.1); cacheable but revalidated.
 */
public final class DirectoryHandler implements Handler<RoutingContext> {
    private final String body;

    public DirectoryHandler(ResourceUrls urls, Optional<String> termsOfService,
                            Optional<String> website, boolean externalAccountRequired,
                            Map<String, String> profiles) {
        JsonObject meta = new JsonObject()
                .put("externalAccountRequired", externalAccountRequired)
                .put("profiles", new JsonObject(new LinkedHashMap<>(profiles)));
        termsOfService.ifPresent(tos -> meta.put("termsOfService", tos));
        website.ifPresent(site -> meta.put("website", site));
        this.body = new JsonObject()
                .put("newNonce", urls.newNonce())
                .put("newAccount", urls.newAccount())
                .put("newOrder", urls.newOrder())
                .put("revokeCert", urls.revokeCert())
                .put("keyChange", urls.keyChange())
                .put("renewalInfo", urls.renewalInfo())
                .put("meta", meta)
                .encode();
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", Replies.JSON)
                .putHeader("Cache-Control", "public, max-age=0, no-cache")
                .end(body);
    }
}
