package org.stica.server.subscriber;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.stica.acme.port.RevocationRefused;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.notify.NotificationEvent;
import org.stica.server.notify.SubscriberNotifications;
import org.stica.server.pa.SerialRevoker;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * The subscriber registry use cases (issue 15): create, read, list, change, suspend, reactivate
 * and terminate. Fields are checked by {@link SubscriberPolicy} before anything is stored; a
 * refusal is an {@link HttpProblem} (400 {@code malformed}, 404 {@code notFound}, 409
 * {@code conflict}) and changes nothing. Every change is audited ({@code subscriber.created},
 * {@code subscriber.changed}, {@code subscriber.suspended}, {@code subscriber.reactivated},
 * {@code subscriber.terminated}, {@code subscriber.certificates-revoked}).
 *
 * <p>Terminating revokes every live certificate carrying one of the subscriber's SPCs with
 * reason privilegeWithdrawn (9, RFC 5280 §5.3.1) through the same {@link SerialRevoker} as the
 * STI-PA role's SPC revocation (ca-server's {@code RevocationService}, which audits each
 * revocation and asks for the CRL rebuild). Terminating an already terminated subscriber
 * changes no status and revokes whatever is still live, so an interrupted termination is
 * finished by repeating it.
 */
public final class SubscriberService {
    /** RFC 5280 §5.3.1 privilegeWithdrawn. */
    public static final int PRIVILEGE_WITHDRAWN = 9;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PgSubscriberStore store;
    private final SerialRevoker revoker;
    private final SubscriberPolicy policy;
    private final AuditLog audit;
    private final SubscriberNotifications notifications;

    public SubscriberService(PgSubscriberStore store, SerialRevoker revoker,
                             SubscriberPolicy policy, AuditLog audit,
                             SubscriberNotifications notifications) {
        this.store = store;
        this.revoker = revoker;
        this.policy = policy;
        this.audit = audit;
        this.notifications = notifications;
    }

    /** A terminated subscriber and the serials its termination revoked. */
    public record Termination(Subscriber subscriber, List<String> revokedSerials) {
    }

    public Future<Subscriber> create(SubscriberDetails details, String actor) {
        Optional<String> violation = policy.violation(details);
        if (violation.isPresent()) {
            return Future.failedFuture(malformed(violation.get()));
        }
        String id = "sub-" + HexFormat.of().formatHex(randomBytes());
        return store.create(id, details, actor).recover(SubscriberService::conflict)
                .compose(created -> audited("subscriber.created", actor, created));
    }

    public Future<Subscriber> get(String id) {
        return store.find(id).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(notFound(id))));
    }

    public Future<List<Subscriber>> list(SubscriberQuery query) {
        return store.list(query);
    }

    /** Replaces the fields of {@code id} with {@code details}; a terminated one is refused. */
    public Future<Subscriber> update(String id, SubscriberDetails details, String actor) {
        Optional<String> violation = policy.violation(details);
        if (violation.isPresent()) {
            return Future.failedFuture(malformed(violation.get()));
        }
        return get(id).compose(current -> current.status() == SubscriberStatus.TERMINATED
                        ? Future.failedFuture(new HttpProblem(409, "conflict", "subscriber "
                        + id + " is terminated and can no longer be changed"))
                        : store.update(id, details, actor).recover(SubscriberService::conflict))
                .compose(updated -> updated.map(s -> audited("subscriber.changed", actor, s))
                        .orElseGet(() -> Future.failedFuture(notFound(id))));
    }

    /**
     * active → suspended: no new orders or renewals; its certificates stay valid. The
     * subscriber's webhook hears of it ({@code subscriber.suspended}; queued, never failing the
     * suspension).
     */
    public Future<Subscriber> suspend(String id, String actor) {
        return transition(id, SubscriberStatus.SUSPENDED, actor)
                .compose(s -> audited("subscriber.suspended", actor, s))
                .onSuccess(s -> notifications.enqueue(s.id(),
                        NotificationEvent.suspended(s.id(), s.changedAt())));
    }

    /** suspended → active. */
    public Future<Subscriber> reactivate(String id, String actor) {
        return transition(id, SubscriberStatus.ACTIVE, actor)
                .compose(s -> audited("subscriber.reactivated", actor, s));
    }

    /**
     * active or suspended → terminated (final), then every live certificate of its SPCs revoked
     * (privilegeWithdrawn); an already terminated subscriber only has its live certificates
     * revoked.
     */
    public Future<Termination> terminate(String id, String actor) {
        return get(id).compose(current -> current.status() == SubscriberStatus.TERMINATED
                        ? Future.succeededFuture(current)
                        : transition(id, SubscriberStatus.TERMINATED, actor)
                        .compose(s -> audited("subscriber.terminated", actor, s)))
                .compose(terminated -> store.liveSerials(id)
                        .compose(serials -> revokeAll(terminated, serials, actor)));
    }

    private Future<Subscriber> transition(String id, SubscriberStatus to, String actor) {
        return get(id).compose(current -> current.status().canBecome(to)
                ? store.setStatus(id, to, actor)
                : Future.succeededFuture(Optional.empty()))
                .compose(changed -> changed.map(Future::succeededFuture)
                        .orElseGet(() -> refusedTransition(id, to)));
    }

    private Future<Subscriber> refusedTransition(String id, SubscriberStatus to) {
        return get(id).compose(current -> Future.failedFuture(new HttpProblem(409, "conflict",
                "subscriber " + id + " is " + current.status().dbValue() + " and cannot become "
                        + to.dbValue())));
    }

    private Future<Termination> revokeAll(Subscriber terminated, List<String> serials,
                                          String actor) {
        List<String> revoked = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (String serial : serials) {
            chain = chain.compose(v -> revoker.revoke(serial, PRIVILEGE_WITHDRAWN, actor)
                    .map(done -> revoked.add(serial))
                    .recover(SubscriberService::revokedMeanwhile)
                    .mapEmpty());
        }
        return chain.compose(v -> serials.isEmpty() ? Future.succeededFuture()
                        : audit.record(new AuditEvent("subscriber.certificates-revoked", actor,
                        terminated.id(), new JsonObject().put("reason", PRIVILEGE_WITHDRAWN)
                        .put("certificates", revoked.size())
                        .put("serials", new JsonArray(revoked)))))
                .map(v -> new Termination(terminated, List.copyOf(revoked)));
    }

    /** A certificate revoked by someone else since it was listed: nothing left to do. */
    private static Future<Boolean> revokedMeanwhile(Throwable failure) {
        return failure instanceof RevocationRefused refused
                && refused.kind() == RevocationRefused.Kind.ALREADY_REVOKED
                ? Future.succeededFuture(false) : Future.failedFuture(failure);
    }

    private Future<Subscriber> audited(String type, String actor, Subscriber s) {
        return audit.record(new AuditEvent(type, actor, s.id(), summary(s))).map(s);
    }

    private static JsonObject summary(Subscriber s) {
        JsonObject details = new JsonObject().put("legalName", s.legalName())
                .put("country", s.country()).put("status", s.status().dbValue())
                .put("spcs", new JsonArray(s.spcs()));
        s.state().ifPresent(v -> details.put("state", v));
        s.locality().ifPresent(v -> details.put("locality", v));
        return details.put("contacts", s.contacts().size());
    }

    private static <T> Future<T> conflict(Throwable failure) {
        return Future.failedFuture(failure instanceof SpcAlreadyHeld held
                ? new HttpProblem(409, "conflict", held.getMessage()) : failure);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static HttpProblem malformed(String detail) {
        return new HttpProblem(400, "malformed", detail);
    }

    private static HttpProblem notFound(String id) {
        return new HttpProblem(404, "notFound", "no subscriber " + id);
    }
}
