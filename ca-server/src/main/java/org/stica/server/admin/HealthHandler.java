package org.stica.server.admin;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * GET {@code /admin/v1/health}: database reachable, CA keys present, HSM answering, CRL age,
 * root custody ({@code "root": "online"|"offline"}) and the root ARL ({@code ok}; {@code expiring}
 * within {@link #ARL_WARNING} of its nextUpdate while the root is offline, or {@code missing}: a
 * warning; {@code stale}: degraded);
 * each dependency probe is bounded by {@link #PROBE_TIMEOUT_MS}. 200 with
 * {@code "status":"ok"} when all pass, else 503 with {@code "status":"degraded"} and which part
 * failed (no internal error text). While the server drains for shutdown: 503 with
 * {@code "status":"draining"}.
 */
public final class HealthHandler {
    /** A dependency that does not answer within this is reported down (never a hung probe). */
    static final long PROBE_TIMEOUT_MS = 3000;
    /**
     * With the root offline, health warns this long before the ceremony-signed ARL's nextUpdate,
     * so the next {@code arl} ceremony can be scheduled (issue 16).
     */
    public static final Duration ARL_WARNING = Duration.ofDays(30);

    private final HealthProbe probe;
    private final Clock clock;

    public HealthHandler(HealthProbe probe, Clock clock) {
        this.probe = probe;
        this.clock = clock;
    }

    public void handle(RoutingContext ctx) {
        Future<Boolean> database = probe.database().timeout(PROBE_TIMEOUT_MS, MILLISECONDS)
                .map(true).otherwise(false);
        Future<Boolean> keys = probe.caKeys().timeout(PROBE_TIMEOUT_MS, MILLISECONDS)
                .otherwise(false);
        Future.join(database, keys).onComplete(done -> respond(ctx, database.result(),
                keys.result()));
    }

    private void respond(RoutingContext ctx, boolean database, boolean keys) {
        Instant now = clock.instant();
        JsonObject crl = probe.crl().map(state -> new JsonObject()
                        .put("status", now.isBefore(state.nextUpdate()) ? "ok" : "stale")
                        .put("number", state.number())
                        .put("thisUpdate", state.thisUpdate().toString())
                        .put("nextUpdate", state.nextUpdate().toString())
                        .put("ageSeconds", Duration.between(state.thisUpdate(), now).toSeconds()))
                .orElse(new JsonObject().put("status", "missing"));
        Optional<String> hsmFailure = probe.hsmFailure();
        boolean healthy = database && keys && hsmFailure.isEmpty()
                && "ok".equals(crl.getString("status"));
        JsonObject body = new JsonObject()
                .put("status", healthy ? "ok" : "degraded")
                .put("database", database ? "ok" : "unreachable")
                .put("caKeys", keys ? "ok" : "missing")
                .put("hsm", hsmFailure.map(reason -> new JsonObject().put("status", "failing")
                        .put("reason", reason)).orElse(new JsonObject().put("status", "ok")))
                .put("crl", crl);
        probe.root().ifPresent(root -> {
            body.put("root", root.online() ? "online" : "offline");
            JsonObject arl = arl(root, now);
            body.put("arl", arl);
            String status = arl.getString("status");
            if ("stale".equals(status)) {
                body.put("status", "degraded");
            } else if (!"ok".equals(status) && "ok".equals(body.getString("status"))) {
                body.put("status", "warning");
            }
        });
        boolean up = healthy && !"degraded".equals(body.getString("status"));
        probe.trustWarning().ifPresentOrElse(reason -> body.put("status",
                        up ? "warning" : body.getString("status"))
                        .put("stiPaTrust", new JsonObject().put("status", "warning")
                                .put("reason", reason)),
                () -> body.put("stiPaTrust", new JsonObject().put("status", "ok")));
        boolean draining = probe.draining();
        if (draining) {
            body.put("status", "draining");
        }
        ctx.response().setStatusCode(up && !draining ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    private static JsonObject arl(HealthProbe.RootState root, Instant now) {
        if (root.arl().isEmpty()) {
            return new JsonObject().put("status", "missing").put("reason", root.online()
                    ? "the ARL is not signed yet" : "no ARL stored: run an `arl` ceremony");
        }
        HealthProbe.CrlState arl = root.arl().get();
        JsonObject json = new JsonObject().put("number", arl.number())
                .put("thisUpdate", arl.thisUpdate().toString())
                .put("nextUpdate", arl.nextUpdate().toString());
        if (!now.isBefore(arl.nextUpdate())) {
            return json.put("status", "stale");
        }
        if (!root.online() && now.plus(ARL_WARNING).isAfter(arl.nextUpdate())) {
            return json.put("status", "expiring").put("reason", "the ARL expires at "
                    + arl.nextUpdate() + ": run an `arl` ceremony before then");
        }
        return json.put("status", "ok");
    }
}
