/**
 * SQL for the notification tables ({@code webhook_endpoint}, {@code webhook_delivery},
 * {@code notify_expiry_warned}) and the read of {@code certificate} the expiry scanner needs.
 */
package org.stica.server.notify.store.pg;
