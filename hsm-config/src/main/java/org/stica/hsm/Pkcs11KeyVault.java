package org.stica.hsm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyVault} on a PKCS#11 token through the JDK's SunPKCS11 provider. Key pairs are
 * generated inside the token as EC P-256 token objects with CKA_SENSITIVE=true,
 * CKA_EXTRACTABLE=false and sign-only usage (CKA_SIGN=true; CKA_DECRYPT, CKA_UNWRAP, CKA_DERIVE
 * false: {@link SunPkcs11Directives}), the CA-key obligations of the SHAKEN CP (STANDARDS §4.5
 * item 2), so the private key never leaves the HSM; {@link #privateKey} returns a handle.
 * {@link #storeChain} binds the chain with {@code KeyStore.setKeyEntry}: the certificates are
 * stored on the token, the alias becomes the subject certificate's CKA_LABEL and the CKA_ID
 * shared by it and the private key, so keys and chains survive a restart; then
 * {@link TokenObjects#label} gives the private and public key the alias as CKA_LABEL (and the
 * public key the same CKA_ID) and each CA certificate a label of its own.
 *
 * <p>A key that was generated but whose chain is not yet stored is "pending": it can sign (to
 * self-sign a root, or to sign the CSR that an upper CA certifies) but it has no label yet and is
 * only known to this instance. Every method may block on the token: call it from the
 * {@link SignerPool} or at start-up. The PIN is used to log in and is never logged or kept in a
 * message.
 */
public final class Pkcs11KeyVault implements KeyVault {
    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11KeyVault.class);
    private static final String CURVE = "secp256r1";

    private final String description;
    private final String token;
    private final Path library;
    private final long slot;
    private final TokenObjects objects;
    /** Replaced only by {@link #discardIncomplete}, at start-up, before any signature. */
    private volatile Provider provider;
    private volatile KeyStore keyStore;
    private final Map<String, KeyPair> pending = new ConcurrentHashMap<>();
    private final Map<String, PrivateKey> handles = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Pkcs11KeyVault(String description, String token, Path library, long slot,
                           Provider provider, KeyStore keyStore) {
        this.description = description;
        this.token = token;
        this.library = library;
        this.slot = slot;
        this.objects = new TokenObjects(library, slot);
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /**
     * Loads the library, selects the token (by label or slot id), builds a fresh SunPKCS11
     * provider instance for it (not registered in {@link Security}) and logs in with the PIN.
     *
     * @throws KeyVaultException MISCONFIGURED for a missing library, unknown token or rejected
     *                           PIN; STORE_FAILURE for other token errors
     */
    public static Pkcs11KeyVault open(Pkcs11Config config) {
        config.validate();
        if (!Files.isRegularFile(config.library())) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "PKCS#11 library not found: " + config.library());
        }
        long slot = config.slot().isPresent() ? config.slot().getAsLong()
                : TokenSlotLocator.slotOf(config.library(), config.tokenLabel().orElseThrow());
        String token = config.tokenLabel().map(l -> "token '" + l + "'").orElse("slot " + slot);
        String description = "PKCS#11 " + token + " (" + config.library().getFileName() + ")";
        Provider provider = configure(config.library(), slot);
        String loginKey = config.library().toAbsolutePath() + "#" + slot;
        synchronized (TokenLogins.class) {
            KeyStore keyStore = login(provider, config.pin(), token);
            TokenLogins.acquire(loginKey);
            return new Pkcs11KeyVault(description, loginKey, config.library(), slot,
                    provider, keyStore);
        }
    }

    private static Provider configure(Path library, long slot) {
        Provider prototype = Security.getProvider("SunPKCS11");
        if (prototype == null) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        String text = SunPkcs11Directives.render("stica-slot-" + slot, library, slot);
        try {
            return prototype.configure("--" + text);
        } catch (InvalidParameterException | ProviderException e) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "cannot initialise PKCS#11 slot " + slot + " of " + library + ": "
                            + e.getMessage(), e);
        }
    }

    private static KeyStore login(Provider provider, char[] pin, String token) {
        char[] copy = pin.clone();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, copy);
            return keyStore;
        } catch (IOException e) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "login to PKCS#11 " + token + " failed (check the PIN)", e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                    "cannot open the key store of PKCS#11 " + token + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public synchronized PublicKey generate(String alias) {
        requireOpen();
        requireAlias(alias);
        if (contains(alias)) {
            throw new KeyVaultException(KeyVaultException.Kind.ALIAS_EXISTS,
                    "key '" + alias + "' already exists in " + description);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec(CURVE));
            KeyPair pair = generator.generateKeyPair();
            pending.put(alias, pair);
            return pair.getPublic();
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot generate key '" + alias + "'", e);
        }
    }

    @Override
    public synchronized void storeChain(String alias, List<X509Certificate> chain) {
        requireOpen();
        KeyPair pair = pending.get(alias);
        if (pair == null) {
            throw new KeyVaultException(KeyVaultException.Kind.UNKNOWN_KEY,
                    "no pending key '" + alias + "' in " + description
                            + " (a chain is bound once, to a key made by generate)");
        }
        ChainBindingCheck.requireBindable(alias, pair.getPublic(), chain);
        try {
            keyStore.setKeyEntry(alias, pair.getPrivate(), null,
                    chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot store the chain of '" + alias + "'", e);
        }
        pending.remove(alias);
        handles.put(alias, pair.getPrivate());
        try {
            objects.label(alias, (ECPublicKey) pair.getPublic(), chain);
        } catch (KeyVaultException e) {
            // the entry is stored and usable; only the operator's view of the objects is poorer
            LOG.warn("key '{}' is stored in {} but its objects could not all be labelled: {}",
                    alias, description, e.getMessage());
        }
    }

    @Override
    public boolean contains(String alias) {
        requireOpen();
        if (pending.containsKey(alias) || handles.containsKey(alias)) {
            return true;
        }
        try {
            return keyStore.containsAlias(alias);
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot look up '" + alias + "'", e);
        }
    }

    @Override
    public Optional<List<X509Certificate>> chain(String alias) {
        requireOpen();
        try {
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (chain == null) {
                return Optional.empty();
            }
            return Optional.of(Arrays.stream(chain).map(X509Certificate.class::cast).toList());
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot read the chain of '" + alias + "'", e);
        }
    }

    @Override
    public PrivateKey privateKey(String alias) {
        requireOpen();
        PrivateKey cached = handles.get(alias);
        if (cached != null) {
            return cached;
        }
        KeyPair pair = pending.get(alias);
        if (pair != null) {
            return pair.getPrivate();
        }
        try {
            PrivateKey key = lookup(alias);
            if (key == null && rescan()) {
                key = lookup(alias);
            }
            if (key != null) {
                handles.put(alias, key);
                return key;
            }
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot read the key handle of '" + alias + "'", e);
        }
        throw new KeyVaultException(KeyVaultException.Kind.UNKNOWN_KEY,
                "no key '" + alias + "' in " + description);
    }

    private PrivateKey lookup(String alias) throws GeneralSecurityException {
        return keyStore.getKey(alias, null) instanceof PrivateKey key ? key : null;
    }

    /**
     * Re-reads the token's object labels: SunPKCS11 maps them only when the store is loaded, and
     * another process (an instance doing an intermediate rollover) may have generated a key
     * since. The session stays logged in; false when the token cannot be re-read.
     */
    private synchronized boolean rescan() {
        try {
            keyStore.load(null, null);
            return true;
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            return false;
        }
    }

    /**
     * Re-reads the token's object labels (SunPKCS11 maps them only when its KeyStore loads), so
     * that a key another process stored since this vault opened is seen. The session stays
     * logged in.
     */
    @Override
    public synchronized void refresh() {
        requireOpen();
        try {
            keyStore.load(null, null);
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            throw failure("cannot re-read the token", e);
        }
    }

    /**
     * Reads the token objects filed under {@code alias} directly (SunPKCS11 cannot address an
     * ambiguous alias): the private keys with CKA_ID = alias and the certificates with CKA_LABEL
     * or CKA_ID = alias. Exactly one of each is a complete entry, none is an absent alias; any
     * other mix (a key whose certificate was never stored, a certificate whose key is gone, two
     * instances' keys under one alias) is destroyed, with public keys filed under the alias.
     * SunPKCS11 disables writing for good on a KeyStore that once loaded certificates sharing a
     * label, so after a removal the vault continues on a fresh provider instance and KeyStore
     * view of the same token and login; handles obtained earlier from this vault are dropped.
     * A key pair generated but never stored carries no CKA_ID and is not filed under any alias:
     * it is never used and not touched here (it may be another process's pending key).
     */
    @Override
    public synchronized int discardIncomplete(String alias) {
        requireOpen();
        requireAlias(alias);
        if (!pending.isEmpty()) {
            throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                    "cannot repair '" + alias + "' in " + description + " while key(s) "
                            + pending.keySet() + " are pending");
        }
        List<Long> keys = objects.find(TokenObjects.PRIVATE_KEY, TokenObjects.ID, alias);
        Set<Long> certificates = new LinkedHashSet<>(
                objects.find(TokenObjects.CERTIFICATE, TokenObjects.LABEL, alias));
        certificates.addAll(objects.find(TokenObjects.CERTIFICATE, TokenObjects.ID, alias));
        if (keys.size() == certificates.size() && keys.size() <= 1) {
            return 0;
        }
        List<Long> doomed = new ArrayList<>(keys);
        doomed.addAll(certificates);
        doomed.addAll(objects.find(TokenObjects.PUBLIC_KEY, TokenObjects.ID, alias));
        objects.destroy(doomed);
        handles.clear();
        reopenView();
        return doomed.size();
    }

    private void reopenView() {
        Provider fresh = configure(library, slot);
        try {
            KeyStore view = KeyStore.getInstance("PKCS11", fresh);
            view.load(null, null);
            provider = fresh;
            keyStore = view;
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            throw failure("cannot re-open the key store", e);
        }
    }

    @Override
    public Provider provider() {
        return provider;
    }

    /**
     * Stops this vault; logs out of the token when no other open vault in this JVM uses it (the
     * login is shared by all of them). Key handles from this vault stop working. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.clear();
        handles.clear();
        synchronized (TokenLogins.class) {
            if (TokenLogins.release(token)) {
                logout();
            }
        }
    }

    private void logout() {
        if (provider instanceof AuthProvider auth) {
            try {
                auth.logout();
            } catch (LoginException | ProviderException e) {
                throw failure("logout from " + description + " failed", e);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                    description + " is closed");
        }
    }

    private static void requireAlias(String alias) {
        if (alias == null || alias.isBlank()) {
            throw new IllegalArgumentException("key alias must not be blank");
        }
    }

    private KeyVaultException failure(String what, Exception cause) {
        return new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                what + " in " + description + ": " + cause.getMessage(), cause);
    }
}
