package org.stica.crl.testing;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stica.hsm.KeyVault;

/** A {@link KeyVault} holding software keys in memory (SunEC), so tests drive the real SignerPool.
 *
 */
public final class InMemoryKeyVault implements KeyVault {
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    private final Map<String, List<X509Certificate>> chains = new ConcurrentHashMap<>();

    /** Puts an existing key pair and its chain under {@code alias}. */
    public InMemoryKeyVault with(String alias, KeyPair pair, List<X509Certificate> chain) {
        keys.put(alias, pair);
        chains.put(alias, List.copyOf(chain));
        return this;
    }

    @Override
    public String description() {
        return "in-memory test vault";
    }

    @Override
    public PublicKey generate(String alias) {
        try {
            KeyPair pair = TestPki.p256();
            if (keys.putIfAbsent(alias, pair) != null) {
                throw new IllegalStateException("alias exists: " + alias);
            }
            return pair.getPublic();
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void storeChain(String alias, List<X509Certificate> chain) {
        chains.put(alias, List.copyOf(chain));
    }

    @Override
    public boolean contains(String alias) {
        return keys.containsKey(alias);
    }

    @Override
    public Optional<List<X509Certificate>> chain(String alias) {
        return Optional.ofNullable(chains.get(alias));
    }

    @Override
    public PrivateKey privateKey(String alias) {
        KeyPair pair = keys.get(alias);
        if (pair == null) {
            throw new IllegalArgumentException("unknown key alias " + alias);
        }
        return pair.getPrivate();
    }

    @Override
    public Provider provider() {
        return Security.getProvider("SunEC");
    }

    @Override
    public void close() {
    }
}
