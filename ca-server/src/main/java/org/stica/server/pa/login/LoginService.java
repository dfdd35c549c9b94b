package org.stica.server.pa.login;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.pa.store.pg.PgSpLoginStore;

/**
 * {@code POST /api/v1/auth/login} as a use case (STANDARDS.md §4.1 item 2): the attempt is
 * charged to the user id and the client address before the password is checked
 * ({@link LoginThrottle}; over the limit: {@link LoginThrottle.Throttled}), then the password is
 * checked against the user id's Argon2id hash (a dummy hash for an unknown user id, so both
 * cost the same), then an access token is issued and the attempt refunded. Every outcome is
 * audited without secrets, about the SP when the user id is known (else about the user id):
 * {@code pa.login-succeeded} (user id, address, token id, expiry) or {@code pa.login-failed}
 * (user id, address, reason). The client learns only "invalid userId or password" for an
 * unknown user id and for a wrong password alike.
 */
public final class LoginService {
    private static final String BAD_CREDENTIALS = "invalid userId or password";

    private final PgSpLoginStore logins;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final AccessTokenService tokens;
    private final AuditLog audit;

    public LoginService(PgSpLoginStore logins, LoginThrottle throttle, PasswordHasher hasher,
                        AccessTokenService tokens, AuditLog audit) {
        this.logins = logins;
        this.throttle = throttle;
        this.hasher = hasher;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Logs in; the access token issued, or 403 / {@link LoginThrottle.Throttled}. */
    public Future<AccessTokenService.Issued> login(String userId, String password,
                                                   String address) {
        return logins.byUserId(userId)
                .compose(login -> admit(login, userId, address))
                .compose(login -> verify(login, userId, password, address))
                .compose(login -> login.spActive() ? issue(login, address)
                        : failed(userId, login.spc(), address, "service provider revoked",
                        new HttpProblem(403, "forbidden", "the service provider is revoked")))
                .compose(issued -> succeeded(issued, userId, address));
    }

    private Future<Optional<StoredLogin>> admit(Optional<StoredLogin> login, String userId,
                                                String address) {
        return throttle.admit(userId, address).map(login)
                .recover(e -> failed(userId, subject(login, userId), address,
                        e instanceof LoginThrottle.Throttled ? "rate-limited" : "internal error",
                        e));
    }

    private Future<StoredLogin> verify(Optional<StoredLogin> login, String userId,
                                       String password, String address) {
        return hasher.verify(password, login.map(StoredLogin::passwordHash))
                .compose(matches -> matches ? Future.succeededFuture(login.get())
                        : failed(userId, subject(login, userId), address,
                        login.isPresent() ? "wrong password" : "unknown user id",
                        new HttpProblem(403, "forbidden", BAD_CREDENTIALS)));
    }

    private Future<AccessTokenService.Issued> issue(StoredLogin login, String address) {
        return tokens.issue(login, address).recover(e -> failed(login.userId(), login.spc(),
                address, e instanceof HttpProblem problem ? problem.detail() : "internal error",
                e));
    }

    private Future<AccessTokenService.Issued> succeeded(AccessTokenService.Issued issued,
                                                        String userId, String address) {
        AccessToken token = issued.record();
        return throttle.refund(userId, address)
                .compose(v -> audit.record(new AuditEvent("pa.login-succeeded", userId,
                        token.spc(), new JsonObject().put("userId", userId)
                        .put("clientAddress", address).put("accessTokenId", token.id())
                        .put("expires", token.expiresAt().toString()))))
                .map(issued);
    }

    /** What login events are about: the SP when the user id is known, else the user id. */
    private static String subject(Optional<StoredLogin> login, String userId) {
        return login.map(StoredLogin::spc).orElse(userId);
    }

    private <T> Future<T> failed(String userId, String subject, String address, String reason,
                                 Throwable cause) {
        return audit.record(new AuditEvent("pa.login-failed", userId, subject, new JsonObject()
                        .put("userId", userId).put("clientAddress", address)
                        .put("reason", reason)))
                .compose(v -> Future.failedFuture(cause));
    }
}
