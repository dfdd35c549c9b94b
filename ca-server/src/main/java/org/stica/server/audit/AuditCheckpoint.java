package org.stica.server.audit;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement that the chain's record {@code eventId} had hash {@code hash} at
 * {@code signedAt}: SHA256withECDSA by the HSM key {@code keyAlias} over {@link #signedBytes}.
 * Checkpoints make truncation of the chain's tail and a rewrite of the whole chain detectable.
 */
public record AuditCheckpoint(long eventId, String hash, Instant signedAt, String keyAlias,
                              byte[] signature) {

    /** The bytes signed: canonical JSON of {@code {eventId, hash, signedAt}}. */
    public byte[] signedBytes() {
        return signedBytes(eventId, hash, signedAt);
    }

    /** The bytes a checkpoint over these values signs. */
    public static byte[] signedBytes(long eventId, String hash, Instant signedAt) {
        return CanonicalJson.encode(new JsonObject().put("eventId", eventId).put("hash", hash)
                .put("signedAt", signedAt.toString())).getBytes(StandardCharsets.UTF_8);
    }
}
