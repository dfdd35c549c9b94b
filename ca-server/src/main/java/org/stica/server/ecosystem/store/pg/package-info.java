/** SQL for the ecosystem's tables: {@code revocation_report} and its exports. */
package org.stica.server.ecosystem.store.pg;
