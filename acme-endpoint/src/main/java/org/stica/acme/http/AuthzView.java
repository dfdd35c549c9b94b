package org.stica.acme.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.service.AuthzState;

/** The authorization object (RFC 8555 §7.1.4) with its effective (expiry-aware) status. */
final class AuthzView {
    private final ChallengeView challenges;
    private final Clock clock;

    AuthzView(ChallengeView challenges, Clock clock) {
        this.challenges = challenges;
        this.clock = clock;
    }

    /** Pending with a challenge being validated: the client should poll again (§7.5.1). */
    boolean inProgress(AuthzState state) {
        return state.authz().statusAt(clock.instant()) == AuthzStatus.PENDING
                && state.challenges().stream()
                        .anyMatch(c -> c.status() == ChallengeStatus.PROCESSING);
    }

    JsonObject toJson(AuthzState state) {
        Authz authz = state.authz();
        JsonArray list = new JsonArray();
        state.challenges().forEach(c -> list.add(challenges.toJson(c)));
        return new JsonObject()
                .put("status", authz.statusAt(clock.instant()).wire())
                .put("expires", Times.format(authz.expires()))
                .put("identifier", new JsonObject().put("type", authz.identifierType().wire())
                        .put("value", authz.identifierValue()))
                .put("challenges", list);
    }
}
