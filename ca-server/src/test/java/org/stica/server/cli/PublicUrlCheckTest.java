package org.stica.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.server.config.StiCaConfig;

/**
 * {@code serve} warns when its public origin is plain HTTP (issue 17: ACME, RFC 8555 §6.1, and
 * x5u, ATIS-1000074, must be HTTPS), and not when it is HTTPS (TLS here or at a proxy).
 */
class PublicUrlCheckTest {
    @TempDir
    Path dir;

    @Test
    void httpPublicUrl_isWarnedAbout() {
        Optional<String> warning = PublicUrlCheck.warning(StiCaConfig.load(Optional.empty(),
                Map.of("STICA_PUBLIC_URL", "http://ca.example")));

        assertTrue(warning.orElseThrow().contains("http://ca.example is plain HTTP"),
                warning.toString());
        assertTrue(warning.get().contains("RFC 8555 §6.1"), warning.get());
    }

    @Test
    void noPublicUrlWithoutTls_isWarnedAbout() {
        assertTrue(PublicUrlCheck.warning(StiCaConfig.load(Optional.empty(), Map.of()))
                .isPresent(), "the default http://localhost:8080");
    }

    @Test
    void httpsPublicUrl_orTlsOnAnyPort_isNot() throws Exception {
        Files.writeString(dir.resolve("c.pem"), "c");
        Files.writeString(dir.resolve("k.pem"), "k");

        assertEquals(Optional.empty(), PublicUrlCheck.warning(StiCaConfig.load(Optional.empty(),
                Map.of("STICA_PUBLIC_URL", "https://ca.example"))));
        assertEquals(Optional.empty(), PublicUrlCheck.warning(StiCaConfig.load(Optional.empty(),
                Map.of("STICA_HTTP_PORT", "0",
                        "STICA_HTTP_TLS_CERT_FILE", dir.resolve("c.pem").toString(),
                        "STICA_HTTP_TLS_KEY_FILE", dir.resolve("k.pem").toString()))));
    }
}
