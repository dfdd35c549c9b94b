package org.stica.server.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Who called the admin API: the API key's id ({@code bootstrap} for {@code STICA_ADMIN_TOKEN})
 * and its role. Stored in the routing context by {@link AdminAccessHandler}.
 */
public record AdminPrincipal(String keyId, AdminRole role) {
    /** The id the bootstrap token (STICA_ADMIN_TOKEN) acts as. */
    public static final String BOOTSTRAP = "bootstrap";
    private static final String CONTEXT_KEY = "stica.admin.principal";

    /** The principal of an authenticated request, if any. */
    public static Optional<AdminPrincipal> of(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(CONTEXT_KEY));
    }

    void attach(RoutingContext ctx) {
        ctx.put(CONTEXT_KEY, this);
    }

    /** The audit actor name, e.g. {@code admin-key:k-1a2b}. */
    public String actor() {
        return "admin-key:" + keyId;
    }
}
