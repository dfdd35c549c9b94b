package org.stica.server.admin;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.stica.server.config.Secret;

/**
 * Resolves a presented bearer secret to a principal: the bootstrap token
 * ({@code STICA_ADMIN_TOKEN}, role admin, compared in constant time over its SHA-256) or an
 * active API key looked up by the SHA-256 of the secret. Unknown or revoked: empty.
 */
public final class ApiKeyAuthenticator {
    private static final int MAX_SECRET_LENGTH = 512;

    private final Optional<byte[]> bootstrapHash;
    private final ApiKeyStore keys;

    public ApiKeyAuthenticator(Optional<Secret> bootstrap, ApiKeyStore keys) {
        this.bootstrapHash = bootstrap.map(s -> ApiKeySecrets.hash(s.reveal())
                .getBytes(StandardCharsets.US_ASCII));
        this.keys = keys;
    }

    /** Whether a bootstrap token is configured (without one the admin API is disabled). */
    public boolean enabled() {
        return bootstrapHash.isPresent();
    }

    public Future<Optional<AdminPrincipal>> authenticate(String presented) {
        if (presented.isEmpty() || presented.length() > MAX_SECRET_LENGTH) {
            return Future.succeededFuture(Optional.empty());
        }
        String hash = ApiKeySecrets.hash(presented);
        if (bootstrapHash.isPresent() && MessageDigest.isEqual(bootstrapHash.get(),
                hash.getBytes(StandardCharsets.US_ASCII))) {
            return Future.succeededFuture(Optional.of(
                    new AdminPrincipal(AdminPrincipal.BOOTSTRAP, AdminRole.ADMIN)));
        }
        return keys.findActive(hash).map(key -> key.map(k -> new AdminPrincipal(k.id(),
                k.role())));
    }
}
