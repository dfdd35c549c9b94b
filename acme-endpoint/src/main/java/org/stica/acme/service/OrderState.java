package org.stica.acme.service;

import java.util.List;
import org.stica.acme.model.Authz;
import org.stica.acme.model.Order;

/** An order with its authorizations, what the order resource renders (RFC 8555 §7.1.3). */
public record OrderState(Order order, List<Authz> authorizations) {
    public OrderState {
        authorizations = List.copyOf(authorizations);
    }
}
