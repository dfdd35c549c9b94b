package org.stica.server.issuance;

import java.time.Instant;

/**
 * An audit event written into {@code audit_outbox} by the statement that changes the state it
 * describes (ARCHITECTURE.md §5 item 1); its subject is the row the statement changed.
 *
 * @param details the event details as JSON text (no secrets, no key material)
 * @param notice  the {@code data} of the webhook notice the same statement queues for the
 *                subscriber holding the certificate's SPC (issue 15), as JSON text; null for none
 */
public record OutboxEvent(Instant at, String type, String actor, String details, String notice) {
    /** An event that queues no webhook notice. */
    public OutboxEvent(Instant at, String type, String actor, String details) {
        this(at, type, actor, details, null);
    }
}
