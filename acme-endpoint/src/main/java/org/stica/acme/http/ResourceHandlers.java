package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** One handler per ACME resource (RFC 8555 §7.1), as {@link AcmeRoutes} mounts them. */
public record ResourceHandlers(Handler<RoutingContext> directory,
                               Handler<RoutingContext> newNonce,
                               Handler<RoutingContext> newAccount,
                               Handler<RoutingContext> account,
                               Handler<RoutingContext> newOrder,
                               Handler<RoutingContext> order,
                               Handler<RoutingContext> finalizeOrder,
                               Handler<RoutingContext> authz,
                               Handler<RoutingContext> challenge,
                               Handler<RoutingContext> certificate,
                               Handler<RoutingContext> revokeCert,
                               Handler<RoutingContext> keyChange,
                               Handler<RoutingContext> ordersList,
                               Handler<RoutingContext> renewalInfo) {
}
