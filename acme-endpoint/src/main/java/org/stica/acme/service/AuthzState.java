package org.stica.acme.service;

import java.util.List;
import org.stica.acme.model.Authz;
import org.stica.acme.model.Challenge;

/** An authorization with its challenges (RFC 8555 §7.1.4). */
public record AuthzState(Authz authz, List<Challenge> challenges) {
    public AuthzState {
        challenges = List.copyOf(challenges);
    }
}
