package org.stica.acme.service;

import io.vertx.core.Future;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.stica.acme.jws.JwkPublicKeys;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.port.AcmeActivity;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemMapper;
import org.stica.acme.store.pg.PgChallengeStore;
import org.stica.acme.store.pg.PgChallengeStore.Loaded;
import org.stica.acme.store.pg.PgChallengeStore.Recorded;
import org.stica.acme.store.pg.ValidChallengeSql;
import org.stica.policy.token.TokenVerdict;

/**
 * tkauth-01 challenge responses (RFC 8555 §7.5.1, RFC 9447 §6, RFC 9448 §4–§6). A pending
 * challenge moves to processing (only one request wins), the SPC token is validated through the
 * {@link AuthorityTokenValidator} port outside any transaction, and the outcome is recorded:
 * challenge + authorization valid and order ready with the token's {@code exp}, or challenge,
 * authorization and order invalid with the mapped problem (RFC 9448 §6). A challenge that is no
 * longer pending is returned unchanged. The token's {@code atc.ca} must be true exactly when the
 * order's profile issues a CA certificate ({@link Profiles#requiresCa}, RFC 9448 §6 step 9).
 *
 * <p>Round trips: the pending → processing claim, which reads the challenge, its authorization
 * and the order's profile (issue 18), and the validator's jti claim, which also records the
 * valid outcome ({@link ValidChallengeSql}, issue 18); a validator that did not record it leaves
 * it to the outcome statement here, and a refused token's invalid outcome is a statement of its
 * own. Only a request that lost the race to another one reads the challenge again. Each outcome
 * recorded (and the order an invalid one ends) is told to the {@link AcmeActivity} port.
 */
public final class ChallengeService {
    private final PgChallengeStore challenges;
    private final AuthorityTokenValidator validator;
    private final ProblemMapper problems;
    private final Clock clock;
    private final AcmeActivity activity;
    private final TkauthResponseCheck responses = new TkauthResponseCheck();

    public ChallengeService(PgChallengeStore challenges, AuthorityTokenValidator validator,
                            ProblemMapper problems, AcmeActivity activity, Clock clock) {
        this.challenges = challenges;
        this.activity = activity;
        this.validator = validator;
        this.problems = problems;
        this.clock = clock;
    }

    /**
     * A response to the challenge. The usual one (a well-formed token for the account's pending
     * challenge) claims the challenge and reads it in one statement; anything else, or a claim
     * that finds the challenge in another state, takes the read and the checks below, which
     * answer exactly as before the claim.
     */
    public Future<ChallengeState> respond(SignedRequest request, String challengeId) {
        Account account = request.requireAccount();
        Optional<String> token = request.postAsGet() ? Optional.empty() : wellFormedToken(request);
        if (token.isEmpty()) {
            return respondAfterRead(request, challengeId);
        }
        PublicKey accountKey = JwkPublicKeys.toPublicKey(request.key());
        return challenges.claim(challengeId, account.id(), clock.instant(), request.nonce())
                .compose(claimed -> claimed.isPresent()
                        ? validate(token.get(), accountKey, claimed.get())
                        : respondAfterRead(request, challengeId));
    }

    private Optional<String> wellFormedToken(SignedRequest request) {
        try {
            return Optional.of(responses.token(request.jsonPayload()));
        } catch (AcmeProblem malformed) {
            return Optional.empty();
        }
    }

    private Future<ChallengeState> respondAfterRead(SignedRequest request, String challengeId) {
        Account account = request.requireAccount();
        return load(challengeId).compose(loaded -> {
            OwnershipCheck.check(loaded.authz().accountId(), account, "authorization");
            return answer(request, loaded);
        });
    }

    /**
     * The token to validate, naming the challenge outcome for the validator to record with the
     * token's jti claim (issue 18).
     */
    private static TokenValidationRequest validation(String token, PublicKey accountKey,
                                                     Loaded loaded, Instant validatedAt) {
        Authz authz = loaded.authz();
        return new TokenValidationRequest(token, authz.identifierDer(), accountKey,
                authz.accountId(), Profiles.requiresCa(loaded.orderProfile()),
                authz.identifierType(), Optional.of(verdict -> ValidChallengeSql.part(
                        loaded.challenge().id(), authz.id(), authz.orderId(), validatedAt,
                        verdict.expires(), verdict.ca())));
    }

    private Future<Loaded> load(String challengeId) {
        return challenges.findForResponse(challengeId)
                .map(found -> found.orElseThrow(() -> AcmeProblem.notFound("challenge")));
    }

    private Future<ChallengeState> answer(SignedRequest request, Loaded loaded) {
        Challenge challenge = loaded.challenge();
        Authz authz = loaded.authz();
        if (request.postAsGet() || challenge.status() != ChallengeStatus.PENDING) {
            return Future.succeededFuture(new ChallengeState(challenge, authz));
        }
        String token = responses.token(request.jsonPayload());
        AuthzStatus authzStatus = authz.statusAt(clock.instant());
        if (authzStatus != AuthzStatus.PENDING) {
            throw AcmeProblem.malformed("the authorization is " + authzStatus.wire());
        }
        PublicKey accountKey = JwkPublicKeys.toPublicKey(request.key());
        return challenges.startProcessing(challenge.id())
                .compose(won -> won ? validate(token, accountKey, loaded)
                        : load(challenge.id()).map(now -> new ChallengeState(now.challenge(),
                                now.authz())));
    }

    private Future<ChallengeState> validate(String token, PublicKey accountKey, Loaded loaded) {
        Challenge challenge = loaded.challenge();
        Authz authz = loaded.authz();
        Instant validatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Future.<Void>succeededFuture()
                .compose(v -> validator.validate(validation(token, accountKey, loaded,
                        validatedAt)))
                .transform(result -> result.succeeded()
                        ? recordValid(challenge, authz, result.result(), validatedAt)
                        : recordInvalid(challenge, authz, result.cause()).map(recorded ->
                                new ChallengeState(recorded.challenge(), recorded.authz())));
    }

    /**
     * The challenge valid: recorded by the validator's jti claim (issue 18), or else here. A
     * challenge no longer processing (a sweep closed it, or its authorization changed) is
     * answered as it now is.
     */
    private Future<ChallengeState> recordValid(Challenge challenge, Authz authz,
                                               TokenVerdict verdict, Instant validatedAt) {
        Future<ChallengeState> valid;
        if (verdict.outcomeRecorded()) {
            valid = Future.succeededFuture(new ChallengeState(challenge.valid(validatedAt),
                    authz.valid(verdict.expires(), verdict.ca())));
        } else {
            valid = challenges.recordValid(challenge, authz, validatedAt, verdict.expires(),
                    verdict.ca()).map(recorded -> new ChallengeState(recorded.challenge(),
                    recorded.authz()));
        }
        return valid.onSuccess(state -> activity.challengeFinished(ChallengeStatus.VALID))
                .recover(failure -> failure instanceof IllegalStateException
                        ? load(challenge.id()).map(now -> new ChallengeState(now.challenge(),
                                now.authz()))
                        : Future.failedFuture(failure));
    }

    private Future<Recorded> recordInvalid(Challenge challenge, Authz authz, Throwable cause) {
        String error = problems.toProblem(cause).toJson().encode();
        return challenges.recordInvalid(challenge, authz, error).onSuccess(recorded -> {
            activity.challengeFinished(ChallengeStatus.INVALID);
            activity.orderFinished(OrderStatus.INVALID);
        });
    }
}
