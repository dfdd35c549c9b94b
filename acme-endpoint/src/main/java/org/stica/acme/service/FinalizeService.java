package org.stica.acme.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.stica.acme.jws.FlattenedJwsCheck;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.CertificateRecord;
import org.stica.acme.model.Order;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.model.RandomIds;
import org.stica.acme.port.AcmeActivity;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuanceOutcomeUnknownException;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.Problem;
import org.stica.acme.problem.ProblemMapper;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.problem.RenderedProblem;
import org.stica.acme.store.pg.IssuedOrderSql;
import org.stica.acme.store.pg.PgOrderStore;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.csr.CheckedCsr;
import org.stica.policy.csr.CsrPolicy;
import org.stica.policy.rcd.ConstraintsIdentifier;

/**
 * Order finalization (RFC 8555 §7.4, STANDARDS.md §3.6): the order must be ready and unexpired
 * (else 403 orderNotReady), one conditional update moves ready → processing (only one finalize
 * wins), the CSR passes {@link CsrPolicy} (badCSR / badPublicKey; refused, the order is ready
 * again before the answer), the CA issues outside any transaction, and the certificate is
 * recorded with the order valid (with {@code x5u}, RFC 9448 §7) — or the order becomes invalid
 * with the error, which the client also receives. An RCD
 * order's CSR must also request its JWTClaimConstraints extension byte for byte, and the
 * identifier must still be an approved RCD set ({@link ClaimConstraintsOrders}). The order's
 * profile sets the requested notAfter ({@link Profiles#notAfter}). The certificate issued and
 * the order's final status are told to the {@link AcmeActivity} port.
 *
 * <p>Round trips: the claim returns the order with its authorizations (one statement, issue 18);
 * the CA records the order valid in the statement that records its certificate
 * ({@link IssuanceRequest#orderRecord()}), so the answer is built from the claimed order,
 * not read again. A CA that did not record the order leaves it to {@link
 * PgOrderStore#recordIssued}. A request that finds the order in any other state reads it to say
 * why.
 */
public final class FinalizeService {
    private final PgOrderStore orders;
    private final OrderService orderReader;
    private final CertificateAuthority ca;
    private final ProblemMapper problems;
    private final Clock clock;
    private final CsrPolicy csrPolicy = new CsrPolicy();
    private final Profiles profiles;
    private final AcmeActivity activity;

    public FinalizeService(PgOrderStore orders, OrderService orderReader, CertificateAuthority ca,
                           ProblemMapper problems, Profiles profiles, AcmeActivity activity,
                           Clock clock) {
        this.profiles = profiles;
        this.activity = activity;
        this.orders = orders;
        this.orderReader = orderReader;
        this.ca = ca;
        this.problems = problems;
        this.clock = clock;
    }

    /**
     * The usual finalize (the account's ready order) claims the order and reads it with its
     * authorizations in one statement; the checks below then run on the claimed order, and a
     * refusal puts it back to ready before answering, so a corrected request can follow. Any
     * other case (unknown, another account's, not ready, expired) reads the order to say why,
     * changing nothing. The claim records the request's nonce (issue 18); a replayed one is
     * badNonce, and the statement changed nothing.
     */
    public Future<OrderState> finalizeOrder(SignedRequest request, String orderId) {
        Account account = request.requireAccount();
        byte[] csr = csr(request);
        return orders.claimForFinalize(orderId, account.id(), clock.instant(), request.nonce())
                .compose(claimed -> claimed.isPresent()
                        ? finalizeClaimed(account, csr, new OrderState(claimed.get().order(),
                                claimed.get().authzs()))
                        : orderReader.load(orderId, account).compose(state -> {
                            readyOrder(state, clock.instant());
                            readyAuthorizations(state, clock.instant());
                            return Future.failedFuture(notReady("order is no longer ready"));
                        }));
    }

    /** The checks and the issuance of a claimed (processing) order; refused: ready again. */
    private Future<OrderState> finalizeClaimed(Account account, byte[] csr, OrderState state) {
        return checkedAndIssued(account, csr, state).recover(failure ->
                failure instanceof Refused refused
                        ? orders.backToReady(state.order().id()).transform(
                                done -> Future.failedFuture(refused.getCause()))
                        : Future.failedFuture(failure));
    }

    /** A refusal before anything was issued: the claim is undone before it is answered. */
    private static final class Refused extends RuntimeException {
        Refused(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private Future<OrderState> checkedAndIssued(Account account, byte[] csrDer,
                                                OrderState state) {
        Order order = state.order();
        Instant tokenExpires;
        boolean ca;
        Optional<ConstraintsIdentifier> claims;
        CheckedCsr checked;
        try {
            tokenExpires = readyAuthorizations(state, clock.instant());
            ca = caFlag(order, state.authorizations());
            claims = ClaimConstraintsOrders.of(state.authorizations());
            checked = csrPolicy.check(csrDer, order.identifierDer(), claims, ca);
        } catch (RuntimeException refused) {
            return Future.failedFuture(new Refused(refused));
        }
        String certificateId = RandomIds.next();
        Instant recordedAt = clock.instant();
        Function<IssuedCertificate, CertificateRecord> recordOf = issued ->
                new CertificateRecord(certificateId, order.id(), account.id(),
                        issued.serialHex(), PemChain.encode(issued.chain()),
                        issued.x5u().toString(), recordedAt);
        return orderReader.entitled(account, order.spc(), claims, order.profile())
                .recover(refused -> Future.failedFuture(new Refused(refused)))
                .compose(subscriber -> issue(new IssuanceRequest(
                        account.id(), order.id(), checked.subjectKey(),
                        order.identifierDer(), order.spc(), ca, order.notBefore(),
                        profiles.notAfter(order, clock.instant()), tokenExpires, subscriber,
                        Optional.of(checked.subject()), claims,
                        Optional.of(recordOf.andThen(IssuedOrderSql::part))), order, recordOf))
                .map(valid -> new OrderState(valid, state.authorizations()));
    }

    /** The order (as read, not claimed) is ready; else orderNotReady saying what it is. */
    private static void readyOrder(OrderState state, Instant now) {
        OrderStatus status = state.order().statusAt(now);
        if (status != OrderStatus.READY) {
            throw notReady("order is " + status.wire() + ", not ready");
        }
    }

    /** Every authorization is still valid; returns the earliest token exp. */
    private static Instant readyAuthorizations(OrderState state, Instant now) {
        List<Authz> authzs = state.authorizations();
        if (authzs.isEmpty() || authzs.stream()
                .anyMatch(a -> a.statusAt(now) != AuthzStatus.VALID
                        || a.tokenExpires().isEmpty())) {
            throw notReady("an authorization of the order is no longer valid");
        }
        return authzs.stream().map(a -> a.tokenExpires().orElseThrow())
                .min(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * The CA flag of the certificate to issue: true under {@code shaken-sca}. Every
     * authorization's token must have carried the same {@code atc.ca} (RFC 9448 §6 step 9;
     * STANDARDS.md §3.5 item 10), else unauthorized.
     */
    private static boolean caFlag(Order order, List<Authz> authzs) {
        boolean ca = Profiles.requiresCa(order.profile());
        if (authzs.stream().anyMatch(a -> a.tokenCa() != ca)) {
            throw new PolicyException(Violation.TOKEN_CA_FLAG_MISMATCH, "the authority token's"
                    + " atc.ca does not match the order's profile '" + order.profile() + "'");
        }
        return ca;
    }

    private static byte[] csr(SignedRequest request) {
        Object csr = request.jsonPayload().getValue("csr");
        if (!(csr instanceof String text) || text.isEmpty()
                || !FlattenedJwsCheck.isStrictBase64Url(text)) {
            throw AcmeProblem.malformed("finalize needs 'csr' as unpadded base64url DER");
        }
        return Base64.getUrlDecoder().decode(text);
    }

    /**
     * Issues and records; the order as the recording left it (valid). When the CA cannot tell
     * whether its certificate was recorded, the order stays processing for the CA's records to
     * settle ({@link org.stica.acme.store.pg.StuckWorkSweeper}) and the client is told to poll.
     */
    private Future<Order> issue(IssuanceRequest issuance, Order claimed,
                                Function<IssuedCertificate, CertificateRecord> recordOf) {
        return Future.<Void>succeededFuture()
                .compose(v -> ca.issue(issuance))
                .transform(result -> result.succeeded()
                        ? record(recordOf.apply(result.result()), result.result(), claimed)
                        : result.cause() instanceof IssuanceOutcomeUnknownException
                                ? Future.failedFuture(outcomePending())
                                : fail(issuance.orderId(), result.cause()));
    }

    private static AcmeProblem outcomePending() {
        return AcmeProblem.unavailable("The certificate of this order may have been signed while"
                + " the CA's database was unavailable; the order stays processing until the CA's"
                + " records settle it. Poll the order.", ProblemMapper.UNAVAILABLE_RETRY_AFTER);
    }

    /**
     * The order made valid with its certificate: by the CA's own statement that recorded the
     * certificate (issue 18: no statement of its own), or else recorded here. Counted as issued
     * once the order is valid, so a certificate whose order this request could not record is
     * counted by the sweep that records it ({@link InterruptedWorkService}), and none is counted
     * twice.
     */
    private Future<Order> record(CertificateRecord record, IssuedCertificate issued,
                                 Order claimed) {
        Future<Order> valid;
        if (issued.orderRecorded()) {
            orders.remember(record);
            valid = Future.succeededFuture(claimed.valid(record.id(), record.x5u()));
        } else {
            valid = orders.recordIssued(record);
        }
        return valid.onSuccess(order -> {
            activity.certificateIssued(claimed.profile());
            activity.orderFinished(OrderStatus.VALID);
        });
    }

    private Future<Order> fail(String orderId, Throwable cause) {
        Problem problem = problems.toProblem(cause);
        return orders.recordFailed(orderId, problem.toJson().encode())
                .onSuccess(moved -> {
                    if (moved) {
                        activity.orderFinished(OrderStatus.INVALID);
                    }
                })
                .transform(ignored -> Future.failedFuture(new RenderedProblem(problem)));
    }

    private static AcmeProblem notReady(String detail) {
        return new AcmeProblem(ProblemType.ORDER_NOT_READY, detail);
    }
}
