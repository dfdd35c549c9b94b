package org.stica.hsm;

/**
 * Port: serializes key provisioning among every instance that shares the key store, so that of
 * several instances starting at once exactly one creates a missing key and the others wait for
 * it ({@link KeyProvisioner}). The key store cannot provide this itself (PKCS#11 has no lock
 * between applications), so a layer that sees a shared resource implements it: ca-server holds
 * a PostgreSQL advisory lock. Blocking: start-up only.
 */
public interface KeyProvisioningLock {

    /**
     * Blocks until this caller holds the lock.
     *
     * @return the held lock; closing it releases the lock
     */
    Held acquire();

    /** A held lock. Closing it releases the lock; idempotent. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
