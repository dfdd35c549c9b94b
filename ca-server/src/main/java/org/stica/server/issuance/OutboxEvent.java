package org.stica.server.issuance;

import java.time.Instant;

/**
 * An audit event written into {@code audit_outbox} by the statement that changes the state it
 * describes (ARCHITECTURE.md §5 item 1); its subject is the row the statement changed.
 *
 * @param details the event details as JSON text (no secrets, no key material)
 */
public record OutboxEvent(Instant at, String type, String actor, String details) {
}
