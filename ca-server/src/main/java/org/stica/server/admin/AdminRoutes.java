package org.stica.server.admin;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Consumer;
import org.stica.server.http.ProblemResponder;

/**
 * The admin API router (bind it to {@code admin.host:admin.port}): every route behind
 * {@link AdminAuthHandler}; failures become RFC 9457 problem documents.
 */
public final class AdminRoutes {
    private static final long MAX_BODY_BYTES = 16 * 1024;

    private AdminRoutes() {
    }

    public static Router router(Vertx vertx, AdminAuthHandler auth, HealthHandler health,
                                RevokeHandler revoke) {
        return router(vertx, auth, health, revoke, extra -> { });
    }

    /**
     * As {@link #router(Vertx, AdminAuthHandler, HealthHandler, RevokeHandler)}, with further
     * routes added by {@code more} behind the same authentication and problem mapping.
     */
    public static Router router(Vertx vertx, AdminAuthHandler auth, HealthHandler health,
                                RevokeHandler revoke, Consumer<Router> more) {
        Router router = Router.router(vertx);
        router.route().handler(auth::handle);
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.get("/admin/v1/health").handler(health::handle);
        router.post("/admin/v1/certificates/:serial/revoke").handler(revoke::handle);
        more.accept(router);
        router.route().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(ProblemResponder::handle);
        return router;
    }
}
