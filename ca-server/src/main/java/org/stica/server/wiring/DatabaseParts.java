package org.stica.server.wiring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.stica.hsm.KeyVault;
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

    /**
     * As {@link #load(Pool)}; a new intermediate (from an {@code intermediate} ceremony run by
     * another process) becomes the issuer only once {@code vault} sees its key, re-reading the
     * token when needed (on a worker thread).
     */
    public static Future<DatabaseParts> load(Pool pool, Vertx vertx, KeyVault vault) {
        return load(pool).map(db -> {
            db.issuers().withKeyCheck(alias -> vertx.executeBlocking(() -> {
                if (!vault.contains(alias)) {
                    vault.refresh();
                }
                return vault.contains(alias);
            }, false));
            return db;
        });
    }

    /** Reads {@code ca_key} through {@code pool}. */
    public static Future<DatabaseParts> load(Pool pool) {
        return new PgCaKeyStore(pool).all().map(records -> new DatabaseParts(pool,
                CaHierarchy.from(records), new CaIssuers(new PgCaKeyStore(pool), records),
                CaHierarchy.newestAlias(records, CaKeyRole.CRL_SIGNER)));
    }
}
