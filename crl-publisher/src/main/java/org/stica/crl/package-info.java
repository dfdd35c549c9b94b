/**
 * The CRL publisher module (STANDARDS.md §6): {@link org.stica.crl.CrlModule} wires the builder,
 * the safety checks, the PostgreSQL store, the build lock and the HTTP handler, and runs the
 * rebuild and reload timers. Owns the table {@code crl} (migrations in {@code db/crl}).
 */
package org.stica.crl;
