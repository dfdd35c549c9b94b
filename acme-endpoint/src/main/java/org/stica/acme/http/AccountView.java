package org.stica.acme.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.stica.acme.model.Account;
import org.stica.acme.service.ResourceUrls;

/** The account object (RFC 8555 §7.1.2). */
final class AccountView {
    private final ResourceUrls urls;

    AccountView(ResourceUrls urls) {
        this.urls = urls;
    }

    JsonObject toJson(Account account) {
        return new JsonObject()
                .put("status", account.status().wire())
                .put("contact", new JsonArray(account.contact()))
                .put("termsOfServiceAgreed", account.termsOfServiceAgreed())
                .put("orders", urls.accountOrders(account.id()));
    }
}
