package org.stica.server.wiring;

import io.vertx.sqlclient.Pool;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.AcmeConfig;
import org.stica.acme.AcmeModule;
import org.stica.acme.port.AcmePorts;
import org.stica.server.acmeport.AuditedAcmeEvents;
import org.stica.server.acmeport.IssuedCertificateFacts;
import org.stica.server.acmeport.RcdClaimCheck;
import org.stica.server.acmeport.RegistrySubscriberCheck;
import org.stica.server.acmeport.RegistrySubscriberCheck.Holders;
import org.stica.server.acmeport.SubscriberHolders;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditedTokenValidator;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.config.StiCaConfig;
import org.stica.server.rcd.ApprovedRcdSets;
import org.stica.server.rcd.store.pg.PgRcdSetStore;
import org.stica.server.store.pg.PgPools;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * The ACME endpoint (RFC 8555, RFC 9447/9448) with ca-server's implementations of its ports:
 * the audited certificate authority, the audited token validator (SPC and JWTClaimConstraints
 * tokens, its refusals counted), the issued-certificate facts, the audited account events, the
 * ACME meters, the subscriber registry and the vetted RCD sets (issue 19). The module
 * listens for account changes from construction on: close it.
 */
public final class AcmeParts {
    /** Where the ACME resources live on the public port. */
    public static final String BASE_PATH = "/acme";
    private static final Logger LOG = LoggerFactory.getLogger(AcmeParts.class);

    private AcmeParts() {
    }

    /**
     * @param asyncCommit the pool of the statements that need no durable commit (issue 18)
     * @param holders     who holds an SPC ({@link #subscriberHolders}, cached)
     */
    public static AcmeModule build(Basics basics, DatabaseParts db, Pool asyncCommit,
                                   Holders holders, IssuanceParts issuance, TrustParts trust,
                                   AuditLog audit) {
        return new AcmeModule(basics.vertx(), db.pool(), asyncCommit,
                Optional.of(PgPools.connectOptions(basics.config().database(),
                        PgPools.ACCOUNT_LISTENER)),
                acmeConfig(basics, db.hierarchy()), new AcmePorts(issuance.forAcme(),
                basics.metrics().countingRefusals(new AuditedTokenValidator(trust.tokens(),
                        audit)),
                new IssuedCertificateFacts(issuance.certificates()),
                new AuditedAcmeEvents(audit), new RegistrySubscriberCheck(holders),
                basics.metrics().acme(), new RcdClaimCheck(holders, new ApprovedRcdSets(
                        new PgRcdSetStore(db.pool(), basics.clock())))),
                basics.clock());
    }

    /** The registry's SPC holders, cached while listening for its changes; started. */
    public static SubscriberHolders subscriberHolders(Basics basics, DatabaseParts db) {
        return new SubscriberHolders(basics.vertx(),
                PgPools.connectOptions(basics.config().database(), PgPools.HOLDER_LISTENER),
                RegistrySubscriberCheck.holders(new PgSubscriberStore(db.pool(), basics.clock())),
                basics.clock()).start();
    }

    private static AcmeConfig acmeConfig(Basics basics, CaHierarchy hierarchy) {
        String publicUrl = basics.publicUrl();
        StiCaConfig config = basics.config();
        AcmeConfig defaults = AcmeConfig.defaults(publicUrl);
        StiCaConfig.Acme acme = config.acme();
        return new AcmeConfig(publicUrl, BASE_PATH, defaults.nonceLifetime(),
                defaults.orderLifetime(), defaults.authzLifetime(), acme.maxBodyBytes(),
                config.ca().spcPattern(), defaults.termsOfService(), defaults.website(),
                acme.externalAccountRequired(), acme.ordersPerHour(), acme.ordersPageSize(),
                acme.shortLivedDays())
                .withScaEnabled(scaOffered(config, hierarchy));
    }

    /** {@code shaken-sca} is offered when configured and the intermediate allows a CA below. */
    private static boolean scaOffered(StiCaConfig config, CaHierarchy hierarchy) {
        if (config.ca().scaEnabled() && !hierarchy.allowsCaBelowIntermediate()) {
            LOG.warn("ca.sca.enabled is set but the issuing intermediate has pathLenConstraint 0"
                    + " (created before SCA was enabled): shaken-sca is not offered");
        }
        return config.ca().scaEnabled() && hierarchy.allowsCaBelowIntermediate();
    }
}
