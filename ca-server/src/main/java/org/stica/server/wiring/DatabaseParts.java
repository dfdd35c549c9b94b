package org.stica.server.wiring;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaIssuers;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * The database pool and the CA state read from it at start-up: the hierarchy init-ca created
 * and every intermediate in {@code ca_key} (the newest issues; intermediate rollover).
 */
public record DatabaseParts(Pool pool, CaHierarchy hierarchy, CaIssuers issuers) {

    /** Reads {@code ca_key} through {@code pool}. */
    public static Future<DatabaseParts> load(Pool pool) {
        return new PgCaKeyStore(pool).all().map(records -> new DatabaseParts(pool,
                CaHierarchy.from(records), new CaIssuers(new PgCaKeyStore(pool), records)));
    }
}
