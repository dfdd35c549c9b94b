package org.stica.hsm;

import java.util.Optional;

/**
 * What the {@link SignerPool} tells its owner about each operation, for monitoring (issue 17:
 * HSM sign latency and errors). A port rather than a metrics library: hsm-config stays free of
 * Micrometer, and ca-server turns these calls into meters. Called on a Vert.x thread once per
 * operation, so an implementation must return at once (a counter or timer update) and never
 * throw.
 */
@FunctionalInterface
public interface SignerObserver {
    /** Tells nothing (tests, tools). */
    SignerObserver NONE = (nanos, failure) -> { };

    /**
     * One operation ended.
     *
     * @param nanos   from the request to the outcome, the wait for a free session included
     * @param failure why it failed (a {@link KeyVaultException} with its kind, or the signing
     *                error as it came); empty when it succeeded
     */
    void ended(long nanos, Optional<Throwable> failure);
}
