package org.stica.acme.service;

import org.stica.acme.model.Authz;
import org.stica.acme.model.Challenge;

/** A challenge and its authorization (the {@code Link rel="up"}, RFC 8555 §7.5.1). */
public record ChallengeState(Challenge challenge, Authz authz) {
}
