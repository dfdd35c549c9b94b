package org.stica.server.demo;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.stica.server.config.StiCaConfig;
import org.stica.server.store.pg.PgPools;
import org.stica.server.subscriber.Subscriber;
import org.stica.server.subscriber.SubscriberDetails;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * The demo's carrier (issue 15): a subscriber holding the demo SPC, created on the first start
 * and reused after, so the demo enrollment gets a certificate that names it. Blocking: call
 * from the demo's main thread, never an event loop.
 */
final class DemoSubscriber {
    static final String SPC = "1234";
    static final String ID = "demo-carrier";
    static final SubscriberDetails DETAILS = new SubscriberDetails("Demo Telecom, Inc.", "US",
            Optional.of("NJ"), Optional.of("Bridgewater"), List.of(SPC),
            List.of("mailto:noc@demo-telecom.example"));

    private DemoSubscriber() {
    }

    /** The subscriber holding {@link #SPC}, created when missing. */
    static Subscriber ensure(Vertx vertx, StiCaConfig config) {
        Pool pool = PgPools.create(vertx, config.database());
        try {
            PgSubscriberStore store = new PgSubscriberStore(pool, Clock.systemUTC());
            return store.bySpc(SPC).await()
                    .orElseGet(() -> store.create(ID, DETAILS, "demo").await());
        } finally {
            pool.close().await();
        }
    }
}
