package org.stica.server.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.hsm.SignerPool;
import org.stica.server.audit.store.pg.PgAuditStore;

/**
 * Periodically signs the chain head with the HSM key {@link AuditSignerKey#ALIAS} through the
 * signer pool (never on an event loop, never inside a transaction) when it moved since the last
 * checkpoint. Several instances may run it: the first checkpoint of a record wins. What it saw
 * last ({@link #status()}: the chain head and the newest checkpoint, whoever signed it) is kept
 * for monitoring (issue 17: age of the newest signed checkpoint).
 */
public final class AuditCheckpointer {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointer.class);

    private final Vertx vertx;
    private final PgAuditStore store;
    private final SignerPool signer;
    private final Clock clock;
    private long timer = -1;
    private volatile Optional<Status> status = Optional.empty();

    /**
     * The chain as a checkpoint run last saw it.
     *
     * @param headId       the newest record's id (0 for an empty chain)
     * @param checkpointId the id of the newest checkpointed record (0 when none)
     * @param checkpointAt when the newest checkpoint was signed; empty when none
     */
    public record Status(long headId, long checkpointId, Optional<Instant> checkpointAt) {
        /** Records appended after the newest checkpoint. */
        public long unsigned() {
            return Math.max(0, headId - checkpointId);
        }
    }

    public AuditCheckpointer(Vertx vertx, PgAuditStore store, SignerPool signer, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.signer = signer;
        this.clock = clock;
    }

    /** Reads the chain's {@link #status()} now, then checkpoints every {@code period}. */
    public void start(Duration period) {
        observe().onFailure(e -> LOG.warn("reading the audit chain head failed: {}",
                e.toString()));
        timer = vertx.setPeriodic(period.toMillis(), id -> checkpointNow()
                .onFailure(e -> LOG.warn("audit checkpoint failed: {}", e.toString())));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** What the last run saw; empty before the first one. */
    public Optional<Status> status() {
        return status;
    }

    /** Signs the current head if it is newer than the last checkpoint; true when it signed. */
    public Future<Boolean> checkpointNow() {
        return store.head().compose(head -> store.newestCheckpoint().compose(newest -> {
            Status seen = seen(head, newest);
            return seen.unsigned() == 0 ? Future.succeededFuture(false)
                    : sign(head.orElseThrow());
        }));
    }

    private Future<Status> observe() {
        return store.head().compose(head -> store.newestCheckpoint()
                .map(newest -> seen(head, newest)));
    }

    private Status seen(Optional<AuditRecord> head, Optional<AuditCheckpoint> newest) {
        Status seen = new Status(head.map(AuditRecord::id).orElse(0L),
                newest.map(AuditCheckpoint::eventId).orElse(0L),
                newest.map(AuditCheckpoint::signedAt));
        status = Optional.of(seen);
        return seen;
    }

    private Future<Boolean> sign(AuditRecord head) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return signer.sign(AuditSignerKey.ALIAS,
                        AuditCheckpoint.signedBytes(head.id(), head.hash(), now))
                .compose(signature -> store.insertCheckpoint(new AuditCheckpoint(head.id(),
                        head.hash(), now, AuditSignerKey.ALIAS, signature)))
                .compose(stored -> store.newestCheckpoint())
                .map(newest -> {
                    seen(Optional.of(head), newest);
                    return true;
                });
    }
}
