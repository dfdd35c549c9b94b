package org.stica.server.pa.login;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.stica.server.http.HttpProblem;
import org.stica.server.pa.TokenApiCredentials;

/**
 * The iconectiv-style login over HTTP (STANDARDS.md §4.1 item 2): {@code POST /api/v1/auth/login}
 * with {@code {"userId":"…","password":"…"}} answers
 * {@code {"status":"success","accessToken":"…","expiresIn":<seconds>,"expiresAt":"<RFC 3339>"}}
 * (never cached); bad credentials 403, too many failed logins 429 with {@code Retry-After}, a
 * malformed body 400. Also the gate of {@code GET /api/v1/ca-list}: a live access token in
 * {@code Authorization} (raw, as iconectiv clients send it), else 403. Failures go to the
 * route's failure handler, which renders iconectiv's error envelope.
 */
public final class LoginHandler {
    private static final int MAX_FIELD = 1024;

    private final LoginService logins;
    private final AccessTokenService tokens;

    public LoginHandler(LoginService logins, AccessTokenService tokens) {
        this.logins = logins;
        this.tokens = tokens;
    }

    /** {@code POST /api/v1/auth/login}. */
    public void login(RoutingContext ctx) {
        JsonObject body = body(ctx);
        logins.login(field(body, "userId"), field(body, "password"), address(ctx))
                .onSuccess(issued -> ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("status", "success")
                                .put("accessToken", issued.token())
                                .put("expiresIn", Duration.between(issued.record().issuedAt(),
                                        issued.record().expiresAt()).toSeconds())
                                .put("expiresAt", issued.record().expiresAt().toString())
                                .encode()))
                .onFailure(e -> refused(ctx, e));
    }

    /** Lets the request on only with a live access token of an active SP. */
    public void requireAccessToken(RoutingContext ctx) {
        tokens.authenticate(TokenApiCredentials.credential(ctx))
                .onSuccess(sp -> ctx.next())
                .onFailure(ctx::fail);
    }

    private static void refused(RoutingContext ctx, Throwable e) {
        if (e instanceof LoginThrottle.Throttled throttled) {
            ctx.response().putHeader("Retry-After",
                    Long.toString(throttled.retryAfter().toSeconds()));
            ctx.fail(new HttpProblem(429, "rateLimited", throttled.getMessage()));
        } else {
            ctx.fail(e);
        }
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (DecodeException | ClassCastException e) {
            // reported below
        }
        throw malformed();
    }

    private static String field(JsonObject body, String name) {
        Object value = body.getValue(name);
        if (!(value instanceof String text) || text.isEmpty() || text.length() > MAX_FIELD) {
            throw malformed();
        }
        return text;
    }

    private static String address(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    private static HttpProblem malformed() {
        return new HttpProblem(400, "malformed", "body must be a JSON object"
                + " {\"userId\":\"…\",\"password\":\"…\"} of non-empty strings");
    }
}
