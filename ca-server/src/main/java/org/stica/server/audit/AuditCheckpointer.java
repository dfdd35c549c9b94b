package org.stica.server.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.hsm.SignerPool;
import org.stica.server.audit.store.pg.PgAuditStore;

/**
 * Periodically signs the chain head with the HSM key {@link AuditSignerKey#ALIAS} through the
 * signer pool (never on an event loop, never inside a transaction) when it moved since the last
 * checkpoint. Several instances may run it: the first checkpoint of a record wins.
 */
public final class AuditCheckpointer {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointer.class);

    private final Vertx vertx;
    private final PgAuditStore store;
    private final SignerPool signer;
    private final Clock clock;
    private long timer = -1;

    public AuditCheckpointer(Vertx vertx, PgAuditStore store, SignerPool signer, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.signer = signer;
        this.clock = clock;
    }

    /** Checkpoints every {@code period}. */
    public void start(Duration period) {
        timer = vertx.setPeriodic(period.toMillis(), id -> checkpointNow()
                .onFailure(e -> LOG.warn("audit checkpoint failed: {}", e.toString())));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Signs the current head if it is newer than the last checkpoint; true when it signed. */
    public Future<Boolean> checkpointNow() {
        return store.head().compose(head -> head.isEmpty() ? Future.succeededFuture(false)
                : store.lastCheckpointId().compose(last -> last >= head.get().id()
                        ? Future.succeededFuture(false) : sign(head.get())));
    }

    private Future<Boolean> sign(AuditRecord head) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return signer.sign(AuditSignerKey.ALIAS,
                        AuditCheckpoint.signedBytes(head.id(), head.hash(), now))
                .compose(signature -> store.insertCheckpoint(new AuditCheckpoint(head.id(),
                        head.hash(), now, AuditSignerKey.ALIAS, signature)))
                .map(true);
    }
}
