package org.stica.acme.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.stica.acme.jws.RequestNonce;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.model.Authz;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.port.AcmeActivity;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.store.pg.PgAuthzStore;

/**
 * Authorizations (RFC 8555 §7.5): POST-as-GET and deactivation with {@code {"status":
 * "deactivated"}} (§7.5.2; only from pending or valid, and the order becomes invalid). A
 * POST-as-GET reads the authorization with its challenges in one query and checks ownership on
 * what it read.
 */
public final class AuthzService {
    private final PgAuthzStore authzs;
    private final AcmeActivity activity;
    private final Clock clock;

    public AuthzService(PgAuthzStore authzs, AcmeActivity activity, Clock clock) {
        this.authzs = authzs;
        this.activity = activity;
        this.clock = clock;
    }

    public Future<AuthzState> handle(SignedRequest request, String authzId) {
        Account account = request.requireAccount();
        JsonObject payload = request.postAsGet() ? null : request.jsonPayload();
        if (payload != null && !"deactivated".equals(payload.getValue("status"))) {
            throw AcmeProblem.malformed("an authorization can only be updated to status"
                    + " 'deactivated'");
        }
        return load(authzId, account, request.nonce()).compose(state -> payload == null
                ? Future.succeededFuture(state) : deactivate(state.authz()));
    }

    /**
     * Loads an authorization with its challenges, recording the request's nonce as used in the
     * same statement (issue 18), and checks ownership; unknown → 404.
     */
    private Future<AuthzState> load(String authzId, Account account, RequestNonce nonce) {
        return authzs.findWithChallenges(authzId, nonce)
                .map(found -> found.orElseThrow(() -> AcmeProblem.notFound("authorization")))
                .map(found -> {
                    OwnershipCheck.check(found.authz().accountId(), account, "authorization");
                    return new AuthzState(found.authz(), found.challenges());
                });
    }

    private Future<AuthzState> deactivate(Authz authz) {
        return authzs.deactivate(authz, clock.instant()).compose(done -> {
            if (done.orderInvalidated()) {
                activity.orderFinished(OrderStatus.INVALID);
            }
            if (!done.deactivated()) {
                return Future.failedFuture(AcmeProblem.malformed("authorization in status '"
                        + authz.statusAt(clock.instant()).wire() + "' cannot be deactivated"));
            }
            return authzs.findWithChallenges(authz.id()).map(found -> found.orElseThrow())
                    .map(found -> new AuthzState(found.authz(), found.challenges()));
        });
    }
}
