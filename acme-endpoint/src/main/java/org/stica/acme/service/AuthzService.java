package org.stica.acme.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.model.Authz;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.store.pg.PgAuthzStore;
import org.stica.acme.store.pg.PgChallengeStore;

/**
 * Authorizations (RFC 8555 §7.5): POST-as-GET and deactivation with {@code {"status":
 * "deactivated"}} (§7.5.2; only from pending or valid, and the order becomes invalid).
 */
public final class AuthzService {
    private final PgAuthzStore authzs;
    private final PgChallengeStore challenges;
    private final Clock clock;

    public AuthzService(PgAuthzStore authzs, PgChallengeStore challenges, Clock clock) {
        this.authzs = authzs;
        this.challenges = challenges;
        this.clock = clock;
    }

    public Future<AuthzState> handle(SignedRequest request, String authzId) {
        Account account = request.requireAccount();
        JsonObject payload = request.postAsGet() ? null : request.jsonPayload();
        if (payload != null && !"deactivated".equals(payload.getValue("status"))) {
            throw AcmeProblem.malformed("an authorization can only be updated to status"
                    + " 'deactivated'");
        }
        return load(authzId, account).compose(authz -> payload == null
                ? state(authz.id()) : deactivate(authz));
    }

    /** Loads an authorization, checking ownership; unknown → 404. */
    Future<Authz> load(String authzId, Account account) {
        return authzs.findById(authzId)
                .map(found -> found.orElseThrow(() -> AcmeProblem.notFound("authorization")))
                .map(authz -> {
                    OwnershipCheck.check(authz.accountId(), account, "authorization");
                    return authz;
                });
    }

    /** The authorization with its challenges, re-read. */
    Future<AuthzState> state(String authzId) {
        return authzs.findById(authzId).map(found -> found.orElseThrow())
                .compose(authz -> challenges.findByAuthz(authzId)
                        .map(list -> new AuthzState(authz, list)));
    }

    private Future<AuthzState> deactivate(Authz authz) {
        return authzs.deactivate(authz, clock.instant()).compose(done -> {
            if (!done) {
                return Future.failedFuture(AcmeProblem.malformed("authorization in status '"
                        + authz.statusAt(clock.instant()).wire() + "' cannot be deactivated"));
            }
            return state(authz.id());
        });
    }
}
