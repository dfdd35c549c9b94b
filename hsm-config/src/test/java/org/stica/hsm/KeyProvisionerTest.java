package org.stica.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.testing.InProcessProvisioningLock;
import org.stica.testing.SoftHsmFixture;

/**
 * Keys a server provisions for itself on first start, on one SoftHSM token: each
 * {@link Pkcs11KeyVault} has its own SunPKCS11 provider and KeyStore view, as separate processes
 * have, and a shared {@link InProcessProvisioningLock} stands in for the database lock.
 */
class KeyProvisionerTest {
    private static final int INSTANCES = 4;
    private static SoftHsmFixture hsm;

    @BeforeAll
    static void createToken() {
        hsm = SoftHsmFixture.create("provision");
    }

    @AfterAll
    static void deleteToken() {
        hsm.close();
    }

    @Test
    void ensure_severalInstancesAtOnce_exactlyOneCreatesTheKeyAndAllUseIt() throws Exception {
        InProcessProvisioningLock lock = new InProcessProvisioningLock();
        List<Pkcs11KeyVault> vaults = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
        try {
            for (int i = 0; i < INSTANCES; i++) {
                vaults.add(Pkcs11KeyVault.open(hsm.pkcs11Config(2)));
            }
            CyclicBarrier start = new CyclicBarrier(INSTANCES);
            List<Future<Boolean>> created = new ArrayList<>();
            for (Pkcs11KeyVault vault : vaults) {
                created.add(threads.submit(() -> {
                    start.await();
                    return new KeyProvisioner(vault, lock).ensure("race",
                            v -> create(v, "race"));
                }));
            }
            int creators = 0;
            for (Future<Boolean> result : created) {
                creators += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, creators);
            X509Certificate certificate = vaults.get(0).chain("race").orElseThrow().get(0);
            for (Pkcs11KeyVault vault : vaults) {
                assertEquals(Optional.of(List.of(certificate)), vault.chain("race"));
                assertSigns(vault, "race", certificate.getPublicKey());
            }
        } finally {
            threads.shutdownNow();
            vaults.forEach(Pkcs11KeyVault::close);
        }
        assertSingleEntry("race");
    }

    /**
     * What two instances without the lock did on a fresh token (issue 14): each saw no key,
     * generated one and stored it, so two keys and two certificates share the alias, which
     * SunPKCS11 then maps to no entry at all ("no certificate for 'audit-signer'"), for good.
     */
    @Test
    void ensure_aliasLeftAmbiguousByAnUnlockedRace_discardsBothAndCreatesOneKey()
            throws Exception {
        try (Pkcs11KeyVault first = Pkcs11KeyVault.open(hsm.pkcs11Config(1));
             Pkcs11KeyVault second = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertFalse(first.contains("twice"));
            assertFalse(second.contains("twice"));
            create(first, "twice");
            create(second, "twice");
        }
        assertEquals(2, new ObjectCount("twice").privateKeys());
        InProcessProvisioningLock lock = new InProcessProvisioningLock();
        try (Pkcs11KeyVault restarted = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertTrue(restarted.chain("twice").isEmpty(), "the alias is unusable before repair");
            assertTrue(new KeyProvisioner(restarted, lock).ensure("twice",
                    v -> create(v, "twice")));
            X509Certificate certificate = restarted.chain("twice").orElseThrow().get(0);
            assertSigns(restarted, "twice", certificate.getPublicKey());
        }
        assertSingleEntry("twice");
    }

    /** Killed between binding the key to the alias and storing its certificate. */
    @Test
    void ensure_privateKeyWithoutItsCertificate_discardsItAndCreatesTheKey() throws Exception {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            create(vault, "half");
            TokenObjects objects = new TokenObjects(hsm.library(), hsm.slot());
            objects.destroy(objects.find(TokenObjects.CERTIFICATE, TokenObjects.LABEL, "half"));
        }
        assertEquals(1, new ObjectCount("half").privateKeys());
        assertEquals(0, new ObjectCount("half").certificates());
        try (Pkcs11KeyVault restarted = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertTrue(new KeyProvisioner(restarted, new InProcessProvisioningLock())
                    .ensure("half", v -> create(v, "half")));
            assertSigns(restarted, "half",
                    restarted.chain("half").orElseThrow().get(0).getPublicKey());
        }
        assertSingleEntry("half");
    }

    /** Killed between generating the key pair and storing its chain. */
    @Test
    void ensure_keyGeneratedButNeverStored_createsTheKey() throws Exception {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            vault.generate("interrupted");
        }
        try (Pkcs11KeyVault restarted = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertTrue(new KeyProvisioner(restarted, new InProcessProvisioningLock())
                    .ensure("interrupted", v -> create(v, "interrupted")));
            assertSigns(restarted, "interrupted",
                    restarted.chain("interrupted").orElseThrow().get(0).getPublicKey());
        }
        assertSingleEntry("interrupted");
    }

    @Test
    void ensure_completeKey_usesItWithoutTakingTheLock() throws Exception {
        InProcessProvisioningLock lock = new InProcessProvisioningLock();
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertTrue(new KeyProvisioner(vault, lock).ensure("steady",
                    v -> create(v, "steady")));
        }
        try (Pkcs11KeyVault restarted = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertFalse(new KeyProvisioner(restarted, lock).ensure("steady",
                    v -> { throw new AssertionError("must not create an existing key"); }));
        }
        assertEquals(1, lock.acquisitions());
        assertSingleEntry("steady");
    }

    /** The creation step a server runs: generate, self-sign, store. */
    private static void create(KeyVault vault, String alias) {
        try {
            PublicKey key = vault.generate(alias);
            vault.storeChain(alias, List.of(TestCertificates.selfSigned(vault, alias, key)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertSigns(KeyVault vault, String alias, PublicKey publicKey)
            throws Exception {
        byte[] data = alias.getBytes();
        Signature signer = Signature.getInstance("SHA256withECDSA", vault.provider());
        signer.initSign(vault.privateKey(alias));
        signer.update(data);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey);
        verifier.update(data);
        assertTrue(verifier.verify(signer.sign()), alias + " signs with its certified key");
    }

    private static void assertSingleEntry(String alias) {
        ObjectCount count = new ObjectCount(alias);
        assertEquals(1, count.privateKeys(), "private keys under " + alias);
        assertEquals(1, count.certificates(), "certificates under " + alias);
    }

    /** The token objects filed under an alias, read underneath SunPKCS11 (needs a login). */
    private record ObjectCount(String alias) {
        int privateKeys() {
            return withLogin(objects -> objects.find(TokenObjects.PRIVATE_KEY, TokenObjects.ID,
                    alias).size());
        }

        int certificates() {
            return withLogin(objects -> objects.find(TokenObjects.CERTIFICATE,
                    TokenObjects.LABEL, alias).size());
        }

        private static int withLogin(ToIntFunction<TokenObjects> count) {
            try (Pkcs11KeyVault loggedIn = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
                return count.applyAsInt(new TokenObjects(hsm.library(), hsm.slot()));
            }
        }
    }
}
