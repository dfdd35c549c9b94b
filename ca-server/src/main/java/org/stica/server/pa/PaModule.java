package org.stica.server.pa;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.hsm.SignerPool;
import org.stica.policy.token.TokenType;
import org.stica.server.audit.AuditLog;
import org.stica.server.config.StiCaConfig;
import org.stica.server.pa.login.LoginParts;
import org.stica.server.pa.store.pg.PgPaSignerStore;
import org.stica.server.pa.store.pg.PgServiceProviderStore;
import org.stica.server.rcd.ApprovedRcdSets;
import org.stica.server.rcd.store.pg.PgRcdSetStore;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * The STI-PA role as the server wires it (module entry point, takes the pool): SP registry and
 * its admin routes, the SPs' iconectiv-style logins ({@link LoginParts}), the token APIs (SPC
 * tokens, and JWTClaimConstraints tokens for approved RCD sets) and publication routes, the PA
 * signer certificates and their revocation, the PA CRL (indirect,
 * signed by the PA CRL signer, {@link PaCrlBuilder}) rebuilt daily and on every signer
 * revocation through the signer pool, and the CA list publisher (approving this server's
 * STI-CA root).
 */
public final class PaModule {
    private static final Logger LOG = LoggerFactory.getLogger(PaModule.class);
    private static final Duration CRL_VALIDITY = Duration.ofDays(7);
    private static final Duration CRL_REBUILD = Duration.ofDays(1);

    private final Vertx vertx;
    private final PaKeys keys;
    private final SignerPool signer;
    private final Clock clock;
    private final ServiceProviderService registry;
    private final CaListPublisher caLists;
    private final PaPublicationHandler publication;
    private final PaSignerService signers;
    private final PaCrlBuilder crlBuilder;
    private final LoginParts logins;
    private volatile byte[] crl;
    private long timer = -1;

    /**
     * Collaborators from the server: keys, signer pool, revocation and audit, the STI-CA roots
     * the CA list approves, and the CRLDP URL of this ecosystem's certificates (the {@code crl}
     * of every token response; {@code EcosystemCrl.namedUrl()}).
     */
    public record Wiring(PaKeys keys, SignerPool signer, SerialRevoker revoker, AuditLog audit,
                         List<X509Certificate> approvedStiCaRoots, URI certificateCrlUrl) {
    }

    /**
     * @param config    the server's configuration, its publicUrl resolved (the PA CRL and its
     *                  signer are named under {@link StiCaConfig#revocationUrl()})
     * @param publicUrl that publicUrl (the tokens' x5u)
     */
    public PaModule(Vertx vertx, Pool pool, StiCaConfig config, String publicUrl, Wiring wiring,
                    Clock clock) {
        this.vertx = vertx;
        this.keys = wiring.keys();
        this.signer = wiring.signer();
        this.clock = clock;
        StiCaConfig.PaRole role = config.pa().role();
        PgServiceProviderStore store = new PgServiceProviderStore(pool);
        this.registry = new ServiceProviderService(store, wiring.revoker(),
                new ServiceProviderService.RegistryRules(Pattern.compile(config.ca().spcPattern()),
                        role.onSpRevoke()), wiring.audit(), clock);
        SpcTokenIssuer issuer = new SpcTokenIssuer(signer,
                URI.create(publicUrl + PaPublicationHandler.SIGNER_PATH), role.tokenLifetime(),
                clock);
        this.caLists = new CaListPublisher(store, issuer, wiring.approvedStiCaRoots(),
                role.caListValidity(), wiring.audit(), clock);
        this.signers = new PaSignerService(new PgPaSignerStore(pool), List.of(keys.signer()),
                this::buildCrl, wiring.audit(), clock);
        // the PA CRL and its signer are named under http.plainUrl when set (fetched over HTTP)
        String revocationUrl = config.revocationUrl().orElseThrow();
        this.crlBuilder = new PaCrlBuilder(keys, URI.create(revocationUrl
                + PaPublicationHandler.CRL_PATH), URI.create(revocationUrl
                + PaPublicationHandler.CRL_SIGNER_PATH));
        this.logins = LoginParts.build(vertx, pool, role.login(), registry, wiring.audit(),
                clock);
        TokenApiCredentials credentials = new TokenApiCredentials(registry, logins.tokens());
        this.publication = new PaPublicationHandler(keys, () -> crl, caLists,
                new TokenApiHandler(credentials, issuer, wiring.certificateCrlUrl(),
                        wiring.audit(), signers),
                new TokenApiHandler(credentials, issuer, wiring.certificateCrlUrl(),
                        wiring.audit(), signers, TokenType.JWT_CLAIM_CONSTRAINTS,
                        new ClaimTokenScope(new PgSubscriberStore(pool, clock),
                                new ApprovedRcdSets(new PgRcdSetStore(pool, clock)))),
                logins.handler());
    }

    /** The x5u prefix of this PA's tokens, for the CA role's allow-list. */
    public static String x5uPrefix(String publicUrl) {
        return publicUrl + "/pa/";
    }

    public void mountPublic(Router router) {
        publication.mount(router);
    }

    public Consumer<Router> adminRoutes() {
        return new ServiceProviderAdminHandler(registry, caLists)
                .andThen(new PaSignerAdminHandler(signers)).andThen(logins.admin());
    }

    /** Builds the PA CRL now, daily and after every PA signer revocation. */
    public Future<Void> start() {
        timer = vertx.setPeriodic(CRL_REBUILD.toMillis(), id -> buildCrl()
                .onFailure(e -> LOG.warn("PA CRL rebuild failed: {}", e.toString())));
        return buildCrl();
    }

    /** Stops the CRL timer and closes the password-hashing worker pool. */
    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        logins.close().onFailure(e -> LOG.warn("closing the login workers failed: {}",
                e.toString()));
    }

    private Future<Void> buildCrl() {
        return signers.revoked()
                .compose(revoked -> signer.withSigner(PaKeys.CRL_SIGNER, contentSigner ->
                        crlBuilder.build(contentSigner, revoked, clock.millis(), clock.instant(),
                                CRL_VALIDITY).getEncoded()))
                .map(der -> {
                    crl = der;
                    return null;
                });
    }
}
