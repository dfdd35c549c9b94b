package org.stica.server.pa.login;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.pa.ServiceProvider;
import org.stica.server.pa.ServiceProviderService;
import org.stica.server.pa.store.pg.PgSpLoginStore;

/**
 * What an operator does with an SP's login (admin API): set its user id with a new password,
 * generated here (192 random bits) and shown once, never chosen by the operator, stored as
 * Argon2id; read it (never the password); remove it; list and revoke its access tokens.
 * Setting a password or removing the login revokes the SP's live access tokens in the same
 * transaction. Every change is audited ({@code pa.login-set}, {@code pa.login-removed},
 * {@code pa.access-tokens-revoked}) without secrets.
 */
public final class LoginAdminService {
    /** What a user id may be (also a CHECK of {@code pa_sp_login}). */
    static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9._@-]{3,64}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceProviderService registry;
    private final PgSpLoginStore store;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public LoginAdminService(ServiceProviderService registry, PgSpLoginStore store,
                             PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /** A login just set: the password (shown once) and how many access tokens were revoked. */
    public record PasswordSet(SpLogin login, String password, int accessTokensRevoked) {
    }

    /** Sets {@code userId} and a new password for the SP; revokes its live access tokens. */
    public Future<PasswordSet> set(String spc, String userId, String actor) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            return Future.failedFuture(new HttpProblem(400, "malformed",
                    "userId must be 3-64 characters of A-Z a-z 0-9 . _ @ -"));
        }
        String password = newPassword();
        return active(spc).compose(sp -> hasher.hash(password))
                .compose(hash -> stored(new SpLogin(spc, userId, clock.instant(), actor), hash,
                        password));
    }

    private Future<PasswordSet> stored(SpLogin login, String hash, String password) {
        return store.set(login, hash).compose(revoked -> revoked.isEmpty()
                ? Future.failedFuture(new HttpProblem(409, "conflict", "userId "
                + login.userId() + " is held by another service provider"))
                : recorded("pa.login-set", login.setBy(), login.spc(), revoked.get(),
                new JsonObject().put("userId", login.userId()))
                .map(new PasswordSet(login, password, revoked.get().size())));
    }

    /** The SP's login; 404 when none is set. */
    public Future<SpLogin> get(String spc) {
        return registry.get(spc).compose(sp -> store.bySpc(spc))
                .compose(login -> login.isPresent() ? Future.succeededFuture(login.get())
                        : Future.failedFuture(noLogin(spc)));
    }

    /** Removes the SP's login and revokes its live access tokens; how many were revoked. */
    public Future<Integer> remove(String spc, String actor) {
        return registry.get(spc).compose(sp -> store.remove(spc, actor, clock.instant()))
                .compose(revoked -> revoked.isEmpty() ? Future.failedFuture(noLogin(spc))
                        : recorded("pa.login-removed", actor, spc, revoked.get(),
                        new JsonObject()).map(revoked.get().size()));
    }

    /** The SP's access tokens neither expired nor revoked. */
    public Future<List<AccessToken>> live(String spc) {
        return registry.get(spc).compose(sp -> store.live(spc, clock.instant()));
    }

    /** Revokes the SP's live access tokens, or only {@code id} (404 unless it is live). */
    public Future<List<String>> revoke(String spc, Optional<String> id, String actor) {
        return registry.get(spc)
                .compose(sp -> store.revokeLive(spc, id, actor, clock.instant()))
                .compose(ids -> id.isPresent() && ids.isEmpty()
                        ? Future.failedFuture(new HttpProblem(404, "notFound",
                        "no live access token " + id.get() + " of service provider " + spc))
                        : recorded("pa.access-tokens-revoked", actor, spc, ids,
                        new JsonObject()).map(ids));
    }

    private Future<ServiceProvider> active(String spc) {
        return registry.get(spc).compose(sp -> sp.status() == ServiceProvider.Status.ACTIVE
                ? Future.succeededFuture(sp) : Future.failedFuture(new HttpProblem(409,
                "conflict", "service provider " + spc + " is revoked")));
    }

    private Future<Void> recorded(String type, String actor, String spc, List<String> revoked,
                                  JsonObject details) {
        return audit.record(new AuditEvent(type, actor, spc, details
                .put("accessTokensRevoked", new JsonArray(revoked))));
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static HttpProblem noLogin(String spc) {
        return new HttpProblem(404, "notFound", "service provider " + spc + " has no login");
    }
}
