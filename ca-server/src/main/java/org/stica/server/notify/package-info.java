/**
 * Webhook notifications to subscribers (carriers), issue 15: a subscriber registers one
 * {@code https} URL and receives signed JSON events ({@code certificate.issued},
 * {@code certificate.revoked}, {@code certificate.expiring}, {@code subscriber.suspended}).
 *
 * <p>The business paths call the port {@link org.stica.server.notify.SubscriberNotifications}
 * after their own commit; enqueuing is one INSERT into {@code webhook_delivery}. The
 * {@link org.stica.server.notify.WebhookDispatcher} on every instance claims due deliveries
 * ({@code FOR UPDATE SKIP LOCKED}, with a lease), POSTs them with an HMAC-SHA256 signature
 * ({@link org.stica.server.notify.WebhookSignature}) and retries with backoff; the
 * {@link org.stica.server.notify.ExpiryWarningScanner} warns once per certificate before it
 * expires. Tables: {@code webhook_endpoint}, {@code webhook_delivery},
 * {@code notify_expiry_warned} (migrations in {@code db/notify}); it also reads
 * {@code certificate}. SQL lives in {@code notify.store.pg}.
 */
package org.stica.server.notify;
