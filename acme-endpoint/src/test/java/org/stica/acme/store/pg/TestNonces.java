package org.stica.acme.store.pg;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.stica.acme.jws.RequestNonce;

/** Request nonces for store tests: each fresh, for a statement to record (issue 18). */
final class TestNonces {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One expiry for every test nonce: a real nonce carries its expiry (whole seconds), so a
     * replay presents the same one, and the used-nonce key holds it (db/acme V11).
     */
    private static final Instant EXPIRES = Instant.now().truncatedTo(ChronoUnit.SECONDS)
            .plusSeconds(3600);

    private TestNonces() {
    }

    /** A nonce no statement has recorded; recording it on its own is a test failure. */
    static RequestNonce fresh() {
        return of(random());
    }

    /** A nonce with this random part, valid for an hour after the tests started. */
    static RequestNonce of(byte[] value) {
        return RequestNonce.pending(value, EXPIRES, (v, e) ->
                Future.failedFuture(new AssertionError("the statement should record the nonce")));
    }

    /** How many used-nonce rows hold {@code value} (0 or 1). */
    static long recorded(StoreFixtures db, byte[] value) {
        return db.count("SELECT count(*) FROM acme_nonce_used WHERE value = decode($1, 'hex')",
                HexFormat.of().formatHex(value));
    }

    static byte[] random() {
        byte[] value = new byte[16];
        RANDOM.nextBytes(value);
        return value;
    }
}
