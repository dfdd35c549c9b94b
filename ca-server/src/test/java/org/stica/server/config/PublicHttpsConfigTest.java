package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.server.ca.CaInitializer;

/**
 * {@code http.tls.*}, {@code http.plainHost}, {@code http.plainPort} and {@code http.plainUrl}
 * (issue 17): parsed from YAML or the environment, refused by name when inconsistent; without
 * them the server runs as before. The CRL URL certificates name follows {@code http.plainUrl}
 * when it is set (RFC 5280 §4.2.1.13; STANDARDS.md §6.4 item 3), publicUrl otherwise.
 */
class PublicHttpsConfigTest {
    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("server.pem"), "cert");
        Files.writeString(dir.resolve("server.key"), "key");
    }

    @Test
    void nothingSet_plainHttpOnly_crlNamedUnderPublicUrl() {
        env.put("STICA_PUBLIC_URL", "https://ca.example");
        StiCaConfig config = StiCaConfig.load(Optional.empty(), env);

        assertEquals(Optional.empty(), config.http().tls());
        assertEquals(Optional.empty(), config.http().plain());
        assertEquals(Optional.empty(), config.http().plainUrl());
        assertEquals(Duration.ofSeconds(60), config.http().tlsReload());
        assertEquals(Optional.of("https://ca.example"), config.revocationUrl());
        assertEquals(URI.create("https://ca.example/crl/shaken.crl"),
                CaInitializer.crlUrl(config));
    }

    @Test
    void yaml_tlsAndPlainListener_areParsed_crlNamedUnderPlainUrl() throws Exception {
        Path yaml = dir.resolve("stica.yaml");
        Files.writeString(yaml, "publicUrl: https://ca.example\n"
                + "http:\n  host: 10.0.0.1\n  port: 443\n  plainPort: 80\n"
                + "  plainUrl: http://crl.example/\n"
                + "  tls:\n    certFile: " + dir.resolve("server.pem") + "\n"
                + "    keyFile: " + dir.resolve("server.key") + "\n    reloadSeconds: 5\n");

        StiCaConfig config = StiCaConfig.load(Optional.of(yaml), env);

        assertEquals(Optional.of(new TlsFiles(dir.resolve("server.pem"),
                dir.resolve("server.key"))), config.http().tls());
        assertEquals(Duration.ofSeconds(5), config.http().tlsReload());
        assertEquals(Optional.of(new PlainHttp("10.0.0.1", 80)), config.http().plain());
        assertEquals(Optional.of("http://crl.example"), config.revocationUrl());
        assertEquals(URI.create("http://crl.example/crl/shaken.crl"),
                CaInitializer.crlUrl(config));
        assertEquals(Optional.of("https://ca.example"), config.publicUrl(), "x5u, ACME");
    }

    @Test
    void environment_setsThePlainHostApart() {
        env.put("STICA_HTTP_PLAIN_PORT", "8079");
        env.put("STICA_HTTP_PLAIN_HOST", "127.0.0.2");

        assertEquals(Optional.of(new PlainHttp("127.0.0.2", 8079)),
                StiCaConfig.load(Optional.empty(), env).http().plain());
    }

    @Test
    void inconsistentSettings_areRefusedNamingTheKey() {
        Map<String, String> bad = Map.of(
                "STICA_HTTP_TLS_CERT_FILE", dir.resolve("server.pem").toString(),
                "STICA_HTTP_TLS_KEY_FILE", dir.resolve("missing.key").toString(),
                "STICA_HTTP_TLS_RELOAD_SECONDS", "0",
                "STICA_HTTP_PLAIN_PORT", "8080",
                "STICA_HTTP_PLAIN_URL", "https://crl.example");
        for (Map.Entry<String, String> setting : bad.entrySet()) {
            env.clear();
            env.put(setting.getKey(), setting.getValue());
            ConfigException e = assertThrows(ConfigException.class,
                    () -> StiCaConfig.load(Optional.empty(), env), setting.getKey());
            assertTrue(e.getMessage().contains(setting.getKey()), e.getMessage());
        }
    }

    @Test
    void plainUrlWithAPathOrQuery_isRefused() {
        env.put("STICA_HTTP_PLAIN_URL", "http://crl.example/?x=1");

        ConfigException e = assertThrows(ConfigException.class,
                () -> StiCaConfig.load(Optional.empty(), env));

        assertTrue(e.getMessage().contains("http.plainUrl (STICA_HTTP_PLAIN_URL) must be an"
                + " http:// origin"), e.getMessage());
    }
}
