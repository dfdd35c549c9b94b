package org.stica.hsm;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Where CA keys live: a PKCS#11 token through SunPKCS11 (keys generated inside, sensitive and
 * non-extractable) or a software PKCS#12 store in the data directory. Every method may block:
 * call it only from a worker thread (the {@link SignerPool}) or at start-up, never on an event
 * loop. Failures are {@link KeyVaultException}s whose kind says what went wrong.
 */
public interface KeyVault extends AutoCloseable {

    /**
     * Human-readable description for logs, e.g. "PKCS#11 token 'stica' (libsofthsm2.so)"; no
     * secrets.
     */
    String description();

    /**
     * Generates an EC P-256 key pair inside the store under {@code alias} and returns its public
     * key. The key can sign at once; {@link #storeChain} binds its certificate chain afterwards.
     * Fails if the alias already exists.
     */
    PublicKey generate(String alias);

    /**
     * Binds (and persists) the certificate chain, subject first, to a key made by
     * {@link #generate}. Fails if the alias is not a pending generated key or if the first
     * certificate does not carry that key's public key ({@link KeyVaultException}).
     */
    void storeChain(String alias, List<X509Certificate> chain);

    boolean contains(String alias);

    /** The chain stored for {@code alias}, subject certificate first. */
    Optional<List<X509Certificate>> chain(String alias);

    /** A handle to the private key (never its value on PKCS#11); sign with {@link #provider()}. */
    PrivateKey privateKey(String alias);

    /** The JCA provider that signs with this vault's private-key handles. */
    Provider provider();

    @Override
    void close();
}
