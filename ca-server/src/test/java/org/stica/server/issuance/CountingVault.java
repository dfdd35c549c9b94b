package org.stica.server.issuance;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.stica.hsm.KeyVault;

/** A KeyVault that counts private-key uses (each SignerPool signature takes one). */
final class CountingVault implements KeyVault {
    private final KeyVault delegate;
    final AtomicInteger keyUses = new AtomicInteger();

    CountingVault(KeyVault delegate) {
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
        keyUses.incrementAndGet();
        return delegate.privateKey(alias);
    }

    @Override
    public Provider provider() {
        return delegate.provider();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
