package org.stica.hsm;

import io.vertx.core.Context;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JCA provider whose SHA256withECDSA delegates to SunEC while recording how many signatures
 * run at once, the most ever seen, and whether any ran on a Vert.x event-loop thread. Each
 * signature holds its slot for a few milliseconds so that overlapping work shows up.
 */
final class CountingSignatureProvider extends Provider {
    private static final long serialVersionUID = 1L;

    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger signatures = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger onEventLoop = new AtomicInteger();

    CountingSignatureProvider() {
        super("CountingSignature", "1", "counts concurrent signatures");
        putService(new Service(this, "Signature", "SHA256withECDSA",
                CountingSignature.class.getName(), null, null) {
            @Override
            public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                return new CountingSignature(CountingSignatureProvider.this);
            }
        });
    }

    /** The instrumented signature. */
    static final class CountingSignature extends SignatureSpi {
        private final CountingSignatureProvider counters;
        private final Signature delegate;

        CountingSignature(CountingSignatureProvider counters) throws NoSuchAlgorithmException {
            this.counters = counters;
            this.delegate = Signature.getInstance("SHA256withECDSA", Security.getProvider("SunEC"));
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            int now = counters.running.incrementAndGet();
            counters.maxRunning.accumulateAndGet(now, Math::max);
            counters.threads.add(Thread.currentThread().getName());
            if (Context.isOnEventLoopThread()) {
                counters.onEventLoop.incrementAndGet();
            }
            try {
                Thread.sleep(3);
                return delegate.sign();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SignatureException(e);
            } finally {
                counters.running.decrementAndGet();
                counters.signatures.incrementAndGet();
            }
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return delegate.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
