package org.stica.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SoftwareKeyVault}: a PKCS#12 file in a temporary directory. */
class SoftwareKeyVaultTest {
    private static final char[] PASSWORD = "store-password".toCharArray();

    @TempDir
    Path directory;

    private Path store() {
        return directory.resolve("keys").resolve("ca.p12");
    }

    @Test
    void storeChain_thenReopen_keyAndChainSurvive() throws Exception {
        X509Certificate certificate;
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD)) {
            PublicKey publicKey = vault.generate("root");
            certificate = TestCertificates.selfSigned(vault, "root", publicKey);
            vault.storeChain("root", List.of(certificate));
        }
        try (SoftwareKeyVault reopened = SoftwareKeyVault.open(store(), PASSWORD)) {
            assertTrue(reopened.contains("root"));
            assertEquals(Optional.of(List.of(certificate)), reopened.chain("root"));
            byte[] data = "data".getBytes();
            Signature signer = Signature.getInstance("SHA256withECDSA", reopened.provider());
            signer.initSign(reopened.privateKey("root"));
            signer.update(data);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data);
            assertTrue(verifier.verify(signer.sign()));
        }
    }

    @Test
    void storeChain_writesOwnerOnlyFileAndNoTemporaryFile() throws Exception {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD)) {
            PublicKey publicKey = vault.generate("root");
            vault.storeChain("root", List.of(TestCertificates.selfSigned(vault, "root",
                    publicKey)));
        }
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(store())));
        try (Stream<Path> files = Files.list(store().getParent())) {
            assertEquals(List.of(store()), files.toList());
        }
    }

    @Test
    void generate_pendingKey_notWrittenUntilChainStored() throws Exception {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD)) {
            vault.generate("pending");
            assertTrue(vault.contains("pending"));
            assertEquals(Optional.empty(), vault.chain("pending"));
        }
        assertFalse(Files.exists(store()));
        try (SoftwareKeyVault reopened = SoftwareKeyVault.open(store(), PASSWORD)) {
            assertFalse(reopened.contains("pending"));
        }
    }

    @Test
    void open_wrongPassword_failsMisconfiguredWithoutThePassword() throws Exception {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD)) {
            PublicKey publicKey = vault.generate("root");
            vault.storeChain("root", List.of(TestCertificates.selfSigned(vault, "root",
                    publicKey)));
        }
        KeyVaultException e = assertThrows(KeyVaultException.class,
                () -> SoftwareKeyVault.open(store(), "wrong-secret-99".toCharArray()));
        assertEquals(KeyVaultException.Kind.MISCONFIGURED, e.kind());
        assertFalse(e.getMessage().contains("wrong-secret-99"));
    }

    @Test
    void generate_existingAlias_failsAliasExists() throws Exception {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD)) {
            PublicKey publicKey = vault.generate("twice");
            assertEquals(KeyVaultException.Kind.ALIAS_EXISTS, assertThrows(
                    KeyVaultException.class, () -> vault.generate("twice")).kind());
            vault.storeChain("twice", List.of(TestCertificates.selfSigned(vault, "twice",
                    publicKey)));
            assertEquals(KeyVaultException.Kind.ALIAS_EXISTS, assertThrows(
                    KeyVaultException.class, () -> vault.generate("twice")).kind());
        }
    }

    @Test
    void storeChain_certificateOfAnotherKey_failsChainMismatchAndKeepsKeyPending()
            throws Exception {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD)) {
            PublicKey other = vault.generate("other");
            PublicKey mine = vault.generate("mine");
            X509Certificate wrong = TestCertificates.selfSigned(vault, "other", other);
            KeyVaultException e = assertThrows(KeyVaultException.class,
                    () -> vault.storeChain("mine", List.of(wrong)));
            assertEquals(KeyVaultException.Kind.CHAIN_MISMATCH, e.kind());
            vault.storeChain("mine", List.of(TestCertificates.selfSigned(vault, "mine", mine)));
            assertTrue(vault.chain("mine").isPresent());
        }
    }

    @Test
    void storeChain_emptyChain_failsChainMismatch() {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD)) {
            vault.generate("empty");
            assertEquals(KeyVaultException.Kind.CHAIN_MISMATCH, assertThrows(
                    KeyVaultException.class, () -> vault.storeChain("empty", List.of())).kind());
        }
    }

    @Test
    void storeChain_storedAlias_failsUnknownKeyAndKeepsTheOriginal() throws Exception {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD)) {
            PublicKey publicKey = vault.generate("once");
            X509Certificate first = TestCertificates.selfSigned(vault, "once", publicKey);
            vault.storeChain("once", List.of(first));
            KeyVaultException e = assertThrows(KeyVaultException.class,
                    () -> vault.storeChain("once", List.of(first)));
            assertEquals(KeyVaultException.Kind.UNKNOWN_KEY, e.kind());
            assertEquals(Optional.of(List.of(first)), vault.chain("once"));
        }
    }

    @Test
    void privateKey_unknownAlias_failsUnknownKey() {
        try (SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD)) {
            assertEquals(KeyVaultException.Kind.UNKNOWN_KEY, assertThrows(
                    KeyVaultException.class, () -> vault.privateKey("absent")).kind());
        }
    }

    @Test
    void privateKey_afterClose_fails() {
        SoftwareKeyVault vault = SoftwareKeyVault.open(store(), PASSWORD);
        vault.generate("closed");
        vault.close();
        assertThrows(KeyVaultException.class, () -> vault.privateKey("closed"));
    }

    @Test
    void refresh_entryWrittenByAnotherInstance_becomesVisible() throws Exception {
        try (SoftwareKeyVault waiting = SoftwareKeyVault.open(store(), PASSWORD);
             SoftwareKeyVault other = SoftwareKeyVault.open(store(), PASSWORD)) {
            PublicKey key = other.generate("elsewhere");
            X509Certificate certificate = TestCertificates.selfSigned(other, "elsewhere", key);
            other.storeChain("elsewhere", List.of(certificate));
            assertFalse(waiting.contains("elsewhere"));
            waiting.refresh();
            assertEquals(Optional.of(List.of(certificate)), waiting.chain("elsewhere"));
        }
    }
}
