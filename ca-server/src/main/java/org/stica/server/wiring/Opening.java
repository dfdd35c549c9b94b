package org.stica.server.wiring;

import io.vertx.sqlclient.Pool;
import java.security.cert.X509Certificate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultFactory;
import org.stica.policy.token.PaTrustAnchors;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.ConfigKey;
import org.stica.server.config.StiCaConfig;
import org.stica.server.lifecycle.Lifecycle;
import org.stica.server.schema.SchemaMigrator;
import org.stica.server.store.pg.PgPools;
import org.stica.server.token.TrustAnchorFile;

/**
 * The start-up work that blocks, done on a worker thread: the STI-PA trust anchors and the
 * claim-token trust anchors (JWTClaimConstraints tokens, issue 19) read, the schema migrated,
 * the KeyVault opened and its keys checked and provisioned, the database pool created. The vault and the pool are registered in the lifecycle as soon as they exist.
 */
public record Opening(PaTrustAnchors anchors, List<X509Certificate> claimTokenAnchors,
                      KeyParts keys, Pool pool) {
    private static final Logger LOG = LoggerFactory.getLogger(Opening.class);

    /** Blocking: call off the event loop. */
    public static Opening run(Basics boot, Lifecycle lifecycle) {
        StiCaConfig config = boot.config();
        PaTrustAnchors anchors = TrustAnchorFile.load(config.pa().trustAnchors());
        List<X509Certificate> claimTokenAnchors = TrustAnchorFile.certificates(
                config.rcd().claimTokenTrustAnchors(), ConfigKey.RCD_CLAIM_TOKEN_TRUST_ANCHORS);
        SchemaMigrator.migrate(config.database());
        KeyVault vault = lifecycle.closingBlocking(boot.vertx(), "key vault",
                KeyVaultFactory.open(KeyVaultSettings.forServe(config)));
        KeyParts keys = KeyParts.ensure(vault, config, boot.clock());
        if (anchors.roots().isEmpty()) {
            LOG.warn("no STI-PA trust anchors configured (pa.trustAnchors): every SPC token"
                    + " will be refused");
        }
        Pool pool = lifecycle.closingAsync("database pool",
                PgPools.create(boot.vertx(), config.database()), Pool::close);
        return new Opening(anchors, claimTokenAnchors, keys, pool);
    }
}
