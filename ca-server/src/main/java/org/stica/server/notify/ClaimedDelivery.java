package org.stica.server.notify;

/**
 * A due delivery this instance claimed: what to send, where, the secret to sign it with, the
 * attempt number it is ({@code attempts} counts this one), and the lease token that must
 * accompany its outcome.
 */
public record ClaimedDelivery(String id, String subscriberId, EventType type, String payload,
                              int attempts, String url, String secret, String leaseToken) {
    @Override
    public String toString() {
        return "ClaimedDelivery[" + id + ", " + type.wireName() + ", attempt " + attempts + "]";
    }
}
