package org.stica.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Measures event-loop delay ({@code stica_event_loop_delay_seconds{loop}}): on each event loop a
 * timer is set {@code interval} ahead, and when it fires, how much later than due it ran is
 * recorded. That lag is how long every request on that loop waited behind work that held the
 * loop (house rule 4: a blocked loop shows up here before a blocked-thread warning). One probe
 * instance is deployed per event loop (Vert.x assigns instances to loops in turn); each labels
 * its samples with its loop thread's name. The timer keeps count, sum and a decaying max per
 * loop, so {@code max(stica_event_loop_delay_seconds_max)} is the worst recent stall. A sample
 * every 100 ms costs a few timer callbacks a second per loop.
 */
public final class EventLoopDelayProbe extends VerticleBase {
    /** How often each loop is sampled. */
    public static final Duration INTERVAL = Duration.ofMillis(100);

    private final MeterRegistry registry;
    private final long intervalNanos;
    private Timer delays;
    private long due;
    private long timerId = -1;
    private boolean stopped;

    EventLoopDelayProbe(MeterRegistry registry, Duration interval) {
        this.registry = registry;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Deploys a probe on each of Vert.x's default number of event loops
     * ({@link VertxOptions#DEFAULT_EVENT_LOOP_POOL_SIZE}); completes with the deployment to
     * undeploy when the server stops.
     */
    public static Future<String> deploy(Vertx vertx, MeterRegistry registry, Duration interval) {
        return vertx.deployVerticle(() -> new EventLoopDelayProbe(registry, interval),
                new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE));
    }

    /** How late a timer due at {@code due} ran at {@code ran} (both nanoTime); never negative. */
    static long lateness(long due, long ran) {
        return Math.max(0, ran - due);
    }

    @Override
    public Future<?> start() {
        delays = Timer.builder("stica.event.loop.delay")
                .description("How late a timer on the event loop ran: the loop's scheduling lag")
                .tag("loop", Thread.currentThread().getName()).register(registry);
        arm();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        return Future.succeededFuture();
    }

    private void arm() {
        due = System.nanoTime() + intervalNanos;
        timerId = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(intervalNanos)),
                id -> fired());
    }

    private void fired() {
        delays.record(lateness(due, System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!stopped) {
            arm();
        }
    }
}
