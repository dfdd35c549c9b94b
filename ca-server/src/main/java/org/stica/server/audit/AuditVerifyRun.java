package org.stica.server.audit;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.security.PublicKey;
import java.util.Optional;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultFactory;
import org.stica.server.audit.store.pg.PgAuditStore;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.StiCaConfig;
import org.stica.server.store.pg.PgPools;

/**
 * What {@code audit-verify} runs: reads the checkpoint key's public key from the KeyVault, then
 * verifies the whole chain in the configured database. Blocking: call from a plain thread.
 */
public final class AuditVerifyRun {
    private AuditVerifyRun() {
    }

    public static AuditVerification run(StiCaConfig config) {
        Optional<PublicKey> key;
        try (KeyVault vault = KeyVaultFactory.open(KeyVaultSettings.forServe(config))) {
            key = vault.contains(AuditSignerKey.ALIAS)
                    ? Optional.of(AuditSignerKey.publicKey(vault)) : Optional.empty();
        }
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = PgPools.create(vertx, config.database());
            try {
                return new AuditVerifier(new PgAuditStore(pool), key).verify().await();
            } finally {
                pool.close().await();
            }
        } finally {
            vertx.close().await();
        }
    }
}
