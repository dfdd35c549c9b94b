package org.stica.acme.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
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

    /**
     * Verifies the request and runs {@code handler} with its nonce still to be recorded, which
     * the handler's first statement may fold in (issue 18); whatever the handler did, the nonce
     * is recorded before the answer, and a replayed one makes the answer badNonce.
     */
    <T> Future<T> handleFoldingNonce(RoutingContext ctx, KeyMode mode,
                                     Function<SignedRequest, Future<T>> handler) {
        return service.verifyFoldingNonce(RawRequests.of(ctx, urls), mode)
                .compose(request -> handled(request, handler)
                        .transform(done -> done.succeeded()
                                ? request.nonce().settle().map(done.result())
                                : SignedRequestService.failedAfterSettling(request.nonce(),
                                        done.cause())));
    }

    private static <T> Future<T> handled(SignedRequest request,
                                         Function<SignedRequest, Future<T>> handler) {
        try {
            return handler.apply(request);
        } catch (RuntimeException thrown) {
            return Future.failedFuture(thrown);
        }
    }

    ResourceUrls urls() {
        return urls;
    }
}
