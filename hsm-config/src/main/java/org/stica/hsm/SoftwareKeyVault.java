package org.stica.hsm;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link KeyVault} in a PKCS#12 file (RFC 7292), for development and tests only: the SHAKEN CP
 * expects CA keys in an HSM (STANDARDS §4.5 item 2), which {@link Pkcs11KeyVault} provides. Keys
 * are EC P-256, generated in software by the JDK's SunEC provider, which also signs with them.
 *
 * <p>A generated key stays in memory ("pending") until {@link #storeChain} binds its chain, since
 * PKCS#12 stores a private key only with its certificate chain; then the whole store is rewritten
 * atomically with owner-only permissions. All methods are synchronized: the signer pool may read
 * keys from several threads while a chain is stored.
 */
public final class SoftwareKeyVault implements KeyVault {
    private static final String CURVE = "secp256r1";
    private static final String PROVIDER = "SunEC";

    private final Pkcs12StoreFile file;
    private final char[] password;
    private KeyStore keyStore;
    private final Provider provider;
    private final Map<String, KeyPair> pending = new HashMap<>();
    /** Keys already decrypted from the store (PKCS#12 key decryption runs a slow PBKDF2). */
    private final Map<String, PrivateKey> decrypted = new HashMap<>();
    private boolean closed;

    private SoftwareKeyVault(Pkcs12StoreFile file, char[] password, KeyStore keyStore,
                             Provider provider) {
        this.file = file;
        this.password = password;
        this.keyStore = keyStore;
        this.provider = provider;
    }

    /**
     * Opens the store at {@code path}, or starts an empty one that is written on the first
     * {@link #storeChain}.
     *
     * @throws KeyVaultException MISCONFIGURED when the file cannot be read with the password
     */
    public static SoftwareKeyVault open(Path path, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("software key store password is required");
        }
        Provider provider = Security.getProvider(PROVIDER);
        if (provider == null) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "this JDK has no " + PROVIDER + " provider");
        }
        Pkcs12StoreFile file = new Pkcs12StoreFile(path);
        char[] copy = password.clone();
        try {
            return new SoftwareKeyVault(file, copy, file.load(copy), provider);
        } catch (IOException | GeneralSecurityException e) {
            Arrays.fill(copy, '\0');
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "cannot read the software key store " + file.path()
                            + " (wrong password or damaged file)", e);
        }
    }

    @Override
    public String description() {
        return "software PKCS#12 store " + file.path();
    }

    /** Where the store is written. */
    public Path path() {
        return file.path();
    }

    @Override
    public synchronized PublicKey generate(String alias) {
        requireOpen();
        if (alias == null || alias.isBlank()) {
            throw new IllegalArgumentException("key alias must not be blank");
        }
        if (contains(alias)) {
            throw new KeyVaultException(KeyVaultException.Kind.ALIAS_EXISTS,
                    "key '" + alias + "' already exists in " + description());
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec(CURVE));
            KeyPair pair = generator.generateKeyPair();
            pending.put(alias, pair);
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw failure("cannot generate key '" + alias + "'", e);
        }
    }

    @Override
    public synchronized void storeChain(String alias, List<X509Certificate> chain) {
        requireOpen();
        KeyPair pair = pending.get(alias);
        if (pair == null) {
            throw new KeyVaultException(KeyVaultException.Kind.UNKNOWN_KEY,
                    "no pending key '" + alias + "' in " + description()
                            + " (a chain is bound once, to a key made by generate)");
        }
        ChainBindingCheck.requireBindable(alias, pair.getPublic(), chain);
        try {
            keyStore.setKeyEntry(alias, pair.getPrivate(), password,
                    chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw failure("cannot add the chain of '" + alias + "'", e);
        }
        try {
            file.save(keyStore, password);
        } catch (IOException | GeneralSecurityException e) {
            forget(alias);
            throw failure("cannot write the chain of '" + alias + "'", e);
        }
        pending.remove(alias);
        decrypted.put(alias, pair.getPrivate());
    }

    /**
     * Reloads the file, so that entries another process wrote since this vault opened are seen
     * (two instances on one host sharing the store). Keys pending in this vault stay pending.
     */
    @Override
    public synchronized void refresh() {
        requireOpen();
        try {
            keyStore = file.load(password);
        } catch (IOException | GeneralSecurityException e) {
            throw failure("cannot re-read the store", e);
        }
        decrypted.clear();
    }

    private void forget(String alias) {
        try {
            keyStore.deleteEntry(alias);
        } catch (GeneralSecurityException e) {
            throw failure("cannot roll back the entry '" + alias + "'", e);
        }
    }

    @Override
    public synchronized boolean contains(String alias) {
        requireOpen();
        try {
            return pending.containsKey(alias) || keyStore.containsAlias(alias);
        } catch (GeneralSecurityException e) {
            throw failure("cannot look up '" + alias + "'", e);
        }
    }

    @Override
    public synchronized Optional<List<X509Certificate>> chain(String alias) {
        requireOpen();
        try {
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (chain == null) {
                return Optional.empty();
            }
            return Optional.of(Arrays.stream(chain).map(X509Certificate.class::cast).toList());
        } catch (GeneralSecurityException e) {
            throw failure("cannot read the chain of '" + alias + "'", e);
        }
    }

    @Override
    public synchronized PrivateKey privateKey(String alias) {
        requireOpen();
        KeyPair pair = pending.get(alias);
        if (pair != null) {
            return pair.getPrivate();
        }
        PrivateKey cached = decrypted.get(alias);
        if (cached != null) {
            return cached;
        }
        try {
            if (keyStore.getKey(alias, password) instanceof PrivateKey key) {
                decrypted.put(alias, key);
                return key;
            }
        } catch (GeneralSecurityException e) {
            throw failure("cannot read key '" + alias + "'", e);
        }
        throw new KeyVaultException(KeyVaultException.Kind.UNKNOWN_KEY,
                "no key '" + alias + "' in " + description());
    }

    @Override
    public Provider provider() {
        return provider;
    }

    /** Forgets pending keys and clears the password from memory. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        pending.clear();
        decrypted.clear();
        Arrays.fill(password, '\0');
    }

    private void requireOpen() {
        if (closed) {
            throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                    description() + " is closed");
        }
    }

    private KeyVaultException failure(String what, Exception cause) {
        return new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                what + " in " + description() + ": " + cause.getMessage(), cause);
    }
}
