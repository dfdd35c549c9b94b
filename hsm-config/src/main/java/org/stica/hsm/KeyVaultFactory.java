package org.stica.hsm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the configured {@link KeyVault}, logging which kind (software store: a clear warning).
 * PKCS#11 ({@link Pkcs11KeyVault}) when {@link KeyVaultConfig#pkcs11()} is present, else the
 * software PKCS#12 store ({@link SoftwareKeyVault}), which is not fit for production (the SHAKEN
 * CP expects CA keys in an HSM, STANDARDS §4.5 item 2). Blocks: call at start-up or on a worker.
 */
public final class KeyVaultFactory {
    private static final Logger LOG = LoggerFactory.getLogger(KeyVaultFactory.class);

    private KeyVaultFactory() {
    }

    /**
     * @throws IllegalArgumentException when the configuration is invalid
     * @throws KeyVaultException        when the store cannot be opened
     */
    public static KeyVault open(KeyVaultConfig config) {
        config.validate();
        if (config.pkcs11().isPresent()) {
            KeyVault vault = Pkcs11KeyVault.open(config.pkcs11().get());
            LOG.info("CA keys are in {}", vault.description());
            return vault;
        }
        SoftwareKeyVault vault = SoftwareKeyVault.open(config.softwareStore(),
                config.softwarePassword());
        LOG.warn("CA keys are in a software store at {} (not for production: configure a PKCS#11"
                + " HSM token)", vault.path());
        return vault;
    }
}
