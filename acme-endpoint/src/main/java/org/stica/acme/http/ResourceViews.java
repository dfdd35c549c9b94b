package org.stica.acme.http;

import java.time.Clock;
import org.stica.acme.service.ResourceUrls;

/** The JSON views shared by several handlers (order and authorization objects). */
public final class ResourceViews {
    private final OrderView order;
    private final AuthzView authz;

    public ResourceViews(ResourceUrls urls, Clock clock) {
        this.order = new OrderView(urls, clock);
        this.authz = new AuthzView(new ChallengeView(urls), clock);
    }

    OrderView order() {
        return order;
    }

    AuthzView authz() {
        return authz;
    }
}
