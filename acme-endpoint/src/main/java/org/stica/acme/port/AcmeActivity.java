package org.stica.acme.port;

import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.OrderStatus;

/**
 * Port owned by the ACME endpoint, implemented by ca-server's metrics (issue 17): what the
 * endpoint did, told once the change is stored. A port rather than a metrics library, so the
 * endpoint stays free of Micrometer. Every argument is from a small fixed set (a profile the
 * directory offers, a status, a limit's name), never an account, order or SPC. Called on the
 * event loop: an implementation must return at once (a counter increment) and never throw.
 */
public interface AcmeActivity {
    /** Tells nothing (tests, embedders without metrics). */
    AcmeActivity NONE = new AcmeActivity() {
    };

    /** A newOrder created an order under {@code profile}. */
    default void orderCreated(String profile) {
    }

    /** An order reached its final {@code status}: {@code VALID} or {@code INVALID}. */
    default void orderFinished(OrderStatus status) {
    }

    /** A tkauth-01 challenge reached its final {@code status}: {@code VALID} or {@code INVALID}. */
    default void challengeFinished(ChallengeStatus status) {
    }

    /** The CA issued a certificate for an order under {@code profile}. */
    default void certificateIssued(String profile) {
    }

    /** A request was refused with rateLimited (RFC 8555 §6.6) by the limit {@code limit}. */
    default void rateLimited(String limit) {
    }
}
