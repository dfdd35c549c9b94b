package org.stica.server.pa.login;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.stica.server.audit.AuditLog;
import org.stica.server.config.StiCaConfig;
import org.stica.server.pa.ServiceProviderService;
import org.stica.server.pa.store.pg.PgLoginThrottle;
import org.stica.server.pa.store.pg.PgSpLoginStore;

/**
 * The login parts the PA role wires: the access tokens (checked by the token API too), the
 * public login handler, the admin routes, and the worker pool {@value #WORKERS} (two threads)
 * the password hashing runs on, closed with the PA role.
 */
public record LoginParts(AccessTokenService tokens, LoginHandler handler,
                         LoginAdminHandler admin, WorkerExecutor workers) {
    /** The name of the password-hashing worker pool. */
    public static final String WORKERS = "stica-pa-login";

    public static LoginParts build(Vertx vertx, Pool pool, StiCaConfig.PaLogin config,
                                   ServiceProviderService registry, AuditLog audit,
                                   Clock clock) {
        WorkerExecutor workers = vertx.createSharedWorkerExecutor(WORKERS, 2);
        PasswordHasher hasher = new PasswordHasher(workers);
        PgSpLoginStore store = new PgSpLoginStore(pool);
        AccessTokenService tokens = new AccessTokenService(store, config.accessTokenLifetime(),
                clock);
        LoginService logins = new LoginService(store, new LoginThrottle(
                new PgLoginThrottle(pool), config, clock), hasher, tokens, audit);
        return new LoginParts(tokens, new LoginHandler(logins, tokens), new LoginAdminHandler(
                new LoginAdminService(registry, store, hasher, audit, clock)), workers);
    }

    /** Closes the worker pool. */
    public Future<Void> close() {
        return workers.close();
    }
}
