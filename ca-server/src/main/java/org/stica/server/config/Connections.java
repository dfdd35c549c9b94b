package org.stica.server.config;

import java.time.Duration;

/**
 * Connection hygiene on every listener (issue 17): a client must send its first request's
 * headers within {@code headerTimeout} (so half a request line does not hold a file descriptor),
 * a connection that neither reads nor writes for {@code idleTimeout} is closed, at most
 * {@code maxConnections} are open per listener (those past it are closed at once) and an HTTP/2
 * connection carries at most {@code maxConcurrentStreams} streams. The idle timeout must exceed
 * the longest request (a finalize retries its record for 20 s).
 */
public record Connections(Duration headerTimeout, Duration idleTimeout, int maxConnections,
                          int maxConcurrentStreams) {
    /** 10 s for the headers, 60 s idle, 10,000 connections, 100 streams. */
    public static final Connections DEFAULTS = new Connections(Duration.ofSeconds(10),
            Duration.ofSeconds(60), 10_000, 100);

    static Connections read(ConfigReader in) {
        Connections limits = new Connections(
                Duration.ofSeconds(in.intIn(ConfigKey.HTTP_HEADER_TIMEOUT_SECONDS, 1, 300)),
                Duration.ofSeconds(in.intIn(ConfigKey.HTTP_IDLE_TIMEOUT_SECONDS, 30, 3600)),
                in.intIn(ConfigKey.HTTP_MAX_CONNECTIONS, 1, 1_000_000),
                in.intIn(ConfigKey.HTTP_MAX_CONCURRENT_STREAMS, 1, 10_000));
        if (limits.idleTimeout().compareTo(limits.headerTimeout()) <= 0) {
            throw ConfigKey.HTTP_IDLE_TIMEOUT_SECONDS.invalid("must exceed "
                    + ConfigKey.HTTP_HEADER_TIMEOUT_SECONDS.label());
        }
        return limits;
    }
}
