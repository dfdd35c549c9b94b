package org.stica.hsm;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a certificate chain may be bound to a key: the chain is not empty, has no null
 * entry, and its first (subject) certificate carries exactly the key's public key (compared by
 * SubjectPublicKeyInfo encoding). A pure decision with no I/O.
 */
final class ChainBindingCheck {
    private ChainBindingCheck() {
    }

    /**
     * @throws KeyVaultException {@link KeyVaultException.Kind#CHAIN_MISMATCH} when the chain
     *                           cannot be bound to {@code publicKey}
     */
    static void requireBindable(String alias, PublicKey publicKey, List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty() || chain.stream().anyMatch(Objects::isNull)) {
            throw new KeyVaultException(KeyVaultException.Kind.CHAIN_MISMATCH,
                    "certificate chain for key '" + alias + "' is empty or has a missing entry");
        }
        byte[] expected = publicKey.getEncoded();
        byte[] actual = chain.get(0).getPublicKey().getEncoded();
        if (expected == null || !Arrays.equals(expected, actual)) {
            throw new KeyVaultException(KeyVaultException.Kind.CHAIN_MISMATCH,
                    "the first certificate of the chain does not certify the public key of '"
                            + alias + "'");
        }
    }
}
