package org.stica.crl.publish;

import java.time.Duration;
import org.stica.crl.store.StoredCrl;

/**
 * What the CRL publisher tells its owner about each CRL it builds, for monitoring (issue 17: CRL
 * build duration and last successful publication). A port rather than a metrics library:
 * crl-publisher stays free of Micrometer, and ca-server turns these calls into meters. Called on
 * a Vert.x thread; an implementation must return at once and never throw.
 */
public interface CrlPublicationListener {
    /**
     * This instance built, signed, checked and stored {@code crl}; {@code took} from the start
     * of the build to the stored row.
     */
    void published(StoredCrl crl, Duration took);

    /** A build or its storing failed (nothing new is served; the previous CRL stays). */
    void failed(Throwable cause);
}
