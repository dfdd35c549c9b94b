/** Start-up schema migration of every module's tables (Flyway, one history table per module). */
package org.stica.server.schema;
