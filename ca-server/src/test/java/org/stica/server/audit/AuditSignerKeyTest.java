package org.stica.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.hsm.KeyVault;
import org.stica.hsm.Pkcs11KeyVault;
import org.stica.server.config.StiCaConfig;
import org.stica.server.provision.PgProvisioningLock;
import org.stica.testing.SoftHsmFixture;
import org.stica.testing.TestDatabase;

/**
 * The audit checkpoint key on first start (issue 14): several instances on one fresh SoftHSM
 * token and one fresh PostgreSQL database. Each instance has its own SunPKCS11 provider, hence
 * its own KeyStore view of the token, as separate processes have, and its own connection for
 * the advisory lock.
 */
class AuditSignerKeyTest {
    private static final int INSTANCES = 4;
    private SoftHsmFixture hsm;
    private TestDatabase db;
    private StiCaConfig.Database database;

    @BeforeEach
    void freshTokenAndDatabase() {
        hsm = SoftHsmFixture.create("auditkey");
        db = TestDatabase.create();
        database = StiCaConfig.load(Optional.empty(), Map.of("STICA_DB_URL", db.url())).database();
    }

    @AfterEach
    void deleteTokenAndDatabase() {
        hsm.close();
        db.close();
    }

    @Test
    void ensure_severalInstancesStartAtOnce_allUseTheOneKeyCreated() throws Exception {
        List<KeyVault> vaults = new ArrayList<>();
        ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);
        try {
            for (int i = 0; i < INSTANCES; i++) {
                vaults.add(Pkcs11KeyVault.open(hsm.pkcs11Config(2)));
            }
            CyclicBarrier start = new CyclicBarrier(INSTANCES);
            List<Future<PublicKey>> keys = new ArrayList<>();
            for (KeyVault vault : vaults) {
                keys.add(instances.submit(() -> {
                    start.await();
                    return AuditSignerKey.ensure(vault, PgProvisioningLock.of(database),
                            Clock.systemUTC());
                }));
            }
            PublicKey key = keys.get(0).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < INSTANCES; i++) {
                assertEquals(key, keys.get(i).get(60, TimeUnit.SECONDS));
                assertSigns(vaults.get(i), key);
            }
        } finally {
            instances.shutdownNow();
            vaults.forEach(KeyVault::close);
        }
        try (KeyVault restarted = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertSigns(restarted, AuditSignerKey.publicKey(restarted));
        }
    }

    /**
     * The token an unlocked race left behind (two keys and two certificates under the alias,
     * which SunPKCS11 maps to no entry) no longer stops a start: the next ensure repairs it.
     */
    @Test
    void ensure_tokenLeftAmbiguousByAnEarlierRace_repairsItOnTheNextStart() throws Exception {
        try (KeyVault first = Pkcs11KeyVault.open(hsm.pkcs11Config(1));
             KeyVault second = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertFalse(first.contains(AuditSignerKey.ALIAS));
            assertFalse(second.contains(AuditSignerKey.ALIAS));
            unlockedCreate(first);
            unlockedCreate(second);
        }
        try (KeyVault restarted = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertTrue(restarted.chain(AuditSignerKey.ALIAS).isEmpty());
            PublicKey key = AuditSignerKey.ensure(restarted, PgProvisioningLock.of(database),
                    Clock.systemUTC());
            assertSigns(restarted, key);
        }
        try (KeyVault again = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertSigns(again, AuditSignerKey.publicKey(again));
        }
    }

    /** What ensure did before the lock: check, then generate, self-sign and store. */
    private static void unlockedCreate(KeyVault vault) throws Exception {
        PublicKey key = vault.generate(AuditSignerKey.ALIAS);
        X500Name name = new X500Name("CN=STI-CA audit checkpoint signer");
        Instant now = Instant.now();
        vault.storeChain(AuditSignerKey.ALIAS, List.of(new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                        Date.from(now), Date.from(now.plusSeconds(3600)), name, key)
                        .build(new JcaContentSignerBuilder("SHA256withECDSA")
                                .setProvider(vault.provider())
                                .build(vault.privateKey(AuditSignerKey.ALIAS))))));
    }

    private static void assertSigns(KeyVault vault, PublicKey key) throws Exception {
        byte[] data = "checkpoint".getBytes();
        Signature signer = Signature.getInstance("SHA256withECDSA", vault.provider());
        signer.initSign(vault.privateKey(AuditSignerKey.ALIAS));
        signer.update(data);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(data);
        assertTrue(verifier.verify(signer.sign()));
    }
}
