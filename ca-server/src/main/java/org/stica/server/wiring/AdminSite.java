package org.stica.server.wiring;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.stica.server.admin.AdminApi;
import org.stica.server.admin.AdminAuthHandler;
import org.stica.server.admin.AdminRoutes;
import org.stica.server.admin.CaKeyRevocationHandler;
import org.stica.server.admin.CrlAdminHandler;
import org.stica.server.admin.CrlAdminRoutes;
import org.stica.server.admin.EabKeyHandler;
import org.stica.server.admin.HealthHandler;
import org.stica.server.admin.ProbeHandler;
import org.stica.server.admin.IntermediateRolloverHandler;
import org.stica.server.admin.RevokeHandler;
import org.stica.server.admin.WebhookHandler;
import org.stica.server.admin.X5uAllowListHandler;
import org.stica.server.admin.contract.AdminContract;
import org.stica.server.audit.AuditLog;
import org.stica.server.ca.CaKeyRevocationService;
import org.stica.server.ca.IntermediateRollover;
import org.stica.server.ceremony.CeremonyImportHandler;
import org.stica.server.config.StiCaConfig;
import org.stica.server.ceremony.store.pg.PgCeremonyStore;
import org.stica.server.ecosystem.RevocationReportAdminHandler;
import org.stica.server.http.DrainGate;
import org.stica.server.http.RequestIds;
import org.stica.server.lifecycle.InFlight;
import org.stica.server.metrics.ScrapeAccess;
import org.stica.server.metrics.ScrapeHandler;
import org.stica.server.notify.WebhookNotifications;
import org.stica.server.notify.WebhookUrlPolicy;
import org.stica.server.notify.store.pg.PgWebhookStore;
import org.stica.server.rcd.AllowListedFetcher;
import org.stica.server.rcd.RcdVettingHandler;
import org.stica.server.rcd.RcdVettingService;
import org.stica.server.rcd.store.pg.PgRcdSetStore;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.store.pg.PgRolloverLock;
import org.stica.server.subscriber.SubscriberAdminHandler;
import org.stica.server.subscriber.SubscriberPolicy;
import org.stica.server.subscriber.SubscriberService;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * The admin port's router: every request's end reported to the access log
 * ({@link RequestIds#routed}), every request counted by the {@link DrainGate}, then the admin API
 * ({@link AdminApi}: console, API keys, dual control) in front of the admin routes (health,
 * revocation, CRL, trust, revocation reports to the STI-PA, PA role, EAB keys, x5u allow-list, subscriber registry and webhooks,
 * intermediate rollover, ceremony record import, CA key revocation).
 */
public final class AdminSite {
    private AdminSite() {
    }

    public static Router router(Basics basics, DatabaseParts db, KeyParts keys, Modules modules,
                                InFlight inFlight, AdminContract contract) {
        Vertx vertx = basics.vertx();
        ServerHealth probe = new ServerHealth(vertx, modules.issuance().certificates(),
                modules.signer(), modules.trust().trust(), modules.ecosystem().crl(),
                modules.crl(), inFlight);
        HealthHandler health = new HealthHandler(probe, basics.clock());
        Router routes = AdminRoutes.router(vertx, new AdminAuthHandler(
                        basics.config().admin().token()), health,
                new RevokeHandler(modules.issuance().revocation()),
                more(basics, db, keys, modules));
        Router api = new AdminApi(vertx, db.pool(), basics.config(), modules.audit(),
                basics.clock()).wrap(routes, contract);
        Router gated = Router.router(vertx);
        gated.route().handler(RequestIds::routed);
        ProbeHandler probes = new ProbeHandler(probe);
        gated.get("/livez").handler(probes::live);
        gated.get("/readyz").handler(probes::ready);
        gated.get("/metrics").handler(new ScrapeHandler(vertx, basics.metrics().registry(),
                ScrapeAccess.of(basics.config()))::handle);
        gated.route().handler(new DrainGate(inFlight, AcmeParts.BASE_PATH));
        gated.route("/*").subRouter(api);
        return gated;
    }

    /** The admin routes beyond health and revocation, each behind the same authentication. */
    private static Consumer<Router> more(Basics basics, DatabaseParts db, KeyParts keys,
                                         Modules modules) {
        AuditLog audit = modules.auditLog();
        Pool pool = db.pool();
        return new CrlAdminRoutes(new CrlAdminHandler(modules.crl().crl(), audit))
                .andThen(modules.trust().trust().adminRoutes())
                .andThen(new RevocationReportAdminHandler(modules.ecosystem().reporting()))
                .andThen(modules.pa().map(pa -> pa.adminRoutes()).orElse(router -> { }))
                .andThen(router -> router.post("/admin/v1/service-providers/:spc/eab-keys")
                        .handler(EabKeyHandler.forSpc(modules.acme().eabKeys(),
                                Pattern.compile(basics.config().ca().spcPattern()), audit)))
                .andThen(router -> router.post("/admin/v1/subscribers/:id/eab-keys")
                        .handler(EabKeyHandler.forSubscriber(modules.acme().eabKeys(),
                                new PgSubscriberStore(pool, basics.clock()), audit)))
                .andThen(new X5uAllowListHandler(modules.trust().allowList(), audit,
                        basics.clock())::mount)
                .andThen(new WebhookHandler(new PgWebhookStore(pool), new WebhookUrlPolicy(
                        basics.config().notifications().allowHttpLoopback()), audit,
                        basics.clock())::mount)
                .andThen(router -> router.post("/admin/v1/ca/intermediates/rollover")
                        .handler(new IntermediateRolloverHandler(basics.vertx(),
                                new IntermediateRolloverHandler.Parts(new IntermediateRollover(
                                        keys.vault(), basics.config().ca(), basics.clock()),
                                        new PgCaKeyStore(pool), new PgRolloverLock(pool),
                                        modules.ecosystem().crl()),
                                db.issuers(), db.hierarchy(), audit)::handle))
                .andThen(router -> router.post("/admin/v1/ceremonies")
                        .handler(new CeremonyImportHandler(new PgCaKeyStore(pool),
                                new PgCeremonyStore(pool), audit, basics.clock(),
                                keys.paKeys().map(pa -> List.of(pa.root())).orElse(List.of()))
                                ::handle))
                .andThen(router -> router.post("/admin/v1/ca/keys/:alias/revoke")
                        .handler(new CaKeyRevocationHandler(new CaKeyRevocationService(
                                new PgCaKeyStore(pool), modules.crl().caKeyRevocations(),
                                modules.crl()::publishArl, audit, basics.clock())
                                .reportingToStiPa(basics.config().ecosystem().stiPa()))
                                ::handle))
                .andThen(subscribers(basics, pool, modules))
                .andThen(rcdVetting(basics, pool, modules));
    }

    /**
     * RCD vetting's routes; approval fetches under the x5u allow-list in force and the x5u size
     * and time caps.
     */
    private static RcdVettingHandler rcdVetting(Basics basics, Pool pool, Modules modules) {
        StiCaConfig.Pa pa = basics.config().pa();
        return new RcdVettingHandler(new RcdVettingService(new PgRcdSetStore(pool,
                basics.clock()), new PgSubscriberStore(pool, basics.clock()),
                new AllowListedFetcher(basics.vertx(), modules.trust().allowList().policy(),
                        pa.x5uMaxBytes(), pa.x5uTimeout()), modules.auditLog()));
    }

    /**
     * The subscriber registry's routes; terminating revokes through the same path as the STI-PA
     * role's SPC revocation (the revocation service, which rebuilds the CRL).
     */
    private static SubscriberAdminHandler subscribers(Basics basics, Pool pool, Modules modules) {
        return new SubscriberAdminHandler(new SubscriberService(
                new PgSubscriberStore(pool, basics.clock(),
                        modules.subscriberHolders()::invalidateAll),
                modules.issuance().revocation()::revokeBySerial,
                new SubscriberPolicy(Pattern.compile(basics.config().ca().spcPattern())),
                modules.auditLog(), new WebhookNotifications(new PgWebhookStore(pool),
                basics.clock())));
    }
}
