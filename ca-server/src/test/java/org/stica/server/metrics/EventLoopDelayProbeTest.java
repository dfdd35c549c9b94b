package org.stica.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link EventLoopDelayProbe}: a loop held busy shows up as delay, per loop. */
class EventLoopDelayProbeTest {
    private static final Duration INTERVAL = Duration.ofMillis(20);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Vertx vertx;

    @AfterEach
    void stop() {
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void lateness_howLateAfterDue_neverNegative() {
        assertEquals(250, EventLoopDelayProbe.lateness(1000, 1250));
        assertEquals(0, EventLoopDelayProbe.lateness(1000, 1000));
        assertEquals(0, EventLoopDelayProbe.lateness(1000, 990));
    }

    @Test
    void probe_loopHeldBusy_recordsTheStall() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        EventLoopDelayProbe.deploy(vertx, registry, INTERVAL).await();
        Thread.sleep(200);
        Timer delays = registry.get("stica.event.loop.delay").timer();
        long quietSamples = delays.count();
        assertTrue(quietSamples >= 3, "sampled every interval: " + quietSamples);

        Context loop = vertx.getOrCreateContext();
        loop.runOnContext(v -> busy(300));
        Thread.sleep(600);

        assertTrue(delays.max(TimeUnit.MILLISECONDS) >= 250,
                "a 300 ms stall is seen: max " + delays.max(TimeUnit.MILLISECONDS) + " ms");
        assertTrue(delays.count() > quietSamples, "sampling goes on after the stall");
    }

    @Test
    void deploy_everyEventLoopGetsItsOwnSeries() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(
                VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE));
        EventLoopDelayProbe.deploy(vertx, registry, INTERVAL).await();
        Thread.sleep(100);

        Collection<Timer> timers = registry.find("stica.event.loop.delay").timers();
        Set<String> loops = timers.stream().map(t -> t.getId().getTag("loop"))
                .collect(Collectors.toSet());
        assertEquals(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, loops.size(), loops.toString());
        assertTrue(loops.stream().allMatch(name -> name.startsWith("vert.x-eventloop-thread-")),
                loops.toString());
    }

    private static void busy(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
