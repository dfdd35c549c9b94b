/**
 * SQL for the subscriber registry tables of {@code db/subscriber} ({@code subscriber},
 * {@code subscriber_spc}), plus the read of live certificate serials by SPC from ca-server's
 * {@code certificate} table used when a subscriber is terminated.
 */
package org.stica.server.subscriber.store.pg;
