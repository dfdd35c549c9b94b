package org.stica.acme.problem;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.port.DependencyUnavailableException;
import org.stica.acme.port.RevocationRefused;
import org.stica.policy.PolicyException;

/**
 * The one place where failures become problem documents (RFC 8555 §6.7): {@link AcmeProblem} as
 * is, {@link PolicyException} by its violation category (STANDARDS.md §3.5.12),
 * {@link RevocationRefused} by kind (RFC 8555 §7.6), anything else {@code serverInternal} with a
 * generic detail while the cause is logged with a request id. Never exposes internal details.
 */
public final class ProblemMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    /** How long a client is asked to wait when a dependency is unavailable. */
    public static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    private final Predicate<Throwable> databaseUnavailable;

    /** A mapper that knows no database failure as unavailability (unit tests). */
    public ProblemMapper() {
        this(failure -> false);
    }

    /**
     * @param databaseUnavailable tells a failure that means the database could not be reached
     *                            (restart, cut connection) from any other
     */
    public ProblemMapper(Predicate<Throwable> databaseUnavailable) {
        this.databaseUnavailable = databaseUnavailable;
    }

    /**
     * The failure as the client should see it: a dependency that is unavailable (the database,
     * or {@link DependencyUnavailableException} from the CA) becomes
     * {@link AcmeProblem#unavailable} (503 with Retry-After, logged without a stack trace);
     * anything else is returned as it is.
     */
    public Throwable classify(Throwable failure) {
        String dependency = failure instanceof DependencyUnavailableException d ? d.dependency()
                : internal(failure) && databaseUnavailable.test(failure) ? "database" : null;
        if (dependency == null) {
            return failure;
        }
        LOG.warn("request refused: the {} is unavailable ({})", dependency, failure.toString());
        return AcmeProblem.unavailable("The CA's " + dependency + " is unavailable; nothing was"
                + " changed. Retry after " + UNAVAILABLE_RETRY_AFTER.toSeconds() + " seconds.",
                UNAVAILABLE_RETRY_AFTER);
    }

    /**
     * True for a failure that no rule decided (an exception from below): only such a failure can
     * be the database being away. A refusal keeps its own problem even when a cause of it was a
     * time-out (an x5u fetch, say).
     */
    private static boolean internal(Throwable failure) {
        return failure != null && !(failure instanceof AcmeProblem)
                && !(failure instanceof RenderedProblem) && !(failure instanceof PolicyException)
                && !(failure instanceof RevocationRefused);
    }

    /** Maps a failure; {@code requestId} ties the log line of an internal error to the request. */
    public Problem toProblem(Throwable cause, String requestId) {
        Throwable failure = classify(cause);
        if (failure instanceof RenderedProblem r) {
            return r.problem();
        }
        if (failure instanceof AcmeProblem p) {
            return new Problem(p.type().uri(), p.detail(), p.status(), p.algorithms());
        }
        if (failure instanceof PolicyException p) {
            return fromPolicy(p, requestId);
        }
        if (failure instanceof RevocationRefused r) {
            return of(revocationType(r.kind()), r.getMessage());
        }
        return internal(failure, requestId);
    }

    /** Maps a failure that has no request of its own (logged with a fresh id). */
    public Problem toProblem(Throwable failure) {
        return toProblem(failure, UUID.randomUUID().toString());
    }

    private Problem fromPolicy(PolicyException p, String requestId) {
        ProblemType type = switch (p.violation().category()) {
            case MALFORMED -> ProblemType.MALFORMED;
            case UNAUTHORIZED -> ProblemType.UNAUTHORIZED;
            case INCORRECT_RESPONSE -> ProblemType.INCORRECT_RESPONSE;
            case CONNECTION -> ProblemType.CONNECTION;
            case REJECTED_IDENTIFIER -> ProblemType.REJECTED_IDENTIFIER;
            case BAD_CSR -> ProblemType.BAD_CSR;
            case BAD_PUBLIC_KEY -> ProblemType.BAD_PUBLIC_KEY;
            case INTERNAL -> null;
        };
        if (type == null) {
            return internal(p, requestId);
        }
        return of(type, p.detail());
    }

    private static ProblemType revocationType(RevocationRefused.Kind kind) {
        return switch (kind) {
            case ALREADY_REVOKED -> ProblemType.ALREADY_REVOKED;
            case BAD_REASON -> ProblemType.BAD_REVOCATION_REASON;
            case UNAUTHORIZED -> ProblemType.UNAUTHORIZED;
        };
    }

    private static Problem internal(Throwable failure, String requestId) {
        LOG.error("request {} failed with an internal error", requestId, failure);
        return of(ProblemType.SERVER_INTERNAL,
                "The server could not process the request (request id " + requestId + ")");
    }

    private static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), detail, type.defaultStatus(), Optional.empty());
    }
}
