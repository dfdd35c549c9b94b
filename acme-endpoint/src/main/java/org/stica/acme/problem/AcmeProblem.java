package org.stica.acme.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A failure the client caused or must be told about, carried as an exception until the one
 * {@link ProblemMapper} renders it (RFC 8555 §6.7). The detail must be safe to show to the client.
 */
public final class AcmeProblem extends RuntimeException {
    private final ProblemType type;
    private final int status;
    private final List<String> algorithms;
    private final Map<String, String> headers;

    public AcmeProblem(ProblemType type, String detail) {
        this(type, detail, type.defaultStatus(), List.of(), Map.of());
    }

    private AcmeProblem(ProblemType type, String detail, int status, List<String> algorithms,
                        Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.algorithms = List.copyOf(algorithms);
        this.headers = Map.copyOf(headers);
    }

    private AcmeProblem(ProblemType type, String detail, int status, List<String> algorithms) {
        this(type, detail, status, algorithms, Map.of());
    }

    /**
     * rateLimited (RFC 8555 §6.6) with the {@code Retry-After} the client must wait, in whole
     * seconds rounded up (at least 1): a client that waits that long is past the wait.
     */
    public static AcmeProblem rateLimited(String detail, Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds()
                + (retryAfter.toNanosPart() > 0 ? 1 : 0));
        return new AcmeProblem(ProblemType.RATE_LIMITED, detail,
                ProblemType.RATE_LIMITED.defaultStatus(), List.of(),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /** 409 Conflict naming the conflicting resource in {@code Location} (RFC 8555 §7.3.5). */
    public static AcmeProblem conflict(String detail, String location) {
        return new AcmeProblem(ProblemType.MALFORMED, detail, 409, List.of(),
                Map.of("Location", location));
    }

    /** The same problem type with a non-default HTTP status (e.g. malformed with 404 or 413). */
    public static AcmeProblem withStatus(ProblemType type, String detail, int status) {
        return new AcmeProblem(type, detail, status, List.of());
    }

    /** badSignatureAlgorithm listing the supported algorithms (RFC 8555 §6.2). */
    public static AcmeProblem badSignatureAlgorithm(String detail, List<String> supported) {
        ProblemType type = ProblemType.BAD_SIGNATURE_ALGORITHM;
        return new AcmeProblem(type, detail, type.defaultStatus(), supported);
    }

    public static AcmeProblem malformed(String detail) {
        return new AcmeProblem(ProblemType.MALFORMED, detail);
    }

    public static AcmeProblem unauthorized(String detail) {
        return new AcmeProblem(ProblemType.UNAUTHORIZED, detail);
    }

    public static AcmeProblem notFound(String what) {
        return withStatus(ProblemType.MALFORMED, what + " does not exist", 404);
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    /**
     * serverInternal with status 503 and {@code Retry-After} (RFC 9110 §10.2.3): a dependency
     * of the CA is unavailable and nothing was done; the client should try again after
     * {@code retryAfter} (issue 14 invariant 4).
     */
    public static AcmeProblem unavailable(String detail, Duration retryAfter) {
        return new AcmeProblem(ProblemType.SERVER_INTERNAL, detail, 503, List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
    }

    /** Response headers the problem carries ({@code Retry-After}, {@code Location}). */
    public Map<String, String> headers() {
        return new LinkedHashMap<>(headers);
    }

    /** The {@code algorithms} member of a badSignatureAlgorithm problem, when present. */
    public Optional<List<String>> algorithms() {
        return algorithms.isEmpty() ? Optional.empty() : Optional.of(algorithms);
    }
}
