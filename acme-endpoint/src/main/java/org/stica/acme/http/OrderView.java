package org.stica.acme.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.stica.acme.model.Authz;
import org.stica.acme.model.Order;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.service.NewOrderCheck;
import org.stica.acme.service.OrderState;
import org.stica.acme.service.ResourceUrls;
import org.stica.policy.token.TokenType;

/**
 * The order object (RFC 8555 §7.1.3) with its effective status, echoing the identifier strings
 * the client sent (RFC 9448 §3; an RCD order's JWTClaimConstraints identifier after the
 * TNAuthList), plus {@code certificate} and {@code x5u} (RFC 9448 §7) once valid,
 * {@code profile} (draft-ietf-acme-profiles) and {@code replaces} (RFC 9773 §5).
 */
final class OrderView {
    private final ResourceUrls urls;
    private final Clock clock;

    OrderView(ResourceUrls urls, Clock clock) {
        this.urls = urls;
        this.clock = clock;
    }

    /** Whether the order is processing, so the client is told when to poll again. */
    boolean inProgress(OrderState state) {
        return state.order().statusAt(clock.instant()) == OrderStatus.PROCESSING;
    }

    JsonObject toJson(OrderState state) {
        Order order = state.order();
        JsonArray authorizations = new JsonArray();
        JsonArray identifiers = new JsonArray().add(new JsonObject()
                .put("type", NewOrderCheck.TNAUTHLIST).put("value", order.identifierValue()));
        for (Authz authz : state.authorizations()) {
            authorizations.add(urls.authz(authz.id()));
            if (authz.identifierType() != TokenType.TN_AUTH_LIST) {
                identifiers.add(new JsonObject().put("type", authz.identifierType().wire())
                        .put("value", authz.identifierValue()));
            }
        }
        JsonObject json = new JsonObject()
                .put("status", order.statusAt(clock.instant()).wire())
                .put("expires", Times.format(order.expires()))
                .put("identifiers", identifiers)
                .put("authorizations", authorizations)
                .put("finalize", urls.finalizeOrder(order.id()))
                .put("profile", order.profile());
        order.replaces().ifPresent(r -> json.put("replaces", r));
        order.notBefore().ifPresent(t -> json.put("notBefore", t.toString()));
        order.notAfter().ifPresent(t -> json.put("notAfter", t.toString()));
        order.errorJson().ifPresent(e -> json.put("error", new JsonObject(e)));
        order.certificateId().ifPresent(id -> json.put("certificate", urls.certificate(id)));
        order.x5u().ifPresent(x5u -> json.put("x5u", x5u));
        return json;
    }
}
