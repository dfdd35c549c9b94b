package org.stica.crl.arl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.crl.port.RevokedCaSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.store.StoredCrl;
import org.stica.crl.testing.Await;
import org.stica.crl.testing.CrlDatabase;
import org.stica.crl.testing.InMemoryKeyVault;
import org.stica.crl.testing.TestPki;
import org.stica.hsm.SignerPool;

/** The ARL is stored: every instance serves the same bytes and numbers only increase. */
class ArlModuleTest {
    private static final String ROOT = "root";

    private TestPki pki;
    private Vertx vertx;
    private CrlDatabase database;
    private SignerPool signer;
    private final List<Pool> pools = new ArrayList<>();
    private final List<ArlModule> modules = new ArrayList<>();
    private final List<RevokedEntry> revoked = new CopyOnWriteArrayList<>();
    private final RevokedCaSource source = () -> Future.succeededFuture(List.copyOf(revoked));

    @BeforeEach
    void setUp() {
        pki = TestPki.create();
        vertx = Vertx.vertx();
        database = CrlDatabase.create();
        signer = new SignerPool(vertx, new InMemoryKeyVault().with(ROOT, pki.signerKeys(),
                List.of(pki.signer())), 2);
    }

    @AfterEach
    void tearDown() {
        modules.forEach(ArlModule::stop);
        pools.forEach(pool -> Await.settled(pool.close()));
        signer.close();
        Await.settled(vertx.close());
        database.close();
    }

    @Test
    void twoInstances_serveIdenticalBytes_andRevocationRaisesTheNumberForBoth() throws Exception {
        ArlModule a = start();
        ArlModule b = start();
        StoredCrl first = a.current().orElseThrow();
        // the second instance found the stored ARL and did not sign its own
        assertEquals(first, b.current().orElseThrow());
        assertArrayEquals(first.der(), b.current().orElseThrow().der());
        assertEquals(1, database.count("arl"));

        // a CA certificate is revoked: the next ARL lists it (RFC 5280 §5.3.1 reason kept)
        BigInteger serial = new BigInteger("1234abcd", 16);
        revoked.add(new RevokedEntry(serial, Instant.now().minusSeconds(5), CRLReason.cACompromise,
                X500Name.getInstance(pki.signer().getSubjectX500Principal().getEncoded())));
        Await.result(b.publishNow());

        StoredCrl second = b.current().orElseThrow();
        assertTrue(second.number().compareTo(first.number()) > 0, "RFC 5280 §5.2.3");
        X509CRLHolder arl = new X509CRLHolder(second.der());
        assertNotNull(arl.getRevokedCertificate(serial), "the revoked CA is on the ARL");
        waitUntil(() -> a.current().orElseThrow().equals(second));
        assertArrayEquals(second.der(), a.current().orElseThrow().der());

        // a restarted instance serves the stored ARL; publishing again changes nothing
        ArlModule restarted = start();
        assertEquals(second, restarted.current().orElseThrow());
        Await.result(restarted.publishNow());
        assertEquals(second, restarted.current().orElseThrow());
        assertEquals(2, database.count("arl"));
    }

    private ArlModule start() {
        Pool pool = database.pool(vertx, 3);
        pools.add(pool);
        ArlModule module = new ArlModule(vertx, pool, signer, ROOT, pki.signer(), "/crl/root.crl",
                Duration.ofDays(7), Duration.ofMillis(200), source, Clock.systemUTC());
        modules.add(module);
        Await.result(module.start());
        return module;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
    }
}
