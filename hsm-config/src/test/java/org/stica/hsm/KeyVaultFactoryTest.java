package org.stica.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.testing.LogCapture;
import org.stica.testing.SoftHsmFixture;

/** {@link KeyVaultFactory}: PKCS#11 when configured, else a loudly flagged software store. */
class KeyVaultFactoryTest {
    @TempDir
    Path directory;

    /** CA keys belong in an HSM (STANDARDS §4.5 item 2): a software store must be flagged. */
    @Test
    void open_noPkcs11_opensSoftwareStoreWithWarning() {
        Path store = directory.resolve("ca.p12");
        KeyVaultConfig config = new KeyVaultConfig(Optional.empty(), store,
                "secret-pass".toCharArray());
        try (LogCapture log = LogCapture.of(KeyVaultFactory.class.getName());
             KeyVault vault = KeyVaultFactory.open(config)) {
            assertInstanceOf(SoftwareKeyVault.class, vault);
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("software store at " + store), warnings.get(0));
            assertTrue(warnings.get(0).contains("not for production"), warnings.get(0));
            assertTrue(warnings.stream().noneMatch(w -> w.contains("secret-pass")));
        }
    }

    @Test
    void open_pkcs11Configured_opensTokenWithoutWarning() {
        try (SoftHsmFixture hsm = SoftHsmFixture.create("factory");
             LogCapture log = LogCapture.of(KeyVaultFactory.class.getName());
             KeyVault vault = KeyVaultFactory.open(new KeyVaultConfig(
                     Optional.of(hsm.pkcs11Config(1)), directory.resolve("unused.p12"),
                     "unused".toCharArray()))) {
            assertInstanceOf(Pkcs11KeyVault.class, vault);
            assertTrue(vault.description().contains(hsm.tokenLabel()), vault.description());
            assertEquals(List.of(), log.messages(Level.WARN));
            List<String> info = log.messages(Level.INFO);
            assertTrue(info.stream().noneMatch(m -> m.contains(new String(hsm.pin()))));
        }
    }

    @Test
    void open_softwareStoreWithoutPassword_rejected() {
        KeyVaultConfig config = new KeyVaultConfig(Optional.empty(), directory.resolve("ca.p12"),
                new char[0]);
        assertThrows(IllegalArgumentException.class, () -> KeyVaultFactory.open(config));
    }
}
