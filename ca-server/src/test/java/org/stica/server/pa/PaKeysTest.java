package org.stica.server.pa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.hsm.KeyVault;
import org.stica.hsm.Pkcs11KeyVault;
import org.stica.server.config.StiCaConfig;
import org.stica.server.provision.PgProvisioningLock;
import org.stica.testing.SoftHsmFixture;
import org.stica.testing.TestDatabase;

/**
 * The STI-PA keys on first start in PA role (issue 14): several instances on one fresh SoftHSM
 * token and PostgreSQL database, each with its own SunPKCS11 provider (its own KeyStore view),
 * end up with one root, one SPC token signer and one CRL signer, both certified by that root.
 */
class PaKeysTest {
    private static final int INSTANCES = 3;
    private static SoftHsmFixture hsm;
    private static TestDatabase db;

    @BeforeAll
    static void freshTokenAndDatabase() {
        hsm = SoftHsmFixture.create("pakeys");
        db = TestDatabase.create();
    }

    @AfterAll
    static void deleteTokenAndDatabase() {
        hsm.close();
        db.close();
    }

    @Test
    void ensure_severalInstancesStartAtOnce_allGetTheSameKeys() throws Exception {
        StiCaConfig.Database database = StiCaConfig.load(Optional.empty(),
                Map.of("STICA_DB_URL", db.url())).database();
        List<KeyVault> vaults = new ArrayList<>();
        ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);
        try {
            for (int i = 0; i < INSTANCES; i++) {
                vaults.add(Pkcs11KeyVault.open(hsm.pkcs11Config(2)));
            }
            CyclicBarrier start = new CyclicBarrier(INSTANCES);
            List<Future<PaKeys>> results = new ArrayList<>();
            for (KeyVault vault : vaults) {
                results.add(instances.submit(() -> {
                    start.await();
                    // issue 15: a legal name with a comma made serve fail in PA role when the
                    // PA names were parsed from a string
                    return PaKeys.ensure(vault, PgProvisioningLock.of(database),
                            "Example Telecom, Inc.", Clock.systemUTC());
                }));
            }
            PaKeys first = results.get(0).get(60, TimeUnit.SECONDS);
            first.signer().verify(first.root().getPublicKey());
            X500Name root = X500Name.getInstance(first.root().getSubjectX500Principal()
                    .getEncoded());
            assertEquals("Example Telecom, Inc.", ((ASN1String) root.getRDNs(BCStyle.O)[0]
                    .getFirst().getValue()).getString());
            first.crlSigner().verify(first.root().getPublicKey());
            for (Future<PaKeys> result : results) {
                PaKeys keys = result.get(60, TimeUnit.SECONDS);
                assertEquals(first.root(), keys.root());
                assertEquals(first.signer(), keys.signer());
                assertEquals(first.crlSigner(), keys.crlSigner());
            }
            try (KeyVault restarted = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
                for (String alias : List.of(PaKeys.ROOT, PaKeys.SIGNER, PaKeys.CRL_SIGNER)) {
                    X509Certificate stored = restarted.chain(alias).orElseThrow().get(0);
                    assertEquals(stored, vaults.get(0).chain(alias).orElseThrow().get(0));
                    restarted.privateKey(alias);
                }
            }
        } finally {
            instances.shutdownNow();
            vaults.forEach(KeyVault::close);
        }
    }
}
