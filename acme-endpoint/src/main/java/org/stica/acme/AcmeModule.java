package org.stica.acme;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.acme.port.CertificateAuthority;

/**
 * The ACME endpoint (RFC 8555 + RFC 9447/9448): builds the router that ca-server mounts at
 * {@link AcmeConfig#basePath()}. Owns the tables migrated from {@link #MIGRATIONS}.
 */
public final class AcmeModule {
    /** Flyway location of this module's migrations (history table {@code flyway_history_acme}). */
    public static final String MIGRATIONS = "db/acme";

    public AcmeModule(Vertx vertx, Pool pool, AcmeConfig config, CertificateAuthority ca,
                      AuthorityTokenValidator tokenValidator, Clock clock) {
    }

    /** The ACME router; mount with {@code router.route(basePath + "/*").subRouter(router())}. */
    public Router router() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The directory URL, {@code publicUrl + basePath + "/directory"}. */
    public String directoryUrl() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
