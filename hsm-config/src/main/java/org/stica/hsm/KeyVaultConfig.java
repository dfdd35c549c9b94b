package org.stica.hsm;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which {@link KeyVault} to open: PKCS#11 when {@code pkcs11} is present, else the software
 * PKCS#12 store {@code softwareStore} protected by {@code softwarePassword}.
 */
public record KeyVaultConfig(Optional<Pkcs11Config> pkcs11, Path softwareStore, char[] softwarePassword) {
}
