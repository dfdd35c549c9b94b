package org.stica.server.pa;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.stica.server.pa.login.AccessTokenService;

/**
 * Who may request SPC tokens for an OCN (STANDARDS.md §4.1 item 3; RFC 9447 §5.1): the
 * {@code Authorization} value, raw or after {@code Bearer}, is either an access token from
 * {@code POST /api/v1/auth/login} ({@link AccessTokens}), which must belong to the SP of that
 * OCN and be live, or the SP's API key. Either way the SP must be active; anything else is 403.
 */
public final class TokenApiCredentials {
    private static final String BEARER = "bearer ";

    private final ServiceProviderService registry;
    private final AccessTokenService accessTokens;

    public TokenApiCredentials(ServiceProviderService registry, AccessTokenService accessTokens) {
        this.registry = registry;
        this.accessTokens = accessTokens;
    }

    /** The active SP behind {@code ocn} that the request's credential authenticates. */
    public Future<ServiceProvider> authenticate(String ocn, RoutingContext ctx) {
        String credential = credential(ctx);
        if (!AccessTokens.isAccessToken(credential)) {
            return registry.authenticate(ocn, credential);
        }
        return accessTokens.authenticate(credential).compose(sp -> sp.spc().equals(ocn)
                ? Future.succeededFuture(sp)
                : Future.failedFuture(ServiceProviderService.forbidden(
                        "unknown account or bad credentials")));
    }

    /** The credential of a request: {@code Authorization} trimmed, without a Bearer prefix. */
    public static String credential(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        String value = header.trim();
        return value.toLowerCase(Locale.ROOT).startsWith(BEARER)
                ? value.substring(BEARER.length()).trim() : value;
    }
}
