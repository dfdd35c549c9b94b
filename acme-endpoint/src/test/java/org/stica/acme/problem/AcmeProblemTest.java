package org.stica.acme.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link AcmeProblem#rateLimited}: RFC 8555 §6.6 rateLimited with a Retry-After in seconds. */
class AcmeProblemTest {
    private static String retryAfter(Duration wait) {
        AcmeProblem problem = AcmeProblem.rateLimited("slow down", wait);
        assertEquals(ProblemType.RATE_LIMITED, problem.type());
        assertEquals(429, problem.status());
        return problem.headers().get("Retry-After");
    }

    @Test
    void rateLimited_retryAfter_wholeSecondsRoundedUpAndAtLeastOne() {
        // a client that waits Retry-After must be past the wait: 1.2 s → 2, never 1
        assertEquals("2", retryAfter(Duration.ofMillis(1_200)));
        assertEquals("2", retryAfter(Duration.ofSeconds(2)));
        assertEquals("1", retryAfter(Duration.ofMillis(36)));
        assertEquals("1", retryAfter(Duration.ZERO));
        assertEquals("1", retryAfter(Duration.ofMillis(-500)));
    }
}
