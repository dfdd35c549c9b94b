package org.stica.hsm;

/** Opens the configured {@link KeyVault}, logging which kind (software store: a clear warning). */
public final class KeyVaultFactory {
    private KeyVaultFactory() {
    }

    public static KeyVault open(KeyVaultConfig config) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
