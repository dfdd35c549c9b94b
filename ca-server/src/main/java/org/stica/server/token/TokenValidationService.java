package org.stica.server.token;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.PaTrustAnchors;
import org.stica.policy.token.SpcToken;
import org.stica.policy.token.SpcTokenParser;
import org.stica.policy.token.SpcTokenVerifier;
import org.stica.policy.token.TokenExpectations;
import org.stica.policy.token.TokenType;
import org.stica.policy.token.TokenVerdict;
import org.stica.policy.token.X5uPolicy;
import org.stica.server.issuance.OutboxEvent;

/**
 * Validates a tkauth-01 authority token end to end, failing closed (RFC 9448 §6; STANDARDS.md
 * §3.5): parse → trust anchors configured → x5u allow-list → x5u fetch → signature, chain,
 * claims, fingerprint and {@code ca} flag → {@code jti} replay claim (RFC 9447 §3.3), which
 * also records the request's challenge outcome when it names one (issue 18). Each
 * decision is logged (decision, failing step, account, jti). One service validates the
 * {@link TokenType} of its verifier: SPC tokens against the STI-PA roots, or JWTClaimConstraints
 * tokens against the claim-token trust anchors (RCD.md §8 item 4), under the same x5u rules and
 * the same replay bookkeeping; {@link TokenTypeDispatch} picks one by the authorization's type.
 */
public final class TokenValidationService implements AuthorityTokenValidator {
    private static final Logger LOG = LoggerFactory.getLogger(TokenValidationService.class);

    private final SpcTokenParser parser;
    private final X5uPolicy x5uPolicy;
    private final X5uFetcher fetcher;
    private final SpcTokenVerifier verifier;
    private final TokenUses replayGuard;
    private final Supplier<PaTrustAnchors> trust;

    /** @param trust the same anchors the verifier uses; none configured refuses every token */
    public TokenValidationService(X5uPolicy x5uPolicy, X5uFetcher fetcher,
                                  SpcTokenVerifier verifier, TokenUses replayGuard,
                                  Supplier<PaTrustAnchors> trust) {
        this.parser = new SpcTokenParser();
        this.x5uPolicy = x5uPolicy;
        this.fetcher = fetcher;
        this.verifier = verifier;
        this.replayGuard = replayGuard;
        this.trust = trust;
    }

    /** The kind of token this service validates. */
    public TokenType type() {
        return verifier.type();
    }

    @Override
    public Future<TokenVerdict> validate(TokenValidationRequest request) {
        Audit audit = new Audit(request.accountId(), logName(verifier.type()));
        return audit.step("parse", () -> Future.succeededFuture(parser.parse(request.token())))
                .compose(token -> audit.step("trust-anchors", () -> requireAnchors(token)))
                .compose(token -> audit.step("x5u-policy", () -> checkX5u(token)))
                .compose(token -> audit.step("x5u-fetch", () -> fetcher.fetch(token.x5u()))
                        .compose(chain -> audit.step("verify", () -> Future.succeededFuture(
                                verifier.verify(token, chain, expectations(request)))))
                        .compose(verdict -> audit.step("replay", () -> replayGuard.claimAccepted(
                                verdict.jti(), issuer(token, verdict), request.accountId(),
                                verdict.expires(), accepted(request, verdict),
                                request.outcome().map(outcome -> outcome.apply(verdict)))
                                .map(verdict::outcomeRecorded))))
                .onSuccess(audit::accepted)
                .onFailure(audit::rejected);
    }

    /**
     * {@code spc-token.accepted} / {@code claim-token.accepted} (subject: the jti; details: its
     * expiry and {@code ca}), written with the jti claim.
     */
    private OutboxEvent accepted(TokenValidationRequest request, TokenVerdict verdict) {
        return new OutboxEvent(Instant.now(), logName(verifier.type()) + ".accepted",
                request.accountId(), new JsonObject().put("expires", verdict.expires().toString())
                .put("ca", verdict.ca()).encode());
    }

    private Future<SpcToken> requireAnchors(SpcToken token) {
        if (trust.get().roots().isEmpty()) {
            return Future.failedFuture(new PolicyException(Violation.TOKEN_SIGNER_UNTRUSTED,
                    "no " + verifier.type().anchors() + " trust anchors configured"));
        }
        return Future.succeededFuture(token);
    }

    private Future<SpcToken> checkX5u(SpcToken token) {
        x5uPolicy.check(token.x5u());
        return Future.succeededFuture(token);
    }

    private static TokenExpectations expectations(TokenValidationRequest request) {
        return new TokenExpectations(request.identifierDer(), request.accountKey(),
                request.expectCa());
    }

    /** {@code spc-token} or {@code claim-token}: how log lines and audit events name it. */
    public static String logName(TokenType type) {
        return type == TokenType.TN_AUTH_LIST ? "spc-token" : "claim-token";
    }

    private static String issuer(SpcToken token, TokenVerdict verdict) {
        return token.issuer().orElseGet(() -> verdict.signer().getSubjectX500Principal().getName());
    }

    /** One validation's audit trail: which step ran last, and the token's jti once parsed. */
    private static final class Audit {
        private final String accountId;
        private final String kind;
        private String step = "start";
        private String jti = "-";

        Audit(String accountId, String kind) {
            this.accountId = accountId;
            this.kind = kind;
        }

        <T> Future<T> step(String name, Supplier<Future<T>> work) {
            step = name;
            try {
                return work.get().onSuccess(this::remember);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }

        private void remember(Object result) {
            if (result instanceof SpcToken token) {
                jti = token.jti();
            }
        }

        void accepted(TokenVerdict verdict) {
            LOG.info("{} decision=accepted account={} jti={} fingerprint={} ca={}", kind,
                    accountId, verdict.jti(), verdict.fingerprintForm(), verdict.ca());
        }

        void rejected(Throwable failure) {
            if (failure instanceof PolicyException policy) {
                LOG.info("{} decision=rejected step={} violation={} account={} jti={}"
                        + " detail=\"{}\"", kind, step, policy.violation(), accountId, jti,
                        policy.detail());
            } else {
                LOG.warn("{} decision=error step={} account={} jti={} error={}", kind, step,
                        accountId, jti, failure.toString());
            }
        }
    }
}
