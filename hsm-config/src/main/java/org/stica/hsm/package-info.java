/**
 * Keys and signing: {@link org.stica.hsm.KeyVault} over PKCS#11 (SunPKCS11; SoftHSM in tests) or a
 * software PKCS#12 store, and the {@link org.stica.hsm.SignerPool} that runs every CA signature
 * on a bounded worker pool. The only module that touches {@code java.security.KeyStore}.
 *
 * <p>Entry points: {@link org.stica.hsm.KeyVaultFactory#open} (from a
 * {@link org.stica.hsm.KeyVaultConfig}), then {@link org.stica.hsm.SignerPool}. Implementations:
 * {@link org.stica.hsm.Pkcs11KeyVault} (CA keys generated inside the token, sensitive and
 * non-extractable, as the SHAKEN CP expects of CA keys) and {@link org.stica.hsm.SoftwareKeyVault}
 * (development only). Failures are {@link org.stica.hsm.KeyVaultException}s with a kind.
 */
package org.stica.hsm;
