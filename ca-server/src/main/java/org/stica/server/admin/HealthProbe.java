package org.stica.server.admin;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/** What the health endpoint asks the running server. */
public interface HealthProbe {

    /** Succeeds when PostgreSQL answers. */
    Future<Void> database();

    /** Whether the CA keys are present in the KeyVault (checked off the event loop). */
    Future<Boolean> caKeys();

    /** The CRL currently served, if any. */
    Optional<CrlState> crl();

    /**
     * Why trust in the STI-PA is degraded (a stale STI-PA CRL or trust snapshot), if it is; the
     * health answer then carries a warning (STANDARDS.md §4.2 item 6).
     */
    default Optional<String> trustWarning() {
        return Optional.empty();
    }

    /**
     * Why the HSM is failing (its newest operation failed or timed out), if it is; cleared by
     * the next operation that succeeds (issue 14 invariant 4).
     */
    default Optional<String> hsmFailure() {
        return Optional.empty();
    }

    /**
     * Whether the server is draining for shutdown (SIGTERM): health then answers 503 with
     * {@code "status":"draining"} so a load balancer stops sending it work.
     */
    default boolean draining() {
        return false;
    }

    /**
     * Root custody and the root's ARL (issue 16), when this probe reports them: whether the root
     * key is in the online token and the ARL served now, if any.
     */
    default Optional<RootState> root() {
        return Optional.empty();
    }

    /** Whether the root key is online, and the ARL served now (empty: none stored yet). */
    record RootState(boolean online, Optional<CrlState> arl) {
    }

    /** The served CRL's number and validity window. */
    record CrlState(String number, Instant thisUpdate, Instant nextUpdate) {
    }
}
