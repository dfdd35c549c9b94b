package org.stica.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stica.server.config.ConfigException;
import org.stica.server.config.Notify;
import org.stica.server.config.StiCaConfig;

/** The {@code notify.*} keys and their {@code STICA_NOTIFY_*} variables. */
class NotifyConfigTest {
    @Test
    void load_noNotifyKeys_usesTheDefaults() {
        Notify notify = StiCaConfig.load(Optional.empty(), Map.of()).notifications();

        assertEquals(Notify.DEFAULTS, notify);
        assertEquals(Duration.ofSeconds(10), notify.retryAfter(1));
        assertEquals(Duration.ofHours(6), notify.retryAfter(20), "the last pause repeats");
    }

    @Test
    void load_environment_overridesEveryKey() {
        Notify notify = StiCaConfig.load(Optional.empty(), Map.of(
                "STICA_NOTIFY_ALLOW_HTTP_LOOPBACK", "true",
                "STICA_NOTIFY_DISPATCH_INTERVAL_MILLIS", "250",
                "STICA_NOTIFY_REQUEST_TIMEOUT_MILLIS", "500",
                "STICA_NOTIFY_MAX_ATTEMPTS", "3",
                "STICA_NOTIFY_RETRY_SCHEDULE", "200ms, 1s,2m,1h",
                "STICA_NOTIFY_BATCH_SIZE", "5",
                "STICA_NOTIFY_EXPIRY_WARNING_DAYS", "30",
                "STICA_NOTIFY_EXPIRY_SCAN_SECONDS", "60")).notifications();

        assertEquals(new Notify(true, Duration.ofMillis(250), Duration.ofMillis(500), 3,
                List.of(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(2),
                        Duration.ofHours(1)), 5, Duration.ofDays(30), Duration.ofSeconds(60)),
                notify);
    }

    @Test
    void load_badValues_nameTheKey() {
        for (Map.Entry<String, String> bad : List.of(
                Map.entry("STICA_NOTIFY_ALLOW_HTTP_LOOPBACK", "yes"),
                Map.entry("STICA_NOTIFY_RETRY_SCHEDULE", "10"),
                Map.entry("STICA_NOTIFY_RETRY_SCHEDULE", "xs"),
                Map.entry("STICA_NOTIFY_RETRY_SCHEDULE", "48h"),
                Map.entry("STICA_NOTIFY_MAX_ATTEMPTS", "0"),
                Map.entry("STICA_NOTIFY_EXPIRY_WARNING_DAYS", "400"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                    Optional.empty(), Map.of(bad.getKey(), bad.getValue())));
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }
}
