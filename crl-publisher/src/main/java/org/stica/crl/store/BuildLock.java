package org.stica.crl.store;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A lock shared by every instance on one database so that only one builds a CRL at a time
 * (STANDARDS.md §6.2: no process-local counters). Never held inside a transaction.
 */
public interface BuildLock {

    /**
     * Runs {@code work} while holding the lock and releases it afterwards, whatever the outcome.
     * Completes with empty, without running {@code work}, when another holder has it.
     */
    <T> Future<Optional<T>> tryRun(Supplier<Future<T>> work);
}
