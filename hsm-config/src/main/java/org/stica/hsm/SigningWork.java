package org.stica.hsm;

import org.bouncycastle.operator.ContentSigner;

/** Work that needs a CA key, run by the {@link SignerPool} on its worker threads. */
@FunctionalInterface
public interface SigningWork<T> {
    T apply(ContentSigner signer) throws Exception;
}
