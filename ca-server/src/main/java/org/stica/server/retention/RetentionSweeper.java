package org.stica.server.retention;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.store.pg.PgAcmeRetention;
import org.stica.acme.store.pg.PgNonceStore;
import org.stica.crl.store.pg.PgCrlRetention;
import org.stica.server.config.Retention;
import org.stica.server.store.pg.PgCertificateExpiry;
import org.stica.server.store.pg.PgRetentionLock;
import org.stica.server.store.pg.PgTokenUseRetention;

/**
 * Runs the data lifecycle (issue 14) every {@link Retention#interval()}: for each kind of row
 * (a {@link PurgeStep}), batch after batch of at most {@link Retention#batchSize()} rows until a
 * batch deletes fewer, pausing between batches so that no sweep holds a connection, a lock or
 * the event loop for long. Each batch is its own short transaction under the advisory lock of
 * its kind of row ({@link PgRetentionLock}); when another instance holds it, this instance skips
 * that kind until its next sweep, so several instances on one database never delete the same
 * kind side by side.
 * Everything is asynchronous; nothing here blocks an event loop. Logs what it deleted.
 *
 * <p>What goes, and when (the rules themselves are in the stores):
 * <ul>
 *   <li>ACME orders, with their authorizations, challenges and order copy of the certificate,
 *       {@link Retention#acmeOrders()} after they expired; a valid order only once every
 *       certificate issued for an order before it expired at least that long ago
 *       ({@link PgAcmeRetention});</li>
 *   <li>used nonces once their nonce expired {@link PgNonceStore#PURGE_GRACE} ago;</li>
 *   <li>SPC token jtis once {@code exp + pa.tokenClockSkewSeconds +} {@link #CLOCK_MARGIN} has
 *       passed, when the token is refused as expired anyway (RFC 9447 §3.3);</li>
 *   <li>CRLs and ARLs other than the newest {@link Retention#crlHistory()} after their
 *       nextUpdate, and never when no CRL history retention is configured (STANDARDS.md
 *       §6.4 item 4).</li>
 * </ul>
 */
public final class RetentionSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    /** Tolerated clock difference between instances, and between an instance and PostgreSQL. */
    public static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    /**
     * Kept back from the ACME certificate cut-off: the order copy's {@code created_at} comes from
     * the recording instance's clock, the CA record's from PostgreSQL's.
     */
    static final Duration ISSUED_MARGIN = Duration.ofDays(1);
    /** First sweep this long after start, so that it never competes with start-up. */
    private static final Duration FIRST_SWEEP = Duration.ofMinutes(1);
    /** The kinds of row swept, in order (each its own advisory lock, {@link PgRetentionLock}). */
    static final String ORDERS = "acme orders";
    static final String NONCES = "used nonces";
    static final String TOKEN_USES = "spc token uses";
    static final String CRLS = "crl history";
    static final String ARLS = "arl history";

    /** Pause between two batches of one sweep. */
    private static final Duration PAUSE = Duration.ofMillis(20);
    /** Batches of one kind in one sweep at most; the next sweep goes on where this one stopped. */
    private static final int MAX_BATCHES = 10_000;

    /**
     * One batch's outcome: {@code rows} deleted from the step's driving table (compared with
     * the batch size) and the rows deleted per table.
     */
    public record Batch(long rows, Map<String, Long> perTable) {
        public Batch {
            perTable = Map.copyOf(perTable);
        }
    }

    /**
     * One kind of row: deletes one batch at the given time and limit; an empty result means the
     * lock was held by another instance and nothing ran.
     */
    public record PurgeStep(String name, BatchRun batch) {
    }

    /** One batch of a {@link PurgeStep}. */
    @FunctionalInterface
    public interface BatchRun {
        Future<Optional<Batch>> run(Instant now, int limit);
    }

    /** What one sweep deleted per table, and the steps it skipped for another instance. */
    public record Swept(Map<String, Long> deleted, Set<String> skipped) {
        public Swept {
            deleted = Collections.unmodifiableMap(new LinkedHashMap<>(deleted));
            skipped = Collections.unmodifiableSet(new LinkedHashSet<>(skipped));
        }

        public long total() {
            return deleted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Vertx vertx;
    private final List<PurgeStep> steps;
    private final Retention retention;
    private final Clock clock;
    private long timer = -1;
    private boolean stopped;
    private Future<Swept> running;

    public RetentionSweeper(Vertx vertx, List<PurgeStep> steps, Retention retention, Clock clock) {
        this.vertx = vertx;
        this.steps = List.copyOf(steps);
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * The sweeper over the ACME, CRL and ca-server tables of {@code pool}; {@code tokenClockSkew}
     * is {@code pa.tokenClockSkewSeconds}, the skew the SPC token verifier tolerates on exp.
     */
    public static RetentionSweeper create(Vertx vertx, Pool pool, Retention retention,
                                          Duration tokenClockSkew, Clock clock) {
        return new RetentionSweeper(vertx, steps(pool, retention, tokenClockSkew), retention,
                clock);
    }

    static List<PurgeStep> steps(Pool pool, Retention retention, Duration tokenClockSkew) {
        PgRetentionLock lock = new PgRetentionLock(pool);
        PgAcmeRetention acme = new PgAcmeRetention();
        PgCertificateExpiry certificates = new PgCertificateExpiry(pool);
        PgTokenUseRetention tokens = new PgTokenUseRetention();
        List<PurgeStep> steps = new ArrayList<>();
        steps.add(new PurgeStep(ORDERS, (now, limit) -> {
            Instant cutoff = now.minus(retention.acmeOrders());
            return certificates.oldestOrderCertificateLiveAt(cutoff)
                    .compose(oldest -> {
                        Instant issuedBefore = oldest.filter(o -> o.isBefore(cutoff))
                                .orElse(cutoff).minus(ISSUED_MARGIN);
                        return lock.tryBatch(ORDERS, conn -> acme.purgeOrders(conn, cutoff,
                                issuedBefore, limit));
                    })
                    .map(done -> done.map(p -> new Batch(p.orders(), ordered(
                            "acme_order", p.orders(), "acme_authz", p.authzs(),
                            "acme_challenge", p.challenges(), "acme_certificate",
                            p.certificates()))));
        }));
        steps.add(new PurgeStep(NONCES, (now, limit) -> rows("acme_nonce_used",
                lock.tryBatch(NONCES, conn -> acme.purgeUsedNonces(conn,
                        now.minus(PgNonceStore.PURGE_GRACE), limit)))));
        steps.add(new PurgeStep(TOKEN_USES, (now, limit) -> rows("spc_token_use",
                lock.tryBatch(TOKEN_USES, conn -> tokens.purge(conn,
                        now.minus(tokenClockSkew).minus(CLOCK_MARGIN), limit)))));
        retention.crlHistory().ifPresent(history -> {
            PgCrlRetention crls = new PgCrlRetention();
            steps.add(new PurgeStep(CRLS, (now, limit) -> lock.tryBatch(CRLS, conn ->
                    crls.purgeCrls(conn, now.minus(history), limit))
                    .map(done -> done.map(p -> new Batch(p.crls(), ordered(
                            "crl", p.crls(), "crl_part", p.parts()))))));
            steps.add(new PurgeStep(ARLS, (now, limit) -> rows("arl",
                    lock.tryBatch(ARLS, conn -> crls.purgeArls(conn, now.minus(history), limit)))));
        });
        return steps;
    }

    private static Future<Optional<Batch>> rows(String table, Future<Optional<Integer>> deleted) {
        return deleted.map(done -> done.map(n -> new Batch(n, Map.of(table, n.longValue()))));
    }

    private static Map<String, Long> ordered(Object... tableAndCount) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < tableAndCount.length; i += 2) {
            counts.put((String) tableAndCount[i], (Long) tableAndCount[i + 1]);
        }
        return counts;
    }

    /** Sweeps every {@link Retention#interval()} from a minute after now, if enabled. */
    public void start() {
        if (!retention.enabled()) {
            LOG.info("retention sweep disabled (retention.enabled=false)");
            return;
        }
        timer = vertx.setPeriodic(FIRST_SWEEP.toMillis(), retention.interval().toMillis(),
                id -> sweepLogged());
    }

    /**
     * Stops the timer; a sweep in progress ends after its current batch. The future completes
     * when it has, so the pool can be closed afterwards.
     */
    public Future<Void> stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return running == null ? Future.succeededFuture()
                : running.<Void>mapEmpty().otherwiseEmpty();
    }

    private void sweepLogged() {
        if (running != null && !running.isComplete()) {
            return;
        }
        sweep().onSuccess(RetentionSweeper::log)
                .onFailure(e -> LOG.warn("retention sweep failed: {}", e.getMessage()));
    }

    /** One sweep over every step, now; see the class comment. */
    public Future<Swept> sweep() {
        Instant now = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        Set<String> skipped = new LinkedHashSet<>();
        Future<Void> chain = Future.succeededFuture();
        for (PurgeStep step : steps) {
            chain = chain.compose(v -> drain(step, now, 0, deleted, skipped));
        }
        running = chain.map(v -> new Swept(deleted, skipped));
        return running;
    }

    /** Batches of {@code step} until one deletes fewer than the batch size. */
    private Future<Void> drain(PurgeStep step, Instant now, int batches,
                               Map<String, Long> deleted, Set<String> skipped) {
        if (stopped) {
            return Future.succeededFuture();
        }
        if (batches >= MAX_BATCHES) {
            LOG.warn("retention: {} stopped after {} batches; the next sweep goes on",
                    step.name(), batches);
            return Future.succeededFuture();
        }
        int limit = retention.batchSize();
        return step.batch().run(now, limit).compose(done -> {
            if (done.isEmpty()) {
                skipped.add(step.name());
                LOG.debug("retention: {} skipped, another instance holds the lock", step.name());
                return Future.succeededFuture();
            }
            Batch batch = done.get();
            batch.perTable().forEach((table, n) -> deleted.merge(table, n, Long::sum));
            if (batch.rows() < limit) {
                return Future.succeededFuture();
            }
            return pause().compose(v -> drain(step, now, batches + 1, deleted, skipped));
        });
    }

    private static void log(Swept swept) {
        if (swept.total() > 0) {
            LOG.info("retention sweep deleted {} row(s): {}", swept.total(), swept.deleted());
        }
        if (!swept.skipped().isEmpty()) {
            LOG.info("retention sweep skipped {}: another instance was sweeping",
                    swept.skipped());
        }
    }

    private Future<Void> pause() {
        Promise<Void> paused = Promise.promise();
        vertx.setTimer(PAUSE.toMillis(), id -> paused.complete());
        return paused.future();
    }
}
