package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StiCaConfigTest {

    @TempDir
    Path dir;

    @Test
    void load_nothingConfigured_usesDocumentedDefaults() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of());

        assertEquals(8080, config.http().port());
        assertEquals("127.0.0.1", config.admin().host());
        assertEquals(8081, config.admin().port());
        assertEquals(Optional.of("http://localhost:8080"), config.publicUrl());
        assertEquals("127.0.0.1", config.database().host());
        assertEquals(5432, config.database().port());
        assertEquals("stica", config.database().name());
        assertEquals("postgres", config.database().user());
        assertEquals(Path.of("./data"), config.dataDir());
        assertEquals(4, config.hsm().maxSessions());
        assertEquals(Duration.ofSeconds(60), config.pa().tokenClockSkew());
        assertEquals(65536, config.pa().x5uMaxBytes());
        assertEquals(Duration.ofMillis(5000), config.pa().x5uTimeout());
        assertEquals("STI-CA", config.ca().organization());
        assertEquals("US", config.ca().country());
        assertEquals("2.16.840.1.114569.1.1.4", config.ca().policyOid());
        assertEquals(365, config.ca().endEntityValidityDays());
        assertEquals(24, config.ca().crlValidityHours());
        assertEquals("^[A-Z0-9]{4}$", config.ca().spcPattern());
    }

    @Test
    void load_yamlFile_readsNestedKeys() throws IOException {
        Path yaml = dir.resolve("stica.yaml");
        Files.writeString(yaml, """
                http:
                  port: 9090
                publicUrl: https://ca.example.com/
                database:
                  url: postgresql://ca:s3cret@db.example:5433/cadb
                  poolSize: 3
                pa:
                  x5uAllowedPrefixes:
                    - https://pa.example/certs/
                    - https://pa2.example/
                ca:
                  organization: Example Carrier CA
                """);

        StiCaConfig config = StiCaConfig.load(Optional.of(yaml), Map.of());

        assertEquals(9090, config.http().port());
        assertEquals(Optional.of("https://ca.example.com"), config.publicUrl());
        assertEquals("db.example", config.database().host());
        assertEquals(5433, config.database().port());
        assertEquals("cadb", config.database().name());
        assertEquals("ca", config.database().user());
        assertEquals("s3cret", config.database().password().orElseThrow().reveal());
        assertEquals("jdbc:postgresql://db.example:5433/cadb", config.database().jdbcUrl());
        assertEquals(3, config.database().poolSize());
        assertEquals(List.of("https://pa.example/certs/", "https://pa2.example/"),
                config.pa().x5uAllowedPrefixes());
        assertEquals("Example Carrier CA", config.ca().organization());
    }

    @Test
    void load_environmentSet_overridesYaml() throws IOException {
        Path yaml = dir.resolve("stica.yaml");
        Files.writeString(yaml, "http:\n  port: 9090\nadmin:\n  port: 9091\n");

        StiCaConfig config = StiCaConfig.load(Optional.of(yaml),
                Map.of("STICA_HTTP_PORT", "7070", "STICA_X5U_ALLOWED_PREFIXES",
                        "https://a.example/, https://b.example/"));

        assertEquals(7070, config.http().port());
        assertEquals(9091, config.admin().port());
        assertEquals(Optional.of("http://localhost:7070"), config.publicUrl());
        assertEquals(List.of("https://a.example/", "https://b.example/"),
                config.pa().x5uAllowedPrefixes());
    }

    @Test
    void load_portNotANumber_failsNamingKeyAndVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> StiCaConfig.load(Optional.empty(), Map.of("STICA_HTTP_PORT", "abc")));

        assertEquals(
                "invalid configuration: http.port (STICA_HTTP_PORT) must be 1-65535, got 'abc'",
                e.getMessage());
    }

    @Test
    void load_portOutOfRange_failsNamingKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> StiCaConfig.load(Optional.empty(), Map.of("STICA_ADMIN_PORT", "70000")));

        assertEquals(
                "invalid configuration: admin.port (STICA_ADMIN_PORT) must be 1-65535, got '70000'",
                e.getMessage());
    }

    @Test
    void load_portZero_isAllowedAndLeavesPublicUrlToTheServer() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of("STICA_HTTP_PORT", "0"));

        assertEquals(0, config.http().port());
        assertTrue(config.publicUrl().isEmpty());
    }

    @Test
    void load_unknownYamlKey_failsNamingIt() throws IOException {
        Path yaml = dir.resolve("stica.yaml");
        Files.writeString(yaml, "http:\n  prot: 9090\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> StiCaConfig.load(Optional.of(yaml), Map.of()));

        assertTrue(e.getMessage().contains("http.prot"), e.getMessage());
    }

    @Test
    void load_badDatabaseUrl_failsWithoutEchoingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_DB_URL", "mysql://root:hunter2@db/x")));

        assertTrue(e.getMessage().contains("database.url (STICA_DB_URL)"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void load_missingTrustAnchorFile_failsNamingKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(),
                Map.of("STICA_PA_TRUST_ANCHORS", dir.resolve("nope.pem").toString())));

        assertTrue(e.getMessage().startsWith(
                "invalid configuration: pa.trustAnchors (STICA_PA_TRUST_ANCHORS)"), e.getMessage());
    }

    @Test
    void load_hsmLibraryWithoutPin_failsNamingKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_HSM_LIBRARY", "/usr/lib/softhsm/libsofthsm2.so",
                        "STICA_HSM_TOKEN_LABEL", "stica")));

        assertTrue(e.getMessage().contains("hsm.pin (STICA_HSM_PIN)"), e.getMessage());
    }

    @Test
    void load_pinFile_readsPin() throws IOException {
        Path pinFile = dir.resolve("pin");
        Files.writeString(pinFile, "1234\n");

        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of(
                "STICA_HSM_LIBRARY", "/usr/lib/softhsm/libsofthsm2.so",
                "STICA_HSM_TOKEN_LABEL", "stica", "STICA_HSM_PIN_FILE", pinFile.toString()));

        assertEquals("1234", config.hsm().pin().orElseThrow().reveal());
    }

    @Test
    void load_badCountry_failsNamingKey() {
        // ATIS-1000080 §6.4.1: subject C is an ISO 3166-1 alpha-2 code.
        ConfigException e = assertThrows(ConfigException.class,
                () -> StiCaConfig.load(Optional.empty(), Map.of("STICA_CA_COUNTRY", "USA")));

        assertTrue(e.getMessage().contains("ca.country (STICA_CA_COUNTRY)"), e.getMessage());
    }

    @Test
    void load_policyOidOffTheShakenArc_failsNamingKey() {
        // STANDARDS.md §1.1.9 (ATIS-1000080 §6.4.1): the CP OID is on 2.16.840.1.114569.1.1.
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_CA_POLICY_OID", "1.2.3.4")));

        assertTrue(e.getMessage().contains("ca.policyOid (STICA_CA_POLICY_OID)"), e.getMessage());
    }

    @Test
    void load_hsmLabelAndSlotBoth_failsNamingKeys() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_HSM_LIBRARY", "/x.so", "STICA_HSM_TOKEN_LABEL", "a",
                        "STICA_HSM_SLOT", "1", "STICA_HSM_PIN", "1234")));

        assertTrue(e.getMessage().contains("hsm.tokenLabel (STICA_HSM_TOKEN_LABEL)"),
                e.getMessage());
    }

    @Test
    void toString_withSecrets_redactsThem() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of(
                "STICA_ADMIN_TOKEN", "admin-token-value-123",
                "STICA_DB_URL", "postgresql://u:dbpassword@127.0.0.1:5432/x",
                "STICA_KEYSTORE_PASSWORD", "storepass-value",
                "STICA_HSM_PIN", "pin-value-9876"));

        String printed = config.toString();

        assertFalse(printed.contains("admin-token-value-123"), printed);
        assertFalse(printed.contains("dbpassword"), printed);
        assertFalse(printed.contains("storepass-value"), printed);
        assertFalse(printed.contains("pin-value-9876"), printed);
    }
}
