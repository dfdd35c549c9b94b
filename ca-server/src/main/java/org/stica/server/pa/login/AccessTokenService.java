package org.stica.server.pa.login;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.stica.server.http.HttpProblem;
import org.stica.server.pa.AccessTokens;
import org.stica.server.pa.ApiKeys;
import org.stica.server.pa.ServiceProvider;
import org.stica.server.pa.store.pg.PgSpLoginStore;

/**
 * Access tokens of the iconectiv-compatible login (STANDARDS.md §4.1 item 2): issued for
 * {@code paRole.accessTokenLifetimeSeconds} under the login just verified, stored as SHA-256
 * only; accepted while neither expired nor revoked and their SP is active. Every refusal is a
 * 403 (RFC 9447 §5.1: bad credentials) naming why.
 */
public final class AccessTokenService {
    private final PgSpLoginStore store;
    private final Duration lifetime;
    private final Clock clock;

    public AccessTokenService(PgSpLoginStore store, Duration lifetime, Clock clock) {
        this.store = store;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A token just issued: the secret (shown once) and its record. */
    public record Issued(String token, AccessToken record) {
    }

    /**
     * Issues a token to the login's SP, if its password is still {@code login.passwordHash()}
     * and the SP active (403 otherwise: changed or revoked meanwhile).
     */
    public Future<Issued> issue(StoredLogin login, String clientAddress) {
        Instant now = clock.instant();
        String token = AccessTokens.generate();
        AccessToken record = new AccessToken(UUID.randomUUID().toString(), login.spc(), now,
                now.plus(lifetime), clientAddress);
        return store.issue(record, ApiKeys.hash(token), login.passwordHash())
                .compose(stored -> stored ? Future.succeededFuture(new Issued(token, record))
                        : Future.failedFuture(forbidden("the login or its service provider"
                        + " changed; log in again")));
    }

    /** The active SP a live access token belongs to; 403 naming why otherwise. */
    public Future<ServiceProvider> authenticate(String token) {
        if (!AccessTokens.isAccessToken(token)) {
            return Future.failedFuture(forbidden("an access token is required"));
        }
        return store.presented(ApiKeys.hash(token)).compose(this::check);
    }

    private Future<ServiceProvider> check(Optional<PresentedToken> presented) {
        if (presented.isEmpty()) {
            return Future.failedFuture(forbidden("unknown access token"));
        }
        PresentedToken token = presented.get();
        if (token.revokedAt().isPresent()) {
            return Future.failedFuture(forbidden("the access token has been revoked"));
        }
        if (!token.expiresAt().isAfter(clock.instant())) {
            return Future.failedFuture(forbidden("the access token has expired; log in again"));
        }
        if (token.serviceProvider().status() != ServiceProvider.Status.ACTIVE) {
            return Future.failedFuture(forbidden("the service provider is revoked"));
        }
        return Future.succeededFuture(token.serviceProvider());
    }

    static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, "forbidden", detail);
    }
}
