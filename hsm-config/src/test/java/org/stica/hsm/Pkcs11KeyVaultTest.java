package org.stica.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.testing.SoftHsmFixture;

/** {@link Pkcs11KeyVault} on a real SoftHSM2 token. */
class Pkcs11KeyVaultTest {
    private static SoftHsmFixture hsm;

    @BeforeAll
    static void createToken() {
        hsm = SoftHsmFixture.create("vault");
    }

    @AfterAll
    static void deleteToken() {
        hsm.close();
    }

    /**
     * CA keys are generated and used only inside the HSM, sensitive and non-extractable
     * (STANDARDS §4.5 item 2; PKCS#11 v2.40 §4.9 CKA_SENSITIVE, CKA_EXTRACTABLE).
     */
    @Test
    void generate_onToken_privateKeyIsSensitiveNonExtractableTokenObject() throws Exception {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(2))) {
            PublicKey publicKey = vault.generate("sensitive");
            vault.storeChain("sensitive",
                    List.of(TestCertificates.selfSigned(vault, "sensitive", publicKey)));

            PrivateKey key = vault.privateKey("sensitive");
            assertNull(key.getEncoded(), "private key value must not leave the token");
            assertThrows(Exception.class, () -> KeyFactory.getInstance("EC")
                    .getKeySpec(key, PKCS8EncodedKeySpec.class));
            assertThrows(Exception.class, () -> KeyFactory.getInstance("EC", vault.provider())
                    .getKeySpec(key, ECPrivateKeySpec.class));
            Map<Long, Boolean> flags = TokenObjectInspector.privateKeyFlags(hsm.library(),
                    hsm.slot(), "sensitive", TokenObjectInspector.CKA_TOKEN,
                    TokenObjectInspector.CKA_SENSITIVE, TokenObjectInspector.CKA_EXTRACTABLE,
                    TokenObjectInspector.CKA_NEVER_EXTRACTABLE,
                    TokenObjectInspector.CKA_ALWAYS_SENSITIVE, TokenObjectInspector.CKA_LOCAL);
            assertEquals(Map.of(TokenObjectInspector.CKA_TOKEN, true,
                    TokenObjectInspector.CKA_SENSITIVE, true,
                    TokenObjectInspector.CKA_EXTRACTABLE, false,
                    TokenObjectInspector.CKA_NEVER_EXTRACTABLE, true,
                    TokenObjectInspector.CKA_ALWAYS_SENSITIVE, true,
                    TokenObjectInspector.CKA_LOCAL, true), flags);
        }
    }

    @Test
    void storeChain_thenReopenWithNewProvider_keyAndChainSurvive() throws Exception {
        byte[] data = "survives a restart".getBytes();
        X509Certificate certificate;
        Object firstProvider;
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(2))) {
            PublicKey publicKey = vault.generate("durable");
            certificate = TestCertificates.selfSigned(vault, "durable", publicKey);
            vault.storeChain("durable", List.of(certificate));
            firstProvider = vault.provider();
        }
        try (Pkcs11KeyVault reopened = Pkcs11KeyVault.open(hsm.pkcs11Config(2))) {
            assertNotSame(firstProvider, reopened.provider());
            assertTrue(reopened.contains("durable"));
            assertEquals(Optional.of(List.of(certificate)), reopened.chain("durable"));
            Signature signer = Signature.getInstance("SHA256withECDSA", reopened.provider());
            signer.initSign(reopened.privateKey("durable"));
            signer.update(data);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data);
            assertTrue(verifier.verify(signer.sign()));
        }
    }

    /** PKCS#11 v2.40 §2.6.7: the login is shared by the application's sessions. */
    @Test
    void close_anotherVaultOnTheSameTokenStillOpen_keepsItLoggedIn() throws Exception {
        Pkcs11KeyVault first = Pkcs11KeyVault.open(hsm.pkcs11Config(1));
        PublicKey publicKey = first.generate("shared");
        first.storeChain("shared", List.of(TestCertificates.selfSigned(first, "shared",
                publicKey)));
        try (Pkcs11KeyVault second = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            first.close();
            Signature signer = Signature.getInstance("SHA256withECDSA", second.provider());
            signer.initSign(second.privateKey("shared"));
            signer.update(new byte[] {1});
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(new byte[] {1});
            assertTrue(verifier.verify(signer.sign()));
        }
    }

    @Test
    void generate_pendingKey_signsBeforeItsChainIsStored() throws Exception {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(2))) {
            PublicKey publicKey = vault.generate("pending-root");
            assertTrue(vault.contains("pending-root"));
            assertEquals(Optional.empty(), vault.chain("pending-root"));
            X509Certificate root = TestCertificates.selfSigned(vault, "pending-root", publicKey);
            root.verify(publicKey);
            vault.storeChain("pending-root", List.of(root));
            assertEquals(Optional.of(List.of(root)), vault.chain("pending-root"));
        }
    }

    @Test
    void open_bySlotId_seesKeysStoredByLabel() throws Exception {
        X509Certificate certificate;
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            PublicKey publicKey = vault.generate("by-slot");
            certificate = TestCertificates.selfSigned(vault, "by-slot", publicKey);
            vault.storeChain("by-slot", List.of(certificate));
        }
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11ConfigBySlot(1))) {
            assertEquals(Optional.of(List.of(certificate)), vault.chain("by-slot"));
            assertTrue(vault.description().contains("slot " + hsm.slot()));
        }
    }

    @Test
    void open_unknownTokenLabel_failsMisconfigured() {
        Pkcs11Config config = new Pkcs11Config(hsm.library(), Optional.of("no-such-token"),
                OptionalLong.empty(), hsm.pin(), 1);
        KeyVaultException e = assertThrows(KeyVaultException.class,
                () -> Pkcs11KeyVault.open(config));
        assertEquals(KeyVaultException.Kind.MISCONFIGURED, e.kind());
        assertTrue(e.getMessage().contains("no-such-token"), e.getMessage());
    }

    @Test
    void open_wrongPin_failsMisconfiguredWithoutThePin() {
        char[] wrong = "not-the-pin-4711".toCharArray();
        Pkcs11Config config = new Pkcs11Config(hsm.library(), Optional.of(hsm.tokenLabel()),
                OptionalLong.empty(), wrong, 1);
        KeyVaultException e = assertThrows(KeyVaultException.class,
                () -> Pkcs11KeyVault.open(config));
        assertEquals(KeyVaultException.Kind.MISCONFIGURED, e.kind());
        assertFalse(e.getMessage().contains("not-the-pin-4711"));
        assertArrayEquals("not-the-pin-4711".toCharArray(), wrong, "caller's PIN left intact");
    }

    @Test
    void open_missingLibrary_failsMisconfigured() {
        Pkcs11Config config = new Pkcs11Config(hsm.library().resolveSibling("missing.so"),
                Optional.of(hsm.tokenLabel()), OptionalLong.empty(), hsm.pin(), 1);
        KeyVaultException e = assertThrows(KeyVaultException.class,
                () -> Pkcs11KeyVault.open(config));
        assertEquals(KeyVaultException.Kind.MISCONFIGURED, e.kind());
    }

    @Test
    void generate_existingAlias_failsAliasExists() throws Exception {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            PublicKey publicKey = vault.generate("twice");
            KeyVaultException pending = assertThrows(KeyVaultException.class,
                    () -> vault.generate("twice"));
            assertEquals(KeyVaultException.Kind.ALIAS_EXISTS, pending.kind());
            vault.storeChain("twice", List.of(TestCertificates.selfSigned(vault, "twice",
                    publicKey)));
            KeyVaultException stored = assertThrows(KeyVaultException.class,
                    () -> vault.generate("twice"));
            assertEquals(KeyVaultException.Kind.ALIAS_EXISTS, stored.kind());
        }
    }

    @Test
    void storeChain_certificateOfAnotherKey_failsChainMismatch() throws Exception {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            PublicKey other = vault.generate("other");
            vault.generate("mine");
            X509Certificate wrong = TestCertificates.selfSigned(vault, "other", other);
            KeyVaultException e = assertThrows(KeyVaultException.class,
                    () -> vault.storeChain("mine", List.of(wrong)));
            assertEquals(KeyVaultException.Kind.CHAIN_MISMATCH, e.kind());
            assertEquals(Optional.empty(), vault.chain("mine"));
        }
    }

    @Test
    void storeChain_aliasNeverGenerated_failsUnknownKey() throws Exception {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            PublicKey publicKey = vault.generate("source");
            X509Certificate certificate = TestCertificates.selfSigned(vault, "source", publicKey);
            KeyVaultException e = assertThrows(KeyVaultException.class,
                    () -> vault.storeChain("never-generated", List.of(certificate)));
            assertEquals(KeyVaultException.Kind.UNKNOWN_KEY, e.kind());
        }
    }

    @Test
    void privateKey_unknownAlias_failsUnknownKey() {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            KeyVaultException e = assertThrows(KeyVaultException.class,
                    () -> vault.privateKey("absent"));
            assertEquals(KeyVaultException.Kind.UNKNOWN_KEY, e.kind());
            assertFalse(vault.contains("absent"));
        }
    }

    /** SunPKCS11 maps token objects to aliases only when its KeyStore loads. */
    @Test
    void refresh_keyStoredByAnotherInstance_becomesVisible() throws Exception {
        try (Pkcs11KeyVault waiting = Pkcs11KeyVault.open(hsm.pkcs11Config(1));
             Pkcs11KeyVault other = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertTrue(waiting.chain("elsewhere").isEmpty());
            PublicKey key = other.generate("elsewhere");
            X509Certificate certificate = TestCertificates.selfSigned(other, "elsewhere", key);
            other.storeChain("elsewhere", List.of(certificate));
            assertTrue(waiting.chain("elsewhere").isEmpty(), "the view is cached until reloaded");
            waiting.refresh();
            assertEquals(Optional.of(List.of(certificate)), waiting.chain("elsewhere"));
        }
    }

    @Test
    void discardIncomplete_completeOrAbsentAlias_removesNothing() throws Exception {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            PublicKey key = vault.generate("whole");
            X509Certificate certificate = TestCertificates.selfSigned(vault, "whole", key);
            vault.storeChain("whole", List.of(certificate));
            Object provider = vault.provider();
            assertEquals(0, vault.discardIncomplete("whole"));
            assertEquals(0, vault.discardIncomplete("never-made"));
            assertEquals(Optional.of(List.of(certificate)), vault.chain("whole"));
            assertSame(provider, vault.provider());
        }
    }

    @Test
    void discardIncomplete_keyPendingInThisVault_failsStoreFailure() throws Exception {
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            vault.generate("in-flight");
            KeyVaultException e = assertThrows(KeyVaultException.class,
                    () -> vault.discardIncomplete("other"));
            assertEquals(KeyVaultException.Kind.STORE_FAILURE, e.kind());
        }
    }
}
