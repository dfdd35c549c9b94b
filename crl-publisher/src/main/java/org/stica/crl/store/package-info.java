/**
 * Storage of published CRLs: the {@link org.stica.crl.store.StoredCrl} value, the
 * {@link org.stica.crl.store.CrlStore} that refuses a CRL number that does not increase, and the
 * {@link org.stica.crl.store.BuildLock} that lets one instance build at a time. PostgreSQL
 * implementations live in {@code org.stica.crl.store.pg}.
 */
package org.stica.crl.store;
