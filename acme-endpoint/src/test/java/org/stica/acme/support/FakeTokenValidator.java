package org.stica.acme.support;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.policy.PolicyException;
import org.stica.policy.token.FingerprintForm;
import org.stica.policy.token.TokenVerdict;

/**
 * A token validator port that accepts every token (verdict with {@code exp} = now + 1 h) unless
 * told to refuse with a {@link PolicyException} or any other failure; records the requests.
 */
public final class FakeTokenValidator implements AuthorityTokenValidator {
    private final List<TokenValidationRequest> requests = new CopyOnWriteArrayList<>();
    private volatile RuntimeException refusal;
    private volatile boolean tokenCa;
    private volatile Supplier<Future<?>> whileValidating = Future::succeededFuture;

    @Override
    public Future<TokenVerdict> validate(TokenValidationRequest request) {
        requests.add(request);
        if (refusal != null) {
            return Future.failedFuture(refusal);
        }
        return whileValidating.get().map(done -> new TokenVerdict("jti-" + requests.size(),
                Instant.now().plus(Duration.ofHours(1)), tokenCa, FingerprintForm.JWK_THUMBPRINT,
                null));
    }

    /** What happens elsewhere while each token is being validated (another instance's work). */
    public void whileValidating(Supplier<Future<?>> work) {
        this.whileValidating = work;
    }

    /** The {@code atc.ca} the accepted tokens carry from now on (false at first). */
    public void answerCa(boolean ca) {
        this.tokenCa = ca;
    }

    public void refuseWith(RuntimeException failure) {
        this.refusal = failure;
    }

    public List<TokenValidationRequest> requests() {
        return List.copyOf(requests);
    }
}
