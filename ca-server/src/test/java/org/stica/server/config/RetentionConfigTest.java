package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code retention.*} keys (README "Data lifecycle"). */
class RetentionConfigTest {
    @Test
    void load_nothingConfigured_usesDocumentedDefaults() {
        Retention retention = StiCaConfig.load(Optional.empty(), Map.of()).retention();

        assertEquals(Retention.DEFAULTS, retention);
        assertTrue(retention.enabled());
        assertEquals(Duration.ofHours(1), retention.interval());
        assertEquals(500, retention.batchSize());
        assertEquals(Duration.ofDays(90), retention.acmeOrders());
        // STANDARDS.md §6.4 item 4 keeps CRL history for audit: forever unless configured.
        assertEquals(Optional.empty(), retention.crlHistory());
    }

    @Test
    void load_yamlAndEnvironment_readRetentionKeys(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("stica.yaml");
        Files.writeString(yaml, "retention:\n  enabled: false\n  intervalMinutes: 15\n"
                + "  batchSize: 100\n  acmeOrderDays: 30\n");

        Retention retention = StiCaConfig.load(Optional.of(yaml),
                Map.of("STICA_RETENTION_CRL_HISTORY_DAYS", "3650",
                        "STICA_RETENTION_ACME_ORDER_DAYS", "45")).retention();

        assertEquals(new Retention(false, Duration.ofMinutes(15), 100, Duration.ofDays(45),
                Optional.of(Duration.ofDays(3650))), retention);
    }

    @Test
    void load_crlHistoryShorterThanAnyCrlValidity_failsNamingKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_RETENTION_CRL_HISTORY_DAYS", "7")));

        assertTrue(e.getMessage().contains(
                "retention.crlHistoryDays (STICA_RETENTION_CRL_HISTORY_DAYS)"), e.getMessage());
    }

    @Test
    void load_batchSizeOutOfRange_failsNamingKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_RETENTION_BATCH_SIZE", "0")));

        assertTrue(e.getMessage().contains("retention.batchSize"), e.getMessage());
    }

    @Test
    void validate_intervalOfZero_fails() {
        Retention zero = new Retention(true, Duration.ZERO, 10, Duration.ofDays(1),
                Optional.empty());

        assertThrows(ConfigException.class, zero::validate);
    }
}
