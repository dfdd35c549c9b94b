package org.stica.server.admin;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where API keys live ({@code admin_api_key}). */
public interface ApiKeyStore {

    /** The active key whose secret hashes to {@code sha256Hex}. */
    Future<Optional<ApiKey>> findActive(String sha256Hex);

    Future<List<ApiKey>> list();

    Future<Void> insert(ApiKey key, String sha256Hex);

    /** Marks the key revoked; false when it does not exist or was already revoked. */
    Future<Boolean> revoke(String id, String by, Instant at);
}
