package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin.tls.*} and {@code admin.loginAuditWindowSeconds} (admin logins are audit events,
 * STANDARDS.md §4.5 item 3): parsed, or refused by name.
 */
class AdminTlsConfigTest {
    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("server.pem"), "cert");
        Files.writeString(dir.resolve("server.key"), "key");
        Files.writeString(dir.resolve("ca.pem"), "ca");
    }

    @Test
    void defaults_plainHttpAndA15MinuteLoginWindow() {
        StiCaConfig.Admin admin = StiCaConfig.load(Optional.empty(), env).admin();

        assertEquals(Optional.empty(), admin.tls());
        assertEquals(Duration.ofMinutes(15), admin.loginAuditWindow());
    }

    @Test
    void tls_withClientRoles_isParsed() {
        tls();
        env.put("STICA_ADMIN_TLS_CLIENT_ROLES", "CN=alice,O=Example=>admin; CN=bob=>auditor");
        env.put("STICA_ADMIN_LOGIN_AUDIT_WINDOW_SECONDS", "60");

        StiCaConfig.Admin admin = StiCaConfig.load(Optional.empty(), env).admin();

        AdminTls tls = admin.tls().orElseThrow();
        assertEquals("required", tls.clientAuth());
        assertTrue(tls.bearerKeys());
        assertEquals("admin", tls.clientRoles().get(new X500Principal("CN=alice, O=Example")));
        assertEquals("auditor", tls.clientRoles().get(new X500Principal("CN=bob")));
        assertEquals(Duration.ofSeconds(60), admin.loginAuditWindow());
    }

    @Test
    void badTlsSettings_areRefusedNamingTheKey() {
        Map<String, String> bad = Map.of(
                "STICA_ADMIN_TLS_CLIENT_AUTH", "sometimes",
                "STICA_ADMIN_TLS_CLIENT_ROLES", "CN=alice=>root",
                "STICA_ADMIN_TLS_BEARER_KEYS", "maybe");
        for (Map.Entry<String, String> setting : bad.entrySet()) {
            env.clear();
            tls();
            env.put(setting.getKey(), setting.getValue());
            ConfigException e = assertThrows(ConfigException.class,
                    () -> StiCaConfig.load(Optional.empty(), env));
            assertTrue(e.getMessage().contains(setting.getKey()), e.getMessage());
        }
        env.clear();
        tls();
        env.put("STICA_ADMIN_TLS_CLIENT_ROLES", "alice");
        assertTrue(assertThrows(ConfigException.class, () -> StiCaConfig.load(Optional.empty(),
                env)).getMessage().contains("STICA_ADMIN_TLS_CLIENT_ROLES"));
    }

    @Test
    void rolesWithoutClientCa_orCertWithoutKey_areRefused() {
        env.put("STICA_ADMIN_TLS_CERT_FILE", dir.resolve("server.pem").toString());
        assertTrue(assertThrows(ConfigException.class, () -> StiCaConfig.load(Optional.empty(),
                env)).getMessage().contains("STICA_ADMIN_TLS_KEY_FILE"));
        env.put("STICA_ADMIN_TLS_KEY_FILE", dir.resolve("server.key").toString());
        env.put("STICA_ADMIN_TLS_CLIENT_ROLES", "CN=alice=>admin");
        assertTrue(assertThrows(ConfigException.class, () -> StiCaConfig.load(Optional.empty(),
                env)).getMessage().contains("STICA_ADMIN_TLS_CLIENT_CA_FILE"));
    }

    private void tls() {
        env.put("STICA_ADMIN_TLS_CERT_FILE", dir.resolve("server.pem").toString());
        env.put("STICA_ADMIN_TLS_KEY_FILE", dir.resolve("server.key").toString());
        env.put("STICA_ADMIN_TLS_CLIENT_CA_FILE", dir.resolve("ca.pem").toString());
    }
}
