package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code acme.*} configuration keys (README "ACME"): defaults, YAML, environment, limits. */
class AcmeConfigKeysTest {

    @Test
    void load_nothingSet_usesAcmeDefaults() {
        StiCaConfig.Acme acme = StiCaConfig.load(Optional.empty(), Map.of()).acme();
        assertEquals(StiCaConfig.Acme.DEFAULTS, acme);
        assertEquals(false, acme.externalAccountRequired());
        assertEquals(64 * 1024, acme.maxBodyBytes());
    }

    @Test
    void load_environmentOverridesYaml_forEveryAcmeKey() throws Exception {
        Path yaml = Files.createTempFile("stica", ".yaml");
        Files.writeString(yaml, "acme:\n  externalAccountRequired: true\n  ordersPerHour: 5\n");
        StiCaConfig.Acme acme = StiCaConfig.load(Optional.of(yaml), Map.of(
                "STICA_ACME_ORDERS_PAGE_SIZE", "7", "STICA_ACME_SHORT_LIVED_DAYS", "2",
                "STICA_ACME_MAX_BODY_BYTES", "2048", "STICA_ACME_ORDERS_PER_HOUR", "9")).acme();
        assertEquals(new StiCaConfig.Acme(true, 9, 7, 2, 2048), acme);
    }

    @Test
    void load_badAcmeValues_errorNamesKeyAndVariable() {
        ConfigException eab = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_ACME_EAB_REQUIRED", "yes")));
        assertTrue(eab.getMessage().contains(
                "acme.externalAccountRequired (STICA_ACME_EAB_REQUIRED)"), eab.getMessage());
        ConfigException days = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_ACME_SHORT_LIVED_DAYS", "0")));
        assertTrue(days.getMessage().contains("STICA_ACME_SHORT_LIVED_DAYS"), days.getMessage());
    }

    @Test
    void withPublicUrl_keepsAcmeSettings() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(),
                Map.of("STICA_ACME_ORDERS_PAGE_SIZE", "3"));
        assertEquals(3, config.withPublicUrl("https://ca.example").acme().ordersPageSize());
    }
}
