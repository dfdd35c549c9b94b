package org.stica.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;
import java.nio.file.Path;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.testing.LogCapture;
import org.stica.testing.SoftHsmFixture;
import org.stica.testing.ForwardingKeyVault;

/** {@link SignerPool}: bounded, off-event-loop SHA256withECDSA signing. */
class SignerPoolTest {
    private static final char[] PASSWORD = "pool-password".toCharArray();

    @TempDir
    Path directory;

    private Vertx vertx;
    private LogCapture vertxLog;

    /**
     * A low event-loop time limit (as in the end-to-end harness), checked often: a blocking call
     * on the event loop shows up as a warning. The signing work itself is checked directly by
     * {@link CountingSignatureProvider}.
     */
    @BeforeEach
    void startVertx() {
        vertxLog = LogCapture.of("io.vertx");
        vertx = Vertx.vertx(new VertxOptions()
                .setMaxEventLoopExecuteTime(250)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(20)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    }

    @AfterEach
    void stopVertx() throws Exception {
        try {
            await(vertx.close());
            assertEquals(List.of(), vertxLog.messages(Level.WARN), "no blocked-thread warnings");
        } finally {
            vertxLog.close();
        }
    }

    @Test
    void sign_softwareKey_signatureVerifiesWithThePublicKey() throws Exception {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(directory.resolve("k.p12"), PASSWORD);
             SignerPool pool = new SignerPool(vertx, vault, 2)) {
            PublicKey publicKey = vault.generate("ca");
            byte[] data = "to be signed".getBytes();

            byte[] signature = await(pool.sign("ca", data));

            assertTrue(verifies(publicKey, data, signature));
        }
    }

    @Test
    void sign_manyConcurrentCalls_neverExceedMaxSessionsAndNeverRunOnEventLoop() throws Exception {
        int maxSessions = 3;
        CountingSignatureProvider counting = new CountingSignatureProvider();
        try (SoftwareKeyVault software = SoftwareKeyVault.open(directory.resolve("k.p12"),
                PASSWORD);
             SignerPool pool = new SignerPool(vertx, new CountingKeyVault(software, counting),
                     maxSessions)) {
            PublicKey publicKey = software.generate("ca");
            Promise<List<byte[]>> all = Promise.promise();
            // issue every call from an event loop, as request handlers do
            vertx.runOnContext(ignored -> Future.all(signMany(pool, 200))
                    .map(joined -> joined.<byte[]>list())
                    .onComplete(all));

            List<byte[]> signatures = await(all.future());

            assertEquals(200, signatures.size());
            assertEquals(200, counting.signatures.get());
            assertTrue(counting.maxRunning.get() <= maxSessions,
                    "at most " + maxSessions + " at once, saw " + counting.maxRunning.get());
            assertTrue(counting.maxRunning.get() > 1, "signatures should overlap");
            assertEquals(0, counting.onEventLoop.get(), "no signature on an event loop");
            assertTrue(counting.threads.stream().allMatch(t -> t.startsWith("stica-signer")),
                    "signing threads: " + counting.threads);
            for (int i = 0; i < signatures.size(); i++) {
                assertTrue(verifies(publicKey, ("message " + i).getBytes(), signatures.get(i)));
            }
        }
    }

    private static List<Future<byte[]>> signMany(SignerPool pool, int count) {
        List<Future<byte[]>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.sign("ca", ("message " + i).getBytes()));
        }
        return futures;
    }

    @Test
    void sign_unknownAlias_failsWithUnknownKey() throws Exception {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(directory.resolve("k.p12"), PASSWORD);
             SignerPool pool = new SignerPool(vertx, vault, 1)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(pool.sign("no-such-key", new byte[] {1})));
            KeyVaultException cause = assertInstanceOf(KeyVaultException.class, e.getCause());
            assertEquals(KeyVaultException.Kind.UNKNOWN_KEY, cause.kind());
            assertTrue(cause.getMessage().contains("no-such-key"), cause.getMessage());
        }
    }

    @Test
    void withSigner_workThrows_failsTheFuture() throws Exception {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(directory.resolve("k.p12"), PASSWORD);
             SignerPool pool = new SignerPool(vertx, vault, 1)) {
            vault.generate("ca");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(pool.withSigner("ca", signer -> {
                        throw new IllegalStateException("work failed");
                    })));
            assertEquals("work failed", e.getCause().getMessage());
        }
    }

    @Test
    void withSigner_hungToken_failsUnavailableInTime_failsFastWhileHung_andRecovers()
            throws Exception {
        // issue 14 invariant 4: an HSM that hangs must not hang the server
        CountDownLatch release = new CountDownLatch(1);
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(directory.resolve("k.p12"), PASSWORD);
             SignerPool pool = new SignerPool(vertx, vault, 1, Duration.ofMillis(200))) {
            vault.generate("ca");
            long started = System.nanoTime();
            ExecutionException hung = assertThrows(ExecutionException.class,
                    () -> await(pool.withSigner("ca", signer -> release.await(10,
                            TimeUnit.SECONDS))));
            assertEquals(KeyVaultException.Kind.UNAVAILABLE,
                    ((KeyVaultException) hung.getCause()).kind());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
            assertTrue(pool.failure().isPresent());

            // the only session is still hung: the next call fails at once instead of queueing
            long next = System.nanoTime();
            ExecutionException fast = assertThrows(ExecutionException.class,
                    () -> await(pool.sign("ca", new byte[] {1})));
            assertEquals(KeyVaultException.Kind.UNAVAILABLE,
                    ((KeyVaultException) fast.getCause()).kind());
            assertTrue(System.nanoTime() - next < TimeUnit.MILLISECONDS.toNanos(150));

            release.countDown();
            for (int i = 0; i < 50 && pool.failure().isPresent(); i++) {
                try {
                    await(pool.sign("ca", new byte[] {1}));
                } catch (ExecutionException stillBusy) {
                    Thread.sleep(50);
                }
            }
            assertTrue(pool.failure().isEmpty(), "a successful signature clears the failure");
        }
    }

    @Test
    void observer_successAndFailure_eachToldOnceWithDurationAndCause() throws Exception {
        List<Optional<Throwable>> outcomes = new CopyOnWriteArrayList<>();
        List<Long> durations = new CopyOnWriteArrayList<>();
        SignerObserver observer = (nanos, failure) -> {
            durations.add(nanos);
            outcomes.add(failure);
        };
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(directory.resolve("k.p12"), PASSWORD);
             SignerPool pool = new SignerPool(vertx, vault, 1, Duration.ofSeconds(5), observer)) {
            vault.generate("ca");
            await(pool.withSigner("ca", signer -> {
                Thread.sleep(50);
                return null;
            }));
            assertThrows(ExecutionException.class, () -> await(pool.sign("no-such-key",
                    new byte[] {1})));

            assertEquals(2, outcomes.size(), outcomes.toString());
            assertTrue(outcomes.get(0).isEmpty(), "the first succeeded");
            assertTrue(durations.get(0) >= TimeUnit.MILLISECONDS.toNanos(50),
                    "the duration covers the work: " + durations.get(0));
            KeyVaultException cause = assertInstanceOf(KeyVaultException.class,
                    outcomes.get(1).orElseThrow());
            assertEquals(KeyVaultException.Kind.UNKNOWN_KEY, cause.kind());
            assertEquals(0, pool.inFlight(), "nothing left in flight");
        }
    }

    @Test
    void inFlight_countsRunningAndWaitingOperations() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(directory.resolve("k.p12"), PASSWORD);
             SignerPool pool = new SignerPool(vertx, vault, 1)) {
            vault.generate("ca");
            Future<Object> running = pool.withSigner("ca", signer -> release.await(10,
                    TimeUnit.SECONDS));
            Future<byte[]> waiting = pool.sign("ca", new byte[] {1});

            assertEquals(2, pool.inFlight(), "one on the only session, one waiting for it");
            assertEquals(1, pool.maxSessions());
            release.countDown();
            await(running);
            await(waiting);
            assertEquals(0, pool.inFlight());
        }
    }

    @Test
    void constructor_zeroSessions_rejected() {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(directory.resolve("k.p12"),
                PASSWORD)) {
            assertThrows(IllegalArgumentException.class, () -> new SignerPool(vertx, vault, 0));
        }
    }

    @Test
    void withSigner_softHsmKey_issuesCertificatesThatVerifyConcurrently() throws Exception {
        try (SoftHsmFixture hsm = SoftHsmFixture.create("pool");
             Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(4));
             SignerPool pool = new SignerPool(vertx, vault, 4)) {
            PublicKey caKey = vault.generate("issuer");
            List<Future<X509Certificate>> issued = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String subject = "CN=leaf " + i;
                issued.add(pool.withSigner("issuer", signer ->
                        TestCertificates.build(signer, "CN=issuer", subject, caKey)));
            }
            List<X509Certificate> certificates = await(Future.all(issued)
                    .map(joined -> joined.<X509Certificate>list()));
            for (X509Certificate certificate : certificates) {
                certificate.verify(caKey);
            }
            byte[] data = "hsm".getBytes();
            assertTrue(verifies(caKey, data, await(pool.sign("issuer", data))));
        }
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] signature)
            throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** A vault whose keys sign through an instrumented provider. */
    private static final class CountingKeyVault extends ForwardingKeyVault {
        private final Provider provider;

        CountingKeyVault(KeyVault delegate, Provider provider) {
            super(delegate);
            this.provider = provider;
        }

        @Override
        public String description() {
            return "counting " + super.description();
        }

        @Override
        public Provider provider() {
            return provider;
        }
    }
}
