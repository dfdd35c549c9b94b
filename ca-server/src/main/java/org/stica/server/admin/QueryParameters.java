package org.stica.server.admin;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.stica.server.http.HttpProblem;

/**
 * Reads optional admin query parameters; a malformed value is a 400 {@code malformed} problem
 * naming the parameter (RFC 9457), never an exception that reaches the client.
 */
final class QueryParameters {
    private QueryParameters() {
    }

    /** The non-empty value of {@code name}, if given. */
    static Optional<String> text(MultiMap params, String name) {
        return Optional.ofNullable(params.get(name)).filter(s -> !s.isEmpty());
    }

    /** An integer, or {@code fallback} when absent. */
    static int number(MultiMap params, String name, int fallback) {
        try {
            return text(params, name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "malformed", name + " must be an integer");
        }
    }

    /** An RFC 3339 UTC time such as {@code 2026-01-31T12:00:00Z}. */
    static Optional<Instant> instant(MultiMap params, String name) {
        try {
            return text(params, name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new HttpProblem(400, "malformed", name + " must be an RFC 3339 UTC time"
                    + " such as 2026-01-31T12:00:00Z");
        }
    }
}
