package org.stica.acme.service;

import java.time.Duration;
import java.time.Instant;

/**
 * An ARI suggested renewal window (RFC 9773 §4.2): {@code start} strictly before {@code end},
 * and how long the client should wait before asking again ({@code Retry-After}, §4.3).
 */
public record RenewalWindow(Instant start, Instant end, Duration retryAfter) {
    public RenewalWindow {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end must be after its start");
        }
    }
}
