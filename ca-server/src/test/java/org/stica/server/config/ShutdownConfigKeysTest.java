package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code shutdown.drainSeconds} (README "Running for real"): default, YAML, environment, range. */
class ShutdownConfigKeysTest {

    @Test
    void load_nothingSet_drainsForThirtySeconds() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of());

        assertEquals(StiCaConfig.Shutdown.DEFAULTS, config.shutdown());
        assertEquals(Duration.ofSeconds(30), config.shutdown().drain());
    }

    @Test
    void load_environmentOverridesYaml() throws Exception {
        Path yaml = Files.createTempFile("stica", ".yaml");
        Files.writeString(yaml, "shutdown:\n  drainSeconds: 5\n");

        assertEquals(Duration.ofSeconds(5), StiCaConfig.load(Optional.of(yaml), Map.of())
                .shutdown().drain());
        assertEquals(Duration.ZERO, StiCaConfig.load(Optional.of(yaml),
                Map.of("STICA_SHUTDOWN_DRAIN_SECONDS", "0")).shutdown().drain());
    }

    @Test
    void load_outOfRange_errorNamesKeyAndVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_SHUTDOWN_DRAIN_SECONDS", "601")));

        assertTrue(e.getMessage().contains(
                "shutdown.drainSeconds (STICA_SHUTDOWN_DRAIN_SECONDS) must be 0-600"),
                e.getMessage());
    }

    @Test
    void withPublicUrl_keepsTheDrainBound() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(),
                Map.of("STICA_SHUTDOWN_DRAIN_SECONDS", "7"));

        assertEquals(Duration.ofSeconds(7),
                config.withPublicUrl("https://ca.example").shutdown().drain());
    }
}
