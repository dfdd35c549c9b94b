/**
 * PostgreSQL implementations of the CRL store (tables {@code crl} and {@code crl_part}: the DER in
 * parts), the ARL store (table {@code arl}), the build lock (a session-level advisory lock) and
 * the retention purge of old CRL and ARL history;
 * migrations in {@code db/crl}.
 */
package org.stica.crl.store.pg;
