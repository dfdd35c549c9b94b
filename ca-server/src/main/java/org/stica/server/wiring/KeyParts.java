package org.stica.server.wiring;

import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.stica.hsm.KeyVault;
import org.stica.server.audit.AuditSignerKey;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaNotInitialisedException;
import org.stica.server.config.StiCaConfig;
import org.stica.server.pa.PaKeys;
import org.stica.server.provision.PgProvisioningLock;

/**
 * The keys the online server uses (ARCHITECTURE.md §6): the opened vault, the audit-checkpoint
 * public key and, in PA role, the PA keys.
 */
public record KeyParts(KeyVault vault, PublicKey auditSignerKey, Optional<PaKeys> paKeys) {

    /**
     * Checks the CA keys exist (else init-ca was not run) and provisions the keys the server
     * creates for itself on first start. Blocking: call off the event loop.
     */
    public static KeyParts ensure(KeyVault vault, StiCaConfig config, Clock clock) {
        for (String alias : List.of(CaAliases.INTERMEDIATE, CaAliases.CRL_SIGNER)) {
            if (!vault.contains(alias)) {
                throw new CaNotInitialisedException("key '" + alias + "' missing in "
                        + vault.description());
            }
        }
        PublicKey auditSignerKey = AuditSignerKey.ensure(vault,
                PgProvisioningLock.of(config.database()), clock);
        Optional<PaKeys> paKeys = config.pa().role().enabled()
                ? Optional.of(PaKeys.ensure(vault, PgProvisioningLock.of(config.database()),
                        config.ca().organization(), clock))
                : Optional.empty();
        return new KeyParts(vault, auditSignerKey, paKeys);
    }
}
