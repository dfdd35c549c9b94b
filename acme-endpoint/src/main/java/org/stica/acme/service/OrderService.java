package org.stica.acme.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stica.acme.jws.RequestNonce;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.Order;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.model.RandomIds;
import org.stica.acme.port.AcmeActivity;
import org.stica.acme.port.SubscriberCheck;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.AlreadyReplacedException;
import org.stica.acme.store.pg.PgOrderStore;
import org.stica.policy.profile.SubscriberName;
import org.stica.policy.rcd.ConstraintsIdentifier;

/**
 * newOrder (RFC 8555 §7.4, RFC 9448 §3) and order POST-as-GET: an order holds one TNAuthList
 * identifier, one authorization and one tkauth-01 challenge ({@code tkauth-type} "atc",
 * RFC 9448 §4), all created pending in one atomic statement; an RCD order adds a
 * JWTClaimConstraints identifier with its own authorization and challenge
 * ({@link ClaimConstraintsOrders}). newOrder also applies the
 * per-account rate limit (§6.6, counted in PostgreSQL so it holds across instances), the profile
 * (draft-ietf-acme-profiles), ARI {@code replaces} (RFC 9773 §5), and — for an account bound
 * through EAB to a service provider — that the SPC is that provider's. Orders created and
 * newOrders refused by the rate limit are told to the {@link AcmeActivity} port.
 */
public final class OrderService {
    private static final Duration RATE_WINDOW = Duration.ofHours(1);
    /** The name of the newOrder rate limit, as {@link AcmeActivity#rateLimited} hears it. */
    public static final String NEW_ORDER_LIMIT = "newOrder";

    private final PgOrderStore orders;
    private final NewOrderCheck check;
    private final Clock clock;
    private final OrderRules rules;
    private final ReplacedCertificates replacements;
    private final SubscriberCheck subscribers;
    private final AcmeActivity activity;
    private final ClaimConstraintsOrders claims;

    public OrderService(PgOrderStore orders, OrderRules rules,
                        ReplacedCertificates replacements, SubscriberCheck subscribers,
                        ClaimConstraintsOrders claims, AcmeActivity activity, Clock clock) {
        this.claims = claims;
        this.subscribers = subscribers;
        this.activity = activity;
        this.orders = orders;
        this.check = new NewOrderCheck(rules.spcPattern());
        this.rules = rules;
        this.replacements = replacements;
        this.clock = clock;
    }

    public Future<OrderState> newOrder(SignedRequest request) {
        Account account = request.requireAccount();
        JsonObject payload = request.jsonPayload();
        OrderRequest wanted = check.check(payload);
        String profile = rules.profiles().select(payload.getValue("profile"));
        account.eabLabel()
                .filter(label -> !label.startsWith(SubscriberCheck.SUBSCRIBER_LABEL_PREFIX))
                .filter(label -> !label.equals(wanted.spc())).ifPresent(label -> {
                    throw new AcmeProblem(ProblemType.REJECTED_IDENTIFIER, "this account is"
                            + " bound to service provider '" + label + "' and may not order"
                            + " SPC '" + wanted.spc() + "'");
                });
        Instant now = clock.instant();
        return entitled(account, wanted.spc(), wanted.claims(), profile)
                .compose(subscriber -> replacements.check(payload.getValue("replaces"), account,
                        wanted.identifierDer()))
                .compose(replaces -> create(account, wanted, profile, replaces, now,
                        request.nonce()));
    }

    /**
     * The subscriber {@code account} orders {@code spc} for (issue 15): an active one holding
     * it, and the account's own when it is bound to one; else rejectedIdentifier, nothing made.
     */
    Future<SubscriberName> entitled(Account account, String spc) {
        return subscribers.entitled(account.eabLabel(), spc);
    }

    /**
     * As {@link #entitled(Account, String)}, and an order's JWTClaimConstraints identifier, if
     * it holds one, must be an approved RCD set of that subscriber, under an end-entity profile
     * ({@link ClaimConstraintsOrders#approved}).
     */
    Future<SubscriberName> entitled(Account account, String spc,
                                    Optional<ConstraintsIdentifier> constraints, String profile) {
        if (constraints.isEmpty()) {
            return entitled(account, spc);
        }
        return entitled(account, spc).compose(subscriber -> claims.approved(account, spc,
                constraints, profile).map(subscriber));
    }

    private Future<OrderState> create(Account account, OrderRequest wanted, String profile,
                                      Optional<String> replaces, Instant now,
                                      RequestNonce nonce) {
        Order order = new Order(RandomIds.next(), account.id(), OrderStatus.PENDING,
                now.plus(rules.orderLifetime()), wanted.identifierValue(),
                wanted.identifierDer(), wanted.spc(), wanted.notBefore(), wanted.notAfter(),
                Optional.empty(), Optional.empty(), Optional.empty(), profile, replaces);
        Authz authz = new Authz(RandomIds.next(), order.id(), account.id(), AuthzStatus.PENDING,
                now.plus(rules.authzLifetime()), wanted.identifierValue(),
                wanted.identifierDer(), Optional.empty(), false);
        Challenge challenge = new Challenge(RandomIds.next(), authz.id(), RandomIds.next(),
                ChallengeStatus.PENDING, Optional.empty(), Optional.empty());
        Optional<Authz> claimsAuthz = wanted.claims().map(c -> ClaimConstraintsOrders.authz(
                order, c, authz.expires()));
        // RFC 8555 §6.6: at most ordersPerHour newOrders per account per hour (a burst of that
        // many, then one every hour / ordersPerHour), admitted by the statement that creates it;
        // that statement records the request's nonce too (the RCD order's transaction does not)
        return (claimsAuthz.isEmpty()
                ? orders.create(order, authz, challenge, now, RATE_WINDOW, rules.ordersPerHour(),
                        nonce)
                : nonce.settle().compose(settled -> claims.create(order, authz, challenge,
                        claimsAuthz.get(), now, RATE_WINDOW, rules.ordersPerHour())))
                .recover(failure -> Future.failedFuture(
                        failure instanceof AlreadyReplacedException
                                ? ReplacedCertificates.alreadyReplaced() : failure))
                .compose(creation -> creation.created()
                        ? Future.succeededFuture(created(order, authz, claimsAuthz))
                        : Future.failedFuture(rateLimited(creation.admittedAt(), now)));
    }

    private OrderState created(Order order, Authz authz, Optional<Authz> claimsAuthz) {
        activity.orderCreated(order.profile());
        return new OrderState(order, claimsAuthz.map(c -> List.of(authz, c))
                .orElseGet(() -> List.of(authz)));
    }

    private AcmeProblem rateLimited(Instant admittedAt, Instant now) {
        activity.rateLimited(NEW_ORDER_LIMIT);
        return AcmeProblem.rateLimited("at most " + rules.ordersPerHour()
                + " new orders per account per hour", Duration.between(now, admittedAt));
    }

    /** POST-as-GET on an order of the signer's account. */
    public Future<OrderState> get(SignedRequest request, String orderId) {
        Account account = request.requireAccount();
        request.requirePostAsGet();
        // the read records the request's nonce (issue 18: a client's order poll)
        return owned(orders.findWithAuthzs(orderId, request.nonce()), account);
    }

    /**
     * Loads an order with its authorizations (one query), checking ownership; unknown → 404.
     */
    Future<OrderState> load(String orderId, Account account) {
        return owned(orders.findWithAuthzs(orderId), account);
    }

    private static Future<OrderState> owned(Future<Optional<PgOrderStore.WithAuthzs>> read,
                                            Account account) {
        return read
                .map(found -> found.orElseThrow(() -> AcmeProblem.notFound("order")))
                .map(found -> {
                    OwnershipCheck.check(found.order().accountId(), account, "order");
                    return new OrderState(found.order(), found.authzs());
                });
    }
}
