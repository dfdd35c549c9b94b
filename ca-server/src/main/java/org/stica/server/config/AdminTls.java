package org.stica.server.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Optional TLS on the admin port ({@code admin.tls.*}, issue 6): the server certificate and key
 * (PEM files), the CA file client certificates must chain to, whether a client certificate is
 * {@code required} or only {@code requested}, the client certificate subjects mapped to admin
 * roles, and whether bearer API keys are still accepted over TLS.
 *
 * @param clientRoles subject (RFC 4514 string, compared as an {@link X500Principal}) → role wire
 *                    name; from {@code admin.tls.clientRoles}: {@code <subject>=><role>} entries
 *                    separated by {@code ;}, e.g. {@code CN=alice,O=Example=>admin}
 */
public record AdminTls(Path certFile, Path keyFile, Optional<Path> clientCaFile,
                       String clientAuth, Map<X500Principal, String> clientRoles,
                       boolean bearerKeys) {
    private static final String ARROW = "=>";

    public AdminTls {
        clientRoles = Map.copyOf(clientRoles);
    }

    public void validate() {
        if (!clientAuth.equals("required") && !clientAuth.equals("request")) {
            throw ConfigKey.ADMIN_TLS_CLIENT_AUTH.invalid("must be required or request, got '"
                    + clientAuth + "'");
        }
        if (!clientRoles.isEmpty() && clientCaFile.isEmpty()) {
            throw ConfigKey.ADMIN_TLS_CLIENT_CA_FILE.invalid("is required when "
                    + ConfigKey.ADMIN_TLS_CLIENT_ROLES.label() + " is set");
        }
        for (String role : clientRoles.values()) {
            if (!role.matches("^(admin|operator|auditor)$")) {
                throw ConfigKey.ADMIN_TLS_CLIENT_ROLES.invalid(
                        "roles must be admin, operator or auditor, got '" + role + "'");
            }
        }
    }

    /** The server certificate and key files, read and reloaded like the public port's. */
    public TlsFiles files() {
        return new TlsFiles(certFile, keyFile);
    }

    /** The {@code admin.tls.*} section; empty when no certificate file is configured. */
    static Optional<AdminTls> read(ConfigReader in) {
        Optional<TlsFiles> files = TlsFiles.read(in, ConfigKey.ADMIN_TLS_CERT_FILE,
                ConfigKey.ADMIN_TLS_KEY_FILE);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        String bearer = in.string(ConfigKey.ADMIN_TLS_BEARER_KEYS);
        if (!bearer.equals("true") && !bearer.equals("false")) {
            throw ConfigKey.ADMIN_TLS_BEARER_KEYS.invalid("must be true or false, got '"
                    + bearer + "'");
        }
        return Optional.of(new AdminTls(files.get().certFile(), files.get().keyFile(),
                in.readableFile(ConfigKey.ADMIN_TLS_CLIENT_CA_FILE),
                in.string(ConfigKey.ADMIN_TLS_CLIENT_AUTH),
                roles(in.optional(ConfigKey.ADMIN_TLS_CLIENT_ROLES).orElse("")),
                Boolean.parseBoolean(bearer)));
    }

    private static Map<X500Principal, String> roles(String text) {
        Map<X500Principal, String> roles = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int arrow = entry.lastIndexOf(ARROW);
            if (arrow < 1) {
                throw ConfigKey.ADMIN_TLS_CLIENT_ROLES.invalid(
                        "entries must look like CN=alice,O=Example=>admin");
            }
            try {
                roles.put(new X500Principal(entry.substring(0, arrow).trim()),
                        entry.substring(arrow + ARROW.length()).trim());
            } catch (IllegalArgumentException e) {
                throw ConfigKey.ADMIN_TLS_CLIENT_ROLES.invalid("has a subject that is not an"
                        + " RFC 4514 distinguished name");
            }
        }
        return roles;
    }
}
