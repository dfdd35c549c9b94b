package org.stica.server.admin;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.config.Secret;
import org.stica.server.http.HttpProblem;

/**
 * Guards every admin route with {@code Authorization: Bearer <admin.token>}, compared in constant
 * time (401 otherwise). Without a configured token the admin API refuses everything with 503
 * (fail closed) and says so in the log. Behind {@link AdminApi} the request was already
 * authenticated and authorised by {@link AdminAccessHandler}, and this handler lets it pass.
 */
public final class AdminAuthHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthHandler.class);
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;
    private final AtomicBoolean warned = new AtomicBoolean();

    public AdminAuthHandler(Optional<Secret> token) {
        this.token = token.map(s -> s.reveal().getBytes(StandardCharsets.UTF_8));
    }

    public void handle(RoutingContext ctx) {
        if (AdminPrincipal.of(ctx).isPresent()) {
            ctx.next();
            return;
        }
        if (token.isEmpty()) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("admin API refused: no admin.token (STICA_ADMIN_TOKEN) is configured");
            }
            ctx.fail(new HttpProblem(503, "adminDisabled",
                    "the admin API is disabled: no admin token is configured"));
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        byte[] presented = bearer
                ? header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(presented, token.get())) {
            ctx.fail(new HttpProblem(401, "unauthorized",
                    "a valid admin bearer token is required"));
            return;
        }
        ctx.next();
    }
}
