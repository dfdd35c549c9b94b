package org.stica.crl.store;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The published CRLs (STANDARDS.md §6.4 item 4: write atomically, keep history). Boulder's storer
 * rule: a CRL is stored only if its number is strictly greater than the newest stored one.
 */
public interface CrlStore {

    /** The CRL with the highest number, if any. */
    Future<Optional<StoredCrl>> newest();

    /**
     * Stores {@code candidate} in one transaction that locks out other writers, after checking it
     * against the newest stored CRL: fails with {@code CrlException(NOT_NEWER)} when its number is
     * not greater, and with whatever {@code check} throws otherwise.
     */
    Future<StoredCrl> insertIfNewer(StoredCrl candidate, SuccessorCheck check);

    /** A check of a candidate against its predecessor; throws to refuse the candidate. */
    @FunctionalInterface
    interface SuccessorCheck {
        void verify(Optional<StoredCrl> previous, StoredCrl candidate);

        /** No further check beyond the store's own number rule. */
        SuccessorCheck NONE = (previous, candidate) -> { };
    }
}
