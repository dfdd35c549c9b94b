package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ca.sca.enabled} and the intermediate pathLen it decides (RFC 5280 §4.2.1.9). */
class ScaConfigTest {

    @TempDir
    Path dir;

    @Test
    void load_scaNotConfigured_isOffAndIntermediatePathLenIsZero() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of());

        assertFalse(config.ca().scaEnabled());
        assertEquals(0, config.ca().intermediatePathLen());
    }

    @Test
    void load_scaEnabledInEnvironment_intermediatePathLenIsOne() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(),
                Map.of("STICA_CA_SCA_ENABLED", "true"));

        assertTrue(config.ca().scaEnabled());
        assertEquals(1, config.ca().intermediatePathLen());
    }

    @Test
    void load_scaEnabledInYaml_isReadFromTheNestedKey() throws IOException {
        Path yaml = dir.resolve("stica.yaml");
        Files.writeString(yaml, """
                ca:
                  sca:
                    enabled: true
                """);

        assertTrue(StiCaConfig.load(Optional.of(yaml), Map.of()).ca().scaEnabled());
    }

    @Test
    void load_scaEnabledNotABoolean_failsNamingKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_CA_SCA_ENABLED", "yes")));

        assertTrue(e.getMessage().contains("ca.sca.enabled (STICA_CA_SCA_ENABLED)"),
                e.getMessage());
    }
}
