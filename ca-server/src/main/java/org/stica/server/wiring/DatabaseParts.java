package org.stica.server.wiring;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaIssuers;
import org.stica.server.ca.CaKeyRole;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * The database pool and the CA state read from it at start-up: the hierarchy init-ca or the
 * ceremonies created, every intermediate in {@code ca_key} (the newest issues; intermediate
 * rollover) and the KeyVault alias of the newest CRL signer (a {@code crl-signer} ceremony may
 * have rolled it).
 */
public record DatabaseParts(Pool pool, CaHierarchy hierarchy, CaIssuers issuers,
                            String crlSignerAlias) {

    /** Reads {@code ca_key} through {@code pool}. */
    public static Future<DatabaseParts> load(Pool pool) {
        return new PgCaKeyStore(pool).all().map(records -> new DatabaseParts(pool,
                CaHierarchy.from(records), new CaIssuers(new PgCaKeyStore(pool), records),
                CaHierarchy.newestAlias(records, CaKeyRole.CRL_SIGNER)));
    }
}
