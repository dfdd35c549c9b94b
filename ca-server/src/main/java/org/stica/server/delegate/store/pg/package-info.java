/** SQL for the {@code db/delegate} table of published delegate certificates. */
package org.stica.server.delegate.store.pg;
