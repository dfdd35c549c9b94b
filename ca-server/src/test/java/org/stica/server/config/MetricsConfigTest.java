package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metrics.token} / {@code metrics.tokenFile} (README "Metrics"). */
class MetricsConfigTest {
    @TempDir
    Path directory;

    @Test
    void load_nothingSet_noToken() {
        assertEquals(Metrics.DEFAULTS, StiCaConfig.load(Optional.empty(), Map.of()).metrics());
    }

    @Test
    void load_tokenFromEnvironmentOrFile_isASecret() throws Exception {
        Path file = Files.writeString(directory.resolve("metrics.token"), "from-file\n");

        StiCaConfig fromEnv = StiCaConfig.load(Optional.empty(),
                Map.of("STICA_METRICS_TOKEN", "from-env"));
        StiCaConfig fromFile = StiCaConfig.load(Optional.empty(),
                Map.of("STICA_METRICS_TOKEN_FILE", file.toString()));

        assertEquals(Optional.of(Secret.of("from-env")), fromEnv.metrics().token());
        assertEquals(Optional.of(Secret.of("from-file")), fromFile.metrics().token());
        assertTrue(!fromEnv.toString().contains("from-env"), "never printed");
        assertEquals(fromEnv.metrics(), fromEnv.withPublicUrl("https://ca.example").metrics());
    }

    @Test
    void load_tokenAndTokenFile_errorNamesBothKeys() throws Exception {
        Path file = Files.writeString(directory.resolve("metrics.token"), "x");
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_METRICS_TOKEN", "y",
                        "STICA_METRICS_TOKEN_FILE", file.toString())));

        assertTrue(e.getMessage().contains("metrics.token (STICA_METRICS_TOKEN)"), e.getMessage());
        assertTrue(e.getMessage().contains("metrics.tokenFile (STICA_METRICS_TOKEN_FILE)"),
                e.getMessage());
    }
}
