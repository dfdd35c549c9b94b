package org.stica.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.stica.hsm.KeyProvisioningLock;

/**
 * A {@link KeyProvisioningLock} shared by the vaults of one test JVM (the several SunPKCS11
 * providers that stand in for several processes); counts how often it was taken.
 */
public final class InProcessProvisioningLock implements KeyProvisioningLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger acquisitions = new AtomicInteger();

    @Override
    public Held acquire() {
        lock.lock();
        acquisitions.incrementAndGet();
        return lock::unlock;
    }

    /** How many times the lock was taken. */
    public int acquisitions() {
        return acquisitions.get();
    }
}
