/**
 * PostgreSQL implementations of the CRL store and the build lock (table {@code crl}, migration
 * {@code db/crl/V1__crl.sql}; a session-level advisory lock).
 */
package org.stica.crl.store.pg;
