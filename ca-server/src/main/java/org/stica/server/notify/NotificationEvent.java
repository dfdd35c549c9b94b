package org.stica.server.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event for a subscriber: its type and the {@code data} member of the webhook body (see
 * README "Notifications (webhooks)"). Built with the factories, one per {@link EventType}; times
 * are RFC 3339 UTC strings, serials lowercase hex as in the {@code certificate} table.
 */
public record NotificationEvent(EventType type, JsonObject data) {
    /** RFC 5280 §5.3.1 reason codes the CA uses, and their names. */
    private static final Map<Integer, String> REASONS = Map.of(0, "unspecified",
            1, "keyCompromise", 3, "affiliationChanged", 4, "superseded",
            5, "cessationOfOperation", 9, "privilegeWithdrawn");

    public NotificationEvent {
        Objects.requireNonNull(type, "type");
        data = data == null ? new JsonObject() : data.copy();
    }

    /** {@code certificate.issued}: serial, SPC, notAfter and the certificate's x5u URL. */
    public static NotificationEvent issued(String serial, String spc, Instant notAfter,
                                           String x5u) {
        return new NotificationEvent(EventType.CERTIFICATE_ISSUED, new JsonObject()
                .put("serial", serial).put("spc", spc).put("notAfter", notAfter.toString())
                .put("x5u", x5u));
    }

    /**
     * {@code certificate.revoked}: serial, SPC, the RFC 5280 reason code and its name, and when.
     * A code the CA never uses (the {@code certificate} table allows none) is named
     * {@code unknown} rather than thrown: building an event must never fail a revocation.
     */
    public static NotificationEvent revoked(String serial, String spc, int reasonCode,
                                            Instant revokedAt) {
        String reason = REASONS.getOrDefault(reasonCode, "unknown");
        return new NotificationEvent(EventType.CERTIFICATE_REVOKED, new JsonObject()
                .put("serial", serial).put("spc", spc).put("reasonCode", reasonCode)
                .put("reason", reason).put("revokedAt", revokedAt.toString()));
    }

    /** {@code certificate.expiring}: serial, SPC, notAfter and whole days left. */
    public static NotificationEvent expiring(String serial, String spc, Instant notAfter,
                                             long daysLeft) {
        return new NotificationEvent(EventType.CERTIFICATE_EXPIRING, new JsonObject()
                .put("serial", serial).put("spc", spc).put("notAfter", notAfter.toString())
                .put("daysLeft", daysLeft));
    }

    /** {@code subscriber.suspended}: the subscriber and when it was suspended. */
    public static NotificationEvent suspended(String subscriberId, Instant suspendedAt) {
        return new NotificationEvent(EventType.SUBSCRIBER_SUSPENDED, new JsonObject()
                .put("subscriberId", subscriberId).put("suspendedAt", suspendedAt.toString()));
    }
}
