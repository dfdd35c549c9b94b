package org.stica.server.wiring;

import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.hsm.KeyVault;
import org.stica.server.audit.AuditSignerKey;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaNotInitialisedException;
import org.stica.server.ca.RootKeyOnlineException;
import org.stica.server.config.StiCaConfig;
import org.stica.server.pa.PaKeys;
import org.stica.server.pa.PaKeysMissingException;
import org.stica.server.provision.PgProvisioningLock;

/**
 * The keys the online server uses (ARCHITECTURE.md §6): the opened vault, the audit-checkpoint
 * public key, in PA role the PA keys, and whether the root key is online (in this vault, which
 * {@code ca.rootOnline} must allow; then the server signs the ARL and rollover intermediates
 * itself, else ceremonies do).
 */
public record KeyParts(KeyVault vault, PublicKey auditSignerKey, Optional<PaKeys> paKeys,
                       boolean rootOnline) {
    private static final Logger LOG = LoggerFactory.getLogger(KeyParts.class);

    /**
     * Checks the CA keys exist (else init-ca or the ceremonies were not run), refuses the root
     * private key in the online token unless {@code ca.rootOnline}, and provisions the keys the
     * server creates for itself on first start. Blocking: call off the event loop.
     *
     * @throws RootKeyOnlineException when the root key (or, in STI-PA role, the PA root key) is
     *         here and the root should be offline
     * @throws PaKeysMissingException in STI-PA role with the root offline before the PA
     *         ceremonies
     */
    public static KeyParts ensure(KeyVault vault, StiCaConfig config, Clock clock) {
        boolean rootOnline = vault.contains(CaAliases.ROOT);
        if (rootOnline && !config.ca().rootOnline()) {
            throw new RootKeyOnlineException(vault.description());
        }
        if (rootOnline) {
            LOG.warn("!!! THE ROOT PRIVATE KEY IS ONLINE in {} (ca.rootOnline=true): whoever"
                    + " compromises this server holds the root. Demo and tests only; keep the"
                    + " root in an offline token and use `stica-server ceremony` !!!",
                    vault.description());
        }
        for (String alias : List.of(CaAliases.INTERMEDIATE, CaAliases.CRL_SIGNER)) {
            if (!vault.contains(alias)) {
                throw new CaNotInitialisedException("key '" + alias + "' missing in "
                        + vault.description());
            }
        }
        PublicKey auditSignerKey = AuditSignerKey.ensure(vault,
                PgProvisioningLock.of(config.database()), clock);
        Optional<PaKeys> paKeys = config.pa().role().enabled()
                ? Optional.of(paKeys(vault, config, clock)) : Optional.empty();
        return new KeyParts(vault, auditSignerKey, paKeys, rootOnline);
    }

    /**
     * The STI-PA keys: with {@code ca.rootOnline} the server makes them itself when missing
     * ({@link PaKeys#ensure}, PA root in this vault) unless ceremonies made the signer and CRL
     * signer; without it the PA root must not be here and the ceremonies must have run.
     */
    private static PaKeys paKeys(KeyVault vault, StiCaConfig config, Clock clock) {
        boolean paRootOnline = vault.contains(PaKeys.ROOT);
        if (paRootOnline && !config.ca().rootOnline()) {
            throw new RootKeyOnlineException("STI-PA root", vault.description());
        }
        if (!paRootOnline) {
            Optional<PaKeys> fromCeremonies = PaKeys.load(vault);
            if (fromCeremonies.isPresent()) {
                return fromCeremonies.get();
            }
            // one PA key from a ceremony and no PA root here: making a new PA root would split
            // the PA keys between two roots
            if (!config.ca().rootOnline() || vault.contains(PaKeys.SIGNER)
                    || vault.contains(PaKeys.CRL_SIGNER)) {
                throw new PaKeysMissingException(vault.description());
            }
        }
        return PaKeys.ensure(vault, PgProvisioningLock.of(config.database()),
                config.ca().organization(), clock);
    }
}
