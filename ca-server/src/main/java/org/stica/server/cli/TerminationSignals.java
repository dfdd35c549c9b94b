package org.stica.server.cli;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Routes SIGTERM and SIGINT to the server's own stop instead of the JVM's default (which runs
 * the shutdown hooks and exits 143), so {@code serve} can drain, close and exit 0
 * (ARCHITECTURE.md §5 invariant 5).
 */
final class TerminationSignals {
    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {
    }

    /** Runs {@code stop} (on the JVM's signal thread) for each SIGTERM or SIGINT received. */
    static void onTerminate(Runnable stop) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG{} received", signal.getName());
                    stop.run();
                });
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot handle SIG{} here; it stops the JVM without draining", name);
            }
        }
    }
}
