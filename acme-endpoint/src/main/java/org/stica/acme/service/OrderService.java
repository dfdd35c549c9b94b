package org.stica.acme.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.Order;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.model.RandomIds;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.store.pg.PgAuthzStore;
import org.stica.acme.store.pg.PgOrderStore;

/**
 * newOrder (RFC 8555 §7.4, RFC 9448 §3) and order POST-as-GET: an order holds one TNAuthList
 * identifier, one authorization and one tkauth-01 challenge ({@code tkauth-type} "atc",
 * RFC 9448 §4), all created pending in one transaction.
 */
public final class OrderService {
    private final PgOrderStore orders;
    private final PgAuthzStore authzs;
    private final NewOrderCheck check;
    private final Clock clock;
    private final Lifetimes lifetimes;

    /** How long new orders and authorizations live. */
    public record Lifetimes(Duration order, Duration authz) {
    }

    public OrderService(PgOrderStore orders, PgAuthzStore authzs, Pattern spcPattern, Clock clock,
                        Lifetimes lifetimes) {
        this.orders = orders;
        this.authzs = authzs;
        this.check = new NewOrderCheck(spcPattern);
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    public Future<OrderState> newOrder(SignedRequest request) {
        Account account = request.requireAccount();
        OrderRequest wanted = check.check(request.jsonPayload());
        Instant now = clock.instant();
        Order order = new Order(RandomIds.next(), account.id(), OrderStatus.PENDING,
                now.plus(lifetimes.order()), wanted.identifierValue(), wanted.identifierDer(),
                wanted.spc(), wanted.notBefore(), wanted.notAfter(), Optional.empty(),
                Optional.empty(), Optional.empty());
        Authz authz = new Authz(RandomIds.next(), order.id(), account.id(), AuthzStatus.PENDING,
                now.plus(lifetimes.authz()), wanted.identifierValue(), wanted.identifierDer(),
                Optional.empty(), false);
        Challenge challenge = new Challenge(RandomIds.next(), authz.id(), RandomIds.next(),
                ChallengeStatus.PENDING, Optional.empty(), Optional.empty());
        return orders.create(order, authz, challenge, now)
                .map(v -> new OrderState(order, List.of(authz)));
    }

    /** POST-as-GET on an order of the signer's account. */
    public Future<OrderState> get(SignedRequest request, String orderId) {
        Account account = request.requireAccount();
        request.requirePostAsGet();
        return load(orderId, account);
    }

    /** Loads an order with its authorizations, checking ownership; unknown → 404. */
    Future<OrderState> load(String orderId, Account account) {
        return orders.findById(orderId)
                .map(found -> found.orElseThrow(() -> AcmeProblem.notFound("order")))
                .compose(order -> {
                    OwnershipCheck.check(order.accountId(), account, "order");
                    return authzs.findByOrder(order.id()).map(list -> new OrderState(order, list));
                });
    }
}
