package org.stica.hsm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which {@link KeyVault} to open: PKCS#11 when {@code pkcs11} is present, else the software
 * PKCS#12 store {@code softwareStore} protected by {@code softwarePassword}. {@link #toString()}
 * masks the secrets.
 */
public record KeyVaultConfig(Optional<Pkcs11Config> pkcs11, Path softwareStore,
                             char[] softwarePassword) {

    /**
     * Checks the fields of the store that will be used (the PKCS#11 one when present, else the
     * software one) without opening it.
     *
     * @return this, for chaining
     * @throws IllegalArgumentException naming the first invalid field
     */
    public KeyVaultConfig validate() {
        Objects.requireNonNull(pkcs11, "pkcs11");
        if (pkcs11.isPresent()) {
            pkcs11.get().validate();
            return this;
        }
        if (softwareStore == null || softwareStore.toString().isBlank()) {
            throw new IllegalArgumentException("software key store path is required when no"
                    + " PKCS#11 token is configured");
        }
        if (softwarePassword == null || softwarePassword.length == 0) {
            throw new IllegalArgumentException("software key store password is required");
        }
        return this;
    }

    @Override
    public String toString() {
        return "KeyVaultConfig[pkcs11=" + pkcs11 + ", softwareStore=" + softwareStore
                + ", softwarePassword=****]";
    }
}
