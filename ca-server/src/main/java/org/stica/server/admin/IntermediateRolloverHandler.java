package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.stica.policy.profile.CrlDistribution;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaIssuers;
import org.stica.server.ca.CaKeyRecord;
import org.stica.server.ca.IntermediateRollover;
import org.stica.server.ecosystem.StiPaCrlUnknownException;
import org.stica.server.http.HttpProblem;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.store.pg.PgRolloverLock;

/**
 * {@code POST /admin/v1/ca/intermediates/rollover} (admin; dual control when configured): creates
 * the next intermediate ({@link IntermediateRollover}, HSM work on a worker thread), records it
 * in {@code ca_key} and reloads {@link CaIssuers}, so new certificates are signed by it here at
 * once and on every other instance at its next reload; older certificates keep their issuer.
 * Answers 201 with the new key; 409 when the root key is unavailable or a rollover is running
 * on any instance ({@link PgRolloverLock}); 503 {@code stiPaCrlUnknown} under the STI-PA while
 * the STI-PA CRL the new intermediate must name is not known (issue 20; nothing is made).
 * Audited as {@code ca.intermediate.rolled-over}.
 */
public final class IntermediateRolloverHandler {
    private final Vertx vertx;
    private final IntermediateRollover rollover;
    private final PgCaKeyStore store;
    private final CaIssuers issuers;
    private final CaHierarchy hierarchy;
    private final AuditLog audit;
    private final PgRolloverLock lock;
    private final Supplier<CrlDistribution> crl;

    /**
     * The HSM and database parts of a rollover, where it is recorded, and the CRLDP the new
     * intermediate names ({@link org.stica.server.ecosystem.EcosystemCrl}).
     */
    public record Parts(IntermediateRollover rollover, PgCaKeyStore store, PgRolloverLock lock,
                        Supplier<CrlDistribution> crl) {
    }

    public IntermediateRolloverHandler(Vertx vertx, Parts parts, CaIssuers issuers,
                                       CaHierarchy hierarchy, AuditLog audit) {
        this.vertx = vertx;
        this.rollover = parts.rollover();
        this.store = parts.store();
        this.lock = parts.lock();
        this.crl = parts.crl();
        this.issuers = issuers;
        this.hierarchy = hierarchy;
        this.audit = audit;
    }

    public void handle(RoutingContext ctx) {
        String actor = ApiKeyHandler.actor(ctx);
        lock.exclusively(() -> rollOver(actor), () -> new HttpProblem(409, "conflict",
                        "an intermediate rollover is running"))
                .recover(IntermediateRolloverHandler::problem)
                .onSuccess(created -> JsonReply.send(ctx, 201, created))
                .onFailure(ctx::fail);
    }

    /** Under the lock: re-read ca_key, make the key and certificate, record, reload, audit. */
    private Future<JsonObject> rollOver(String actor) {
        return issuers.reload().compose(v -> {
            String previous = issuers.active().alias();
            CrlDistribution named = crl.get();
            return vertx.executeBlocking(() -> rollover.run(hierarchy, issuers.all(), named),
                            false)
                    .compose(created -> store.insertAll(List.of(created))
                            .compose(done -> issuers.reload())
                            .map(done -> json(created).put("previous", previous)))
                    .compose(created -> audit.record(new AuditEvent(
                            "ca.intermediate.rolled-over", actor, created.getString("alias"),
                            created)).map(created));
        });
    }

    private static Future<JsonObject> problem(Throwable failure) {
        if (failure instanceof IntermediateRollover.RolloverRefused refused) {
            return Future.failedFuture(new HttpProblem(409, "conflict", refused.getMessage()));
        }
        if (failure instanceof StiPaCrlUnknownException unknown) {
            return Future.failedFuture(new HttpProblem(503, "stiPaCrlUnknown",
                    unknown.getMessage()));
        }
        return Future.failedFuture(failure);
    }

    private static JsonObject json(CaKeyRecord key) {
        X509Certificate c = key.certificate();
        return new JsonObject().put("alias", key.alias()).put("role", key.role().dbValue())
                .put("subject", c.getSubjectX500Principal().getName())
                .put("serial", c.getSerialNumber().toString(16))
                .put("notBefore", c.getNotBefore().toInstant().toString())
                .put("notAfter", c.getNotAfter().toInstant().toString())
                .put("pathLenConstraint", c.getBasicConstraints());
    }
}
