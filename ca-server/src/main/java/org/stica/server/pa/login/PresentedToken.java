package org.stica.server.pa.login;

import java.time.Instant;
import java.util.Optional;
import org.stica.server.pa.ServiceProvider;

/** What the record of a presented access token says: its id, expiry, revocation and SP. */
public record PresentedToken(String id, Instant expiresAt, Optional<Instant> revokedAt,
                             ServiceProvider serviceProvider) {
}
