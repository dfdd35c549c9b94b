package org.stica.server.cli;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.StiCaServer;
import org.stica.server.config.StiCaConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: runs the STI-CA until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the STI-CA (ACME, CRL, certificate repository, admin API)")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

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
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close().eventually(() -> vertx.close()).await();
            stopped.countDown();
        }, "stica-shutdown"));
        stopped.await();
        return 0;
    }
}
