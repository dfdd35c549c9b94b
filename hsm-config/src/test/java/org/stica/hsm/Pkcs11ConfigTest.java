package org.stica.hsm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link Pkcs11Config#validate()} and {@link KeyVaultConfig#validate()}. */
class Pkcs11ConfigTest {
    private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final char[] PIN = "1234".toCharArray();

    private static Pkcs11Config config(Optional<String> label, OptionalLong slot, char[] pin,
                                       int maxSessions) {
        return new Pkcs11Config(LIBRARY, label, slot, pin, maxSessions);
    }

    @Test
    void validate_labelOnly_accepted() {
        Pkcs11Config config = config(Optional.of("stica"), OptionalLong.empty(), PIN, 4);
        assertSame(config, config.validate());
    }

    @Test
    void validate_slotOnly_accepted() {
        Pkcs11Config config = config(Optional.empty(), OptionalLong.of(0), PIN, 4);
        assertSame(config, config.validate());
    }

    @Test
    void validate_labelAndSlot_rejectedAsAmbiguous() {
        assertThrows(IllegalArgumentException.class, () -> config(Optional.of("stica"),
                OptionalLong.of(1), PIN, 1).validate());
    }

    @Test
    void validate_neitherLabelNorSlot_rejected() {
        assertThrows(IllegalArgumentException.class, () -> config(Optional.empty(),
                OptionalLong.empty(), PIN, 1).validate());
    }

    /** PKCS#11 v2.40 §3.2 CK_TOKEN_INFO: the token label is 32 characters at most. */
    @Test
    void validate_labelLongerThan32_rejected() {
        assertThrows(IllegalArgumentException.class, () -> config(Optional.of("x".repeat(33)),
                OptionalLong.empty(), PIN, 1).validate());
    }

    @Test
    void validate_emptyPin_rejected() {
        assertThrows(IllegalArgumentException.class, () -> config(Optional.of("stica"),
                OptionalLong.empty(), new char[0], 1).validate());
    }

    @Test
    void validate_zeroSessions_rejected() {
        assertThrows(IllegalArgumentException.class, () -> config(Optional.of("stica"),
                OptionalLong.empty(), PIN, 0).validate());
    }

    @Test
    void validate_libraryWithQuote_rejected() {
        Pkcs11Config config = new Pkcs11Config(Path.of("/tmp/a\"b.so"), Optional.of("stica"),
                OptionalLong.empty(), PIN, 1);
        assertThrows(IllegalArgumentException.class, config::validate);
    }

    @Test
    void toString_withPin_masksIt() {
        String text = config(Optional.of("stica"), OptionalLong.empty(),
                "s3cr3t-pin".toCharArray(), 1).toString();
        assertFalse(text.contains("s3cr3t-pin"));
        assertTrue(text.contains("****"));
    }

    @Test
    void keyVaultConfigToString_withPassword_masksIt() {
        KeyVaultConfig config = new KeyVaultConfig(Optional.empty(), Path.of("ca.p12"),
                "hunter2-pass".toCharArray());
        assertFalse(config.toString().contains("hunter2-pass"));
    }

    @Test
    void keyVaultConfigValidate_invalidPkcs11_rejectedEvenWithSoftwareStore() {
        KeyVaultConfig config = new KeyVaultConfig(Optional.of(config(Optional.empty(),
                OptionalLong.empty(), PIN, 1)), Path.of("ca.p12"), "pass".toCharArray());
        assertThrows(IllegalArgumentException.class, config::validate);
    }

    @Test
    void keyVaultConfigValidate_noStorePath_rejected() {
        KeyVaultConfig config = new KeyVaultConfig(Optional.empty(), null, "pass".toCharArray());
        assertThrows(IllegalArgumentException.class, config::validate);
    }
}
