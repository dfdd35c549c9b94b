/** SQL for the audit tables ({@code audit_event}, {@code audit_checkpoint}; db/audit). */
package org.stica.server.audit.store.pg;
