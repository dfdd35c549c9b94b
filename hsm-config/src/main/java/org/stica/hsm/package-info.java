/**
 * Keys and signing: {@link org.stica.hsm.KeyVault} over PKCS#11 (SunPKCS11; SoftHSM in tests) or a
 * software PKCS#12 store, and the {@link org.stica.hsm.SignerPool} that runs every CA signature
 * on a bounded worker pool. The only module that touches {@code java.security.KeyStore}.
 */
package org.stica.hsm;
