package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecosystem.mode} and {@code ecosystem.crl.url} (issue 20; README "Under the US STI-PA"). */
class EcosystemConfigTest {
    private static final String ICONECTIV = "https://authenticate-api.iconectiv.com/download/v1/crl";

    @TempDir
    Path dir;

    @Test
    void load_nothingConfigured_isThePrivateEcosystem() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of());

        assertEquals(Ecosystem.PRIVATE, config.ecosystem());
        assertFalse(config.ecosystem().stiPa());
        assertEquals(Optional.empty(), config.pa().crlUrl());
    }

    @Test
    void load_stiPaMode_downloadsTheCrlItsCertificatesName() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of(
                "STICA_ECOSYSTEM_MODE", "sti-pa", "STICA_ECOSYSTEM_CRL_URL", ICONECTIV));

        assertTrue(config.ecosystem().stiPa());
        assertEquals(Optional.of(URI.create(ICONECTIV)), config.ecosystem().crlUrl());
        // pa.crlUrl defaults to it: the CRL is fetched and verified like the STI-PA CRL
        assertEquals(Optional.of(URI.create(ICONECTIV)), config.pa().crlUrl());
    }

    @Test
    void load_stiPaModeInYaml_readsTheNestedKeys() throws IOException {
        Path yaml = dir.resolve("stica.yaml");
        Files.writeString(yaml, """
                ecosystem:
                  mode: sti-pa
                  crl:
                    url: %s
                """.formatted(ICONECTIV));

        StiCaConfig config = StiCaConfig.load(Optional.of(yaml), Map.of());
        assertEquals(Ecosystem.Mode.STI_PA, config.ecosystem().mode());
        assertEquals(Optional.of(URI.create(ICONECTIV)), config.ecosystem().crlUrl());
    }

    @Test
    void load_stiPaModeWithoutCrlUrl_failsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_ECOSYSTEM_MODE", "sti-pa")));

        assertTrue(e.getMessage().contains("ecosystem.crl.url (STICA_ECOSYSTEM_CRL_URL) is"
                + " required"), e.getMessage());
    }

    @Test
    void load_unknownMode_failsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_ECOSYSTEM_MODE", "iconectiv")));

        assertTrue(e.getMessage().contains("ecosystem.mode (STICA_ECOSYSTEM_MODE) must be"
                + " private or sti-pa, got 'iconectiv'"), e.getMessage());
    }

    @Test
    void load_crlUrlInPrivateMode_isRefusedRatherThanIgnored() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_ECOSYSTEM_CRL_URL", ICONECTIV)));

        assertTrue(e.getMessage().contains("is only used when"), e.getMessage());
    }

    @Test
    void load_paCrlUrlElsewhere_isRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_ECOSYSTEM_MODE", "sti-pa",
                        "STICA_ECOSYSTEM_CRL_URL", ICONECTIV,
                        "STICA_PA_CRL_URL", "https://mirror.example/crl")));

        assertTrue(e.getMessage().contains("ecosystem.crl.url (STICA_ECOSYSTEM_CRL_URL) must be"
                + " the STI-PA CRL this CA downloads"), e.getMessage());
    }

    @Test
    void load_paCrlUrlTheSame_isAccepted() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of(
                "STICA_ECOSYSTEM_MODE", "sti-pa", "STICA_ECOSYSTEM_CRL_URL", ICONECTIV,
                "STICA_PA_CRL_URL", ICONECTIV));

        assertEquals(config.ecosystem().crlUrl(), config.pa().crlUrl());
    }

    @Test
    void load_crlUrlWithUserinfo_isRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_ECOSYSTEM_MODE", "sti-pa",
                        "STICA_ECOSYSTEM_CRL_URL", "https://user@pa.example/crl")));

        assertTrue(e.getMessage().contains("without userinfo"), e.getMessage());
    }

    @Test
    void withPublicUrl_keepsTheEcosystem() {
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of(
                "STICA_ECOSYSTEM_MODE", "sti-pa", "STICA_ECOSYSTEM_CRL_URL", ICONECTIV));

        assertEquals(config.ecosystem(), config.withPublicUrl("https://ca.example").ecosystem());
    }
}
