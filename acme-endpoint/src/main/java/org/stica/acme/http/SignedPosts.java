package org.stica.acme.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.service.ResourceUrls;
import org.stica.acme.service.SignedRequestService;

/** Authenticates a routed POST through {@link SignedRequestService} (RFC 8555 §6.2). */
public final class SignedPosts {
    private final SignedRequestService service;
    private final ResourceUrls urls;

    public SignedPosts(SignedRequestService service, ResourceUrls urls) {
        this.service = service;
        this.urls = urls;
    }

    Future<SignedRequest> verify(RoutingContext ctx, KeyMode mode) {
        return service.verify(RawRequests.of(ctx, urls), mode);
    }

    ResourceUrls urls() {
        return urls;
    }
}
