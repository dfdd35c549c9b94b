package org.stica.server.rcd;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.stica.policy.PolicyException;
import org.stica.policy.rcd.JwtClaimConstraints;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.rcd.Rcd;
import org.stica.policy.rcd.RcdConstraintsBuilder;
import org.stica.policy.rcd.RcdResourceFetcher;
import org.stica.policy.rcd.RcdiAlgorithm;
import org.stica.policy.rcd.RcdiCalculator;
import org.stica.server.admin.ApiKeySecrets;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.rcd.store.pg.PgRcdSetStore;
import org.stica.server.subscriber.Subscriber;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * Vetting of RCD sets (issue 19): an operator records a set for an active subscriber (pending);
 * a second operator, with a different admin key, approves it (dual control built into the
 * workflow); either may reject it while pending or withdraw it. Approval fetches every resource
 * the rcd references through the {@link RcdResourceFetcher} (x5u SSRF rules), computes the
 * {@code rcdi} (SHA-256, every member and URI pinned; RFC 9795 §6.1) and builds the
 * JWTClaimConstraints extension (RFC 9795 §6.3) with {@link RcdConstraintsBuilder}; no
 * transaction is open while fetching. A fetch failure or a refused constraint is a problem
 * ({@code rcdResourceUnavailable}, {@code constraintsRejected}) and changes nothing. Every change
 * is audited ({@code rcd.set.created|approved|rejected|withdrawn}).
 */
public final class RcdVettingService {
    private static final Pattern CALL_REASON = Pattern.compile("\\S(.{0,254}\\S)?");
    private static final int MAX_CALL_REASONS = 16;

    private final PgRcdSetStore sets;
    private final PgSubscriberStore subscribers;
    private final RcdResourceFetcher fetcher;
    private final AuditLog audit;

    public RcdVettingService(PgRcdSetStore sets, PgSubscriberStore subscribers,
                             RcdResourceFetcher fetcher, AuditLog audit) {
        this.sets = sets;
        this.subscribers = subscribers;
        this.fetcher = fetcher;
        this.audit = audit;
    }

    /** Records a pending set for an active subscriber. */
    public Future<RcdSet> create(String subscriberId, Rcd rcd, List<String> callReasons,
                                 String actor, String keyId) {
        checkCallReasons(callReasons);
        return activeSubscriber(subscriberId)
                .compose(s -> sets.create(ApiKeySecrets.newId("rcd-"), s.id(), rcd,
                        callReasons, actor, keyId))
                .compose(created -> audited("rcd.set.created", actor, created));
    }

    public Future<RcdSet> get(String subscriberId, String id) {
        return sets.find(id).compose(found -> found
                .filter(set -> set.subscriberId().equals(subscriberId))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(notFound(subscriberId, id))));
    }

    public Future<List<RcdSet>> list(String subscriberId) {
        return subscribers.find(subscriberId).compose(found -> found.isEmpty()
                ? Future.failedFuture(new HttpProblem(404, "notFound",
                        "no subscriber '" + subscriberId + "'"))
                : sets.bySubscriber(subscriberId));
    }

    /**
     * Approves a pending set: a key other than the recorder's, the subscriber still active,
     * every referenced resource fetched; then the digests and extension are stored.
     */
    public Future<RcdSet> approve(String subscriberId, String id, String actor, String keyId) {
        return get(subscriberId, id).compose(set -> {
            if (set.status() != RcdSetStatus.PENDING) {
                return Future.failedFuture(notPending(set));
            }
            if (set.createdByKey().equals(keyId)) {
                return Future.failedFuture(new HttpProblem(403, "sameApprover", "dual control:"
                        + " the operator who recorded RCD set '" + id + "' may not approve it"));
            }
            return activeSubscriber(subscriberId).compose(s -> vet(set))
                    .compose(vetted -> sets.approve(id, vetted, actor))
                    .compose(ok -> ok ? get(subscriberId, id)
                            : get(subscriberId, id).compose(now ->
                            Future.failedFuture(notPending(now))))
                    .compose(approved -> audited("rcd.set.approved", actor, approved));
        });
    }

    /** Rejects a pending set. */
    public Future<RcdSet> reject(String subscriberId, String id, String actor) {
        return close(subscriberId, id, List.of(RcdSetStatus.PENDING), RcdSetStatus.REJECTED,
                actor, "rcd.set.rejected");
    }

    /** Withdraws a pending or approved set (it can no longer back an order). */
    public Future<RcdSet> withdraw(String subscriberId, String id, String actor) {
        return close(subscriberId, id, List.of(RcdSetStatus.PENDING, RcdSetStatus.APPROVED),
                RcdSetStatus.WITHDRAWN, actor, "rcd.set.withdrawn");
    }

    /** Fetches, digests and builds the extension; a failure is a problem and stores nothing. */
    private Future<VettedConstraints> vet(RcdSet set) {
        return RcdiCalculator.compute(set.rcd(), fetcher, RcdiAlgorithm.SHA256)
                .map(rcdi -> {
                    JwtClaimConstraints constraints = RcdConstraintsBuilder.of(set.rcd(), rcdi)
                            .callReasons(set.callReasons()).build();
                    return new VettedConstraints(rcdi, constraints.oid(),
                            JwtClaimConstraintsCodec.encode(constraints));
                })
                .recover(e -> Future.failedFuture(e instanceof PolicyException p
                        ? problem(p) : e));
    }

    private Future<RcdSet> close(String subscriberId, String id, List<RcdSetStatus> from,
                                 RcdSetStatus to, String actor, String event) {
        return get(subscriberId, id)
                .compose(set -> sets.close(id, from, to, actor))
                .compose(ok -> get(subscriberId, id).compose(now -> ok
                        ? audited(event, actor, now) : Future.failedFuture(notPending(now))));
    }

    private Future<Subscriber> activeSubscriber(String subscriberId) {
        return subscribers.find(subscriberId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new HttpProblem(404, "notFound",
                        "no subscriber '" + subscriberId + "'"));
            }
            if (!found.get().isActive()) {
                return Future.failedFuture(new HttpProblem(409, "conflict", "subscriber '"
                        + subscriberId + "' is " + found.get().status().dbValue()));
            }
            return Future.succeededFuture(found.get());
        });
    }

    private static void checkCallReasons(List<String> callReasons) {
        if (callReasons.size() > MAX_CALL_REASONS || callReasons.stream().anyMatch(
                r -> !CALL_REASON.matcher(r).matches())) {
            throw new HttpProblem(400, "malformed", "crn must be at most " + MAX_CALL_REASONS
                    + " call reasons (RFC 9795 §7.1), each 1-256 characters without leading"
                    + " or trailing space");
        }
        if (callReasons.stream().distinct().count() != callReasons.size()) {
            throw new HttpProblem(400, "malformed", "crn lists a call reason twice");
        }
    }

    private static HttpProblem problem(PolicyException e) {
        return switch (e.violation()) {
            case RCD_RESOURCE_UNAVAILABLE -> new HttpProblem(422, "rcdResourceUnavailable",
                    e.getMessage());
            case JWT_CLAIM_CONSTRAINTS_REJECTED -> new HttpProblem(422, "constraintsRejected",
                    e.getMessage());
            default -> new HttpProblem(400, "malformed", e.getMessage());
        };
    }

    private static HttpProblem notPending(RcdSet set) {
        return new HttpProblem(409, "notPending", "RCD set '" + set.id() + "' is "
                + set.status().dbValue());
    }

    private static HttpProblem notFound(String subscriberId, String id) {
        return new HttpProblem(404, "notFound", "no RCD set '" + id + "' for subscriber '"
                + subscriberId + "'");
    }

    private Future<RcdSet> audited(String type, String actor, RcdSet set) {
        JsonObject details = new JsonObject().put("subscriber", set.subscriberId())
                .put("status", set.status().dbValue()).put("rcd", set.rcd().canonical())
                .put("crn", new JsonArray(set.callReasons()));
        set.vetted().ifPresent(v -> details.put("rcdi", v.rcdi().canonical())
                .put("identifier", v.identifierValue()));
        return audit.record(new AuditEvent(type, actor, set.id(), details)).map(set);
    }
}
