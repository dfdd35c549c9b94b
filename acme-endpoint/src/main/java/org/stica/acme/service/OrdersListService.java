package org.stica.acme.service;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.store.pg.PgOrderStore;

/**
 * An account's orders list (RFC 8555 §7.1.2.1): POST-as-GET by the account itself, one page of
 * order URLs, oldest first, with the cursor of the next page when there is one
 * ({@code Link rel="next"}).
 */
public final class OrdersListService {
    private final PgOrderStore orders;
    private final ResourceUrls urls;
    private final int pageSize;

    public OrdersListService(PgOrderStore orders, ResourceUrls urls, int pageSize) {
        this.orders = orders;
        this.urls = urls;
        this.pageSize = pageSize;
    }

    /** One page of order URLs and, when more exist, the URL of the next page. */
    public record Page(List<String> orderUrls, Optional<String> next) {
        public Page {
            orderUrls = List.copyOf(orderUrls);
        }
    }

    public Future<Page> page(SignedRequest request, String accountId, String cursor) {
        Account account = request.requireAccount();
        request.requirePostAsGet();
        if (!account.id().equals(accountId)) {
            return Future.failedFuture(AcmeProblem.unauthorized(
                    "the orders list belongs to another account"));
        }
        int offset = offset(cursor);
        return orders.pageByAccount(accountId, offset, pageSize + 1).map(ids -> {
            boolean more = ids.size() > pageSize;
            List<String> page = (more ? ids.subList(0, pageSize) : ids).stream()
                    .map(urls::order).toList();
            return new Page(page, more ? Optional.of(urls.accountOrders(accountId)
                    + "?cursor=" + (offset + pageSize)) : Optional.empty());
        });
    }

    private static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw AcmeProblem.malformed("'cursor' must be a non-negative integer");
    }
}
