package org.stica.testing;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.stica.hsm.KeyVault;

/** A {@link KeyVault} that forwards every call; tests override the calls they instrument. */
public class ForwardingKeyVault implements KeyVault {
    private final KeyVault delegate;

    public ForwardingKeyVault(KeyVault delegate) {
        this.delegate = delegate;
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public PublicKey generate(String alias) {
        return delegate.generate(alias);
    }

    @Override
    public void storeChain(String alias, List<X509Certificate> chain) {
        delegate.storeChain(alias, chain);
    }

    @Override
    public boolean contains(String alias) {
        return delegate.contains(alias);
    }

    @Override
    public Optional<List<X509Certificate>> chain(String alias) {
        return delegate.chain(alias);
    }

    @Override
    public PrivateKey privateKey(String alias) {
        return delegate.privateKey(alias);
    }

    @Override
    public Provider provider() {
        return delegate.provider();
    }

    @Override
    public void refresh() {
        delegate.refresh();
    }

    @Override
    public int discardIncomplete(String alias) {
        return delegate.discardIncomplete(alias);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
