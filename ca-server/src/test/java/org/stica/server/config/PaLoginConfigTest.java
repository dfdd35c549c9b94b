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

/**
 * {@code paRole.accessTokenLifetimeSeconds}, {@code paRole.loginMaxFailures},
 * {@code paRole.loginMaxFailuresPerAddress} and {@code paRole.loginFailureWindowSeconds}
 * (README "iconectiv-compatible routes"): defaults, YAML, environment, ranges.
 */
class PaLoginConfigTest {

    @Test
    void load_nothingSet_oneHourTokensFivePerUserTwentyPerAddressInFifteenMinutes() {
        StiCaConfig.PaLogin login = StiCaConfig.load(Optional.empty(), Map.of()).pa().role()
                .login();

        assertEquals(StiCaConfig.PaLogin.DEFAULTS, login);
        assertEquals(new StiCaConfig.PaLogin(Duration.ofHours(1), 5, 20, Duration.ofMinutes(15)),
                login);
    }

    @Test
    void load_yamlAndEnvironment_environmentWins() throws Exception {
        Path yaml = Files.createTempFile("stica", ".yaml");
        Files.writeString(yaml, "paRole:\n  accessTokenLifetimeSeconds: 600\n"
                + "  loginMaxFailures: 3\n  loginMaxFailuresPerAddress: 50\n"
                + "  loginFailureWindowSeconds: 60\n");

        assertEquals(new StiCaConfig.PaLogin(Duration.ofMinutes(10), 3, 50, Duration.ofMinutes(1)),
                StiCaConfig.load(Optional.of(yaml), Map.of()).pa().role().login());
        assertEquals(Duration.ofSeconds(120), StiCaConfig.load(Optional.of(yaml),
                        Map.of("STICA_PA_ROLE_ACCESS_TOKEN_LIFETIME_SECONDS", "120")).pa().role()
                .login().accessTokenLifetime());
    }

    @Test
    void load_outOfRange_errorNamesKeyAndVariable() {
        ConfigException lifetime = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_PA_ROLE_ACCESS_TOKEN_LIFETIME_SECONDS", "59")));
        ConfigException failures = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_PA_ROLE_LOGIN_MAX_FAILURES", "0")));

        assertTrue(lifetime.getMessage().contains("paRole.accessTokenLifetimeSeconds"
                + " (STICA_PA_ROLE_ACCESS_TOKEN_LIFETIME_SECONDS) must be 60-86400"),
                lifetime.getMessage());
        assertTrue(failures.getMessage().contains("paRole.loginMaxFailures"
                + " (STICA_PA_ROLE_LOGIN_MAX_FAILURES) must be 1-1000"), failures.getMessage());
    }
}
