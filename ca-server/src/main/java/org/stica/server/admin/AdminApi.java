package org.stica.server.admin;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import org.stica.acme.store.pg.PgAccountSearch;
import org.stica.acme.store.pg.PgAccountStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.stica.server.admin.contract.AdminContract;
import org.stica.server.admin.contract.ContractCheck;
import org.stica.server.admin.store.pg.PgActivityStats;
import org.stica.server.admin.store.pg.PgApiKeyStore;
import org.stica.server.admin.store.pg.PgApprovalStore;
import org.stica.server.admin.store.pg.PgCertificateSearch;
import org.stica.server.audit.AuditModule;
import org.stica.server.config.AdminTls;
import org.stica.server.config.StiCaConfig;
import org.stica.server.http.ProblemResponder;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * The admin API as served on the admin port (issue 6). Module entry point (takes the pool):
 * every request passes {@link AdminAccessHandler} (API key, role from {@link AdminRouteTable},
 * dual control) and the OpenAPI contract check ({@link ContractCheck}), then the routes
 * implemented here, then the routes other parts of the server mount on {@code inner}
 * ({@link AdminRoutes}). Failures become RFC 9457 problem documents.
 */
public final class AdminApi {
    private static final long MAX_BODY_BYTES = 16 * 1024;
    private static final String V1 = "/admin/v1";

    private final Vertx vertx;
    private final Pool pool;
    private final StiCaConfig config;
    private final AuditModule audit;
    private final Clock clock;

    public AdminApi(Vertx vertx, Pool pool, StiCaConfig config, AuditModule audit, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The admin router: this API's routes in front of {@code inner}'s, every request checked
     * against {@code contract}.
     */
    public Router wrap(Router inner, AdminContract contract) {
        Router router = Router.router(vertx);
        PgApprovalStore approvals = new PgApprovalStore(pool);
        PgApiKeyStore keys = new PgApiKeyStore(pool);
        Optional<DualControl> dual = config.admin().dualControl()
                ? Optional.of(new DualControl(approvals, audit.log(), clock)) : Optional.empty();
        AdminAccessHandler access = new AdminAccessHandler(credentials(keys), audit.log(),
                new AdminLoginAudit(audit.log(), config.admin().loginAuditWindow(), clock), dual);
        ConsoleRoutes.mount(vertx, router);
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route().handler(access::handle);
        router.get(V1 + "/openapi.json").handler(ctx -> JsonReply.send(ctx, 200,
                contract.document()));
        router.route().handler(new ContractCheck(vertx, contract)::handle);
        mount(router, keys, approvals);
        router.route("/*").subRouter(inner);
        router.route().failureHandler(ProblemResponder::handle);
        return router;
    }

    private AdminCredentials credentials(PgApiKeyStore keys) {
        Map<X500Principal, AdminRole> roles = new HashMap<>();
        config.admin().tls().ifPresent(tls -> tls.clientRoles().forEach((subject, role) ->
                roles.put(subject, AdminRole.fromWire(role).orElseThrow())));
        return new AdminCredentials(new ApiKeyAuthenticator(config.admin().token(), keys), roles,
                config.admin().tls().map(AdminTls::bearerKeys).orElse(true));
    }

    private void mount(Router router, PgApiKeyStore keys, PgApprovalStore approvals) {
        ApiKeyHandler apiKeys = new ApiKeyHandler(keys, audit.log(), clock);
        router.get(V1 + "/api-keys").handler(apiKeys::list);
        router.post(V1 + "/api-keys").handler(apiKeys::create);
        router.delete(V1 + "/api-keys/:id").handler(apiKeys::revoke);
        ApprovalHandler approval = new ApprovalHandler(approvals, audit.log(), clock);
        router.get(V1 + "/approvals").handler(approval::pending);
        router.post(V1 + "/approvals/:id/approve").handler(approval::approve);
        AuditEventsHandler events = new AuditEventsHandler(audit.store(), audit.verifier());
        router.get(V1 + "/audit-events").handler(events::list);
        router.get(V1 + "/audit-events/verify").handler(events::verify);
        ConfigurationHandler configuration = new ConfigurationHandler(config);
        router.get(V1 + "/configuration").handler(configuration::configuration);
        CertificatesHandler certificates = new CertificatesHandler(new PgCertificateSearch(pool));
        router.get(V1 + "/certificates").handler(certificates::list);
        router.get(V1 + "/certificates/:serial").handler(certificates::one);
        CaKeysHandler caKeys = new CaKeysHandler(new PgCaKeyStore(pool), clock);
        router.get(V1 + "/ca/keys").handler(caKeys::list);
        // POST /ca/keys/:alias/revoke is served by CaKeyRevocationHandler (mounted by StiCaServer)
        // POST /ca/intermediates/rollover: IntermediateRolloverHandler (mounted by StiCaServer)
        AcmeAccountsHandler acme = new AcmeAccountsHandler(new PgAccountStore(pool),
                new PgAccountSearch(pool), audit.log());
        router.get(V1 + "/acme/accounts").handler(acme::list);
        router.get(V1 + "/acme/accounts/:id").handler(acme::one);
        router.post(V1 + "/acme/accounts/:id/deactivate").handler(acme::deactivate);
        ActivityHandler activity = new ActivityHandler(new PgActivityStats(pool), clock);
        router.get(V1 + "/stats/activity").handler(activity::handle);
    }
}
