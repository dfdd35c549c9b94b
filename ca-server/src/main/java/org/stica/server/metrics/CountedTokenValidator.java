package org.stica.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.TokenVerdict;

/**
 * Counts the SPC tokens {@code delegate} refuses by reason code
 * ({@code stica_spc_token_refusals_total{reason}}): the policy {@link Violation} that refused
 * it (RFC 9448 §6 steps, e.g. {@code TOKEN_EXPIRED}), or {@code INTERNAL_ERROR}, the reason the
 * audit log records too. A reason's counter is registered the first time it occurs.
 */
final class CountedTokenValidator implements AuthorityTokenValidator {
    /** The reason of a refusal that is not a policy violation. */
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private final AuthorityTokenValidator delegate;
    private final MeterRegistry registry;
    private final AtomicReferenceArray<Counter> byViolation =
            new AtomicReferenceArray<>(Violation.values().length);
    private final Counter internal;

    CountedTokenValidator(AuthorityTokenValidator delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        this.internal = counter(INTERNAL_ERROR);
    }

    @Override
    public Future<TokenVerdict> validate(TokenValidationRequest request) {
        return delegate.validate(request).onFailure(this::count);
    }

    private void count(Throwable failure) {
        if (failure instanceof PolicyException policy) {
            Violation violation = policy.violation();
            Counter counter = byViolation.get(violation.ordinal());
            if (counter == null) {
                counter = counter(violation.name());
                byViolation.set(violation.ordinal(), counter);
            }
            counter.increment();
        } else {
            internal.increment();
        }
    }

    private Counter counter(String reason) {
        return Counter.builder("stica.spc.token.refusals")
                .description("SPC tokens refused at tkauth-01 validation, by reason code")
                .tag("reason", reason).register(registry);
    }
}
