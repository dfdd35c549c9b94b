package org.stica.server.pa;

import io.vertx.core.Future;

/** Revokes one issued certificate by serial (ca-server's RevocationService in the CA role). */
@FunctionalInterface
public interface SerialRevoker {
    Future<Void> revoke(String serialHex, int reasonCode, String actor);
}
