package org.stica.server.cli;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.StiCaServer;
import org.stica.server.config.StiCaConfig;
import org.stica.server.metrics.MetricsVertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code serve}: runs the STI-CA until SIGTERM (or SIGINT), then drains the requests in flight
 * for at most {@code shutdown.drainSeconds}, closes everything and exits 0 (ARCHITECTURE.md §5
 * invariant 5). Any other JVM shutdown closes the server from a shutdown hook.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the STI-CA (ACME, CRL, certificate repository, admin API)")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /** Time allowed for closing the parts once the drain is over. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    @Mixin
    private ConfigOption configOption = new ConfigOption();

    ServeCommand withConfig(ConfigOption option) {
        this.configOption = option;
        return this;
    }

    @Override
    public Integer call() throws InterruptedException {
        StiCaConfig config = configOption.load();
        LOG.info("starting with {}", config);
        PublicUrlCheck.warning(config).ifPresent(LOG::warn);
        Vertx vertx = MetricsVertx.create(new VertxOptions().setPreferNativeTransport(true));
        LOG.info("network transport: {}", vertx.isNativeTransportEnabled() ? "native (epoll)"
                : "NIO (native transport unavailable: " + vertx.unavailableNativeTransportCause()
                + ")");
        StiCaServer server;
        try {
            server = StiCaServer.start(vertx, config).await();
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        TerminationSignals.onTerminate(stopRequested::countDown);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopping.compareAndSet(false, true)) {
                stop(server, vertx, config);
            }
        }, "stica-shutdown"));
        stopRequested.await();
        if (!stopping.compareAndSet(false, true)) {
            return 0;
        }
        return stop(server, vertx, config) ? 0 : 1;
    }

    /** Drains, closes the server and Vert.x; false when closing outlasted its bound. */
    private static boolean stop(StiCaServer server, Vertx vertx, StiCaConfig config) {
        Duration bound = config.shutdown().drain().plus(CLOSE_GRACE);
        LOG.info("stopping: draining for at most {} s", config.shutdown().drain().toSeconds());
        try {
            server.close().eventually(vertx::close).await(bound.toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.error("closing took longer than {} s; exiting anyway", bound.toSeconds());
            return false;
        }
    }
}
