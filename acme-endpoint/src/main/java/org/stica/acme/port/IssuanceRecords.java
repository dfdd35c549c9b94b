package org.stica.acme.port;

import io.vertx.core.Future;

/**
 * Port owned by the ACME endpoint, implemented by ca-server: the CA's record of what an order's
 * finalization produced, consulted when a finalization was interrupted (issue 14 invariant 2).
 */
@FunctionalInterface
public interface IssuanceRecords {
    Future<IssuanceOutcome> outcomeOf(String orderId);
}
