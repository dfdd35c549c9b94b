package org.stica.server.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.stica.hsm.SignerPool;
import org.stica.server.audit.store.pg.PgAuditLog;
import org.stica.server.audit.store.pg.PgAuditStore;

/**
 * The audit log as the server wires it: the chained PostgreSQL log, its reader, the periodic
 * HSM-signed checkpoints and the verifier. Module entry point (takes the pool).
 */
public final class AuditModule {
    /** How often the chain head is checkpointed when it moved. */
    public static final Duration CHECKPOINT_PERIOD = Duration.ofMinutes(1);

    private final PgAuditLog chain;
    private final AuditLog log;
    private final PgAuditStore store;
    private final AuditCheckpointer checkpointer;
    private final AuditVerifier verifier;
    private final DeferredOutboxDrain batchedOutbox;

    /** @param signerKey the public key of {@link AuditSignerKey#ALIAS} */
    public AuditModule(Vertx vertx, Pool pool, SignerPool signer, PublicKey signerKey,
                       Clock clock) {
        this.chain = new PgAuditLog(pool, clock);
        this.log = new RequestAttributedAuditLog(chain);
        this.store = new PgAuditStore(pool);
        this.checkpointer = new AuditCheckpointer(vertx, store, signer, clock);
        this.verifier = new AuditVerifier(store, Optional.of(signerKey));
        this.batchedOutbox = new DeferredOutboxDrain(vertx, chain::drainOutbox,
                DeferredOutboxDrain.LINGER);
    }

    /**
     * The chained log; an event recorded while the server works for an HTTP request carries the
     * request's id ({@link RequestAttribution}).
     */
    public AuditLog log() {
        return log;
    }

    /** Chains the events waiting in {@code audit_outbox} ({@link PgAuditLog#drainOutbox}). */
    public AuditOutbox outbox() {
        return chain::drainOutbox;
    }

    /**
     * The outbox drain of the request paths (issuance, token acceptance): one deferred drain,
     * shared, that chains the events of {@link DeferredOutboxDrain#LINGER} at a time; the caller
     * does not wait for it (issue 18).
     */
    public AuditOutbox batchedOutbox() {
        return batchedOutbox;
    }

    /**
     * Chains what the batched drain has not chained yet, at once: the last step of a graceful
     * stop before the database closes (the requests are answered, no event can follow).
     */
    public Future<Void> flushOutbox() {
        return batchedOutbox.flush();
    }

    public PgAuditStore store() {
        return store;
    }

    public AuditCheckpointer checkpointer() {
        return checkpointer;
    }

    public AuditVerifier verifier() {
        return verifier;
    }

    public void start() {
        checkpointer.start(CHECKPOINT_PERIOD);
    }

    public void stop() {
        checkpointer.stop();
    }
}
