package org.stica.hsm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions a key that a server makes for itself on first start (the audit checkpoint key, the
 * STI-PA keys) so that several instances starting at once on one key store agree: exactly one
 * creates it, the others wait and then use it. An existing complete key is used without taking
 * the lock. Otherwise, under the {@link KeyProvisioningLock}, the vault is re-read (another
 * instance may have stored the key while this one waited), whatever an interrupted provisioning
 * left under the alias is discarded ({@link KeyVault#discardIncomplete}), and the key is created
 * only if it is still missing. Blocking: start-up only.
 */
public final class KeyProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(KeyProvisioner.class);

    private final KeyVault vault;
    private final KeyProvisioningLock lock;

    public KeyProvisioner(KeyVault vault, KeyProvisioningLock lock) {
        this.vault = vault;
        this.lock = lock;
    }

    /** How a missing key is made: {@link KeyVault#generate}, then {@link KeyVault#storeChain}. */
    @FunctionalInterface
    public interface KeyCreation {
        void create(KeyVault vault);
    }

    /**
     * Makes sure {@code alias} holds a complete key with its chain.
     *
     * @return true when this call created the key, false when it existed or another instance
     *         created it meanwhile
     * @throws KeyVaultException STORE_FAILURE when the creation stored no chain
     */
    public boolean ensure(String alias, KeyCreation creation) {
        if (vault.chain(alias).isPresent()) {
            return false;
        }
        try (KeyProvisioningLock.Held held = lock.acquire()) {
            vault.refresh();
            int removed = vault.discardIncomplete(alias);
            if (removed > 0) {
                LOG.warn("removed {} object(s) that an interrupted provisioning left under '{}' in"
                        + " {}", removed, alias, vault.description());
            }
            if (vault.chain(alias).isPresent()) {
                LOG.info("key '{}' was provisioned by another instance; using it", alias);
                return false;
            }
            creation.create(vault);
            if (vault.chain(alias).isEmpty()) {
                throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                        "provisioning '" + alias + "' stored no chain in " + vault.description());
            }
            return true;
        }
    }
}
