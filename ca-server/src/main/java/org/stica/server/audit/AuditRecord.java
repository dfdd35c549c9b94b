package org.stica.server.audit;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One stored audit record: its position in the chain ({@code id}, contiguous from 1), the event,
 * the hash of the previous record ({@link #GENESIS} for the first) and its own hash,
 * {@code SHA-256(canonical JSON of {id, occurredAt, type, actor, subject, details, prevHash})}
 * in lowercase hex. Changing any stored field, or removing or reordering a record, breaks the
 * chain at that record.
 *
 * @param details canonical JSON text of the event details
 */
public record AuditRecord(long id, Instant occurredAt, String type, String actor, String subject,
                          String details, String prevHash, String hash) {

    /** The previous hash of record 1: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** Builds record {@code id} chained after {@code prevHash}, computing its hash. */
    public static AuditRecord chain(long id, Instant occurredAt, AuditEvent event,
                                    String prevHash) {
        String details = CanonicalJson.encode(event.details());
        return new AuditRecord(id, occurredAt, event.type(), event.actor(), event.subject(),
                details, prevHash, hashOf(id, occurredAt, event.type(), event.actor(),
                event.subject(), details, prevHash));
    }

    /** The hash these fields should have (what verification recomputes). */
    public String expectedHash() {
        return hashOf(id, occurredAt, type, actor, subject, details, prevHash);
    }

    /** The record as JSON for the admin API. */
    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("occurredAt", occurredAt.toString())
                .put("type", type).put("actor", actor).put("subject", subject)
                .put("details", new JsonObject(details)).put("prevHash", prevHash)
                .put("hash", hash);
    }

    static String hashOf(long id, Instant occurredAt, String type, String actor, String subject,
                         String details, String prevHash) {
        JsonObject canonical = new JsonObject().put("id", id)
                .put("occurredAt", occurredAt.toString()).put("type", type).put("actor", actor)
                .put("subject", subject).put("details", new JsonObject(details))
                .put("prevHash", prevHash);
        return sha256Hex(CanonicalJson.encode(canonical));
    }

    /** Lowercase hex SHA-256 of the UTF-8 text. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
