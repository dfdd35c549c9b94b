package org.stica.crl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.hsm.SignerPool;

/**
 * CRL publisher: builds the indirect SHAKEN CRL from {@link RevokedCertificateSource}, signs it
 * through the {@link SignerPool}, checks it (number strictly increasing, IDP unchanged), stores it
 * in PostgreSQL and serves it with caching headers. Owns the tables migrated from {@link #MIGRATIONS}.
 */
public final class CrlModule {
    /** Flyway location of this module's migrations (history table {@code flyway_history_crl}). */
    public static final String MIGRATIONS = "db/crl";

    public CrlModule(Vertx vertx, Pool pool, SignerPool signer, RevokedCertificateSource source,
                     CrlConfig config, Clock clock) {
    }

    /** Loads the newest stored CRL (publishing a first one if none or stale) and starts the timers. */
    public Future<Void> start() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Builds, signs, checks, stores and serves a new CRL now (e.g. after a revocation). */
    public Future<Void> publishNow() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Routes GET/HEAD {@code servedPath} (DER) and {@code servedPath + ".pem"}; mount on the public router. */
    public Router router() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void stop() {
    }
}
