package org.stica.acme.service;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.stica.acme.model.EabKey;
import org.stica.acme.model.RandomIds;
import org.stica.acme.store.pg.PgEabKeyStore;

/**
 * Creates external account binding keys (RFC 8555 §7.3.4) for the admin API: a random
 * {@code kid} and a 256-bit HMAC key for one service provider. The key is returned once, to the
 * caller; it is never logged.
 */
public final class EabKeyService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;

    private final PgEabKeyStore keys;
    private final Clock clock;

    public EabKeyService(PgEabKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** A created key: its id and the HMAC key as base64url without padding. */
    public record Created(String kid, String hmacKeyBase64Url, String label) {
        @Override
        public String toString() {
            return "Created[kid=" + kid + ", label=" + label + "]";
        }
    }

    /** Creates and stores a fresh single-use key for the service provider {@code label}. */
    public Future<Created> create(String label) {
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        EabKey key = new EabKey(RandomIds.next(), secret, label, clock.instant(),
                java.util.Optional.empty());
        return keys.insert(key).map(v -> new Created(key.kid(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret), label));
    }
}
