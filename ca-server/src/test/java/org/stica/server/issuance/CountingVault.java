package org.stica.server.issuance;

import java.security.PrivateKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.stica.hsm.KeyVault;
import org.stica.testing.ForwardingKeyVault;

/** A KeyVault that counts private-key uses (each SignerPool signature takes one). */
final class CountingVault extends ForwardingKeyVault {
    final AtomicInteger keyUses = new AtomicInteger();

    CountingVault(KeyVault delegate) {
        super(delegate);
    }

    @Override
    public PrivateKey privateKey(String alias) {
        keyUses.incrementAndGet();
        return super.privateKey(alias);
    }
}
